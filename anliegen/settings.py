"""Deployment settings, read from environment variables (documented in .env.example).

Organisational policy (routing thresholds, SLAs, retention, text modules) is data edited by
admins, never a setting here.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ANLIEGEN_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """Use SECRET_KEY, else a key generated once and kept in var/ so restarts keep sessions."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# A failed check shows what was sent and lets the visitor send it again (not Django's bare page).
CSRF_FAILURE_VIEW = "anliegen.portal.views.csrf.failure"
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CITY_NAME = os.environ.get("CITY_NAME", "Stadt Koblenz (Demo)")
# --- Defect reports in public (issue 18) ----------------------------------------------------
# Map tiles for the location pin and /meldungen/ ({z}/{x}/{y} template); empty: no map, the
# street field and the list are the whole page. Its origin is added to the CSP's img-src.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_ATTRIBUTION = os.environ.get("MAP_ATTRIBUTION", "")
# "Schon gemeldet?": open reports within this many metres of the spot are shown before sending.
NEARBY_RADIUS_METRES = int(os.environ.get("NEARBY_RADIUS_METRES", "50"))

# --- Legal pages of the citizen portal (Impressum, Datenschutz) ------------------------------
IMPRINT_NAME = os.environ.get("IMPRINT_NAME") or CITY_NAME
IMPRINT_ADDRESS = os.environ.get("IMPRINT_ADDRESS", "Willi-Hörter-Platz 1, 56068 Koblenz")
IMPRINT_EMAIL = os.environ.get("IMPRINT_EMAIL", "stadtverwaltung@koblenz.example")
IMPRINT_PHONE = os.environ.get("IMPRINT_PHONE", "0261 129-0")
IMPRINT_REPRESENTATIVE = os.environ.get("IMPRINT_REPRESENTATIVE", "Der Oberbürgermeister")
DPO_NAME = os.environ.get("DPO_NAME", "Behördliche Datenschutzbeauftragte")
DPO_ADDRESS = os.environ.get("DPO_ADDRESS", "Willi-Hörter-Platz 1, 56068 Koblenz")
DPO_EMAIL = os.environ.get("DPO_EMAIL", "datenschutz@koblenz.example")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    # Before django_tasks_db: its db_worker command is replaced by the resilient one.
    "anliegen.ops",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "anliegen.core",
    "anliegen.organization",
    "anliegen.catalog",
    "anliegen.routing",
    "anliegen.tickets",
    "anliegen.procedures",
    "anliegen.defects",
    "anliegen.privacy",
    "anliegen.dataprotection",
    "anliegen.portal",
    "anliegen.workspace",
    "anliegen.channels.email",
    "anliegen.demo",
    "ninja",
    "anliegen.channels.api",
    "anliegen.integrations",
    "anliegen.jobs",
    "anliegen.reports",
]

MIDDLEWARE = [
    "anliegen.ops.proxy.TrustedProxyMiddleware",
    # Outside everything that renders, so that no page shows a bidi override or control
    # character from an older row (anliegen/core/display.py).
    "anliegen.core.display.DisplayNeutralisingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "anliegen.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication (a signed-in user's every page is personal); inside WhiteNoise, so
    # static files keep their long cache (anliegen/core/no_store.py).
    "anliegen.core.no_store.NoStoreMiddleware",
    # Each request remembers the user's offices once (anliegen/core/memo.py).
    "anliegen.core.memo.RequestMemoMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "anliegen.workspace.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the sign-in response and can turn it into the lock-out page.
    "axes.middleware.AxesMiddleware",
    # Innermost, so that a view's wait in vain for the database becomes the 503 page first.
    "anliegen.ops.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "anliegen.urls"
WSGI_APPLICATION = "anliegen.wsgi.application"
AUTH_USER_MODEL = "organization.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "anliegen" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "anliegen.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'anliegen.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait (busy timeout)
        # instead of failing on a lock upgrade; WAL lets readers run beside the one writer.
        "transaction_mode": "IMMEDIATE",
        # Seconds a writer waits for the lock; below gunicorn's 30 s timeout, so a request
        # that waits in vain still gets the 503 page (anliegen/ops/unavailable.py).
        "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    if "TEST" not in DATABASES["default"]:
        # A file (not :memory:) so that threads and the live server share the test database.
        _name = Path(str(DATABASES["default"]["NAME"]))
        DATABASES["default"]["TEST"] = {"NAME": str(_name.with_name(_name.stem + "-test.sqlite3"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs 100 ms and more on the large inbox and search queries and never
    # pays off for short OLTP requests (docs/performance.md).
    # A statement waiting longer than DB_LOCK_TIMEOUT seconds for a lock gives up, so a
    # request answers the 503 page before gunicorn's 30 s timeout drops it.
    _lock_ms = int(float(os.environ.get("DB_LOCK_TIMEOUT", "20")) * 1000)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit=off -c lock_timeout={_lock_ms}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Tasks ----------------------------------------------------------------------------------
TASK_BACKEND = os.environ.get("TASK_BACKEND", "database")
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
}
TASKS = {"default": _TASK_BACKENDS[TASK_BACKEND]}
# A task RUNNING longer than this lost its worker (SIGKILL, crash) and is queued again by the
# next db_worker; after TASK_MAX_ATTEMPTS claims it fails for good (anliegen/ops/worker.py).
TASK_STALE_SECONDS = int(os.environ.get("TASK_STALE_SECONDS", "900"))
# The weekly check of the catalogue's online-service and appointment links waits this long
# per address (seconds) before it counts the link as unreachable.
CATALOGUE_LINK_TIMEOUT = float(os.environ.get("CATALOGUE_LINK_TIMEOUT", "10"))
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "5"))
# Finished task rows (arguments and results may hold personal data) are deleted after this
# many days by the daily job jobs.delete_finished_tasks (anliegen/jobs/retention.py).
TASK_RESULT_RETENTION_DAYS = int(os.environ.get("TASK_RESULT_RETENTION_DAYS", "7"))
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {
    "default": {
        "URL": REDIS_URL,
        "DEFAULT_TIMEOUT": 600,
        # Jobs carry retries, so a job of a killed worker runs again (anliegen/ops/rq.py).
        "QUEUE_CLASS": "anliegen.ops.rq.RetryingQueue",
    }
}
# `manage.py rqworker` must run jobs with django-tasks-rq's job class.
RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
if TASK_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
# Queue that the periodic-job scheduler enqueues into (must be one the backend serves).
PERIODIC_JOBS_QUEUE = os.environ.get("PERIODIC_JOBS_QUEUE", "default")

# --- Cache (rate limits, one-time spam proofs, sign-in throttling) --------------------------
# Shared by every web process and worker: a per-process memory cache would multiply each limit
# by the number of processes. The database is the embedded default; Redis when configured.
CACHE_URL = os.environ.get("CACHE_URL", "db://")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL == "locmem://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "anliegen_cache",
        }
    }

# Portal submissions per client address and hour. Raise only for a load test on loopback,
# where every simulated citizen shares 127.0.0.1.
PORTAL_RATE_LIMIT = int(os.environ.get("PORTAL_RATE_LIMIT", 10))
# Tries of /sachstand/ (Aktenzeichen + verifier) per client address and hour.
PORTAL_STATUS_LOOKUPS_PER_HOUR = int(os.environ.get("PORTAL_STATUS_LOOKUPS_PER_HOUR", 10))
# Unknown tracking links one client address may open per hour before it gets a 429 page.
PORTAL_TRACKING_GUESSES_PER_HOUR = int(os.environ.get("PORTAL_TRACKING_GUESSES_PER_HOUR", 30))

# Optional virus scan of every upload (portal, e-mail attachments) by a running clamd:
# CLAMD_SOCKET (unix socket path) or CLAMD_HOST / CLAMD_PORT. When clamd cannot be asked,
# uploads are refused (fail closed) unless CLAMD_FAIL_OPEN is true (then accepted and logged).
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", 3310))
CLAMD_TIMEOUT = float(os.environ.get("CLAMD_TIMEOUT", 30))
CLAMD_FAIL_OPEN = env_bool("CLAMD_FAIL_OPEN", False)

# --- Auth and sessions ----------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "workspace:login"
AUTHENTICATION_BACKENDS = [
    # First: refuses every backend below while a name or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the DPO role and 2FA device with the user (one query).
    "anliegen.privacy.backends.StaffBackend",
]
# Sign-in throttling (django-axes): after 5 failures for a user name or from an address,
# 15 minutes' wait; counted in the database, so it holds across processes and servers.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_MINUTES", 15)) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "anliegen.workspace.views.auth.locked_out"
AXES_VERBOSE = False
# Two-factor sign-in (TOTP, django-otp): required for every member of staff when true;
# otherwise only for those who have set up an authenticator app.
OTP_REQUIRED = env_bool("OTP_REQUIRED", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Anliegen")

# Optional single sign-on through OpenID Connect (docs/privacy/security.md). Staff accounts
# must exist (matched by e-mail) unless OIDC_CREATE_USER is true.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
if OIDC_RP_CLIENT_ID:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("mozilla_django_oidc.auth.OIDCAuthenticationBackend")
    OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
    OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", False)
    LOGIN_REDIRECT_URL = "/arbeitsplatz/"

# Optional LDAP / Active Directory sign-in (pip extra "ldap"; docs/privacy/security.md).
LDAP_SERVER_URI = os.environ.get("LDAP_SERVER_URI", "")
if LDAP_SERVER_URI:
    import ldap
    from django_auth_ldap.config import LDAPSearch

    AUTHENTICATION_BACKENDS.insert(1, "django_auth_ldap.backend.LDAPBackend")
    AUTH_LDAP_SERVER_URI = LDAP_SERVER_URI
    AUTH_LDAP_BIND_DN = os.environ.get("LDAP_BIND_DN", "")
    AUTH_LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "")
    AUTH_LDAP_USER_SEARCH = LDAPSearch(
        os.environ.get("LDAP_USER_BASE", "ou=people,dc=example,dc=org"),
        ldap.SCOPE_SUBTREE,
        os.environ.get("LDAP_USER_FILTER", "(uid=%(user)s)"),
    )
    AUTH_LDAP_USER_ATTR_MAP = {"first_name": "givenName", "last_name": "sn", "email": "mail"}
    AUTH_LDAP_START_TLS = env_bool("LDAP_START_TLS", False)
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG and SITE_URL.startswith("https://"))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0))
# Only when every subdomain of the city's domain is served over TLS (check with IT first).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Reverse proxies whose X-Forwarded-For is believed (anliegen/ops/proxy.py), e.g. 127.0.0.1.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- I18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "anliegen" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "anliegen" / "static",
    ("vendor/kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    # The map of the location pin and /meldungen/ (only with MAP_TILE_URL).
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": os.environ.get("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage":
    # S3-compatible object storage (MinIO, Ceph, a cloud bucket); keys come from the
    # standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables.
    STORAGES["default"]["OPTIONS"] = {
        "bucket_name": os.environ.get("S3_BUCKET", "anliegen-media"),
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION") or None,
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------
# The default prints mails to the worker's output with tracking links masked.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "anliegen.ops.mail.MaskingConsoleBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "anliegen@koblenz.example")
# PEM file of CA certificates trusted for IMAP over TLS in addition to the system's (e.g. the
# city's internal CA); certificates are always verified, host name included.
IMAP_CA_FILE = os.environ.get("IMAP_CA_FILE", "")

# --- Logging --------------------------------------------------------------------------------
# LOG_FORMAT=json: one JSON object per line (anliegen/ops/logs.py) for log collectors.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "anliegen.ops.logs.MaskingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "json": {"()": "anliegen.ops.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
