"""我能申报什么: `application_paths` reads the signed-in applicant's dossier (基本信息 and the
sections 现有职称情况, 学历情况, 年度考核情况, 承担课题（项目）情况) and answers, for each path
and level, 可以申报 with the committees (or the office) taking it now, or each unmet condition
with its rule and the date it will be met. Promotion asks applications.eligibility (the source of
truth, rules 1, 6–9, 19, 20); the other paths ask the pure rules in rules/ (13–18). The page and
the API render the same list."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from accounts.models import Role
from core.dates import CALENDAR_TZ
from core.errors import FieldErrors, Forbidden
from dossier.display import revoked_label
from dossier.models import DossierEntry
from dossier.selectors import dossier_get_or_create
from rules.skilled import SkillGrade

from .promotion import promotion_paths
from .recognition import recognition_paths
from .results import PathResult
from .special import (
    MOVED_FROM_LABELS,
    PathFacts,
    confirmation_paths,
    postdoc_paths,
    series_change_paths,
    skilled_paths,
)

SECTIONS_READ = ("current_titles", "education", "annual_assessments", "projects", "work")
APPLICANTS_ONLY = "“我能申报什么”只对申报人开放。"


def paths_allowed(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "role", "") == Role.APPLICANT
    )


FACT_DATE_LABELS = {
    "hired_on": "录用（聘用）时间",
    "changed_on": "岗位变更（试用开始）时间",
    "transferred_on": "调入时间",
    "skill_obtained_on": "取得等级时间",
}


def _date_value(value, *, field: str, errors: FieldErrors) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors.add(field, f"{FACT_DATE_LABELS[field]}格式应为 YYYY-MM-DD，如 2025-07-01。")
        return None


def path_facts(
    *,
    hired_on=None,
    changed_on=None,
    transferred_on=None,
    moved_from: str | None = "",
    skill_grade: str | None = "",
    skill_obtained_on=None,
) -> PathFacts:
    """The optional facts of the page's form and the API's query, checked (all errors at once)."""
    errors = FieldErrors()
    values = {
        field: _date_value(value, field=field, errors=errors)
        for field, value in (
            ("hired_on", hired_on),
            ("changed_on", changed_on),
            ("transferred_on", transferred_on),
            ("skill_obtained_on", skill_obtained_on),
        )
    }
    moved_from = (moved_from or "").strip()
    if moved_from and moved_from not in MOVED_FROM_LABELS:
        errors.add("moved_from", "调入前单位所在地只能是：" + "、".join(MOVED_FROM_LABELS.values()) + "。")
    skill_grade = (skill_grade or "").strip()
    if skill_grade and skill_grade not in SkillGrade.values:
        errors.add("skill_grade", "职业资格或职业技能等级只能是高级工、技师或高级技师。")
    if (
        skill_grade in SkillGrade.values
        and values["skill_obtained_on"] is None
        and "skill_obtained_on" not in errors.errors
    ):
        errors.add("skill_obtained_on", "选择了职业资格或职业技能等级的，请填写取得等级时间。")
    errors.raise_if_any("查询条件有误，请按提示修改。")
    return PathFacts(moved_from=moved_from, skill_grade=skill_grade, **values)


def application_paths(
    *,
    user,
    on: date | None = None,
    now: datetime | None = None,
    facts: PathFacts | None = None,
) -> list[PathResult]:
    """Every path and level for `user`, in the page's order. `now` is the instant committee windows
    are judged at (default: now); `on` the day the date rules are judged at (default: `now`'s day
    in Beijing time). `facts` carries what the dossier cannot hold, for this query only."""
    if not paths_allowed(user):
        raise Forbidden(APPLICANTS_ONLY)
    now = now or timezone.now()
    on = on or now.astimezone(CALENDAR_TZ).date()
    facts = facts or PathFacts()
    dossier = dossier_get_or_create(user=user)
    entries: dict[str, list[DossierEntry]] = {key: [] for key in SECTIONS_READ}
    for entry in DossierEntry.objects.filter(dossier=dossier, section__in=SECTIONS_READ).order_by(
        "section", "position", "id"
    ):
        entries[entry.section].append(entry)
    # A title revoked for fraud (rules 1, 35) is not one the person holds.
    titles = [entry for entry in entries["current_titles"] if not revoked_label(entry.data)]
    return [
        *promotion_paths(
            user=user, dossier=dossier, title_entries=titles, now=now, work_entries=entries["work"]
        ),
        *recognition_paths(
            user=user,
            dossier=dossier,
            education_entries=entries["education"],
            title_entries=titles,
            facts=facts,
            on=on,
        ),
        *series_change_paths(title_entries=titles, facts=facts, on=on),
        *confirmation_paths(user=user, dossier=dossier, title_entries=titles, facts=facts, on=on),
        *skilled_paths(
            assessment_entries=entries["annual_assessments"],
            facts=facts,
            on=on,
            dossier=dossier,
            title_entries=titles,
        ),
        *postdoc_paths(
            user=user,
            dossier=dossier,
            education_entries=entries["education"],
            title_entries=titles,
            project_entries=entries["projects"],
            on=on,
            now=now,
        ),
    ]
