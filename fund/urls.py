from django.urls import path

from fund.views import applications, reading

app_name = "fund"

urlpatterns = [
    path("", reading.index, name="index"),
    # applications (views/applications.py)
    path("rounds/<slug:slug>/apply/", applications.apply, name="apply"),
    path("applications/", applications.my_applications, name="my-applications"),
    path("applications/<int:pk>/", applications.detail, name="application"),
    path("applications/<int:pk>/edit/", applications.edit, name="application-edit"),
    path("applications/<int:pk>/submit/", applications.submit, name="application-submit"),
    path("applications/<int:pk>/withdraw/", applications.withdraw, name="application-withdraw"),
    path(
        "applications/<int:pk>/revisions/",
        applications.revision_list,
        name="application-revisions",
    ),
    path(
        "applications/<int:pk>/attachments/",
        applications.attachment_list,
        name="application-attachments",
    ),
    path(
        "applications/<int:pk>/attachments/<int:attachment>/delete/",
        applications.attachment_delete,
        name="application-attachment-delete",
    ),
    path(
        "files/applications/<int:attachment>/<str:name>",
        applications.attachment_file,
        name="application-file",
    ),
]
