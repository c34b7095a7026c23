"""后台管理 → 工作日历: the admin enters each year that chinese_calendar does not know (it knows
2004–2026) once the State Council publishes its holidays (November or December). A year is used
for working-day counts (rules 2, 3 and 7) only once its 已录入年度 row exists."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from core.errors import ServiceError

from .models import CalendarDay, CalendarYear
from .services import (
    WEEKDAYS,
    builtin_years,
    calendar_days_format,
    calendar_days_parse,
    calendar_days_replace,
)

DAYS_HELP = (
    "每行一天，格式为“日期 休/班 名称”：法定节假日写“休”，周末调休上班写“班”。例如：<br>"
    "2027-10-01 休 国庆节<br>2027-09-26 班 国庆节调休上班<br>"
    "按国务院办公厅公布的当年部分节假日安排逐日录入（含落在周末的假日亦可）。"
    "未录入的日期：周一至周五上班，周六、周日休息。保存后本年度的节假日以此为准。"
)


def year_help() -> str:
    first, last = builtin_years()
    return (
        f"系统内置{first}–{last}年的国务院节假日安排；{last + 1}年及以后的年份须在国务院办公厅公布"
        f"当年节假日安排后（通常在上一年 11 月或 12 月）在此录入，否则涉及该年的工作日计算"
        "（公示期、省级评委会网上申报时间等）会提示尚未录入，不会猜测。"
        "录入已内置的年份时，以此处录入的为准。"
    )


class CalendarYearForm(forms.ModelForm):
    days = forms.CharField(
        label="节假日与调休上班日",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 60}),
        help_text=DAYS_HELP,
    )

    class Meta:
        model = CalendarYear
        fields = ("year", "source")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].help_text = year_help()
        if self.instance.pk:
            self.fields["days"].initial = calendar_days_format(year=self.instance.year)
        self.parsed_days: list = []

    def clean(self):
        data = super().clean()
        year = data.get("year")
        if year is not None:
            if not 2000 <= year <= 2100:
                self.add_error("year", "请填写正确的年份，如 2027。")
                return data
            try:
                self.parsed_days = calendar_days_parse(year=year, text=data.get("days", ""))
            except ServiceError as exc:
                for message in exc.errors.get("days", [exc.detail]):
                    self.add_error("days", message)
        return data


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    form = CalendarYearForm
    list_display = ("year", "source", "holiday_count", "workday_count", "entered_at")
    search_fields = ("source",)
    readonly_fields = ("entered_at",)
    fields = ("year", "source", "days", "entered_at")

    @admin.display(description="节假日（天）")
    def holiday_count(self, obj: CalendarYear) -> int:
        return CalendarDay.objects.filter(date__year=obj.year, is_workday=False).count()

    @admin.display(description="调休上班（天）")
    def workday_count(self, obj: CalendarYear) -> int:
        return CalendarDay.objects.filter(date__year=obj.year, is_workday=True).count()

    def save_model(self, request, obj, form, change):
        old_year = CalendarYear.objects.filter(pk=obj.pk).values_list("year", flat=True).first()
        super().save_model(request, obj, form, change)
        if old_year is not None and old_year != obj.year:
            CalendarDay.objects.filter(date__year=old_year).delete()
        calendar_days_replace(year=obj.year, days=form.parsed_days)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "calendar_help": year_help()})


class YearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = CalendarDay.objects.dates("date", "year", order="DESC")
        return [(str(d.year), f"{d.year}年") for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(date__year=int(self.value()))
        return queryset


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "weekday", "is_workday", "name")
    list_filter = (YearFilter, "is_workday")
    search_fields = ("name",)
    date_hierarchy = "date"
    list_per_page = 100

    @admin.display(description="星期")
    def weekday(self, obj: CalendarDay) -> str:
        return f"星期{WEEKDAYS[obj.date.weekday()]}"

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "calendar_help": year_help()})


from .window_admin import CommitteeWindowAdmin  # noqa: E402, F401 - 网上申报时间 (orgs' committees)
