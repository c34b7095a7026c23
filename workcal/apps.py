from django.apps import AppConfig


class WorkcalConfig(AppConfig):
    name = "workcal"
    verbose_name = "工作日历"
