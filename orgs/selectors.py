"""Reads for units and their staff. Every list is scoped to the viewer first."""

from __future__ import annotations

import re

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts.models import Role, User
from core.errors import Forbidden, NotFound, ServiceError
from core.validators import id_number_text, search_query

from .models import Organisation, OrgKind
from .permissions import can_manage_staff_member, can_view_unit_staff

STAFF_PAGE_SIZE = 20


def district_offices() -> QuerySet[Organisation]:
    """The 22 县（市）区人社部门 of seed part 四, in the seed's order."""
    return Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU, is_active=True).order_by(
        "sort_order", "id"
    )


def departments() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrgKind.DEPARTMENT, is_active=True).order_by("sort_order", "id")


def duplicate_unit_guidance() -> str:
    """Seed part 五(四) question 4: what to do when the unit is already registered."""
    from catalog.models import FaqEntry

    entry = FaqEntry.objects.filter(kind="site", number=4).only("answer").first()
    if entry and entry.answer.strip():
        return f"该单位已注册（已存在有权限的同名单位）。{entry.answer.strip()}"
    return (
        "该单位已注册（已存在有权限的同名单位）。请询问单位同事是否之前注册过，若有可直接用此账号登录；"
        f"也可以咨询单位所属地人社局查询之前的账号信息（技术支持电话：{settings.SUPPORT_PHONE}）。"
    )


def unit_of_admin(*, actor: User) -> Organisation:
    """The unit a unit admin manages; anyone else is refused."""
    if actor.role != Role.UNIT_ADMIN or not actor.organisation_id:
        raise Forbidden("只有单位管理员可以访问单位信息。")
    return Organisation.objects.select_related("district", "department").get(pk=actor.organisation_id)


def staff_unit_for(*, actor: User, unit_id: int | str | None = None) -> Organisation | None:
    """The unit whose staff the viewer looks at: a unit admin's own unit; for technical support
    the unit named by `unit_id` (None: every applicant)."""
    if actor.role == Role.UNIT_ADMIN and actor.organisation_id:
        return Organisation.objects.get(pk=actor.organisation_id)
    if actor.role == Role.SUPPORT:
        if unit_id in (None, ""):
            return None
        try:
            pk = int(unit_id)
        except (TypeError, ValueError):
            raise NotFound("未找到该单位。") from None
        unit = Organisation.objects.filter(pk=pk, kind__in=[OrgKind.UNIT, OrgKind.AGENCY]).first()
        if unit is None:
            raise NotFound("未找到该单位。")
        return unit
    raise Forbidden("只有单位管理员可以管理专业技术人员。")


def unit_staff_list(*, actor: User, unit: Organisation | None, q: str = "") -> QuerySet[User]:
    """Applicants of `unit` (support with unit None: every applicant), newest first, searched by
    name or ID number."""
    allowed, reason = can_view_unit_staff(actor, unit)
    if not allowed:
        raise Forbidden(reason)
    qs = User.objects.filter(role=Role.APPLICANT)
    if unit is not None:
        qs = qs.filter(organisation=unit)
    elif actor.role != Role.SUPPORT:  # pragma: no cover - can_view_unit_staff refuses this already
        return qs.none()
    q, problem = search_query(q)
    if problem:  # a whole ID number that cannot be one: say what is wrong, find nobody
        raise ServiceError.fields({"q": [problem]}, problem)
    if q:
        number = id_number_text(q)
        if re.fullmatch(r"[0-9X]+", number):  # (part of) an ID number, typed in any width
            qs = qs.filter(Q(name__icontains=q) | Q(id_number__icontains=number))
        else:
            qs = qs.filter(name__icontains=q)
    return qs.select_related("organisation").order_by("-date_joined", "-id")


def unit_staff_member_get(*, actor: User, user_id: int | str) -> User:
    """One applicant the actor may manage; anyone outside the actor's unit is "not found"."""
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        raise NotFound("未找到该专业技术人员。") from None
    target = User.objects.select_related("organisation").filter(pk=pk).first()
    if target is None or not can_manage_staff_member(actor, target)[0]:
        raise NotFound("未找到该专业技术人员。")
    return target
