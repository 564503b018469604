"""Settings of the Omzien naar Elkaar portal, driven by environment variables only.

With DEBUG off (the default) the portal refuses to start without SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL. The README lists every variable.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from accounts.roles import ROLES_OF_TRUST
from omzien import pdok
from omzien.embedded_db import embedded_database_url
from omzien.env import env_bool, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
_PRODUCTION = "when DEBUG is off"

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY") or "development-only-key-never-used-in-production"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
    DATABASE_URL = env_str("DATABASE_URL") or embedded_database_url()
else:
    SECRET_KEY = env_required("SECRET_KEY", _PRODUCTION)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        env_required("ALLOWED_HOSTS", _PRODUCTION)
    DATABASE_URL = env_required("DATABASE_URL", _PRODUCTION)

# Routes the benchmark's yardstick view (bench/); never set in production.
BENCHMARK = env_bool("BENCHMARK", default=False)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The portal's public address, for links in e-mails sent outside a request (the reminder timer).
SITE_URL = env_str(
    "SITE_URL", "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}"
).rstrip("/")

INSTALLED_APPS = [
    "accounts",
    "omzien",
    "omzien.search",
    "initiatives",
    "meetings",
    "knowledgebase",
    "fund",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_filters",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "reversion",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "omzien.outage.DatabaseOutageMiddleware",
    "omzien.site_address.SiteAddressMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "omzien.language.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "omzien.sessions.AuthenticationMiddleware",  # Django's, with the person read with the session
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "omzien.urls"
WSGI_APPLICATION = "omzien.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "omzien.context_processors.portal",
            ],
        },
    },
]

# Database: persistent connections, checked before reuse so a restarted server costs no request;
# the check is a look at the socket, not a query (omzien/db/base.py).
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
        engine="omzien.db",
    )
}
# The planner's price of a random page read, as for SSDs (PostgreSQL's default, 4, assumes
# spinning disks). At 4 it reads a third of the knowledge base row by row to count a common word's
# matches (1.5 s at 100,000 items) instead of counting them from the partial GIN index (20 ms):
# bench/knowledge_search_plans.py. An `options` in DATABASE_URL wins.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c random_page_cost=1.1")
# Two test runs against one server need their own test databases (default: test_<name>).
if env_str("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches (issue 6, point 2.1). `default` holds allauth's and the portal's rate-limit
# counters, shared by every process and machine, and never culls a live key: a lock-out survives
# any amount of other traffic. `fragments` holds rendered parts of pages and counts, keyed by the
# content version (omzien/content_version.py), so a copy is never stale; by default it lives in
# each process's memory (fast, nothing to install), or set FRAGMENT_CACHE_BACKEND to Django's
# Redis backend to share it between processes.
CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "omzien.cache_backends.LockOutSafeDatabaseCache"),
        "LOCATION": env_str("CACHE_LOCATION", "omzien_cache"),
    },
    "fragments": {
        "BACKEND": env_str(
            "FRAGMENT_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": env_str("FRAGMENT_CACHE_LOCATION", "omzien-fragments"),
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# Sessions stay in the database, so they can be ended on the server (a deleted account ends every
# session at once); read in one plain query with the person, their roles and the content version
# (omzien/sessions.py).
SESSION_ENGINE = "omzien.sessions"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    # allauth's, loading the signed-in person with one plain query (accounts/backends.py).
    "accounts.backends.PortalAuthenticationBackend",
]
# Django's rules, with Dutch messages in the portal's words.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.password_rules.NotLikeYourDetails"},
    {"NAME": "accounts.password_rules.LongEnough", "OPTIONS": {"min_length": 10}},
    {"NAME": "accounts.password_rules.NotCommon"},
    {"NAME": "accounts.password_rules.NotOnlyDigits"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:overview"

# django-allauth: e-mail only, verified before first use, nothing that tells whether an address
# has an account (allauth's enumeration prevention is on by default and stays on).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Omzien naar Elkaar] "
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Tells a person by e-mail when their password, address or two-factor login changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Proxies in front of the app that append to X-Forwarded-For (rate limits count per visitor).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Omzien naar Elkaar"
# Groups whose members must use two-factor authentication (staff, for the admin, always must).
TWO_FACTOR_GROUPS = list(ROLES_OF_TRUST)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: SMTP in production; in development every message is written to var/mail/.
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Omzien naar Elkaar <noreply@omziennaarelkaar.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "info@omziennaarelkaar.nl")
# Every e-mail is queued in the database with the change it reports and sent by the worker
# (`manage.py db_worker`, see README); the tests run each task at once instead.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Security headers on every response; the strict parts only where the site is served over HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# Content-Security-Policy: own files only, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", pdok.HOST],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
    },
}
