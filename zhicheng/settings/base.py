"""Settings shared by every environment. Everything a deployer may change is read from the
environment; README.md has the table of these variables."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "insecure-dev-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "core",
    "accounts",
    "catalog",
    "orgs",
    "messaging",
    "public",
    "workcal",
    "dossier",
    "attachments",
    "applications",
    "recognition",
    "recommend",
    "reviews",
    "documents",
    "publicity",
    "exports",
    "paths",
    "evaluation",
    "demo",
    "workbench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.ApiErrorBodyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionIdleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside MessageMiddleware (its "登录已超时" message is kept), outside everything that may
    # send an htmx request to the login page.
    "core.middleware.HtmxLoginMiddleware",
    "accounts.middleware.ForcePasswordChangeMiddleware",
]

ROOT_URLCONF = "zhicheng.urls"
WSGI_APPLICATION = "zhicheng.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (production) when DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep the embedded database usable with several requests at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Short web queries: PostgreSQL's JIT compilation costs more than it saves (bench/README.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) exist on PostgreSQL; SQLite builds the same indexes without them.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "public:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "accounts.validators.CharacterClassValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

# Files go through Django's storage API: local disk by default, S3-compatible storage by setting.
STORAGE_BACKEND = env("STORAGE_BACKEND", "local")
if STORAGE_BACKEND == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "access_key": env("S3_ACCESS_KEY"),
            "secret_key": env("S3_SECRET_KEY"),
            "region_name": env("S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Attachments (issue 3): the largest upload, and the largest image in pixels (decompression bombs).
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
ATTACHMENT_MAX_PIXELS = env_int("ATTACHMENT_MAX_PIXELS", 40_000_000)
# Keep at most about ATTACHMENT_MAX_BYTES of an upload before the checks refuse it.
FILE_UPLOAD_HANDLERS = [
    "attachments.uploadhandlers.AttachmentSizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Cache (and optionally sessions) in Redis when REDIS_URL is set; local memory otherwise.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = env("SESSION_ENGINE", "django.contrib.sessions.backends.db")

# Sessions: idle timeout (minutes), renewed on every request.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Renewed by core.middleware.SessionIdleMiddleware at most once a minute, not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = env_int("SESSION_RENEW_SECONDS", 60)

# 导出文件 (exports/): files kept this many days (manage.py exports_cleanup), queue lists up to this
# many rows downloaded at once (longer ones become a background job), jobs pending per person.
EXPORTS_KEEP_DAYS = env_int("EXPORTS_KEEP_DAYS", 7)
EXPORTS_ROSTER_DIRECT_MAX = env_int("EXPORTS_ROSTER_DIRECT_MAX", 2000)
EXPORTS_MAX_PENDING = env_int("EXPORTS_MAX_PENDING", 3)

# Rule 15: the months in which graduate recognition (考核认定) is open, from 2022 (comma-separated).
RECOGNITION_MONTHS = tuple(int(m) for m in env("RECOGNITION_MONTHS", "1,4,7,10").split(",") if m.strip())

# 评审专家库 批量导入 (evaluation/pool_import.py): the largest .xlsx and the most experts in one file.
EVALUATION_IMPORT_MAX_BYTES = env_int("EVALUATION_IMPORT_MAX_BYTES", 2 * 1024 * 1024)
EVALUATION_IMPORT_MAX_ROWS = env_int("EVALUATION_IMPORT_MAX_ROWS", 1000)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# SMS: pluggable backend. Default writes to the outbox table (readable by support) and the console.
SMS_BACKEND = env("SMS_BACKEND", "messaging.sms.OutboxBackend")
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL")
SMS_GATEWAY_TOKEN = env("SMS_GATEWAY_TOKEN")
SMS_SIGNATURE = env("SMS_SIGNATURE", "【职称申报】")
# Show the code on the page (demo only: never in production).
SMS_SHOW_CODE_ON_PAGE = env_bool("SMS_SHOW_CODE_ON_PAGE", False)

# Long work (PDF batches, exports, notifications): inline by default.
TASKS_BACKEND = env("TASKS_BACKEND", "core.tasks.InlineBackend")

# Rule 21: the number of consecutive wrong passwords allowed; one more locks the account.
LOGIN_MAX_FAILED_ATTEMPTS = env_int("LOGIN_MAX_FAILED_ATTEMPTS", 3)

# The committee's evaluation (人社部令第40号《职称评审管理暂行规定》, rules 27–30 of domain.md).
# Rule 27: the smallest expert pool of a committee, by tier and formation. The senior numbers are
# the regulation's (按职称系列组建 25, 按专业组建 11); intermediate and junior minimums are set by the
# province: the defaults below (中级 15 / 7, 初级 7) are the figures commonly published for local
# committees and are NOT confirmed against 云人社发〔2020〕57号 — a deployer sets them here.
EVALUATION_POOL_MIN_SENIOR_SERIES = env_int("EVALUATION_POOL_MIN_SENIOR_SERIES", 25)
EVALUATION_POOL_MIN_SENIOR_SPECIALTY = env_int("EVALUATION_POOL_MIN_SENIOR_SPECIALTY", 11)
EVALUATION_POOL_MIN_INTERMEDIATE_SERIES = env_int("EVALUATION_POOL_MIN_INTERMEDIATE_SERIES", 15)
EVALUATION_POOL_MIN_INTERMEDIATE_SPECIALTY = env_int("EVALUATION_POOL_MIN_INTERMEDIATE_SPECIALTY", 7)
EVALUATION_POOL_MIN_JUNIOR_SERIES = env_int("EVALUATION_POOL_MIN_JUNIOR_SERIES", 7)
EVALUATION_POOL_MIN_JUNIOR_SPECIALTY = env_int("EVALUATION_POOL_MIN_JUNIOR_SPECIALTY", 7)
# Rule 28: each 评议组 has at least this many experts.
EVALUATION_GROUP_MIN_EXPERTS = env_int("EVALUATION_GROUP_MIN_EXPERTS", 3)
# Rule 29: experts present ≥ this fraction of the members drawn for the meeting (a fraction "2/3").
EVALUATION_QUORUM = env("EVALUATION_QUORUM", "2/3")
# Rule 30: 同意 votes ≥ this fraction of the experts present (a fraction "2/3").
EVALUATION_PASS = env("EVALUATION_PASS", "2/3")

# Behind a proxy: trust X-Forwarded-For / -Proto only when told to.
USE_X_FORWARDED_FOR = env_bool("USE_X_FORWARDED_FOR", False)
if env_bool("SECURE_PROXY_SSL", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SUPPORT_PHONE = "0871-63108336"  # seed 五(四)1: technical support

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
