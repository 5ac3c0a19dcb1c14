"""Jamaati settings, read from environment variables (see docs/operations.md).

Defaults are safe for production: DEBUG off, secure cookies, HSTS. `make run` and `make test`
set JAMAATI_ENV=development, which relaxes only what plain-HTTP local serving needs.
"""

import contextlib
import secrets
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from jamaati.envvars import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("JAMAATI_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env("JAMAATI_ENV", "production")
if ENVIRONMENT not in {"production", "development"}:
    raise ImproperlyConfigured("JAMAATI_ENV must be 'production' or 'development'.")
IS_DEVELOPMENT = ENVIRONMENT == "development"

DEBUG = env_bool("DJANGO_DEBUG", default=False)


def _secret_key() -> str:
    """The SECRET_KEY from the environment; in development, one generated once under var/."""
    key = env("SECRET_KEY", "")
    if key:
        return key
    if not IS_DEVELOPMENT:
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if IS_DEVELOPMENT else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The public address printed on issued documents (the QR code opens <it>/<lang>/verify/<code>/).
JAMAATI_PUBLIC_URL = env("JAMAATI_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "jamaati.core",
    "jamaati.accounts",
    "jamaati.catalogue",
    "jamaati.cases",
    "jamaati.complaints",
    "jamaati.information",
    "jamaati.transparency",
    "jamaati.council",
    "jamaati.civil_status",
    "jamaati.web",
    "jamaati.api",
    "ninja",  # serves the Swagger UI of /api/v1/docs from our static files (CSP: self only)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jamaati.core.http.HardeningMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jamaati.core.tenancy.middleware.CollectivityMiddleware",
    "jamaati.accounts.middleware.StaffSecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jamaati.urls"
WSGI_APPLICATION = "jamaati.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jamaati.web.context_processors.shell",
            ],
        },
    },
]

# The embedded default is SQLite under var/; production sets DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jamaati.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not shared-cache memory, so concurrent test writers wait on the lock as in use.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_jamaati.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "jamaati.accounts.backends.EmailOrUsernameBackend",
    "jamaati.core.access.backends.PolicyBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Lockout after repeated failures (django-axes): per user name and address, 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
# Complaints without an account: filings per client address and hour (same address as axes).
COMPLAINTS_ANONYMOUS_PER_HOUR = env_int("COMPLAINTS_ANONYMOUS_PER_HOUR", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Jamaati"

LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("fr", _("French")),
    ("zgh", _("Tamazight")),
]
LANG_INFO["zgh"] = {
    "bidi": False,
    "code": "zgh",
    "name": "Standard Moroccan Tamazight",
    "name_local": "ⵜⴰⵎⴰⵣⵉⵖⵜ",
}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Number grouping for Arabic and Tamazight (Django's own Arabic formats do not group digits).
FORMAT_MODULE_PATH = ["jamaati.web.formats"]
LANGUAGE_COOKIE_SECURE = not IS_DEVELOPMENT
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Web fonts subset from the fontpkg packages by `manage.py build_fonts` (a build product, like
# the .mo files); served as static/web/fonts/. Run build_fonts before collectstatic.
FONTS_BUILD_DIR = Path(env("JAMAATI_FONTS_BUILD_DIR", str(VAR_DIR / "fonts-build")))
# A read-only deployment that ships the built fonts elsewhere may not create the directory.
with contextlib.suppress(OSError):
    FONTS_BUILD_DIR.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [("web/fonts", FONTS_BUILD_DIR)] if FONTS_BUILD_DIR.is_dir() else []
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "media")},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not IS_DEVELOPMENT
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Mail and SMS: console backends by default, real ones by configuration.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Jamaati <no-reply@jamaati.ma>")
SMS_BACKEND = env("SMS_BACKEND", "jamaati.core.notify.sms.ConsoleSmsBackend")

# Security headers and cookies; relaxed only for plain-HTTP local serving.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_SECURE = not IS_DEVELOPMENT
CSRF_COOKIE_SECURE = not IS_DEVELOPMENT
# __Host- cookies are bound to this exact host over HTTPS (no Domain, Path=/).
if not IS_DEVELOPMENT:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not IS_DEVELOPMENT)
SECURE_HSTS_SECONDS = 0 if IS_DEVELOPMENT else env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not IS_DEVELOPMENT
SECURE_HSTS_PRELOAD = not IS_DEVELOPMENT
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Uploads: bounded in size and count (DESIGN.md, Security).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# Email verification and password-reset links stay valid for three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Demo helpers (printing TOTP codes) exist only in development.
JAMAATI_DEMO_TOOLS = IS_DEVELOPMENT

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
