"""评审专家库 (issue 13 item 1): each committee's expert pool, managed by its committee office.

《职称评审管理暂行规定》（人社部令第40号）: the organiser keeps a pool of experts and draws each
committee's members from it; rule 27 of docs/domain.md: a senior committee formed by series has at
least 25 experts, one formed by specialty at least 11; the intermediate and junior minimums (by
series or by specialty too) are the deployer's settings (evaluation.rules.pool_minimum). Rule 35:
an expert who breaks the rules loses their place (取消资格, with the reason).

Writes here are plain functions with keyword-only arguments: validate everything first (all field
messages at once), then write in one transaction with the membership row locked, one audit row
each. An expert is an account of role `expert` with one `Expert` profile, matched by mobile number
across pools; a new account gets a temporary password by SMS and must change it at first login.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role, User
from accounts.services import make_temporary_password
from core.audit import audit
from core.errors import Conflict, FieldErrors, Forbidden, NotFound, ServiceError, id_or_not_found
from core.fields import line_field
from core.tasks import enqueue
from orgs.models import Committee, Organisation, OrgKind

from . import rules
from .models import Expert, MembershipStatus, Pool, PoolFormation, PoolMembership
from .pool_fields import clean_expert_fields

POLICY = "《职称评审管理暂行规定》（人社部令第40号）"
# The article numbers are not cited: they could not be checked against the text here (the rules
# engineer's docs/decisions/0011 says the same); the regulation is named as people know it.
SIZE_SOURCE = POLICY
POOL_SOURCE = POLICY

REASON_MAX = 300

MSG_NOT_OFFICE = "只有本评委会办事机构可以管理评审专家库。"
MSG_NO_COMMITTEE = "您的账号没有绑定评审委员会，请联系系统技术支持。"

# Rule 27: the defaults; a deployment sets EVALUATION_POOL_MIN_* in its settings. When
# evaluation.rules (the rules engineer's) is merged, `pool_minimum` below becomes one call to
# `rules.pool_minimum(tier=committee.tier, formation=formation)` and these go.


# --- access --------------------------------------------------------------------------------------


def can_manage_pool(user: Any, committee: Committee | None = None) -> bool:
    """The committee office of this committee (of any committee when `committee` is None)."""
    if getattr(user, "role", None) != Role.COMMITTEE_OFFICE or not getattr(user, "committee_id", None):
        return False
    return committee is None or user.committee_id == committee.pk


def office_committee(actor: Any) -> Committee:
    """The committee whose pool the actor runs, or Forbidden."""
    if getattr(actor, "role", None) != Role.COMMITTEE_OFFICE:
        raise Forbidden(MSG_NOT_OFFICE)
    if not actor.committee_id:
        raise Forbidden(MSG_NO_COMMITTEE)
    return actor.committee


def pool_for(committee: Committee) -> Pool:
    """The committee's pool, created empty (按系列组建) the first time it is asked for."""
    pool, _ = Pool.objects.get_or_create(committee=committee)
    return pool


def membership_get(*, actor: Any, membership_id: Any) -> PoolMembership:
    """One membership of the actor's pool; another pool's (or a wrong id) is not found."""
    committee = office_committee(actor)
    pk = id_or_not_found(membership_id, "未找到该专家。")
    row = (
        PoolMembership.objects.select_related("expert", "expert__user", "pool__committee")
        .filter(pk=pk, pool__committee=committee)
        .first()
    )
    if row is None:
        raise NotFound("未找到该专家。")
    return row


# --- pool size (rule 27) -------------------------------------------------------------------------


def pool_minimum(*, committee: Committee, formation: str | None = None) -> int:
    """The fewest experts the committee's pool must hold (rule 27, evaluation.rules.pool_minimum):
    by the committee's tier and the pool's formation (按系列 unless the pool says 按专业)."""
    if formation is None:
        pool = Pool.objects.filter(committee=committee).only("formation").first()
        formation = pool.formation if pool else PoolFormation.SERIES
    return rules.pool_minimum(tier=committee.tier, formation=formation)


def serving_count(*, committee: Committee, today: date | None = None) -> int:
    """在库 experts whose term covers today."""
    today = today or timezone.localdate()
    return PoolMembership.objects.filter(
        pool__committee=committee,
        status=MembershipStatus.ACTIVE,
        term_start__lte=today,
        term_end__gte=today,
    ).count()


def pool_problems(*, committee: Committee) -> list[str]:
    """Why the committee cannot draw experts for a round now, in Chinese (empty: it can): no pool,
    or fewer serving experts (在库, term covering today) than the minimum of rule 27."""
    pool = Pool.objects.filter(committee=committee).first()
    return _problems(committee, pool, serving_count(committee=committee) if pool else 0)


def _problems(committee: Committee, pool: Pool | None, count: int) -> list[str]:
    if pool is None:
        return [f"本评委会尚未建立评审专家库（{POOL_SOURCE}），请先在“评审专家库”中添加专家。"]
    minimum = pool_minimum(committee=committee, formation=pool.formation)
    if count < minimum:
        return [
            f"评审专家库中在库且在聘期内的专家 {count} 名，少于{committee.get_tier_display()}"
            f"评审委员会（{pool.get_formation_display()}）至少 {minimum} 名的要求（{SIZE_SOURCE}），"
            f"还需补充 {minimum - count} 名。"
        ]
    return []


@dataclass(frozen=True)
class PoolSize:
    count: int
    minimum: int
    problems: list[str]
    formation: str
    formation_label: str

    @property
    def short(self) -> bool:
        return bool(self.problems)


def pool_size(*, committee: Committee) -> PoolSize:
    """The pool page's figures: serving experts, the minimum, the problems, the formation."""
    pool = Pool.objects.filter(committee=committee).first()
    formation = pool.formation if pool else PoolFormation.SERIES
    count = serving_count(committee=committee) if pool else 0
    return PoolSize(
        count=count,
        minimum=pool_minimum(committee=committee, formation=formation),
        problems=_problems(committee, pool, count),
        formation=formation,
        formation_label=PoolFormation(formation).label,
    )


def pool_set_formation(*, actor: Any, formation: str, ip: str | None = None) -> Pool:
    """组建方式 of the office's committee (with the tier, decides the minimum of rule 27)."""
    committee = office_committee(actor)
    if formation not in PoolFormation.values:
        raise ServiceError.fields({"formation": ["请选择组建方式（按系列组建或按专业组建）。"]})
    with transaction.atomic():
        pool = pool_for(committee)
        pool = Pool.objects.select_for_update().get(pk=pool.pk)
        old = pool.formation
        if old != formation:
            pool.formation = formation
            pool.save(update_fields=["formation"])
            audit(
                actor=actor,
                action="pool_set_formation",
                target=pool,
                detail={"from": old, "to": formation},
                ip=ip,
            )
    return pool


def _unit_in_system(unit_name: str) -> Organisation | None:
    """The employer when it is registered under exactly this name (own-unit recusal reads it)."""
    rows = list(Organisation.objects.filter(name=unit_name, kind__in=[OrgKind.UNIT, OrgKind.AGENCY])[:2])
    return rows[0] if len(rows) == 1 else None


def _new_username(phone: str) -> str:
    base = f"zj{phone}"
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}_{n}"
    return username


def _create_expert(*, cleaned: dict[str, Any]) -> tuple[Expert, str]:
    """A new 评审专家 account and profile; returns the temporary password (sent by SMS only)."""
    temporary = make_temporary_password()
    user = User.objects.create_user(
        username=_new_username(cleaned["phone"]),
        password=temporary,
        role=Role.EXPERT,
        name=cleaned["name"],
        phone=cleaned["phone"],
    )
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    expert = Expert.objects.create(
        user=user,
        name=cleaned["name"],
        unit=_unit_in_system(cleaned["unit_name"]),
        unit_name=cleaned["unit_name"],
        title=cleaned["title"],
        level=cleaned["level"],
        specialties=cleaned["specialties"],
        phone=cleaned["phone"],
    )
    expert.series.set(cleaned["series"])
    return expert, temporary


def _send_welcome(*, user: User, committee: Committee, temporary: str | None) -> None:
    if temporary:
        text = (
            f"您已被聘为{committee.name}评审专家。职称申报评审系统账号：{user.username}，"
            f"临时密码：{temporary}，请在“管理部门用户”登录并立即修改密码。"
        )
    else:
        text = f"您已被聘为{committee.name}评审专家，请使用原账号登录职称申报评审系统查看。"
    enqueue("messaging.sms.send_sms", phone=user.phone, purpose="temp_password", text=text)


def expert_find(*, phone: str) -> Expert | None:
    """The expert a mobile number names (an expert already in another pool is re-used)."""
    return Expert.objects.filter(phone=phone).select_related("user").first()


def _check_account_phone(errors: FieldErrors, phone: str, *, expert: Expert | None, name: str = "") -> None:
    """A known expert is re-used only under their own name (a mobile typed wrong would otherwise
    put another person in the pool); a new expert account needs a mobile no other staff-like
    account uses (experts sign in with it); an applicant with the same number is a different
    account and is fine."""
    if expert is not None and name and expert.name != name:
        errors.add(
            "phone",
            f"手机号码{phone}已登记为评审专家{expert.name}，与填写的姓名“{name}”不一致，请核对手机号码或姓名。",
        )
    if expert is not None or not phone:
        return
    clash = User.objects.filter(phone=phone).exclude(role__in=[Role.APPLICANT, Role.EXPERT]).exists()
    if clash:
        errors.add("phone", "该手机号码已登记为系统工作人员账号，请核对后填写专家本人的手机号码。")


def expert_add(
    *,
    actor: Any,
    name: Any,
    unit_name: Any,
    title: Any,
    level: Any,
    series: Any,
    specialties: Any,
    phone: Any,
    term_start: Any,
    term_end: Any,
    ip: str | None = None,
) -> PoolMembership:
    """新增专家: into the office's pool. An expert already known by this mobile (in another pool)
    is re-used, their profile kept; a new person gets a 评审专家 account whose temporary password
    goes to them by SMS (never shown to the office)."""
    committee = office_committee(actor)
    errors = FieldErrors()
    cleaned = clean_expert_fields(
        errors,
        name=name,
        unit_name=unit_name,
        title=title,
        level=level,
        series=series,
        specialties=specialties,
        phone=phone,
        term_start=term_start,
        term_end=term_end,
    )
    existing = expert_find(phone=cleaned["phone"]) if cleaned.get("phone") else None
    if (
        existing is not None
        and PoolMembership.objects.filter(pool__committee=committee, expert=existing).exists()
    ):
        errors.add(
            "phone", f"手机号码为{cleaned['phone']}的专家（{existing.name}）已在本评委会评审专家库中。"
        )
    _check_account_phone(errors, cleaned.get("phone", ""), expert=existing, name=cleaned.get("name", ""))
    errors.raise_if_any()
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                membership, temporary = _add_member(
                    actor=actor, committee=committee, cleaned=cleaned, existing=existing, ip=ip
                )
            break
        except IntegrityError:
            # Another office created this person's account at the same moment (the username is
            # unique), or this pool took them meanwhile: re-read and, once, re-use the expert.
            existing = expert_find(phone=cleaned["phone"])
            taken = PoolMembership.objects.filter(pool__committee=committee, expert=existing).exists()
            if attempt == 2 or existing is None or taken:
                raise Conflict(
                    f"手机号码为{cleaned['phone']}的专家刚刚已被加入本评委会评审专家库，请刷新页面查看。"
                ) from None
    _send_welcome(user=membership.expert.user, committee=committee, temporary=temporary)
    return membership


def _add_member(
    *, actor: Any, committee: Committee, cleaned: dict[str, Any], existing: Expert | None, ip: str | None
) -> tuple[PoolMembership, str | None]:
    pool = Pool.objects.select_for_update().get(pk=pool_for(committee).pk)
    # Read again under the pool's lock: a click or an office a moment ago may have added them.
    existing = expert_find(phone=cleaned["phone"]) or existing
    if existing is not None and existing.removed_at is not None:
        # Rule 35: removed from every pool by the city bureau (evaluation/expert_removal.py).
        raise Conflict(
            f"{existing.name}（手机号码{cleaned['phone']}）已被市人社局取消全部评审专家库资格"
            f"（{existing.removed_reason}），不能再加入评审专家库。"
        )
    if existing is not None and PoolMembership.objects.filter(pool=pool, expert=existing).exists():
        raise Conflict(f"手机号码为{cleaned['phone']}的专家（{existing.name}）已在本评委会评审专家库中。")
    temporary = None
    if existing is None:
        expert, temporary = _create_expert(cleaned=cleaned)
    else:
        expert = existing
    membership = PoolMembership.objects.create(
        pool=pool, expert=expert, term_start=cleaned["term_start"], term_end=cleaned["term_end"]
    )
    audit(
        actor=actor,
        action="pool_expert_add",
        target=membership,
        detail={
            "committee_id": committee.pk,
            "expert_id": expert.pk,
            "new_account": existing is None,
            "term": [cleaned["term_start"].isoformat(), cleaned["term_end"].isoformat()],
        },
        ip=ip,
    )
    return membership, temporary


def expert_update(
    *,
    actor: Any,
    membership_id: Any,
    name: Any,
    unit_name: Any,
    title: Any,
    level: Any,
    series: Any,
    specialties: Any,
    phone: Any,
    term_start: Any,
    term_end: Any,
    ip: str | None = None,
) -> PoolMembership:
    """编辑: the expert's profile (shared by every pool they are in) and this pool's term."""
    membership = membership_get(actor=actor, membership_id=membership_id)
    errors = FieldErrors()
    cleaned = clean_expert_fields(
        errors,
        name=name,
        unit_name=unit_name,
        title=title,
        level=level,
        series=series,
        specialties=specialties,
        phone=phone,
        term_start=term_start,
        term_end=term_end,
    )
    other = expert_find(phone=cleaned["phone"]) if cleaned.get("phone") else None
    if other is not None and other.pk != membership.expert_id:
        errors.add("phone", f"手机号码{cleaned['phone']}已是另一位专家（{other.name}）的号码。")
    errors.raise_if_any()
    with transaction.atomic():
        row = PoolMembership.objects.select_for_update().get(pk=membership.pk)
        expert = Expert.objects.select_for_update().get(pk=row.expert_id)
        before = {
            "name": expert.name,
            "unit_name": expert.unit_name,
            "title": expert.title,
            "level": expert.level,
            "specialties": expert.specialties,
            "phone": expert.phone,
            "term": [row.term_start.isoformat(), row.term_end.isoformat()],
        }
        for field in ("name", "unit_name", "title", "level", "specialties", "phone"):
            setattr(expert, field, cleaned[field])
        if before["unit_name"] != cleaned["unit_name"]:
            expert.unit = _unit_in_system(cleaned["unit_name"])
        expert.save()
        expert.series.set(cleaned["series"])
        User.objects.filter(pk=expert.user_id).update(name=cleaned["name"], phone=cleaned["phone"])
        row.term_start, row.term_end = cleaned["term_start"], cleaned["term_end"]
        row.save(update_fields=["term_start", "term_end", "changed_at"])
        audit(actor=actor, action="pool_expert_update", target=row, detail={"before": before}, ip=ip)
    return row


# --- status: 暂停 / 恢复 / 取消资格 -------------------------------------------------------------


def clean_reason(reason: Any, label: str) -> str:
    """A 暂停 / 取消资格 reason (one line, at most REASON_MAX characters); ServiceError otherwise."""
    errors = FieldErrors()
    text = line_field(errors, "reason", reason, label=label, max_length=REASON_MAX)
    errors.raise_if_any()
    return text


def _change_status(
    *,
    actor: Any,
    membership_id: Any,
    allowed_from: tuple[str, ...],
    to: str,
    reason: str,
    refusal: dict[str, str],
    action: str,
    ip: str | None,
) -> PoolMembership:
    membership = membership_get(actor=actor, membership_id=membership_id)
    with transaction.atomic():
        row = PoolMembership.objects.select_for_update().select_related("expert").get(pk=membership.pk)
        if row.status not in allowed_from:
            raise Conflict(refusal[row.status].format(name=row.expert.name))
        old = row.status
        row.status = to
        row.reason = reason
        row.save(update_fields=["status", "reason", "changed_at"])
        audit(actor=actor, action=action, target=row, detail={"from": old, "to": to, "reason": reason}, ip=ip)
    return row


def expert_suspend(*, actor: Any, membership_id: Any, reason: Any, ip: str | None = None) -> PoolMembership:
    """暂停 (with the reason): the expert stays in the pool but is not drawn until restored."""
    text = clean_reason(reason, "暂停原因")
    return _change_status(
        actor=actor,
        membership_id=membership_id,
        allowed_from=(MembershipStatus.ACTIVE,),
        to=MembershipStatus.SUSPENDED,
        reason=text,
        refusal={
            MembershipStatus.SUSPENDED: "{name}已处于暂停状态。",
            MembershipStatus.DISQUALIFIED: "{name}已被取消资格，不能暂停。",
        },
        action="pool_expert_suspend",
        ip=ip,
    )


def expert_restore(*, actor: Any, membership_id: Any, ip: str | None = None) -> PoolMembership:
    """恢复: a suspended expert is 在库 again. A disqualified expert is not restored."""
    return _change_status(
        actor=actor,
        membership_id=membership_id,
        allowed_from=(MembershipStatus.SUSPENDED,),
        to=MembershipStatus.ACTIVE,
        reason="",
        refusal={
            MembershipStatus.ACTIVE: "{name}已在库，无需恢复。",
            MembershipStatus.DISQUALIFIED: "{name}已被取消资格，不能恢复；"
            "如需重新聘任，请另行履行专家遴选程序。",
        },
        action="pool_expert_restore",
        ip=ip,
    )


def expert_disqualify(
    *, actor: Any, membership_id: Any, reason: Any, ip: str | None = None
) -> PoolMembership:
    """取消资格 (rule 35, with the reason): final in this pool."""
    text = clean_reason(reason, "取消资格原因")
    return _change_status(
        actor=actor,
        membership_id=membership_id,
        allowed_from=(MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED),
        to=MembershipStatus.DISQUALIFIED,
        reason=text,
        refusal={MembershipStatus.DISQUALIFIED: "{name}已被取消资格。"},
        action="pool_expert_disqualify",
        ip=ip,
    )
