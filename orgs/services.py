"""Unit services: registration (rule 26), 单位信息, and the unit admin's actions on its staff
(发送信息, 重置密码, 移除, 解锁 — seed part 五(三)3).

Services take keyword-only typed arguments, collect every field error at once, save in one
transaction and return the objects; they never see the request (the caller passes `ip`)."""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction

from accounts.models import Role, SmsPurpose, User
from accounts.services import account_reset_password_by_admin, account_unlock, password_problems
from accounts.sms_codes import sms_code_check, sms_code_consume
from core.audit import audit
from core.errors import FieldErrors, Forbidden, ServiceError
from core.validators import clean_credit_code, clean_mobile, clean_text
from messaging.models import SiteMessage
from messaging.services import site_message_send

from .models import STATE_OWNERSHIPS, UNIT_KINDS, Organisation, OrgKind, Ownership
from .permissions import can_edit_unit, can_manage_staff_member
from .selectors import duplicate_unit_guidance

NAME_MAX = 100  # Organisation.name
PERSON_NAME_MAX = 40  # Organisation.head_name, User.name
USERNAME_RE = re.compile(r"^[A-Za-z0-9_]{4,40}$")
PHONE_RE = re.compile(r"^[0-9][0-9\-]{5,18}[0-9]$")

MSG_OWNERSHIP_REQUIRED = "请选择单位性质。"
MSG_DISTRICT_REQUIRED = "请选择属地县（市）区人社部门。"
MSG_DEPARTMENT_REQUIRED = "市属国有企事业单位和县区国有企事业单位须选择主管部门。"
MSG_DEPARTMENT_NOT_ALLOWED = "非公有制经济组织、社会组织和人事代理机构没有主管部门，主管部门请留空。"
MSG_CIVIL_SERVANT_NOT_ALLOWED = "只有国有企事业单位才可能参照公务员法管理，请取消勾选。"
MSG_PHONE = "单位联系电话格式不正确，应为固定电话（如 0871-63108336）或手机号码。"
MSG_USERNAME = "用户名应为 4–40 位字母、数字或下划线。"
MSG_USERNAME_TAKEN = "该用户名已被使用，请换一个。"
MSG_NAME_TAKEN = "该单位名称已注册。"
MSG_CODE_TAKEN = "该统一社会信用代码已注册。"


# --- shared field checks -------------------------------------------------------------------------


def _pk(value: Any) -> int | None:
    """An id from a form or JSON: '' / None is "not chosen"; anything not an integer is -1."""
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return -1


def _clean_unit_fields(
    errors: FieldErrors,
    *,
    name: str,
    ownership: str,
    district_id: Any,
    department_id: Any,
    civil_servant_managed: bool,
    head_name: str,
    head_phone: str,
    phone: str,
    keep: Organisation | None = None,
) -> dict[str, Any]:
    """Checks shared by registration and 单位信息; returns the cleaned values (None where bad).
    Only active offices and departments may be chosen, except the ones `keep` (the unit being
    edited) already has."""
    kept = {keep.district_id, keep.department_id} - {None} if keep is not None else set()
    out: dict[str, Any] = {}
    try:
        out["name"] = clean_text(name, label="单位名称", max_length=NAME_MAX)
    except ValueError as exc:
        errors.add("name", str(exc))
        out["name"] = None

    ownership = (ownership or "").strip()
    if not ownership:
        errors.add("ownership", MSG_OWNERSHIP_REQUIRED)
        ownership = ""
    elif ownership not in Ownership.values:
        errors.add("ownership", "单位性质不正确，请从列表中选择。")
        ownership = ""
    out["ownership"] = ownership

    district = None
    pk = _pk(district_id)
    if pk is None:
        errors.add("district_id", MSG_DISTRICT_REQUIRED)
    else:
        district = Organisation.objects.filter(pk=pk, kind=OrgKind.DISTRICT_BUREAU).first()
        if district is not None and not district.is_active and pk not in kept:
            district = None
        if district is None:
            errors.add("district_id", "所选属地县（市）区人社部门不存在，请从列表中选择。")
    out["district"] = district

    department = None
    pk = _pk(department_id)
    if pk is not None:
        department = Organisation.objects.filter(pk=pk, kind=OrgKind.DEPARTMENT).first()
        if department is not None and not department.is_active and pk not in kept:
            department = None
        if department is None:
            errors.add("department_id", "所选主管部门不存在，请从列表中选择。")
    if ownership in STATE_OWNERSHIPS and pk is None:
        errors.add("department_id", MSG_DEPARTMENT_REQUIRED)
    elif ownership and ownership not in STATE_OWNERSHIPS and pk is not None:
        errors.add("department_id", MSG_DEPARTMENT_NOT_ALLOWED)
    out["department"] = department

    civil_servant_managed = bool(civil_servant_managed)
    if civil_servant_managed and ownership and ownership not in STATE_OWNERSHIPS:
        errors.add("civil_servant_managed", MSG_CIVIL_SERVANT_NOT_ALLOWED)
    out["civil_servant_managed"] = civil_servant_managed

    try:
        out["head_name"] = clean_text(head_name, label="单位负责人姓名", max_length=PERSON_NAME_MAX)
    except ValueError as exc:
        errors.add("head_name", str(exc))
    try:
        out["head_phone"] = clean_mobile(head_phone)
    except ValueError as exc:
        message = "请填写单位负责人手机。" if not (head_phone or "").strip() else f"单位负责人{exc}"
        errors.add("head_phone", message)
        out["head_phone"] = None

    phone = "".join((phone or "").split())
    if not phone:
        errors.add("phone", "请填写单位联系电话。")
    elif len(phone) > 20:
        errors.add("phone", f"单位联系电话最多 20 位，当前 {len(phone)} 位。")
    elif not PHONE_RE.fullmatch(phone):
        errors.add("phone", MSG_PHONE)
    out["phone"] = phone
    return out


def _name_taken(name: str, *, exclude_pk: int | None = None) -> bool:
    qs = Organisation.objects.filter(kind__in=UNIT_KINDS, name=name)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


# --- registration (rule 26) ----------------------------------------------------------------------


def unit_register(
    *,
    name: str,
    credit_code: str,
    ownership: str,
    district_id: int | str | None,
    department_id: int | str | None,
    civil_servant_managed: bool,
    head_name: str,
    head_phone: str,
    phone: str,
    username: str,
    password: str,
    sms_code: str,
    password_confirm: str | None = None,
    ip: str | None = None,
) -> tuple[Organisation, User]:
    """Rule 26: a unit registers with its unified social credit code and the unit head's mobile
    (checked by an SMS code). Creates the unit (an agency for 人事代理机构) and its unit admin
    account in one transaction. A name or code already registered is refused with FAQ 4."""
    errors = FieldErrors()
    fields = _clean_unit_fields(
        errors,
        name=name,
        ownership=ownership,
        district_id=district_id,
        department_id=department_id,
        civil_servant_managed=civil_servant_managed,
        head_name=head_name,
        head_phone=head_phone,
        phone=phone,
    )
    try:
        code = clean_credit_code(credit_code)
    except ValueError as exc:
        errors.add("credit_code", str(exc))
        code = None

    duplicate = False
    guidance = ""
    if fields["name"] and _name_taken(fields["name"]):
        errors.add("name", MSG_NAME_TAKEN)
        duplicate = True
    if code and Organisation.objects.filter(credit_code=code).exists():
        errors.add("credit_code", MSG_CODE_TAKEN)
        duplicate = True
    if duplicate:
        guidance = duplicate_unit_guidance()
        errors.add("__all__", guidance)

    username = (username or "").strip() or (code or "")
    if not username:
        errors.add("username", "请填写管理员用户名（默认为统一社会信用代码）。")
    elif not USERNAME_RE.fullmatch(username):
        errors.add("username", MSG_USERNAME)
    elif not duplicate and User.objects.filter(username__iexact=username).exists():
        errors.add("username", MSG_USERNAME_TAKEN)

    password = password or ""
    probe = User(username=username, name=fields.get("head_name") or "", phone=fields["head_phone"] or "")
    for message in password_problems(password, user=probe):
        errors.add("password", message)
    if password and password_confirm is not None and password_confirm != password:
        errors.add("password_confirm", "两次输入的密码不一致。")

    # The code is checked outside the transaction, so a wrong try is counted even when we refuse.
    code_row = None
    if fields["head_phone"]:
        try:
            code_row = sms_code_check(
                phone=fields["head_phone"], purpose=SmsPurpose.UNIT_REGISTER, code=sms_code
            )
        except ServiceError as exc:
            for field, messages in exc.errors.items():
                for message in messages:
                    errors.add(field, message)
    if guidance:
        errors.raise_if_any(guidance)
    errors.raise_if_any()

    kind = OrgKind.AGENCY if fields["ownership"] == Ownership.AGENCY else OrgKind.UNIT
    try:
        with transaction.atomic():
            unit = Organisation.objects.create(
                kind=kind,
                name=fields["name"],
                credit_code=code,
                ownership=fields["ownership"],
                district=fields["district"],
                department=fields["department"],
                civil_servant_managed=fields["civil_servant_managed"],
                head_name=fields["head_name"],
                head_phone=fields["head_phone"],
                phone=fields["phone"],
            )
            user = User.objects.create_user(
                username=username,
                password=password,
                role=Role.UNIT_ADMIN,
                organisation=unit,
                name=fields["head_name"],
                phone=fields["head_phone"],
            )
            sms_code_consume(code_row)
            audit(actor=user, action="unit_register", target=unit, detail={"username": username}, ip=ip)
    except IntegrityError:
        # Two registrations at once: the database constraints decide, with the same messages.
        taken = FieldErrors()
        if _name_taken(fields["name"]):
            taken.add("name", MSG_NAME_TAKEN)
        if Organisation.objects.filter(credit_code=code).exists():
            taken.add("credit_code", MSG_CODE_TAKEN)
        if taken:
            guidance = duplicate_unit_guidance()
            taken.add("__all__", guidance)
            taken.raise_if_any(guidance)
        taken.add("username", MSG_USERNAME_TAKEN)
        taken.raise_if_any()
        raise  # pragma: no cover - raise_if_any always raises here
    return unit, user


# --- 单位信息 ----------------------------------------------------------------------------------------

UNIT_EDITABLE = (
    "name",
    "phone",
    "head_name",
    "head_phone",
    "department",
    "district",
    "civil_servant_managed",
)


def unit_update(
    *,
    actor: User,
    unit: Organisation,
    name: str,
    phone: str,
    head_name: str,
    head_phone: str,
    department_id: int | str | None,
    district_id: int | str | None,
    civil_servant_managed: bool,
    ip: str | None = None,
) -> Organisation:
    """The unit admin edits 单位信息. Rule 26 / FAQ 7: a unit renamed under the same credit code
    edits its name here; the credit code and the ownership never change. One audit row per save
    with the old and new values."""
    allowed, reason = can_edit_unit(actor, unit)
    if not allowed:
        raise Forbidden(reason)
    errors = FieldErrors()
    fields = _clean_unit_fields(
        errors,
        name=name,
        ownership=unit.ownership,
        district_id=district_id,
        department_id=department_id,
        civil_servant_managed=civil_servant_managed,
        head_name=head_name,
        head_phone=head_phone,
        phone=phone,
        keep=unit,
    )
    if fields["name"] and _name_taken(fields["name"], exclude_pk=unit.pk):
        errors.add("name", "该单位名称已被其他单位使用。")
        errors.add("__all__", duplicate_unit_guidance())
    errors.raise_if_any()

    try:
        with transaction.atomic():
            row = Organisation.objects.select_for_update().get(pk=unit.pk)
            changes: dict[str, list] = {}
            for field in UNIT_EDITABLE:
                old = getattr(row, field)
                new = fields[field]
                if old != new:
                    changes[field] = [_audit_value(old), _audit_value(new)]
                    setattr(row, field, new)
            if changes:
                row.save(update_fields=[*changes, "updated_at"])
                detail: dict[str, Any] = {"changes": changes, "credit_code": row.credit_code}
                if "name" in changes:
                    detail.update(old_name=changes["name"][0], new_name=changes["name"][1])
                action = "unit_rename" if "name" in changes else "unit_update"
                audit(actor=actor, action=action, target=row, detail=detail, ip=ip)
    except IntegrityError:
        raise ServiceError(
            "该单位名称已被其他单位使用。", {"name": ["该单位名称已被其他单位使用。"]}
        ) from None
    return row


def _audit_value(value: Any) -> Any:
    if isinstance(value, Organisation):
        return str(value)
    return value


# --- 专业技术人员管理 ----------------------------------------------------------------------------------


def _check_member(actor: User, target: User) -> None:
    allowed, reason = can_manage_staff_member(actor, target)
    if not allowed:
        raise Forbidden(reason)


def unit_staff_unlock(*, actor: User, user: User, ip: str | None = None) -> User:
    """解锁 (rule 21): only an applicant of the actor's own unit (or any, for support)."""
    _check_member(actor, user)
    return account_unlock(actor=actor, user=user, ip=ip)


def unit_staff_reset_password(*, actor: User, user: User, ip: str | None = None) -> User:
    """重置密码: a temporary password goes to the applicant by SMS; the admin never sees it."""
    _check_member(actor, user)
    if not user.phone:
        raise ServiceError("该申报人没有登记手机号码，无法通过短信发送临时密码，请联系技术支持。")
    return account_reset_password_by_admin(actor=actor, user=user, ip=ip)


def unit_staff_remove(*, actor: User, user: User, ip: str | None = None) -> User:
    """移除: the applicant leaves the unit (organisation emptied); the account stays."""
    _check_member(actor, user)
    with transaction.atomic():
        target = User.objects.select_for_update().get(pk=user.pk)
        unit = target.organisation
        if unit is None:
            raise ServiceError("该申报人已不属于任何单位。")
        target.organisation = None
        target.save(update_fields=["organisation"])
        audit(
            actor=actor,
            action="unit_staff_remove",
            target=target,
            detail={"unit_id": unit.pk, "unit": unit.name},
            ip=ip,
        )
    return target


def unit_staff_message(*, actor: User, user: User, title: str, body: str) -> SiteMessage:
    """发送信息: a site message from the unit to one of its applicants."""
    _check_member(actor, user)
    sender_org = actor.organisation if actor.role == Role.UNIT_ADMIN else None
    return site_message_send(sender=actor, recipient=user, title=title, body=body, sender_org=sender_org)
