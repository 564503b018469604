from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from omzien import sitemaps, views
from omzien.language import switch_language

# The admin's own login form would bypass allauth's rate limits and two-factor step.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = admin.site.site_title = "Omzien naar Elkaar"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", TemplateView.as_view(template_name="omzien/privacy.html"), name="privacy"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="omzien/accessibility.html"),
        name="accessibility",
    ),
    path("contact/", TemplateView.as_view(template_name="omzien/contact.html"), name="contact"),
    path("coordination/", views.coordination, name="coordination"),
    path("coordination/<slug:key>/", views.coordination_queue, name="coordination-queue"),
    path("initiatives/", include("initiatives.urls")),
    path("meetings/", include("meetings.urls")),
    path("knowledge/", include("knowledgebase.urls")),
    path("fund/", include("fund.urls")),
    # The public pages of the whole portal, for search engines (each app registers its own).
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path("language/", switch_language, name="switch-language"),
    path("accounts/", include("allauth.urls")),
    path("my-account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # In production the web server in front serves MEDIA_ROOT (see README).
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCHMARK:
    urlpatterns.append(path("bench/trivial", views.trivial, name="bench-trivial"))
