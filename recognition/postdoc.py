"""博士后认定 (enterprise postdocs, rule 13, seed question 13: 企业博士后获得中国博士后科学基金资助或主持
省部级以上科研项目，出站后继续留在企业的，可直接认定副高级职称) as an application of its own kind
(docs/decisions/0007, option 1): no committee, no window (it may be applied for any time); the
level is always 副高级; rules.facts.postdoc_senior_direct says whether the facts qualify; the route
is a 高级 职称确认's (seed question 16 (3): the provincial HR department recognises it, through the
unit's local route and the city bureau, unless it delegated the series' senior review to the unit:
applications.routing.route_for_confirmation); the status comes from the one state machine
(applications/state.py asks `postdoc_submit_problems` under its row lock, `postdoc_submitted`
with the route and `postdoc_approved` at the final pass, through the registration in
recognition/apps.py).

Besides the rule, the server asks: the unit is an enterprise (`enterprise_problem`), the person
holds a doctorate in 学历情况 (`has_doctorate`), is not retired (rule 9, rules.retirement.retired_on),
does not hold 副高级 or above already, and `applications.eligibility.checks.person_issues`
(civil servants, rule 1, rules 19 and 20).

`postdoc_save` keeps the draft: the facts on the `PostdocRecognition` row, the cover (unit,
series, track, specialty, 副高级, title) on the Application, through the steps every committee-less
kind's save takes (applications.drafts)."""

from __future__ import annotations

from datetime import date, datetime

from applications.completeness import committee_free_missing
from applications.drafts import (
    Cover,
    catalog_title,
    catalog_track,
    clean_specialty,
    clean_text,
    draft_start,
    is_retired,
    level_rank,
    local_today,
    parse_date,
    person_problems,
    save_draft,
    yes_no,
)
from applications.models import Application, ApplicationKind
from applications.routing import confirmation_route_problems, route_for_confirmation
from attachments.models import AttachmentKind
from catalog.models import Level
from core.sources import cite
from dossier.completeness import Missing
from dossier.models import DossierEntry
from orgs.models import OrgKind, Ownership
from rules import facts as rule
from rules.recognition import Schooling, schooling_of

from .models import PostdocRecognition
from .recognition import current_title_add, held_levels

KIND = ApplicationKind.POSTDOC
LABEL = "博士后认定"
LEVEL = Level.SENIOR_ASSOCIATE  # rule 13: 可直接认定副高级职称
NOT_SAVED = "博士后认定未保存，请按提示修改。"
# What a postdoc recognition is submitted with (besides 基本信息).
REQUIRED_ATTACHMENTS: tuple[str, ...] = (
    AttachmentKind.ID_CARD,
    AttachmentKind.DIPLOMA,
    AttachmentKind.POSTDOC_CERTIFICATE,
    AttachmentKind.POSTDOC_ACHIEVEMENT,
)
STATION_MAX = 100  # PostdocRecognition.station
FUNDING_REFERENCE_MAX = 60
PROJECT_NAME_MAX = 100

# rules.facts' problems, each on the field the person changes.
PROBLEM_FIELDS = {
    rule.POSTDOC_ACHIEVEMENT_PROBLEM: "funded",
    rule.POSTDOC_STAYS_PROBLEM: "stays",
}

# Which units are enterprises. Ownership alone cannot tell: 市属 / 县区国有企事业单位 hold state
# enterprises and public institutions alike. The unified social credit code can (GB 32100: the
# first character is the registering authority, 9 = market regulation; the second the category,
# 1 = enterprise), and every registered unit has one (rule 26). A unit without a code (loaded, not
# registered) is judged by its ownership alone.
ENTERPRISE_OWNERSHIPS = (Ownership.NON_PUBLIC, Ownership.CITY_STATE, Ownership.DISTRICT_STATE)
ENTERPRISE_CODE_PREFIX = "91"
RETIRED_PROBLEM = f"已离退休或达到国家法定退休年龄的人员不能申报博士后认定（{cite(9)}）。"
DOCTORATE_PROBLEM = (
    "博士后认定须具有博士学位：申报信息“学历情况”中没有博士研究生学历或博士学位，请先填写学历情况。"
)


# --- the facts the server asks besides rule 13 ------------------------------------------------------


def enterprise_problem(unit) -> str | None:
    """Rule 13 is for enterprise postdocs: why `unit` is not an enterprise (None when it is, or
    when there is no unit: that is reported on its own)."""
    if unit is None:
        return None
    prefix = f"博士后直接认定副高级仅适用于企业博士后：工作单位“{unit.name}”"
    if unit.kind != OrgKind.UNIT or unit.ownership not in ENTERPRISE_OWNERSHIPS:
        kind = unit.get_ownership_display() if unit.ownership else "未填写单位性质"
        if unit.kind == OrgKind.AGENCY:
            kind = OrgKind.AGENCY.label
        return f"{prefix}为{kind}，不是企业。"
    code = (unit.credit_code or "").upper()
    if code and not code.startswith(ENTERPRISE_CODE_PREFIX):
        return f"{prefix}的统一社会信用代码（{code[:2]}开头）表明其不是企业（企业的代码以 91 开头）。"
    return None


def has_doctorate(education_entries) -> bool:
    """Whether 学历情况 holds a doctorate (博士研究生 or 博士学位): rules.recognition.schooling_of
    reads an entry as rule 14 does."""
    return any(schooling_of(entry) == Schooling.DOCTOR for entry in education_entries)


def _education_entries(user) -> list:
    return list(DossierEntry.objects.filter(dossier__user=user, section="education"))


def held_senior_problem(*, user) -> str | None:
    """A person who holds 副高级 or above already (现有职称情况) is not recognised 副高级 again."""
    held = [lv for lv in held_levels(user=user) if lv in Level.values and level_rank(lv) >= level_rank(LEVEL)]
    if not held:
        return None
    highest = Level(max(held, key=level_rank)).label
    return f"您的现有职称情况中已有{highest}职称，不需要再申报博士后认定副高级职称。"


def postdoc_route_problems(*, unit, level: str = LEVEL, series=None) -> list[str]:
    """Why no route can be computed (a 高级 职称确认's route, seed question 16 (3))."""
    return [
        message.replace("职称确认", LABEL)
        for message in confirmation_route_problems(unit=unit, level=level, series=series)
    ]


def postdoc_office(*, unit, series):
    """The recognising organisation (the route's last step): None for the province, or while the
    route cannot be computed."""
    if unit is None or postdoc_route_problems(unit=unit, series=series):
        return None
    return route_for_confirmation(unit=unit, level=LEVEL, series=series)[-1].organisation


def postdoc_problems(
    *,
    user,
    unit,
    series,
    exit_on: date | None,
    funded: bool | None,
    led_project: bool | None,
    stays: bool | None,
    year: int,
    application: Application | None,
    now: datetime,
) -> list[tuple[str, str]]:
    """Every reason the facts do not qualify today, as (field, message): rule 13 (each unmet
    condition), not yet left the station, not an enterprise, no doctorate, retired (rule 9), 副高级
    held already, the unit's route, and rules 1 / 9 / 19 / 20 (person_issues). A fact not given
    yet (None) is left to the form's own message."""
    today = local_today(now)
    problems: list[tuple[str, str]] = []
    if exit_on is not None and exit_on > today:
        problems.append(("exit_on", "出站后方可申报博士后认定：出站日期不能晚于今天。"))
    if None not in (funded, led_project, stays):
        _ok, unmet = rule.postdoc_senior_direct(
            funded=funded, led_provincial_project=led_project, stays=stays
        )
        problems += [(PROBLEM_FIELDS[message], message) for message in unmet]
    enterprise = enterprise_problem(unit)
    if enterprise:
        problems.append(("unit", enterprise))
    if not has_doctorate(_education_entries(user)):
        problems.append(("__all__", DOCTORATE_PROBLEM))
    if is_retired(user=user, on=today):
        problems.append(("__all__", RETIRED_PROBLEM))
    held = held_senior_problem(user=user)
    if held:
        problems.append(("__all__", held))
    if unit is not None:
        problems += [("unit", message) for message in postdoc_route_problems(unit=unit, series=series)]
    return problems + person_problems(user=user, level=LEVEL, year=year, application=application, now=now)


# --- the draft ----------------------------------------------------------------------------------------


def postdoc_save(
    *,
    user,
    exit_on,
    station,
    funded,
    funding_reference="",
    led_project,
    project_name="",
    stays,
    series_id,
    track_id,
    specialty,
    application_id=None,
    now: datetime | None = None,
) -> Application:
    """Save the draft of a 博士后认定 (always 副高级) for the current year: the station and its exit
    date, the foundation's funding (with its certificate number or year) or the provincial-or-above
    project led (with its name), staying in the enterprise; series / track / specialty of the
    title. Refused with every reason at once (postdoc_problems)."""
    draft = draft_start(user=user, kind=KIND, application_id=application_id, now=now)
    errors, unit, now = draft.errors, draft.unit, draft.now
    exit_date = parse_date(exit_on, errors=errors, field="exit_on", label="出站日期")
    station = clean_text(
        station, errors=errors, field="station", label="博士后工作站（流动站）名称", limit=STATION_MAX
    )
    is_funded = yes_no(funded, errors=errors, field="funded", label="是否获得中国博士后科学基金资助")
    funding_reference = clean_text(
        funding_reference,
        errors=errors,
        field="funding_reference",
        label="资助证书编号或资助年度",
        limit=FUNDING_REFERENCE_MAX,
        required=bool(is_funded),
    )
    led = yes_no(led_project, errors=errors, field="led_project", label="是否主持省部级以上科研项目")
    project_name = clean_text(
        project_name,
        errors=errors,
        field="project_name",
        label="主持的省部级以上科研项目名称",
        limit=PROJECT_NAME_MAX,
        required=bool(led),
    )
    stays_on = yes_no(stays, errors=errors, field="stays", label="出站后是否继续留在企业")
    series, track = catalog_track(series_id=series_id, track_id=track_id, errors=errors)
    title = catalog_title(
        track=track, level=LEVEL, errors=errors, field="track_id", advice="请选择其他系列或方向。"
    )
    specialty = clean_specialty(specialty, errors=errors)

    problems = postdoc_problems(
        user=user,
        unit=unit,
        series=series,
        exit_on=exit_date,
        funded=is_funded,
        led_project=led,
        stays=stays_on,
        year=draft.year,
        application=draft.application,
        now=now,
    )
    draft.add_problems(problems)
    errors.raise_if_any(NOT_SAVED)

    facts = {
        "exit_on": exit_date,
        "station": station,
        "funded": is_funded,
        "funding_reference": funding_reference if is_funded else "",
        "led_project": led,
        "project_name": project_name if led else "",
        "stays": stays_on,
        "office": postdoc_office(unit=unit, series=series),
        "evaluated_at": now,
    }
    cover = Cover(series=series, track=track, level=LEVEL, title=title, specialty=specialty)
    return save_draft(
        draft=draft, cover=cover, facts_model=PostdocRecognition, facts=facts, not_saved=NOT_SAVED
    )


# --- submission and approval (asked by applications/state.py) -------------------------------------


def postdoc_missing(*, application: Application) -> list[Missing]:
    """申报 for a postdoc recognition: 基本信息 (with the unit), the attachments above, the cover."""
    return committee_free_missing(
        application=application,
        required=REQUIRED_ATTACHMENTS,
        label=LABEL,
        route_problems=lambda *, unit, level: postdoc_route_problems(
            unit=unit, level=level, series=application.series
        ),
    )


def postdoc_submit_problems(*, application: Application, now: datetime) -> list[tuple[str, str]]:
    """Rule 13 and the rest of postdoc_problems again on the submission day: (field, message)."""
    facts = PostdocRecognition.objects.filter(application=application).first()
    if facts is None:
        return [("__all__", "请先填写并保存博士后认定信息。")]
    return postdoc_problems(
        user=application.applicant,
        unit=application.unit,
        series=application.series,
        exit_on=facts.exit_on,
        funded=facts.funded,
        led_project=facts.led_project,
        stays=facts.stays,
        year=application.year,
        application=application,
        now=now,
    )


def postdoc_submitted(*, application: Application, route: list, now: datetime) -> None:
    """What the submission computed, on the PostdocRecognition row: the recognising office (the
    route's last step; None for the province)."""
    facts = PostdocRecognition.objects.get(application=application)
    facts.office = route[-1].organisation if route else None
    facts.evaluated_at = now
    facts.save(update_fields=["office", "evaluated_at"])


def postdoc_approved(*, application: Application, now: datetime):
    """The final pass: 副高级 joins the person's 现有职称情况, dated the approval day, its issuer the
    recognising office (inside the state machine's transaction). Returns the entry."""
    facts = PostdocRecognition.objects.select_related("office").get(application=application)
    issuer = f"{facts.office_name}认定（企业博士后直接认定副高级）"
    return current_title_add(application=application, issuer=issuer, now=now, action="postdoc_title_added")
