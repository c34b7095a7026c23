"""The official working-day calendar for the years `chinese_calendar` does not know (it covers
2004–2026): the admin enters each next year's holidays and adjusted working days when the State
Council publishes them (November or December)."""

from django.db import models

from core.dates import date_label


class CalendarYear(models.Model):
    """A year whose holidays and adjusted working days have been entered in full. In such a year a
    date without a CalendarDay row is a working day from Monday to Friday and a rest day at weekends."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField(
        "依据", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知"
    )
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "已录入年度"
        verbose_name_plural = "已录入年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    """A holiday on a weekday (is_workday=False) or an adjusted working day at a weekend (True)."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否上班", help_text="法定节假日不勾选；周末调休上班勾选")
    name = models.CharField("名称", max_length=40, blank=True, help_text="如：春节、国庆节调休上班")

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{date_label(self.date)} {'上班' if self.is_workday else '休息'} {self.name}"
