"""`make run`: the demo site on SQLite, DEBUG on, SMS codes shown on the page."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SMS_SHOW_CODE_ON_PAGE = env_bool("SMS_SHOW_CODE_ON_PAGE", True)
ALLOWED_HOSTS = ["*"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
