"""Writes for applications other than status changes (those live in applications/state.py).

保存封面 (seed part 五 (二) 3 (1)): 申报年度, 工作单位 (from 基本信息), 申报类别, 系列 / 方向 /
专业, 层级 and 职称 from the catalogue, 评委会 among those whose window is open now and that cover
the series and level. Eligibility (rules 1, 6, 7, 8, 9, 19, 20) is checked here already, so the
applicant learns every reason at once, and again at submission."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import Level
from core.errors import Conflict, FieldErrors, NotFound, ServiceError
from dossier.employment import employment_unit_problems
from dossier.selectors import dossier_get_or_create
from orgs.models import Committee
from orgs.windows import committees_open, current_year

from .drafts import (
    applicant_unit,
    catalog_level,
    catalog_title,
    catalog_track,
    clean_specialty,
    int_or_none,
    require_applicant,
)
from .eligibility.checks import eligibility_issues
from .models import COMMITTEE_LESS_KINDS, EDITABLE_STATUSES, Application, ApplicationKind, ApplicationStatus

# Seed part 五 (二) 3 (1) 注意.
NO_COMMITTEE_NOTE = (
    "找不到申报专业对应的评委会，可能是此评委会还未开始申报审核或者已经截止申报，"
    "请注意查看各系列各层级的评委会申报通知。"
)
LATER_KINDS: tuple[str, ...] = ()  # kinds announced but not open yet
LATER_KIND_MESSAGE = "该申报类别将在后续版本开放。"
# 考核认定 has no committee and its own facts (recognition.recognition.recognition_save).
RECOGNITION_KIND_MESSAGE = "考核认定不选择评委会，请填写学历（学位）和录用（聘用）日期后保存考核认定。"
# 职称确认 likewise (recognition.confirmation.confirmation_save).
CONFIRMATION_KIND_MESSAGE = "职称确认不选择评委会，请填写原职称、调入日期和试用期考核情况后保存职称确认。"
# 博士后认定 likewise (recognition.postdoc.postdoc_save).
POSTDOC_KIND_MESSAGE = (
    "博士后认定不选择评委会，请填写出站日期、博士后工作站、资助或主持项目情况后保存博士后认定。"
)
COVER_NOT_SAVED = "封面未保存，请按提示修改。"


def application_years(*, now: datetime | None = None) -> list[int]:
    """申报年度: the current year or the next."""
    year = current_year(now)
    return [year, year + 1]


def cover_committees(
    *, year: int | None, series_id: int | None, level: str | None, now=None
) -> list[Committee]:
    """The committees the cover may choose: open now for the year (rule 6) and covering the series
    and level."""
    if not series_id or not level or year != current_year(now):
        return []
    return committees_open(now=now, series_id=series_id, level=level)


def application_save_cover(
    *,
    user,
    year,
    kind,
    series_id,
    track_id,
    specialty,
    level,
    title_id=None,
    committee_id,
    application_id=None,
    changed_on=None,
    now: datetime | None = None,
) -> Application:
    """保存封面: create the draft, or change the cover of the user's draft or returned application
    (the committee only while it is a draft). Every problem is reported at once."""
    require_applicant(user=user)
    now = now or timezone.now()
    application = None
    if application_id not in (None, ""):
        pk = int_or_none(application_id)
        application = Application.objects.filter(pk=pk, applicant=user).first() if pk else None
        if application is None:
            raise NotFound("未找到该申报。")
        if application.status not in EDITABLE_STATUSES:
            raise Conflict(
                f"该申报当前状态为“{application.get_status_display()}”，不能修改封面。"
                "封面只能在草稿或返回修改时修改。"
            )
    returned = application is not None and application.status == ApplicationStatus.RETURNED

    errors = FieldErrors()
    # 申报年度: this year or the next.
    years = application_years(now=now)
    year_value = int_or_none(year)
    if year_value is None:
        errors.add("year", "请选择申报年度。")
    elif year_value not in years:
        errors.add("year", f"申报年度只能选择{years[0]}年或{years[1]}年。")
        year_value = None
    elif returned and year_value != application.year:
        errors.add("year", "返回修改期间不能更改申报年度。")

    # 工作单位: from 基本信息, and whether the 用工形式 goes with it (seed questions 5 and 14).
    unit = applicant_unit(user=user, errors=errors)
    employment_form = dossier_get_or_create(user=user).employment_form
    for message in employment_unit_problems(unit=unit, employment_form=employment_form):
        errors.add("unit", message)

    # 申报类别.
    kind = (kind or "").strip()
    if not kind:
        errors.add("kind", "请选择申报类别。")
    elif kind not in ApplicationKind.values:
        errors.add("kind", "申报类别不正确，请重新选择。")
    elif kind in LATER_KINDS:
        errors.add("kind", LATER_KIND_MESSAGE)
    elif kind == ApplicationKind.RECOGNITION:
        errors.add("kind", RECOGNITION_KIND_MESSAGE)
    elif kind == ApplicationKind.CONFIRMATION:
        errors.add("kind", CONFIRMATION_KIND_MESSAGE)
    elif kind == ApplicationKind.POSTDOC:
        errors.add("kind", POSTDOC_KIND_MESSAGE)
    elif application is not None and application.kind in COMMITTEE_LESS_KINDS:
        errors.add(
            "kind", f"该申报为{application.get_kind_display()}，不能改为其他申报类别；请另行保存封面。"
        )

    # 系列 → 方向 → 层级 → 职称, all from the catalogue.
    series, track = catalog_track(series_id=series_id, track_id=track_id, errors=errors)
    level = catalog_level(
        level, errors=errors, missing="请选择申报层级。", wrong="申报层级不正确，请重新选择。"
    )
    title = catalog_title(track=track, level=level, errors=errors, field="level", advice="请重新选择层级。")
    if title is not None and int_or_none(title_id) not in (None, title.pk):
        errors.add("title_id", f"申报职称与所选方向和层级不一致（应为“{title.name}”）。")

    # 专业.
    specialty = clean_specialty(specialty, errors=errors)

    # 转系列评审 (rule 18): the post change date (checked with the eligibility below).
    series_changed_on = None
    if kind == ApplicationKind.SERIES_CHANGE and str(changed_on or "").strip():
        try:
            series_changed_on = date.fromisoformat(str(changed_on).strip()[:10])
        except ValueError:
            errors.add("changed_on", "岗位变更日期格式应为 YYYY-MM-DD，如 2025-07-01。")
            series_changed_on = None
            changed_on = "invalid"

    # 评委会: only among the open ones that cover the series and level (rule 6).
    committee = None
    cid = int_or_none(committee_id)
    if returned and cid not in (None, application.committee_id):
        errors.add("committee_id", "返回修改期间不能更换评委会；如需更换，请联系单位重置流程。")
    elif cid is None:
        if (
            series is not None
            and level
            and not cover_committees(year=year_value, series_id=series.pk, level=level, now=now)
        ):
            errors.add("committee_id", NO_COMMITTEE_NOTE)
        else:
            errors.add("committee_id", "请选择评审委员会。")
    else:
        committee = Committee.objects.filter(pk=cid).first()
        if committee is None:
            errors.add("committee_id", "所选评审委员会不存在，请重新选择。")

    # Eligibility (rules 1, 6, 7, 8, 9, 19, 20), when the cover itself is complete enough.
    if unit is not None and committee is not None and series is not None and level and year_value:
        for problem in eligibility_issues(
            user=user,
            committee=committee,
            level=level,
            year=year_value,
            series=series,
            application=application,
            now=now,
            kind=kind if kind in ApplicationKind.values else None,
            changed_on=series_changed_on,
        ):
            if not (problem.field == "changed_on" and changed_on == "invalid"):
                errors.add(problem.field, problem.message)
    errors.raise_if_any(COVER_NOT_SAVED)

    values = {
        "year": year_value,
        "kind": kind,
        "unit": unit,
        "series": series,
        "track": track,
        "specialty": specialty,
        "level": level,
        "title": title,
        "committee": committee,
        "series_changed_on": series_changed_on,
    }
    try:
        with transaction.atomic():
            if application is None:
                return Application.objects.create(applicant=user, **values)
            locked = Application.objects.select_for_update().get(pk=application.pk)
            if locked.status not in EDITABLE_STATUSES:
                raise Conflict(f"该申报当前状态为“{locked.get_status_display()}”，不能修改封面。")
            if locked.status == ApplicationStatus.RETURNED and locked.committee_id != committee.pk:
                raise Conflict("返回修改期间不能更换评委会；如需更换，请联系单位重置流程。")
            for name, value in values.items():
                setattr(locked, name, value)
            locked.save(update_fields=[*values.keys(), "updated_at"])
            return locked
    except IntegrityError:
        # Rule 19, backed by the constraint: a concurrent save of another application at this level.
        raise ServiceError(
            COVER_NOT_SAVED,
            {
                "level": [
                    f"您{year_value}年已申报{Level(level).label}，同一年度同一层级只能向一个评委会申报。"
                ]
            },
        ) from None


def applicant_renamed(*, user) -> int:
    """Support corrected an applicant's name (the admin): the review queue's copy on the review
    steps follows, so a search by the new name finds the applications. Returns the steps changed."""
    from .models import ReviewStep

    return ReviewStep.objects.filter(application__applicant=user).update(applicant_name=user.name)
