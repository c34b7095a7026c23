"""Account reads: who an identifier names at login, the units an applicant may choose, the
accounts support searches. Plain functions, no writes."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from core.errors import ServiceError
from core.validators import ID_NUMBER_SHAPE, clean_mobile, id_number_text, search_query, search_text
from orgs.models import UNIT_KINDS, Organisation, OrgKind

from .models import LoginAttempt, Role, User

UNIT_CHOICES_LIMIT = 100
SUPPORT_SEARCH_LIMIT = 50


def user_resolve_login(*, identifier: str) -> User | None:
    """The account an identifier names: username or 身份证号 (X in either case) first; then a
    mobile number among applicants (unique there); then among other accounts if exactly one."""
    ident = (identifier or "").strip()
    if not ident or "\x00" in ident:  # PostgreSQL refuses a NUL in a query: nobody has one
        return None
    as_id = id_number_text(ident)  # an ID number typed with full-width characters or spaces
    upper = as_id if ID_NUMBER_SHAPE.fullmatch(as_id) else ident.upper()
    users = list(User.objects.filter(Q(username=ident) | Q(username=upper) | Q(id_number=upper))[:3])
    for user in users:
        if user.username == ident:
            return user
    if len(users) == 1:
        return users[0]
    if users:
        return None  # ambiguous: never guess between two accounts
    try:
        phone = clean_mobile(ident)
    except ValueError:
        return None
    applicant = User.objects.filter(role=Role.APPLICANT, phone=phone).first()
    if applicant is not None:
        return applicant
    others = list(User.objects.filter(phone=phone).exclude(role=Role.APPLICANT)[:2])
    return others[0] if len(others) == 1 else None


def id_number_taken(*, id_number: str) -> bool:
    """An account already uses this 身份证号 (as its ID number or its username)."""
    return User.objects.filter(Q(id_number=id_number) | Q(username=id_number)).exists()


def phone_owner(*, phone: str) -> User | None:
    """The applicant registered with this mobile number (unique among applicants)."""
    return User.objects.filter(role=Role.APPLICANT, phone=phone).only("id", "id_number").first()


def _choosable_kinds(household: bool) -> tuple[str, ...]:
    # Seed question 5 (1) d: a freelancer may be recommended by the 户口所在地人社部门 (基本信息 offers
    # the district offices; dossier.employment allows them for 自由职业 only).
    return (*UNIT_KINDS, OrgKind.DISTRICT_BUREAU) if household else UNIT_KINDS


def unit_choices(
    *, q: str = "", limit: int = UNIT_CHOICES_LIMIT, household: bool = False
) -> list[Organisation]:
    """Registered, active units and personnel agencies an applicant may choose, by name; with
    `household`, the active district offices too (after them, in the seed's order)."""
    qs = Organisation.objects.filter(kind__in=UNIT_KINDS, is_active=True)
    q = search_text(q)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(credit_code=q.upper()))
    units = list(qs.order_by("name", "id").only("id", "name", "kind")[:limit])
    if not household:
        return units
    offices = Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU, is_active=True)
    if q:
        offices = offices.filter(Q(name__icontains=q) | Q(area__icontains=q))
    return units + list(offices.order_by("sort_order", "id").only("id", "name", "kind"))


def unit_get_choosable(*, unit_id: object, household: bool = False) -> Organisation | None:
    """The unit with this id if an applicant may choose it (active unit or agency; with
    `household`, also an active district office)."""
    try:
        pk = int(str(unit_id).strip())
    except (TypeError, ValueError):
        return None
    return Organisation.objects.filter(pk=pk, kind__in=_choosable_kinds(household), is_active=True).first()


def support_account_search(*, q: str, limit: int = SUPPORT_SEARCH_LIMIT) -> list[User]:
    """Support looks an account up by 身份证号, 手机号码, 用户名 or 姓名. A whole ID number that
    cannot be one is refused with its message (field `q`)."""
    q, problem = search_query(q)
    if not q:
        return []
    if problem:
        raise ServiceError.fields({"q": [problem]}, problem)
    upper = q.upper()
    users = list(
        User.objects.filter(
            Q(id_number=upper)
            | Q(id_number__startswith=upper)
            | Q(phone=q)
            | Q(username__iexact=q)
            | Q(username__istartswith=q)
            | Q(name__icontains=q)
        )
        .select_related("organisation")
        .order_by("name", "id")[:limit]
    )
    attempts = recent_attempts_by_user(user_ids=[u.pk for u in users])
    for user in users:
        user.recent_attempts = attempts.get(user.pk, [])
    return users


def locked_account_count() -> int:
    """How many accounts are locked now (the support's 工作台)."""
    return User.objects.filter(locked_at__isnull=False).count()


def recent_attempts_by_user(*, user_ids: list[int], per_user: int = 3) -> dict[int, list[LoginAttempt]]:
    """The latest login attempts of each account, in one query (a window per account)."""
    if not user_ids:
        return {}
    rows = (
        LoginAttempt.objects.filter(user_id__in=user_ids)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("user_id")], order_by=[F("created_at").desc(), F("id").desc()]
            )
        )
        .filter(rank__lte=per_user)
        .order_by("user_id", "rank")
    )
    result: dict[int, list[LoginAttempt]] = {}
    for row in rows:
        result.setdefault(row.user_id, []).append(row)
    return result


def login_attempts_for(*, user: User, limit: int = 20) -> QuerySet[LoginAttempt]:
    return LoginAttempt.objects.filter(user=user).order_by("-created_at", "-id")[:limit]


def contact_note(key: str, fallback: str) -> str:
    """The seed's text for a support contact (catalog.Contact, keys as in catalog/data/contacts.yaml);
    the fallback while the catalogue is not loaded."""
    from catalog.models import Contact

    row = Contact.objects.filter(key=key).only("note", "value").first()
    if row is None:
        return fallback
    return row.note or row.value or fallback


def contact_value(key: str, fallback: str) -> str:
    from catalog.models import Contact

    row = Contact.objects.filter(key=key).only("value").first()
    return (row.value if row is not None else "") or fallback
