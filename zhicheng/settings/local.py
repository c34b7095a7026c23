"""`make run`: the demo site on SQLite as people will see it — DEBUG off, the Chinese 404/403/500
pages, static files served by WhiteNoise straight from the apps' static folders (no collectstatic
step). `make dev` sets DEBUG=1 for developers (Django's debug pages, templates reloaded). SMS codes
are shown on the page: the demo has no SMS gateway."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
SMS_SHOW_CODE_ON_PAGE = env_bool("SMS_SHOW_CODE_ON_PAGE", True)
ALLOWED_HOSTS = ["*"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# WhiteNoise finds the files in each app's static/ folder, as runserver does with DEBUG on.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
