from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "系统"

    def ready(self) -> None:
        # Each app's menu.py registers its entries of the left menu (core.menu).
        autodiscover_modules("menu")
