"""Writes to the dossier: the 基本信息 fields and the entries of the 13 sections.

Every service takes keyword-only arguments, checks everything first (all field errors at once),
then writes inside one transaction, so nothing is half-saved. Another person's entry is reported
as not found. The dossier row is locked while an entry is added or changed, so the per-section
limits (one 专业技术工作总结, one entry per 年度, MAX_ENTRIES_PER_SECTION) hold under concurrency."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Role
from core.audit import audit
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError
from core.http import valid_ip
from orgs.models import OrgKind

from . import rules
from .basic import clean_basic, is_empty
from .display import entry_summary, locked_reason
from .employment import employment_unit_problems
from .models import Dossier, DossierEntry
from .sections import SECTIONS_BY_KEY, Section
from .selectors import dossier_get_or_create, entry_get_own
from .validation import clean_entry

ENTRY_NOT_FOUND = "未找到该条目，可能已被删除。"


def require_applicant(user) -> None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise Forbidden("请先登录。")
    if user.role != Role.APPLICANT:
        raise Forbidden("只有申报人可以填写申报信息。")


def _section(key: str) -> Section:
    section = SECTIONS_BY_KEY.get(str(key or ""))
    if section is None:
        raise NotFound(f"没有这个栏目（{key}）。")
    return section


def _lock(dossier: Dossier) -> None:
    Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("pk", flat=True).first()


# --- 基本信息 --------------------------------------------------------------------------------


def dossier_basic_update(*, user, ip: str | None = None, **fields) -> Dossier:
    """基本信息: change the given fields (a key left out stays as it is). 姓名, 身份证号 and 手机号码
    are never changed here; 性别 and 出生日期 come from the ID number. A new 工作单位 goes
    through accounts.services.applicant_set_unit (its checks and audit row). A freelancer may
    choose a district office, the 户口所在地人社部门 (seed question 5 (1) d), and only a freelancer
    (dossier.employment)."""
    require_applicant(user)
    dossier = dossier_get_or_create(user=user)
    errors = FieldErrors()
    values = clean_basic(dossier, fields, errors)
    unit_id = fields.get("unit_id")
    new_unit = None
    if not is_empty(unit_id) and str(unit_id).strip() != str(user.organisation_id or ""):
        from accounts.selectors import unit_get_choosable

        new_unit = unit_get_choosable(unit_id=unit_id, household=True)
        if new_unit is None:
            errors.add("unit_id", "所选工作单位不存在或已停用，请重新选择。")
    unit = new_unit or user.organisation
    if unit is not None and unit.kind == OrgKind.DISTRICT_BUREAU and "employment_form" not in errors.errors:
        employment_form = values.get("employment_form", dossier.employment_form)
        for message in employment_unit_problems(unit=unit, employment_form=employment_form or ""):
            errors.add("unit_id", message)
    errors.raise_if_any("基本信息未保存，请按提示修改。")
    with transaction.atomic():
        row = Dossier.objects.select_for_update().get(pk=dossier.pk)
        changed = [key for key, value in values.items() if getattr(row, key) != value]
        for key in changed:
            setattr(row, key, values[key])
        if changed:
            row.save(update_fields=[*changed, "updated_at"])
        if new_unit is not None:
            from accounts.services import applicant_set_unit

            applicant_set_unit(user=user, unit_id=new_unit.pk, ip=ip, household=True)
            changed.append("unit_id")
        if changed:
            audit(
                actor=user,
                action="dossier_basic_update",
                target=row,
                detail={"fields": changed},
                ip=valid_ip(ip),
            )
    row.user = user
    return row


# --- Entries ---------------------------------------------------------------------------------


def _check_unique(section: Section, data: dict, others: list[DossierEntry], errors: FieldErrors) -> None:
    for key in section.unique:
        value = data.get(key)
        if value in (None, "") or key in errors.errors:
            continue
        if any(other.data.get(key) == value for other in others):
            label = section.field_map[key].label
            errors.add(key, f"{label} {value} 已填写过，每个{label}只填写一条；请编辑已有的那一条。")


def _own_entry_locked(*, user, entry_id: object) -> DossierEntry:
    """The person's entry, read again after its dossier is locked (a concurrent delete is a 404)."""
    entry = entry_get_own(user=user, entry_id=entry_id)
    if entry is None:
        raise NotFound(ENTRY_NOT_FOUND)
    _lock(entry.dossier)
    fresh = DossierEntry.objects.filter(pk=entry.pk, dossier=entry.dossier).first()
    if fresh is None:
        raise NotFound(ENTRY_NOT_FOUND)
    fresh.dossier = entry.dossier
    return fresh


def _refuse_locked(entry: DossierEntry) -> None:
    """A title revoked for fraud stays on record as the revoking office wrote it (rules 1, 35), one
    the system wrote at a committee's 核准（备案） as the office confirmed it (rule 33)."""
    reason = locked_reason(entry.data)
    if reason:
        raise Conflict(reason)


def dossier_entry_create(*, user, section: str, data: dict, ip: str | None = None) -> DossierEntry:
    """新增: one entry of a section, checked against the section's declaration."""
    require_applicant(user)
    sec = _section(section)
    with transaction.atomic():
        dossier = dossier_get_or_create(user=user)
        _lock(dossier)
        others = list(
            DossierEntry.objects.filter(dossier=dossier, section=sec.key).only("id", "data", "position")
        )
        if sec.single and others:
            raise Conflict(f"“{sec.label}”只需填写一份，请点击“编辑”修改已有的内容。")
        if len(others) >= rules.MAX_ENTRIES_PER_SECTION:
            raise Conflict(
                f"“{sec.label}”最多填写 {rules.MAX_ENTRIES_PER_SECTION} 条，请删除或合并后再新增。"
            )
        cleaned, errors = clean_entry(section=sec, data=data, birth_date=dossier.birth_date)
        _check_unique(sec, cleaned, others, errors)
        errors.raise_if_any(f"“{sec.label}”未保存，请按提示修改。")
        position = max((other.position for other in others), default=0) + 1
        entry = DossierEntry.objects.create(dossier=dossier, section=sec.key, data=cleaned, position=position)
        audit(
            actor=user,
            action="dossier_entry_create",
            target=entry,
            detail={"section": sec.key, "summary": entry_summary(sec, cleaned)},
            ip=valid_ip(ip),
        )
    entry.dossier = dossier
    return entry


def dossier_entry_update(*, user, entry_id: int | str, data: dict, ip: str | None = None) -> DossierEntry:
    """编辑: the entry's whole content is replaced by `data`, checked like a new entry."""
    require_applicant(user)
    with transaction.atomic():
        entry = _own_entry_locked(user=user, entry_id=entry_id)
        _refuse_locked(entry)
        sec = SECTIONS_BY_KEY.get(entry.section)
        if sec is None:
            raise NotFound(ENTRY_NOT_FOUND)
        others = list(
            DossierEntry.objects.filter(dossier=entry.dossier, section=sec.key)
            .exclude(pk=entry.pk)
            .only("id", "data")
        )
        cleaned, errors = clean_entry(section=sec, data=data, birth_date=entry.dossier.birth_date)
        _check_unique(sec, cleaned, others, errors)
        errors.raise_if_any(f"“{sec.label}”未保存，请按提示修改。")
        entry.data = cleaned
        entry.save(update_fields=["data", "updated_at"])
        audit(
            actor=user,
            action="dossier_entry_update",
            target=entry,
            detail={"section": sec.key, "summary": entry_summary(sec, cleaned)},
            ip=valid_ip(ip),
        )
    return entry


def dossier_entry_delete(*, user, entry_id: int | str, ip: str | None = None) -> None:
    """删除: the entry goes; its current attachments are deleted (archived) with it through the
    attachments service, which refuses while the application is in review (attachments frozen)."""
    require_applicant(user)
    from attachments.selectors import attachments_by_entry
    from attachments.services import attachment_delete

    with transaction.atomic():
        entry = _own_entry_locked(user=user, entry_id=entry_id)
        _refuse_locked(entry)
        attached = attachments_by_entry(entry_ids=[entry.pk]).get(entry.pk, [])
        for attachment in attached:
            try:
                attachment_delete(user=user, attachment_id=attachment.pk)
            except ServiceError as exc:
                raise Conflict(f"该条目有附件，暂不能删除：{exc.detail}") from None
        sec = SECTIONS_BY_KEY.get(entry.section)
        audit(
            actor=user,
            action="dossier_entry_delete",
            target=entry,
            detail={
                "section": entry.section,
                "summary": entry_summary(sec, entry.data) if sec else "",
                "attachments": [a.pk for a in attached],
            },
            ip=valid_ip(ip),
        )
        entry.delete()
