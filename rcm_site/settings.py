"""Settings for the RCM meetings site.

Everything that differs between a laptop and production comes from the environment,
with safe local defaults: an SQLite file, DEBUG off unless asked for. Production refuses
to start when a required variable is missing, naming it.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (got {value!r}).")


def env_list(name):
    return [
        item.strip() for item in os.environ.get(name, "").split(",") if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY to a long random string (or DJANGO_DEBUG=1 for local "
            "development). Generate one with: python -c "
            "'from django.core.management.utils import get_random_secret_key as k; print(k())'"
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set DJANGO_ALLOWED_HOSTS to the comma-separated host names the site answers to "
        "(for example DJANGO_ALLOWED_HOSTS=rcm.example.org), or DJANGO_DEBUG=1 locally."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First, so that its loaddata (which validates every row) is the one that runs,
    # rather than modeltranslation's, which it extends.
    "rcm_site.apps.SiteConfig",
    # Before the admin, as modeltranslation requires: it patches the admin's forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "people",
    "events",
    "releases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rcm_site.middleware.SiteCSPMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (Django's documented order): picks the
    # language from the URL prefix, and sends an unprefixed public path to the
    # reader's language.
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known; it answers from the cache once the URL resolves.
    "rcm_site.middleware.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rcm_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rcm_site.context_processors.canonical_url",
                "rcm_site.context_processors.languages",
            ],
        },
    },
]

WSGI_APPLICATION = "rcm_site.wsgi.application"


def database_config():
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    # Each worker keeps its connection between requests, checked before reuse:
    # under gunicorn, opening SQLite with its pragmas cost more than a cached page.
    config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["ENGINE"] = "rcm_site.sqlite"
        # WAL lets readers work during a write; IMMEDIATE takes the write lock at the
        # start of a transaction so that concurrent writers wait (up to the timeout)
        # instead of failing mid-transaction with "database is locked".
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASES = {"default": database_config()}

AUTHENTICATION_BACKENDS = [
    # First: refuses logins while an account and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ---- Languages -----------------------------------------------------------------
# The RCM works in Spanish and English. Every public page lives under /en/ and /es/
# (rcm_site.urls); content fields have a column per language (modeltranslation, see
# each app's translation.py), and an empty one falls back to the other language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "es")}
# Fixtures name every translated column (title_en, title_es) themselves.
MODELTRANSLATION_AUTO_POPULATE = False
# The RCM Technical Secretariat works from San José; publish times are set in its zone.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/Costa_Rica")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Uploads go to MEDIA_ROOT, served by Django itself unless DJANGO_MEDIA_BY_PROXY=1 says
# the proxy serves /media/ (README, Deployment); or, with DJANGO_MEDIA_STORAGE=s3, to an
# S3-compatible object store through django-storages, for several servers.
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "filesystem")
SERVE_MEDIA = MEDIA_STORAGE == "filesystem" and not env_bool("DJANGO_MEDIA_BY_PROXY")
if MEDIA_STORAGE == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("DJANGO_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("DJANGO_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    if not DEFAULT_STORAGE["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_STORAGE=s3 needs DJANGO_S3_BUCKET (and the usual "
            "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, DJANGO_S3_ENDPOINT_URL for a "
            "non-AWS store)."
        )
elif MEDIA_STORAGE == "filesystem":
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE must be filesystem or s3.")

STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- Caching -------------------------------------------------------------------
# Redis when REDIS_URL is set (shared by all workers); otherwise each process keeps
# its own local-memory cache. Public pages are cached there under a version of the
# content that every committed change replaces; the version itself is kept in the
# database, where every worker reads the same one (see rcm_site.page_cache).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    )
}
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", 600))
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", default=True)
# A streamed download (CSV) is kept like a page when the whole of it fits in this many
# bytes. At 256 KB a year of meetings, or one person's or meeting's statements (tens of
# KB), come from the cache, while the lists of every person or statement (MBs) stream
# afresh. The cap bounds the copy a worker holds while it streams, and what one entry
# adds to a local-memory cache (1,000 entries a worker: 256 MB at worst, were each a
# different near-cap download; Redis, with its own memory limit, is the production
# cache).
PAGE_CACHE_MAX_STREAM_BYTES = int(
    os.environ.get("DJANGO_PAGE_CACHE_MAX_STREAM_BYTES", 256 * 1024)
)
# The largest press release the admin reads (releases.reading): a release is a few KB
# of text, a PDF of one a few hundred.
RELEASE_MAX_BYTES = 2 * 1024 * 1024
# Its text, pasted or read from the file: a long release is 10,000 characters, and
# reading one takes about a second per 50,000.
RELEASE_MAX_CHARACTERS = 100_000
# Requests whose cost grows with the data (rcm_site.heavy): at most this many run at
# once on a machine, the others are answered 503 with Retry-After. Below the number of
# workers, so that readers always find one free (make serve starts 2 a core, plus one).
HEAVY_REQUESTS_AT_ONCE = int(os.environ.get("DJANGO_HEAVY_REQUESTS", 2))
# The whole lists' CSV files, one per content version, and the lock files of the limit
# above: a directory on the machine's own disk (flock), made on first use by the user
# the site runs as.
EXPORTS_ROOT = Path(os.environ.get("DJANGO_EXPORTS_ROOT", BASE_DIR / "exports"))
# make bench adds a bare HttpResponse view to measure pages against.
BENCHMARK = env_bool("DJANGO_BENCHMARK")

# ---- Security ------------------------------------------------------------------
# Behind a TLS-terminating proxy (DJANGO_SECURE_PROXY=1) the site trusts the proxy's
# X-Forwarded-Proto, redirects plain HTTP and marks cookies secure. Without it (tests,
# a gunicorn on 127.0.0.1) the site speaks plain HTTP.
SECURE_PROXY = env_bool("DJANGO_SECURE_PROXY")
if SECURE_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_SSL_HOST = None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp). No inline script or style anywhere on the public
# site; the admin's allowance is in rcm_site.middleware.SiteCSPMiddleware.
MEDIA_ORIGIN = os.environ.get("DJANGO_MEDIA_ORIGIN", "")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# django-axes: five failed admin logins for one account from one address lock that
# pair out for an hour; every failure is logged (logger "axes").
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind the proxy, from the address it appends to X-Forwarded-For: else every client
# would be the proxy, and five bad logins from anyone would lock any account.
AXES_CLIENT_IP_CALLABLE = "rcm_site.client_address.client_address"

# Mail: publishers are told when a draft is ready for review (rcm_site.review). Without
# DJANGO_EMAIL_HOST, as in development, each message is written to the console (the
# service's log) instead of being sent.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=not EMAIL_USE_SSL)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Fixtures are *.fixture files, read with messages that name what is wrong.
SERIALIZATION_MODULES = {"fixture": "rcm_site.serializers"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
