"""What demo_accounts prints (and load_demo after a load): the table of the demo accounts that exist
in this database, with their password, and the demo applicants' applications with where each
stands."""

from __future__ import annotations

import unicodedata

from accounts.models import User
from applications.models import Application
from orgs.windows import current_year

from .common import DEMO_PASSWORD
from .evaluation_round import expert_tasks
from .evaluation_specs import ROUND_APPLICANTS
from .experts import expert_rows, experts_usernames
from .path_specs import PATH_APPLICANTS
from .paths import path_application_text
from .people import APPLICANTS, STAFF, UNITS
from .promotions import demo_applications
from .routes import account_rows, routes_usernames
from .states import demo_application_state


def demo_account_rows() -> list[tuple[str, str, str, str]]:
    """(角色, 用户名, 说明, 密码) for every demo account that exists in this database; the issue 6
    applicants (demo.path_specs) after the others, each with its application and where it stands."""
    rows: list[tuple[str, str, str, str]] = []
    users = {
        u.username: u
        for u in User.objects.filter(username__in=_demo_usernames())
        .select_related("organisation", "committee")
        .prefetch_related("organisation__senior_delegated_series")
    }
    for staff in STAFF:
        user = users.get(staff.username)
        if user:
            rows.append((user.get_role_display(), user.username, staff.what, DEMO_PASSWORD))
    for spec in UNITS:
        user = users.get(spec.username)
        if user:
            unit = user.organisation
            what = f"{unit.name}（{unit.get_ownership_display()}）" if unit else spec.name
            delegated = "、".join(s.name for s in unit.senior_delegated_series.all()) if unit else ""
            if delegated:  # seed question 16 (3), set by the city bureau
                document = f"（{unit.senior_delegation_document}）" if unit.senior_delegation_document else ""
                what += f"，已下放{delegated}系列高级职称评审权限{document}"
            rows.append((user.get_role_display(), user.username, what, DEMO_PASSWORD))
    for person in [*APPLICANTS, *PATH_APPLICANTS]:
        user = users.get(person.id_number)
        if user:
            unit = user.organisation.name if user.organisation else "未选择单位"
            state = "，账号已锁定" if user.is_locked else ""
            what = f"{user.name}，手机 {user.phone}，{unit}{state}"
            if person in PATH_APPLICANTS:
                what += f"；{path_application_text(user)}"
            rows.append((user.get_role_display(), user.username, what, DEMO_PASSWORD))
    rows += account_rows(users)
    for person in ROUND_APPLICANTS:  # issue 13 item 12: the demo evaluation round's applicants
        user = users.get(person.username)
        if user:
            unit = user.organisation.name if user.organisation else "未选择单位"
            what = (
                f"{user.name}，手机 {user.phone}，{unit}；工程师（{person.specialty}），演示评审批次评审对象"
            )
            rows.append((user.get_role_display(), user.username, what, DEMO_PASSWORD))
    rows += expert_rows(users, expert_tasks())
    return rows


def demo_application_rows(*, year: int | None = None) -> list[tuple[str, str, str, str, str]]:
    """(申报人, 用户名, 手机, 申报, 状态) of the demo applicants' applications of `year` (the current
    application year by default): the three of demo_applications first, then any others (the
    issue 6 applicants' last)."""
    year = year or current_year()
    by_name = {p.name: p.id_number for p in [*APPLICANTS, *PATH_APPLICANTS]}
    by_name |= {p.name: p.username for p in ROUND_APPLICANTS}
    first = [by_name[spec.applicant] for spec in demo_applications(year)]
    order: dict[str, int] = {}
    for username in [*first, *by_name.values()]:
        order.setdefault(username, len(order))
    applications = (
        Application.objects.filter(applicant__username__in=list(by_name.values()), year=year)
        .select_related(
            "applicant",
            "title",
            "committee",
            "current_step",
            "recognition__office",
            "confirmation__office",
            "postdoc__office",
        )
        .order_by("created_at", "id")
    )
    rows = []
    for application in sorted(applications, key=lambda a: order[a.applicant.username]):
        user = application.applicant
        if application.committee_id:
            what = f"{application.title.name}（{application.committee.name}）"
        else:  # 考核认定 / 职称确认 / 博士后认定: "考核认定（五华区人力资源和社会保障局）"
            what = f"{application.title.name}，{application.committee_label}"
        rows.append((user.name, user.username, user.phone, what, demo_application_state(application)))
    return rows


def _demo_usernames() -> list[str]:
    people = [*APPLICANTS, *PATH_APPLICANTS]
    usernames = [s.username for s in STAFF] + [u.username for u in UNITS] + [a.id_number for a in people]
    return usernames + routes_usernames() + [p.username for p in ROUND_APPLICANTS] + experts_usernames()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [line, "| " + " | ".join(_pad(h, w) for h, w in zip(header, widths, strict=True)) + " |", line]
    for row in rows:
        out.append("| " + " | ".join(_pad(str(c), w) for c, w in zip(row, widths, strict=True)) + " |")
    out.append(line)
    return "\n".join(out)
