"""The demo season's opening: the notices on the home page and this year's online windows
(网上申报时间) of five committees, open since WINDOW_OPENED_DAYS days ago (the demo evaluation
round's applications were submitted in it before their publicity periods) and closing in
WINDOW_DAYS days, each with its meeting month. Windows are set through orgs.windows.window_set, as
the committee offices do."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from accounts.models import User
from core.errors import ServiceError
from orgs.models import Committee, CommitteeWindow
from orgs.windows import closing_month
from public.models import Notice
from workcal.services import day_start
from workcal.windows import window_set

from .common import DemoRefused, DemoResult, service_error_text
from .people import (
    COMMITTEE_BUILDING,
    COMMITTEE_GUANDU_TEACHERS,
    COMMITTEE_HEALTH,
    COMMITTEE_MECH,
    COMMITTEE_MECH_SENIOR,
)

# Committees whose window for the current year the demo opens (the catalogue has no provincial
# committee, so none of them follows rule 7).
WINDOW_COMMITTEES = (
    COMMITTEE_MECH,
    COMMITTEE_HEALTH,
    COMMITTEE_MECH_SENIOR,
    COMMITTEE_BUILDING,
    COMMITTEE_GUANDU_TEACHERS,
)
WINDOW_DAYS = 30  # the demo windows close at 24:00 of the 30th day from today
WINDOW_OPENED_DAYS = 30  # and opened at 00:00 of the 30th day before today


def notices(year: int) -> list[tuple[str, str]]:
    return [
        (
            f"关于做好{year}年度昆明市职称申报评审工作的通知",
            f"{year}年度昆明市各系列职称评审工作现已启动。请申报人按各评委会申报通知要求，"
            "在网上申报时间内完成个人申报；单位应认真审核申报材料的真实性、完整性，"
            "并在推荐前进行不少于5个工作日的单位公示。\n（演示数据）",
        ),
        (
            "昆明市机电工程、卫生技术评委会网上申报通道已开通",
            "昆明市机电工程中级职称评审委员会、昆明市卫生技术高级职称评审委员会本年度网上申报通道已开通，"
            "昆明市机电工程高级工程师评审委员会、昆明市建筑工程中级职称评审委员会和"
            "官渡区中小学教师中级职称评审委员会同时开通，"
            "请在截止时间前完成申报。每个评委会的申报通道关闭后不再开放。\n（演示数据）",
        ),
        (
            "申报系统使用提示",
            "密码连续输错超过3次账号将被锁定，请联系所在单位在“专业技术人员”中解锁；"
            "未选择单位的，请联系技术支持（电话：0871-63108336）。\n（演示数据）",
        ),
    ]


def window_times(today: date) -> tuple[datetime, datetime]:
    """Opens at 00:00 of the WINDOW_OPENED_DAYS-th day before today, closes at 24:00 of the
    WINDOW_DAYS-th day from today (Beijing time); both kept inside today's year, as
    windows.window_set requires of a year's window."""
    opens = max(day_start(today - timedelta(days=WINDOW_OPENED_DAYS)), day_start(date(today.year, 1, 1)))
    closes = min(day_start(today + timedelta(days=WINDOW_DAYS + 1)), day_start(date(today.year + 1, 1, 1)))
    return opens, closes


def load_notices(result: DemoResult, *, year: int, support: User) -> None:
    for title, body in notices(year):
        if Notice.objects.filter(title=title).exists():
            result.existing.append(f"通知：{title}")
        else:
            Notice.objects.create(title=title, body=body, created_by=support)
            result.created.append(f"通知：{title}")


def load_windows(
    result: DemoResult, *, year: int, support: User, opens_at: datetime, closes_at: datetime
) -> None:
    """Rules 6 and 7 hold: windows are set through the committee offices' own service (as support,
    who may set any committee's); a year's window that exists, open or closed, is left alone."""
    for name in WINDOW_COMMITTEES:
        committee = Committee.objects.get(name=name)
        label = f"{name} {year}年网上申报时间"
        if CommitteeWindow.objects.filter(committee=committee, year=year).exists():
            result.existing.append(label)
            continue
        try:
            window_set(
                actor=support,
                committee=committee,
                year=year,
                opens_at=opens_at,
                closes_at=closes_at,
                meeting_month=closing_month(closes_at),  # rule 8: the demo committees meet as it closes
            )
        except ServiceError as exc:
            raise DemoRefused(f"{label}未能设置：{service_error_text(exc)}") from exc
        result.created.append(label)
