"""Production: PostgreSQL, Redis, object storage, HTTPS behind a proxy. Refuses insecure defaults."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool, env_int

DEBUG = False
if SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("生产环境必须设置 SECRET_KEY")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SMS_SHOW_CODE_ON_PAGE = False
IS_PRODUCTION = True
# The demo data set and its published password never reach production: no load_demo, no demo_accounts.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "demo"]  # noqa: F405
