"""pytest: same as production in behaviour, fast hashing parameters, in-memory files."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
# Still Argon2 (rule: passwords hashed with Argon2), with cheap parameters so tests run fast.
PASSWORD_HASHERS = ["zhicheng.hashers.TestArgon2PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SMS_BACKEND = "messaging.sms.OutboxBackend"
SMS_SHOW_CODE_ON_PAGE = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
