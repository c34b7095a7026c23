"""评审批次 (rounds) and their 评议组 (人社部令第40号, rules 8, 28): the committee office creates a
round for its committee and year, the applications that passed the electronic review join it, the
office defines the groups and places each application in one. A round is edited only while 准备中.

Who may: only the committee office of the round's committee (`round_for_office`); everyone else
gets 403 (not an office) or 404 (another committee's round)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.dateparse import parse_date

from accounts.models import Role
from applications.models import Application, ApplicationStatus
from core import rulebook
from core.audit import audit
from core.dates import date_label
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError, id_or_not_found
from core.sources import cite
from orgs.models import Committee, CommitteeWindow

from .models import ReviewGroup, Round, RoundApplication, RoundStatus

DEFAULT_GROUP_NAME = "评议组"
NAME_MAX = 100
GROUP_NAME_MAX = 60
SPECIALTIES_MAX = 200
YEAR_MIN, YEAR_MAX = 2000, 2100


def min_group_experts() -> int:
    """Rule 28: the fewest experts a 评议组 may have (core.rulebook, setting EVALUATION_GROUP_MIN_EXPERTS)."""
    return rulebook.group_min_experts()


def split_specialties(text: str) -> list[str]:
    return [
        part.strip()
        for part in (text or "").replace(",", "、").replace("，", "、").split("、")
        if part.strip()
    ]


# --- access ---------------------------------------------------------------------------------------


def is_office_of(actor, committee_id: int | None) -> bool:
    return (
        getattr(actor, "role", None) == Role.COMMITTEE_OFFICE
        and committee_id is not None
        and getattr(actor, "committee_id", None) == committee_id
    )


def office_committee(*, actor) -> Committee:
    """The committee the signed-in committee office runs; 403 for any other role."""
    if getattr(actor, "role", None) != Role.COMMITTEE_OFFICE:
        raise Forbidden("只有评委会办事机构可以管理评审批次。")
    if actor.committee_id is None:
        raise NotFound("您的账号尚未关联评委会，请联系技术支持。")
    return Committee.objects.get(pk=actor.committee_id)


def round_for_office(*, actor, round_id, lock: bool = False) -> Round:
    """A round of the actor's committee: 403 for a role that runs no committee, 404 for another
    committee's round or an unknown id (the drawn experts are confidential, rule 31)."""
    committee = office_committee(actor=actor)
    pk = id_or_not_found(round_id, "未找到该评审批次。")
    qs = Round.objects.select_related("committee")
    if lock:
        qs = qs.select_for_update(of=("self",))
    row = qs.filter(pk=pk, committee=committee).first()
    if row is None:
        raise NotFound("未找到该评审批次。")
    return row


def _editable(row: Round) -> None:
    if row.status != RoundStatus.PREPARING:
        raise Conflict(f"评审批次“{row.name}”已{row.get_status_display()}，不能再修改批次、评议组或分组。")


# --- reads ----------------------------------------------------------------------------------------


def rounds_list(*, actor) -> QuerySet[Round]:
    committee = office_committee(actor=actor)
    return Round.objects.filter(committee=committee).select_related("committee")


def round_entries(*, row: Round) -> QuerySet[RoundApplication]:
    return (
        RoundApplication.objects.filter(round=row)
        .select_related(
            "application__applicant",
            "application__unit",
            "application__series",
            "application__title",
            "group",
        )
        .order_by("group__position", "group_id", "pk")
    )


def round_groups(*, row: Round) -> list[ReviewGroup]:
    return list(ReviewGroup.objects.filter(round=row).order_by("position", "pk"))


# --- parsing --------------------------------------------------------------------------------------


def _parse_int(value, field: str, message: str, errors: FieldErrors) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        errors.add(field, message)
        return None


def _parse_date(value, field: str, label: str, errors: FieldErrors) -> date | None:
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        errors.add(field, f"请填写{label}。")
        return None
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        errors.add(field, f"{label}格式应为 YYYY-MM-DD，如 2026-10-20。")
    return parsed


def meeting_month_problem(*, committee: Committee, year: int, meeting_date: date) -> str | None:
    """Rule 8: the meeting must fall in the month the office gave with the year's window (the
    month applicants' age and years are counted to). None when no month was set."""
    window = CommitteeWindow.objects.filter(committee=committee, year=year).first()
    month = getattr(window, "meeting_month", None)
    if month is None:
        return None
    if (meeting_date.year, meeting_date.month) != (month.year, month.month):
        return (
            f"评审会议日期（{date_label(meeting_date)}）须在{year}年度网上申报时设置的评委会召开时间"
            f"（{month.year}年{month.month}月）内：申报人的年龄和从事专业技术工作年限均计算至该月"
            f"（{cite(8)}）。如需改期，请先修改网上申报时间中的评委会召开时间。"
        )
    return None


# --- writes ---------------------------------------------------------------------------------------


def _eligible_applications(*, committee: Committee, year: int) -> QuerySet[Application]:
    """Applications of the committee and year that passed the electronic review (电子材料审核通过),
    whose 评前公示 was filed with the provincial and city departments (seed 必读 (三)2: "公示无异议
    的方可提交备案", and only what was filed goes to the committee — publicity.filing), and that are
    not in an open round of the committee. A 重新评议 (rule 34) puts a decided application back here."""
    busy = RoundApplication.objects.exclude(round__status=RoundStatus.CLOSED).values("application_id")
    return (
        Application.objects.filter(
            committee=committee,
            year=year,
            status=ApplicationStatus.APPROVED,
            prereview_filing__isnull=False,
        )
        .exclude(pk__in=busy)
        .order_by("pk")
    )


def unfiled_waiting(*, row: Round) -> int:
    """How many of the committee's applications of the round's year passed the electronic review
    but wait for their 评前公示's filing before they may join (shown on the round's page)."""
    busy = RoundApplication.objects.exclude(round__status=RoundStatus.CLOSED).values("application_id")
    return (
        Application.objects.filter(
            committee_id=row.committee_id,
            year=row.year,
            status=ApplicationStatus.APPROVED,
            prereview_filing__isnull=True,
        )
        .exclude(pk__in=busy)
        .count()
    )


def _matching_group(groups: list[ReviewGroup], specialty: str) -> ReviewGroup | None:
    for group in groups:
        if specialty.strip() in split_specialties(group.specialties):
            return group
    return None


def _default_group(groups: list[ReviewGroup]) -> ReviewGroup | None:
    """The catch-all group (no specialties), else the first."""
    for group in groups:
        if not split_specialties(group.specialties):
            return group
    return groups[0] if groups else None


def _join_applications(*, row: Round) -> int:
    """Add the applications now eligible; the caller holds the committee lock. Returns how many."""
    groups = round_groups(row=row)
    fallback = _default_group(groups)
    new = [
        RoundApplication(
            round=row,
            application=app,
            group=_matching_group(groups, app.specialty) or fallback,
        )
        for app in _eligible_applications(committee=row.committee, year=row.year)
    ]
    RoundApplication.objects.bulk_create(new)
    return len(new)


def _lock_committee(committee_id: int) -> None:
    """Two rounds of one committee created or refreshed at once must not take the same
    application: they queue on the committee's row."""
    list(Committee.objects.select_for_update().filter(pk=committee_id).values_list("pk", flat=True))


def round_create(
    *,
    actor,
    name: str | None,
    year,
    meeting_date,
    experts_to_draw=None,
    ip: str | None = None,
) -> Round:
    """新建批次: the round with one catch-all 评议组 and the applications that passed the
    electronic review and are in no open round."""
    committee = office_committee(actor=actor)
    errors = FieldErrors()
    name = (name or "").strip()
    if not name:
        errors.add("name", "请填写批次名称。")
    elif len(name) > NAME_MAX:
        errors.add("name", f"批次名称不能超过{NAME_MAX}个字。")
    year_value = _parse_int(year, "year", "请填写正确的申报年度（如 2026）。", errors)
    if year_value is not None and not YEAR_MIN <= year_value <= YEAR_MAX:
        errors.add("year", "请填写正确的申报年度（如 2026）。")
        year_value = None
    day = _parse_date(meeting_date, "meeting_date", "评审会议日期", errors)
    count = _parse_experts_to_draw(
        experts_to_draw if experts_to_draw not in (None, "") else min_group_experts(), errors
    )
    if year_value is not None and day is not None:
        problem = meeting_month_problem(committee=committee, year=year_value, meeting_date=day)
        if problem:
            errors.add("meeting_date", problem)
    if errors:
        raise ServiceError.fields(errors.errors)
    with transaction.atomic():
        _lock_committee(committee.pk)
        row = Round.objects.create(
            committee=committee, year=year_value, name=name, meeting_date=day, created_by=actor
        )
        ReviewGroup.objects.create(round=row, name=DEFAULT_GROUP_NAME, specialties="", experts_to_draw=count)
        joined = _join_applications(row=row)
        audit(
            actor=actor,
            action="evaluation_round_create",
            target=row,
            detail={"year": year_value, "meeting_date": day.isoformat(), "applications": joined},
            ip=ip,
        )
    return row


def round_update(*, actor, round_id, name: str | None, meeting_date, ip: str | None = None) -> Round:
    errors = FieldErrors()
    name = (name or "").strip()
    if not name:
        errors.add("name", "请填写批次名称。")
    elif len(name) > NAME_MAX:
        errors.add("name", f"批次名称不能超过{NAME_MAX}个字。")
    day = _parse_date(meeting_date, "meeting_date", "评审会议日期", errors)
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        _editable(row)
        if day is not None:
            problem = meeting_month_problem(committee=row.committee, year=row.year, meeting_date=day)
            if problem:
                errors.add("meeting_date", problem)
        if errors:
            raise ServiceError.fields(errors.errors)
        before = {"name": row.name, "meeting_date": row.meeting_date.isoformat()}
        row.name, row.meeting_date = name, day
        row.save(update_fields=["name", "meeting_date"])
        audit(actor=actor, action="evaluation_round_update", target=row, detail={"before": before}, ip=ip)
    return row


def round_refresh(*, actor, round_id, ip: str | None = None) -> int:
    """加入新通过的申报: applications that passed the electronic review since the round was made."""
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        _editable(row)
        _lock_committee(row.committee_id)
        joined = _join_applications(row=row)
        if joined:
            audit(
                actor=actor,
                action="evaluation_round_refresh",
                target=row,
                detail={"applications": joined},
                ip=ip,
            )
    return joined


def _parse_experts_to_draw(value, errors: FieldErrors) -> int | None:
    minimum = min_group_experts()
    count = _parse_int(value, "experts_to_draw", "请填写抽取专家人数（整数）。", errors)
    if count is not None and count < minimum:
        errors.add(
            "experts_to_draw",
            f"每个评议组至少抽取{minimum}名专家（{cite(28)}），当前填写{count}名。",
        )
        return None
    if count is not None and count > 99:
        errors.add("experts_to_draw", "抽取专家人数不能超过99名。")
        return None
    return count


def _group_values(name, specialties, experts_to_draw) -> tuple[str, str, int | None]:
    errors = FieldErrors()
    name = (name or "").strip()
    if not name:
        errors.add("name", "请填写评议组名称。")
    elif len(name) > GROUP_NAME_MAX:
        errors.add("name", f"评议组名称不能超过{GROUP_NAME_MAX}个字。")
    parts = split_specialties(specialties or "")
    text = "、".join(parts)
    if len(text) > SPECIALTIES_MAX:
        errors.add("specialties", f"评议专业不能超过{SPECIALTIES_MAX}个字。")
    count = _parse_experts_to_draw(experts_to_draw, errors)
    if errors:
        raise ServiceError.fields(errors.errors)
    return name, text, count


def group_create(
    *, actor, round_id, name, specialties, experts_to_draw, ip: str | None = None
) -> ReviewGroup:
    """A 评议组 (rule 28: at least 3 experts). The applications in the catch-all group whose
    specialty is one of the new group's move to it."""
    name, text, count = _group_values(name, specialties, experts_to_draw)
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        _editable(row)
        position = (
            ReviewGroup.objects.filter(round=row)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
            or 0
        ) + 1
        try:
            with transaction.atomic():
                group = ReviewGroup.objects.create(
                    round=row, name=name, specialties=text, experts_to_draw=count, position=position
                )
        except IntegrityError:
            raise ServiceError.fields({"name": [f"本批次已有名为“{name}”的评议组。"]}) from None
        groups = round_groups(row=row)
        catch_all = [g.pk for g in groups if not split_specialties(g.specialties)]
        moved = 0
        wanted = set(split_specialties(text))
        for entry in RoundApplication.objects.filter(round=row, group_id__in=catch_all).select_related(
            "application"
        ):
            if entry.application.specialty.strip() in wanted:
                entry.group = group
                entry.save(update_fields=["group"])
                moved += 1
        audit(
            actor=actor,
            action="evaluation_group_create",
            target=group,
            detail={"round": row.pk, "specialties": text, "experts_to_draw": count, "moved": moved},
            ip=ip,
        )
    return group


def group_update(
    *, actor, round_id, group_id, name, specialties, experts_to_draw, ip: str | None = None
) -> ReviewGroup:
    name, text, count = _group_values(name, specialties, experts_to_draw)
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        _editable(row)
        group = _group_of(row, group_id)
        if ReviewGroup.objects.filter(round=row, name=name).exclude(pk=group.pk).exists():
            raise ServiceError.fields({"name": [f"本批次已有名为“{name}”的评议组。"]})
        group.name, group.specialties, group.experts_to_draw = name, text, count
        group.save(update_fields=["name", "specialties", "experts_to_draw"])
        audit(actor=actor, action="evaluation_group_update", target=group, detail={"round": row.pk}, ip=ip)
    return group


def group_delete(*, actor, round_id, group_id, ip: str | None = None) -> None:
    """Remove a group; its applications go to the catch-all group (or the first left). The last
    group cannot go: without groups the round has one."""
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        _editable(row)
        group = _group_of(row, group_id)
        others = [g for g in round_groups(row=row) if g.pk != group.pk]
        if not others:
            raise Conflict("批次至少要有一个评议组：未分组时全部申报由一个评议组评议。")
        target = _default_group(others)
        RoundApplication.objects.filter(round=row, group=group).update(group=target)
        audit(actor=actor, action="evaluation_group_delete", target=row, detail={"group": group.name}, ip=ip)
        group.delete()


def _group_of(row: Round, group_id) -> ReviewGroup:
    pk = id_or_not_found(group_id, "未找到该评议组。")
    group = ReviewGroup.objects.filter(pk=pk, round=row).first()
    if group is None:
        raise NotFound("未找到该评议组。")
    return group


def entry_move(*, actor, round_id, entry_id, group_id, ip: str | None = None) -> RoundApplication:
    """调整分组: put one application in another group of the round."""
    with transaction.atomic():
        row = round_for_office(actor=actor, round_id=round_id, lock=True)
        _editable(row)
        try:
            entry = RoundApplication.objects.select_related("application__applicant").get(
                pk=int(entry_id), round=row
            )
        except (TypeError, ValueError, RoundApplication.DoesNotExist):
            raise NotFound("未找到该评审对象。") from None
        if group_id in (None, ""):
            raise ServiceError.fields({"group": ["请选择评议组。"]})
        group = _group_of(row, group_id)
        before = entry.group.name if entry.group_id else ""
        entry.group = group
        entry.save(update_fields=["group"])
        audit(
            actor=actor,
            action="evaluation_entry_move",
            target=entry,
            detail={"from": before, "to": group.name},
            ip=ip,
        )
    return entry
