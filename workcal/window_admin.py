"""后台管理 of the committees' online application windows (网上申报时间, rules 6 and 7): the window
list and the windows inline on a committee's page. It lives with the working-day calendar because a
provincial committee's window follows from its collection date (workcal.services.provincial_window).
Registered from workcal/admin.py."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils import timezone

from core.sources import cite
from orgs import admin as orgs_admin
from orgs.models import Committee, CommitteeWindow
from orgs.windows import MEETING_MONTHS_AFTER_CLOSE, meeting_month_problem

from .services import CalendarUnknown, provincial_window


class CommitteeWindowForm(forms.ModelForm):
    """Rule 6: once a window has closed it cannot be reopened (its dates no longer change).
    Rule 7: for a provincial committee the admin may give only the collection date; the window then
    opens at 00:00 seven working days before and closes at 24:00 of the day before."""

    class Meta:
        model = CommitteeWindow
        fields = ("committee", "year", "opens_at", "closes_at", "collection_date", "meeting_month")
        help_texts = {
            "meeting_month": (
                "召开当月的任一日期（按月计）：年龄、年限计算到该月；不早于关闭时间所在月份，"
                f"且在其后{MEETING_MONTHS_AFTER_CLOSE}个月内。"
            ),
            "closes_at": "到此时刻即关闭（不含此刻）：截至 9 月 30 日 24:00 的，填 10 月 1 日 00:00。",
            "collection_date": (
                "仅省级评委会填写：开放和关闭时间按《职称知识25问》第7问自动计算"
                "（收审材料前7个工作日开通，前一日24:00关闭），无需填写。"
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "closes_at"):
            if name in self.fields:
                self.fields[name].required = False

    def _committee(self):
        committee = self.cleaned_data.get("committee")
        if committee is None:  # an inline row: the formset set the committee on the instance
            try:
                committee = self.instance.committee
            except Committee.DoesNotExist:
                committee = None
        return committee

    def clean(self):
        data = super().clean()
        committee = self._committee()
        collection_date = data.get("collection_date")
        if collection_date and committee is not None:
            if not committee.is_provincial:
                self.add_error(
                    "collection_date", "市级评委会直接设置开放时间和关闭时间，不填写开始收审材料日期。"
                )
            else:
                try:
                    data["opens_at"], data["closes_at"] = provincial_window(collection_date=collection_date)
                except CalendarUnknown as exc:
                    self.add_error("collection_date", exc.detail)
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if "opens_at" in self.fields and opens_at is None and "opens_at" not in self.errors:
            self.add_error("opens_at", "请填写开放时间（省级评委会也可只填写开始收审材料日期）。")
        if "closes_at" in self.fields and closes_at is None and "closes_at" not in self.errors:
            self.add_error("closes_at", "请填写关闭时间（省级评委会也可只填写开始收审材料日期）。")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", "关闭时间须晚于开放时间。")
        meeting = data.get("meeting_month")
        if meeting is not None:
            data["meeting_month"] = meeting = meeting.replace(day=1)
            if closes_at and (problem := meeting_month_problem(meeting, closes_at)):
                self.add_error("meeting_month", problem)
        original = CommitteeWindow.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        closed = original is not None and original.closes_at <= timezone.now()
        if closed and (
            (opens_at and opens_at != original.opens_at)
            or (closes_at and closes_at != original.closes_at)
            or ("collection_date" in data and collection_date != original.collection_date)
        ):
            raise forms.ValidationError(f"该网上申报时间已关闭，不能重新开放或修改（{cite(6)}）。")
        return data


class CommitteeWindowInline(admin.TabularInline):
    model = CommitteeWindow
    form = CommitteeWindowForm
    extra = 0


# The committee's page (orgs/admin.py) with the windows inline after its coverage and plans.
admin.site.unregister(Committee)


@admin.register(Committee)
class CommitteeAdmin(orgs_admin.CommitteeAdmin):
    inlines = (*orgs_admin.CommitteeAdmin.inlines, CommitteeWindowInline)


@admin.register(CommitteeWindow)
class CommitteeWindowAdmin(admin.ModelAdmin):
    form = CommitteeWindowForm
    list_display = ("committee", "year", "opens_at", "closes_at", "collection_date", "meeting_month", "state")
    list_filter = ("year", "committee__tier")
    search_fields = ("committee__name",)
    list_select_related = ("committee",)
    autocomplete_fields = ("committee",)
    date_hierarchy = "opens_at"

    @admin.display(description="状态")
    def state(self, obj: CommitteeWindow) -> str:
        now = timezone.now()
        if now < obj.opens_at:
            return "未开放"
        if now < obj.closes_at:
            return "申报中"
        return "已关闭"

    def get_readonly_fields(self, request, obj=None):
        # Rule 6: once closed, a window cannot be reopened.
        if obj is not None and obj.closes_at <= timezone.now():
            return ("committee", "year", "opens_at", "closes_at", "collection_date", "meeting_month")
        return ()
