# Over 400 lines on purpose: every environment variable is read in this one module.
"""Settings for the workbench: one module, every value read from the environment.

``.env.example`` lists the variables. With none set the workbench runs on an embedded
default that needs no server: SQLite under ``var/`` and Celery on kombu's filesystem
transport. ``DATABASE_URL`` and ``REDIS_URL`` switch to PostgreSQL and Redis.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from workbench.envfile import load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name)
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_float(name: str, default: float) -> float:
    value = env(name)
    try:
        return float(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, got {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# A development .env, only when told (manage.py and scripts/run.py tell it the checkout's
# .env, which `make run` writes); never over a variable already set. workbench/envfile.py.
if env("DJANGO_ENV_FILE"):
    try:
        load_env_file(env("DJANGO_ENV_FILE"))
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from exc

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG-on"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The public address of this workbench, for links that leave it (webhook payloads).
WORKBENCH_BASE_URL = env("WORKBENCH_BASE_URL")
VAR_DIR = Path(env("WORKBENCH_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and ReDoc assets served locally, no CDN
    "simple_history",
    "sources",
    "claims",
    "integrations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # a form over DATA_UPLOAD_MAX_MEMORY_SIZE: the page again with a message, not a bare 400
    "workbench.middleware.OversizeFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "workbench.urls"
WSGI_APPLICATION = "workbench.wsgi.application"

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
            ],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL, else an SQLite file under var/.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # As for the embedded default below (a worker given the test database's URL too):
        # writers queue for the lock instead of failing with "database is locked".
        DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "db.sqlite3"),
            # A file, not memory, so that a worker process can share the test database.
            "TEST": {"NAME": str(VAR_DIR / "test-db.sqlite3")},
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("WORKBENCH_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    # Archived bodies and WARC files. Never served from MEDIA_URL: the admin streams
    # them as attachments with sandboxing headers.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security. Behind a TLS-terminating proxy, set DJANGO_SECURE_PROXY_SSL_HEADER=1.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Debug pages and error reports never show DATABASE_URL, REDIS_URL or any URL's password.
DEFAULT_EXCEPTION_REPORTER_FILTER = "workbench.debug.SecretsHidingFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "workbench.debug.PasswordHidingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("WORKBENCH_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The cache holds API throttle counters. Per process by default; set CACHE_URL to a Redis
# database of its own (not the broker's: clearing a cache flushes its database) to share them.
CACHE_URL = env("CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

REDIS_URL = env("REDIS_URL")

# Celery. Redis when REDIS_URL is set, else kombu's filesystem transport under var/broker,
# which needs no broker process: the worker is a real `celery worker` either way.
CELERY_BROKER_DIR = Path(env("CELERY_BROKER_DIR", str(VAR_DIR / "broker")))
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 150)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Above the hard time limit, so a running task is never redelivered to a second worker.
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT * 4),
        # How often a worker looks for messages whose consumer died (unacked past the timeout).
        "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
        "unacked_restore_throttle": env_int("CELERY_UNACKED_RESTORE_THROTTLE", 10),
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
        "polling_interval": 0.1,  # seconds between looks at the queue folder (default 1)
    }
    for _folder in ("queue", "control"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Reuse each worker process's database connection across tasks. Without this, Celery's Django
# fix-up closes the connection before and after every task, and every archive task paid for a
# new PostgreSQL connection (7% of its time, issue 15). The fix-up now closes it only once
# every CELERY_DB_REUSE_MAX tasks; between tasks workbench/celery.py still applies Django's
# own rules (``close_old_connections``: a connection older than CONN_MAX_AGE or one that saw
# an error is closed, as after a web request), so a restarted database costs one failed
# attempt, which the task retries.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 1000)
# One queue per kind of work, each served by workers of its own (workbench/celery.py, WORKERS):
# extraction never waits behind archiving or webhook deliveries.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "claims.tasks.extract_article_claims": {"queue": "extract"},
    "claims.tasks.fetch_article": {"queue": "archive"},  # a page fetch, like archiving
    "sources.tasks.extract_snapshot_text": {"queue": "text"},  # the text step, after capture
    "sources.tasks.*": {"queue": "archive"},
    "integrations.tasks.deliver_webhook": {"queue": "webhooks"},
}
# Time limits that fit each queue (soft: the task records why it stopped; hard: the process is
# killed and replaced). Archiving uses CELERY_TASK_(SOFT_)TIME_LIMIT above; evidence 60/90 s.
EXTRACT_SOFT_TIME_LIMIT = env_int("EXTRACT_SOFT_TIME_LIMIT", 60)
EXTRACT_TIME_LIMIT = env_int("EXTRACT_TIME_LIMIT", 75)
WEBHOOK_SOFT_TIME_LIMIT = env_int("WEBHOOK_SOFT_TIME_LIMIT", 20)
WEBHOOK_TIME_LIMIT = env_int("WEBHOOK_TIME_LIMIT", 30)
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-snapshots": {
        "task": "sources.tasks.requeue_stuck_snapshots",
        "schedule": timedelta(minutes=5),
    },
    "link-rot-watch": {
        "task": "sources.tasks.schedule_live_checks",
        "schedule": timedelta(minutes=30),
    },
    "refresh-stale-evidence": {
        "task": "claims.tasks.find_stale_evidence",
        "schedule": timedelta(minutes=5),
    },
    "requeue-stuck-webhooks": {
        "task": "integrations.tasks.requeue_stuck_deliveries",
        "schedule": timedelta(minutes=5),
    },
    "requeue-stuck-extractions": {
        "task": "claims.tasks.requeue_stuck_extractions",
        "schedule": timedelta(minutes=5),
    },
    "retrain-checkworthiness": {
        "task": "claims.tasks.retrain_checkworthiness_if_due",
        "schedule": timedelta(minutes=env_float("TRIAGE_RETRAIN_CHECK_MINUTES", 15.0)),
    },
}

# Triage (claims/triage, docs/triage.md): the check-worthiness model learns from reviewers'
# decisions. The beat retrains once TRIAGE_RETRAIN_AFTER decisions are new since the last
# training, holding out TRIAGE_HOLDOUT of the examples (by article) to compare the new model
# with the active one; TRIAGE_LABELS_FILE, a labelled CSV/JSON-lines file kept on the server,
# is added to the decisions at every retraining. Article pages show the top TRIAGE_TOP_CLAIMS.
TRIAGE_RETRAIN_AFTER = env_int("TRIAGE_RETRAIN_AFTER", 50)
TRIAGE_HOLDOUT = env_float("TRIAGE_HOLDOUT", 0.2)
TRIAGE_LABELS_FILE = env("TRIAGE_LABELS_FILE")
TRIAGE_TOP_CLAIMS = env_int("TRIAGE_TOP_CLAIMS", 10)
# Admin lists count up to ADMIN_COUNT_CAP rows and show "10,000+" beyond; an unfiltered list
# shows PostgreSQL's estimate instead (claims/admin/changelist.py, docs/reviewing.md).
ADMIN_COUNT_CAP = env_int("ADMIN_COUNT_CAP", 10_000)
# A search (?q=) counts up to ADMIN_SEARCH_COUNT_CAP ("1,000+"): its rows are tested one by one.
ADMIN_SEARCH_COUNT_CAP = env_int("ADMIN_SEARCH_COUNT_CAP", 1_000)
if not 0 < TRIAGE_HOLDOUT < 1:
    raise ImproperlyConfigured("TRIAGE_HOLDOUT must be between 0 and 1 (e.g. 0.2).")

# Article size (claims/services/article_input.py): text over ARTICLE_MAX_BYTES (UTF-8) is
# refused with a message, in the admin, the API and import_article alike. Form and API bodies
# may be larger than the text they carry (URL-encoding, JSON escapes): DATA_UPLOAD_MAX_BYTES
# (Django's DATA_UPLOAD_MAX_MEMORY_SIZE) defaults to 3x the article limit plus 1 MB.
ARTICLE_MAX_BYTES = env_int("ARTICLE_MAX_BYTES", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_BYTES", 3 * ARTICLE_MAX_BYTES + 1024 * 1024)

# Claim extraction (claims/extraction): backend "rules" (offline) or "llm".
CLAIMS_EXTRACTOR_BACKEND = env("CLAIMS_EXTRACTOR_BACKEND", "rules")
# "claim" (what a fact-checker checks; lists kept whole) or "proposition" (finer).
CLAIMS_EXTRACTOR_GRANULARITY = env("CLAIMS_EXTRACTOR_GRANULARITY", "claim")
CLAIMS_LLM_URL = env("CLAIMS_LLM_URL")
CLAIMS_LLM_MODEL = env("CLAIMS_LLM_MODEL")
CLAIMS_LLM_API_KEY = env("CLAIMS_LLM_API_KEY")
CLAIMS_LLM_TIMEOUT = env_float("CLAIMS_LLM_TIMEOUT", 30.0)

# The safe fetcher (sources/fetching). FETCH_ALLOWED_HOSTPORTS opens exact host:port pairs
# that the address policy would refuse (tests' own servers); keep it empty in production.
FETCH_ALLOWED_HOSTPORTS = env_list("FETCH_ALLOWED_HOSTPORTS")
FETCH_ALLOWED_PORTS = [int(p) for p in env_list("FETCH_ALLOWED_PORTS", "80,443,8080,8443")]
FETCH_CONNECT_TIMEOUT = env_float("FETCH_CONNECT_TIMEOUT", 5.0)
FETCH_READ_TIMEOUT = env_float("FETCH_READ_TIMEOUT", 15.0)
FETCH_DEADLINE = env_float("FETCH_DEADLINE", 30.0)
FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", 5)
FETCH_MAX_BYTES_TEXT = env_int("FETCH_MAX_BYTES_TEXT", 20 * 1024 * 1024)
FETCH_MAX_BYTES_PDF = env_int("FETCH_MAX_BYTES_PDF", 100 * 1024 * 1024)
FETCH_USER_AGENT = env(
    "FETCH_USER_AGENT", "FactCheckWorkbench/1.0 (+archiving cited sources for fact-checks)"
)

# Per registrable domain, across all workers (through Redis): concurrent fetches and the
# minimum gap between two fetch starts.
FETCH_DOMAIN_CONCURRENCY = env_int("FETCH_DOMAIN_CONCURRENCY", 2)
FETCH_DOMAIN_INTERVAL = env_float("FETCH_DOMAIN_INTERVAL", 1.0)
FETCH_DOMAIN_WAIT = env_float("FETCH_DOMAIN_WAIT", 30.0)

# Webhooks (integrations/): endpoints per integration, short timeouts per delivery attempt
# (one attempt at a time per endpoint), and the circuit breaker that pauses an endpoint after
# WEBHOOK_BREAKER_FAILURES failed attempts in a row (5 minutes, doubling up to an hour).
WEBHOOK_MAX_ENDPOINTS = env_int("WEBHOOK_MAX_ENDPOINTS", 10)
WEBHOOK_MAX_RETRIES = env_int("WEBHOOK_MAX_RETRIES", 8)
WEBHOOK_CONNECT_TIMEOUT = env_float("WEBHOOK_CONNECT_TIMEOUT", 3.0)
WEBHOOK_READ_TIMEOUT = env_float("WEBHOOK_READ_TIMEOUT", 5.0)
WEBHOOK_DEADLINE = env_float("WEBHOOK_DEADLINE", 10.0)
WEBHOOK_BREAKER_FAILURES = env_int("WEBHOOK_BREAKER_FAILURES", 5)
WEBHOOK_BREAKER_PAUSE = timedelta(seconds=env_int("WEBHOOK_BREAKER_PAUSE_SECONDS", 300))
WEBHOOK_BREAKER_MAX_PAUSE = timedelta(seconds=env_int("WEBHOOK_BREAKER_MAX_PAUSE_SECONDS", 3600))

# Archiving: retries of transient failures, and how long a snapshot may stay claimed.
ARCHIVE_MAX_RETRIES = env_int("ARCHIVE_MAX_RETRIES", 5)
LINKROT_INTERVAL = timedelta(hours=env_float("LINKROT_INTERVAL_HOURS", 24.0))
ARCHIVE_LEASE = timedelta(seconds=env_int("ARCHIVE_LEASE_SECONDS", CELERY_TASK_TIME_LIMIT + 30))
# The text step of a capture (main text, language, then evidence) on the "text" queue; a
# captured snapshot whose text is still pending past TEXT_LEASE is queued again by the sweep
# (counted from the capture, so it covers a backlog on the text queue too).
TEXT_SOFT_TIME_LIMIT = env_int("TEXT_SOFT_TIME_LIMIT", 60)
TEXT_TIME_LIMIT = env_int("TEXT_TIME_LIMIT", 90)
TEXT_LEASE = timedelta(seconds=env_int("TEXT_LEASE_SECONDS", 600))

# Text of archived PDFs (sources/archiving/pdf.py), read in a child process within these limits;
# a file over them fails with the reason (docs/archiving.md, "PDFs").
PDF_TEXT_MAX_BYTES = env_int("PDF_TEXT_MAX_BYTES", 100 * 1024 * 1024)
PDF_TEXT_MAX_PAGES = env_int("PDF_TEXT_MAX_PAGES", 2000)
PDF_TEXT_MAX_CHARS = env_int("PDF_TEXT_MAX_CHARS", 5_000_000)
PDF_TEXT_SECONDS = env_float("PDF_TEXT_SECONDS", 30.0)
PDF_TEXT_MEMORY_MB = env_int("PDF_TEXT_MEMORY_MB", 1024)

# How a cited page is captured (docs/archiving.md, "Browser capture"): "http" (the raw
# response), "browser" (headless Chromium, every request through the safe fetcher, plus a
# screenshot) or "auto" (the browser when the raw HTML has under ARCHIVE_AUTO_MIN_TEXT
# characters of main text). The raw capture is the fallback whenever the browser fails.
ARCHIVE_CAPTURE_MODE = env("ARCHIVE_CAPTURE_MODE", "http").lower()
if ARCHIVE_CAPTURE_MODE not in ("http", "browser", "auto"):
    raise ImproperlyConfigured("ARCHIVE_CAPTURE_MODE must be http, browser or auto.")
ARCHIVE_AUTO_MIN_TEXT = env_int("ARCHIVE_AUTO_MIN_TEXT", 200)
BROWSER_CAPTURE_SECONDS = env_float("BROWSER_CAPTURE_SECONDS", 30.0)
BROWSER_CAPTURE_MAX_BYTES = env_int("BROWSER_CAPTURE_MAX_BYTES", 50 * 1024 * 1024)
BROWSER_CAPTURE_MAX_REQUESTS = env_int("BROWSER_CAPTURE_MAX_REQUESTS", 300)
BROWSER_CAPTURE_EXECUTABLE = env("BROWSER_CAPTURE_EXECUTABLE", "/usr/bin/chromium")
# Captures before a worker process starts its browser and Playwright's driver afresh.
BROWSER_RESTART_EVERY = env_int("BROWSER_RESTART_EVERY", 25)

# Optional second copy of every archived page at the Wayback Machine (Save Page Now 2).
WAYBACK_SPN_ENABLED = env_bool("WAYBACK_SPN_ENABLED", False)
WAYBACK_SPN_URL = env("WAYBACK_SPN_URL", "https://web.archive.org/save")
WAYBACK_SPN_ACCESS_KEY = env("WAYBACK_SPN_ACCESS_KEY")
WAYBACK_SPN_SECRET = env("WAYBACK_SPN_SECRET")
WAYBACK_REPLAY_URL = env("WAYBACK_REPLAY_URL", "https://web.archive.org/web")
if WAYBACK_SPN_ENABLED and not (WAYBACK_SPN_ACCESS_KEY and WAYBACK_SPN_SECRET):
    raise ImproperlyConfigured("WAYBACK_SPN_ENABLED needs WAYBACK_SPN_ACCESS_KEY and _SECRET.")

# The integration API (workbench/api/, docs/api.md). Throttle rates: "<n>/<second|minute|
# hour|day>"; tokens are throttled per token, session users per user, anonymous per address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "integrations.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["workbench.api.permissions.IsAuthenticatedAndScoped"],
    "DEFAULT_SCHEMA_CLASS": "workbench.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "workbench.api.pagination.CursorPage",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "workbench.api.errors.problem_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "workbench.api.throttling.AnonThrottle",
        "workbench.api.throttling.UserThrottle",
        "workbench.api.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", "60/minute"),
        "user": env("API_THROTTLE_USER", "600/minute"),
        "token": env("API_THROTTLE_TOKEN", "1200/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "URL_FORMAT_OVERRIDE": None,  # content negotiation by Accept only
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fact-check workbench API",
    "DESCRIPTION": (
        "Submit articles, read claims and verdicts, attach sources and read published "
        "fact-checks as schema.org ClaimReview. Errors are RFC 9457 problem details "
        "(application/problem+json). See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.require_body_or_url",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    # No online validator badge (it would send the schema's address to validator.swagger.io).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "DifferenceKindEnum": "claims.passages.figures.DIFFERENCE_KINDS",
        "VerdictStatusEnum": "claims.models.Verdict.Status",
        "SnapshotStatusEnum": "sources.models.Snapshot.Status",
        "ExtractionStatusEnum": "claims.models.Article.ExtractionStatus",
        "WebhookEventEnum": "integrations.models.WebhookEndpoint.Event",
        "WebhookDeliveryStatusEnum": "integrations.models.WebhookDelivery.Status",
    },
}

# The publisher of the fact-checks: ClaimReview's author, the public pages' masthead and the
# Atom feed's author (docs/reviewing.md, "Publishing"). The logo is an image URL (optional).
CLAIMREVIEW_ORG_NAME = env("CLAIMREVIEW_ORG_NAME", "Example Fact Desk")
CLAIMREVIEW_ORG_URL = env("CLAIMREVIEW_ORG_URL", "https://factdesk.example.org/")
CLAIMREVIEW_ORG_LOGO = env("CLAIMREVIEW_ORG_LOGO")
# Published fact-checks per page of the public index (/fact-checks/).
PUBLIC_PAGE_SIZE = env_int("PUBLIC_PAGE_SIZE", 20)

LOGIN_URL = "admin:login"
# Messages live in the (server-side) session, never in a cookie: a message may name something
# that must not travel (secrets themselves are shown on a one-time page, integrations/admin.py).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
