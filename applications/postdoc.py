"""博士后认定 (enterprise postdocs, rule 13, seed question 13: 企业博士后获得中国博士后科学基金资助或主持
省部级以上科研项目，出站后继续留在企业的，可直接认定副高级职称) as an application of its own kind
(docs/decisions/0007, option 1): no committee, no window (it may be applied for any time); the
level is always 副高级; rules.facts.postdoc_senior_direct says whether the facts qualify; the route
is a 高级 职称确认's (seed question 16 (3): the provincial HR department recognises it, through the
unit's local route and the city bureau, unless it delegated the series' senior review to the unit:
applications.routing.route_for_confirmation); the status comes from the one state machine
(applications/state.py asks `postdoc_submit_problems` under its row lock, `postdoc_submitted`
with the route and `postdoc_approved` at the final pass).

Besides the rule, the server asks: the unit is an enterprise (`enterprise_problem`), the person
holds a doctorate in 学历情况 (`has_doctorate`), is not retired (rule 9, paths.special.retired_on),
does not hold 副高级 or above already, and `eligibility.person_issues` (civil servants, rule 1,
rules 19 and 20).

`postdoc_save` keeps the draft: the facts on the `PostdocRecognition` row, the cover (unit,
series, track, specialty, 副高级, title) on the Application. The small helpers below it
(`editable_application`, `catalog_track`, `clean_specialty`, `save_draft`) are the steps every
committee-less kind's save takes."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from attachments.models import AttachmentKind
from catalog.models import Level, Series, Title, Track
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError
from dossier.completeness import Missing
from orgs.models import OrgKind, Ownership
from orgs.windows import current_year
from rules import facts as rule

from .confirmation import _retired, _yes_no
from .eligibility import person_issues
from .models import Application, ApplicationKind, PostdocRecognition
from .recognition import _int_or_none, _parse_date, _rank, _today, current_title_add, held_levels
from .routing import confirmation_route_problems, route_for_confirmation
from .selectors import EDITABLE_STATUSES

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
SPECIALTY_MAX = 60  # Application.specialty
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
RETIRED_PROBLEM = "已离退休或达到国家法定退休年龄的人员不能申报博士后认定（规则 9）。"
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
    """Whether 学历情况 holds a doctorate (博士研究生 or 博士学位): paths.recognition.schooling_of
    reads an entry as rule 14 does."""
    from paths.recognition import schooling_of
    from rules.recognition import Schooling

    return any(schooling_of(entry) == Schooling.DOCTOR for entry in education_entries)


def _education_entries(user) -> list:
    from dossier.models import DossierEntry

    return list(DossierEntry.objects.filter(dossier__user=user, section="education"))


def held_senior_problem(*, user) -> str | None:
    """A person who holds 副高级 or above already (现有职称情况) is not recognised 副高级 again."""
    held = [lv for lv in held_levels(user=user) if lv in Level.values and _rank(lv) >= _rank(LEVEL)]
    if not held:
        return None
    highest = Level(max(held, key=_rank)).label
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
    today = _today(now)
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
    if _retired(user=user, on=today):
        problems.append(("__all__", RETIRED_PROBLEM))
    held = held_senior_problem(user=user)
    if held:
        problems.append(("__all__", held))
    if unit is not None:
        problems += [("unit", message) for message in postdoc_route_problems(unit=unit, series=series)]
    problems += [
        (problem.field, problem.message)
        for problem in person_issues(user=user, level=LEVEL, year=year, application=application, now=now)
    ]
    return problems


# --- the steps of a committee-less kind's save -------------------------------------------------------


def editable_application(*, user, kind: str, application_id) -> Application | None:
    """The user's own application of `kind` to change (None for a new one): 404 for anyone else's
    or an unknown id, 409 once it is no longer a draft or returned."""
    if application_id in (None, ""):
        return None
    label = ApplicationKind(kind).label
    pk = _int_or_none(application_id)
    application = (
        Application.objects.filter(pk=pk, applicant=user, kind=kind).first() if pk and pk > 0 else None
    )
    if application is None:
        raise NotFound(f"未找到该{label}申报。")
    if application.status not in EDITABLE_STATUSES:
        raise Conflict(
            f"该申报当前状态为“{application.get_status_display()}”，不能修改。"
            f"{label}只能在草稿或返回修改时修改。"
        )
    return application


def catalog_track(*, series_id, track_id, errors: FieldErrors) -> tuple[Series | None, Track | None]:
    """系列 → 方向 from the catalogue (a series with one track needs no choice)."""
    series = None
    sid = _int_or_none(series_id)
    if sid is None:
        errors.add("series_id", "请选择系列。")
    else:
        series = Series.objects.filter(pk=sid).first()
        if series is None:
            errors.add("series_id", "所选系列不存在，请重新选择。")
    track = None
    if series is not None:
        tracks = list(Track.objects.filter(series=series).order_by("order", "id"))
        tid = _int_or_none(track_id)
        if tid is None and len(tracks) == 1:
            track = tracks[0]
        elif tid is None:
            errors.add("track_id", "请选择方向。")
        else:
            track = next((t for t in tracks if t.pk == tid), None)
            if track is None:
                errors.add("track_id", "所选方向不属于该系列，请重新选择。")
    return series, track


def clean_text(
    value, *, errors: FieldErrors, field: str, label: str, limit: int, required: bool = True
) -> str:
    """Spaces collapsed; required and at most `limit` characters."""
    text = " ".join(str(value or "").split())
    if required and not text:
        errors.add(field, f"请填写{label}。")
    elif len(text) > limit:
        errors.add(field, f"{label}最多 {limit} 个字，当前 {len(text)} 个字。")
    return text


def clean_specialty(value, errors: FieldErrors) -> str:
    return clean_text(value, errors=errors, field="specialty", label="申报专业", limit=SPECIALTY_MAX)


def save_draft(
    *, user, application: Application | None, values: dict, facts_model, facts: dict, not_saved: str
) -> Application:
    """Create the draft or change it under its row lock, with its facts row (one-to-one); rule 19's
    constraint (a concurrent save at the same level and year) becomes a Chinese refusal."""
    try:
        with transaction.atomic():
            if application is None:
                saved = Application.objects.create(applicant=user, **values)
            else:
                saved = Application.objects.select_for_update().get(pk=application.pk)
                if saved.status not in EDITABLE_STATUSES:
                    raise Conflict(f"该申报当前状态为“{saved.get_status_display()}”，不能修改。")
                for name, value in values.items():
                    setattr(saved, name, value)
                saved.save(update_fields=[*values.keys(), "updated_at"])
            facts_model.objects.update_or_create(application=saved, defaults=facts)
            return saved
    except IntegrityError:
        raise ServiceError(
            not_saved,
            {
                "__all__": [
                    f"您{values['year']}年已申报{Level(values['level']).label}，同一年度同一层级只能申报一次。"
                ]
            },
        ) from None


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
    if getattr(user, "role", None) != Role.APPLICANT:
        raise Forbidden("只有申报人可以申报职称。")
    now = now or timezone.now()
    application = editable_application(user=user, kind=KIND, application_id=application_id)
    year = application.year if application is not None else current_year(now)

    errors = FieldErrors()
    unit = user.organisation
    if unit is None:
        errors.add("unit", "请先在基本信息中选择工作单位。")
    exit_date = _parse_date(exit_on, errors, "exit_on", "出站日期")
    station = clean_text(
        station, errors=errors, field="station", label="博士后工作站（流动站）名称", limit=STATION_MAX
    )
    is_funded = _yes_no(funded, errors, "funded", "是否获得中国博士后科学基金资助")
    funding_reference = clean_text(
        funding_reference,
        errors=errors,
        field="funding_reference",
        label="资助证书编号或资助年度",
        limit=FUNDING_REFERENCE_MAX,
        required=bool(is_funded),
    )
    led = _yes_no(led_project, errors, "led_project", "是否主持省部级以上科研项目")
    project_name = clean_text(
        project_name,
        errors=errors,
        field="project_name",
        label="主持的省部级以上科研项目名称",
        limit=PROJECT_NAME_MAX,
        required=bool(led),
    )
    stays_on = _yes_no(stays, errors, "stays", "出站后是否继续留在企业")
    series, track = catalog_track(series_id=series_id, track_id=track_id, errors=errors)
    title = None
    if track is not None:
        title = Title.objects.filter(track=track, level=LEVEL).first()
        if title is None:
            errors.add("track_id", f"{track}没有副高级职称，请选择其他系列或方向。")
    specialty = clean_specialty(specialty, errors)

    for field, message in postdoc_problems(
        user=user,
        unit=unit,
        series=series,
        exit_on=exit_date,
        funded=is_funded,
        led_project=led,
        stays=stays_on,
        year=year,
        application=application,
        now=now,
    ):
        errors.add(field, message)
    errors.raise_if_any(NOT_SAVED)

    values = {
        "year": year,
        "kind": KIND,
        "unit": unit,
        "series": series,
        "track": track,
        "specialty": specialty,
        "level": LEVEL,
        "title": title,
        "committee": None,
    }
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
    return save_draft(
        user=user,
        application=application,
        values=values,
        facts_model=PostdocRecognition,
        facts=facts,
        not_saved=NOT_SAVED,
    )


# --- submission and approval (asked by applications/state.py) -------------------------------------


def postdoc_missing(*, application: Application) -> list[Missing]:
    """申报 for a postdoc recognition: 基本信息 (with the unit), the attachments above, the cover."""
    from .completeness import committee_free_missing

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
    data = {
        "series": application.series.name[:40],
        "title_name": application.title.name,
        "level": application.level,
        "obtained_on": _today(now).isoformat(),
        "certificate_no": "",
        "issuer": f"{facts.office_name}认定（企业博士后直接认定副高级）"[:100],
        "appointed": False,
        "appointed_on": None,
    }
    return current_title_add(application=application, data=data, action="postdoc_title_added")
