"""Reads of the catalogue (series, policy help, contacts) and of the public directory of
organisations and committees. Used by the public pages and the catalogue API alike; every list
runs a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When

from core.errors import NotFound, ServiceError
from orgs.models import (
    Committee,
    CommitteeCoverage,
    CommitteePlan,
    CommitteeTier,
    OfficeBranch,
    Organisation,
    OrgKind,
)

from .models import LEVEL_ORDER, Contact, FaqEntry, FaqKind, HelpPage, Level, Series, Title, Track

FILTER_ERROR = "筛选条件有误，请按提示修改。"


# --------------------------------------------------------------------------- series


def series_list() -> list[Series]:
    """The series in order, each track with `ordered_titles` (its titles in level order) and
    `level_cells`: one (level label, title name or "") per level, 正高级 to 员级. Three queries."""
    tracks = Track.objects.order_by("order", "id").prefetch_related(
        Prefetch("titles", queryset=Title.objects.order_by("id"))
    )
    series = list(Series.objects.order_by("number").prefetch_related(Prefetch("tracks", queryset=tracks)))
    for item in series:
        for track in item.tracks.all():
            by_level = {title.level: title for title in track.titles.all()}
            track.level_cells = [
                (Level(level).label, by_level[level].name if level in by_level else "")
                for level in LEVEL_ORDER
            ]
            track.ordered_titles = [by_level[level] for level in LEVEL_ORDER if level in by_level]
    return series


# --------------------------------------------------------------------------- committees


def _as_id(text: str) -> int:
    """A row id typed by a person: too long a number can match nothing (0 is never an id)."""
    return int(text) if text.isascii() and len(text) <= 18 else 0


@dataclass(frozen=True)
class CommitteeFilters:
    level: str = ""
    series: Series | None = None
    q: str = ""
    organiser: Organisation | None = None
    tier: str = ""

    @property
    def any(self) -> bool:
        return bool(self.level or self.series or self.q or self.organiser or self.tier)


def committee_filters_parse(
    *, level: str = "", series: str = "", q: str = "", organiser: str = "", tier: str = ""
) -> CommitteeFilters:
    """Checks the directory's filter values (all given as text) and reports every bad one at once."""
    errors: dict[str, list[str]] = {}
    level, series, q, organiser, tier = (
        (value or "").strip() for value in (level, series, q, organiser, tier)
    )
    if level:
        labels = {label: code for code, label in Level.choices}
        level = labels.get(level, level)
        if level not in LEVEL_ORDER:
            errors["level"] = ["层级不正确，应为正高级、副高级、中级、助理级、员级之一。"]
    series_obj = None
    if series:
        lookup = Q(pk=_as_id(series)) if series.isdigit() else Q(name=series)
        series_obj = Series.objects.filter(lookup).first()
        if series_obj is None:
            errors["series"] = ["未找到该系列。"]
    organiser_obj = None
    if organiser:
        if organiser.isdigit():
            organiser_obj = Organisation.objects.filter(
                pk=_as_id(organiser), kind=OrgKind.DEPARTMENT, is_active=True
            ).first()
        if organiser_obj is None:
            errors["organiser"] = ["未找到该评委会组建单位。"]
    if tier:
        labels = {label: code for code, label in CommitteeTier.choices}
        tier = labels.get(tier, tier)
        if tier not in CommitteeTier.values:
            errors["tier"] = ["评委会层级不正确，应为高级、中级或初级。"]
    if len(q) > 50:
        errors["q"] = ["关键词过长，请不超过 50 个字。"]
    if errors:
        raise ServiceError(FILTER_ERROR, errors)
    return CommitteeFilters(level=level, series=series_obj, q=q, organiser=organiser_obj, tier=tier)


def committee_list(*, filters: CommitteeFilters | None = None) -> list[Committee]:
    """Active committees, senior before intermediate before 初级 (junior), in directory order,
    matching the filters.

    Each has its organiser, `coverage_list` (coverage rows with their series, in series and level
    order) and `plan_year` / `planned_month` from its latest plan (None without one). Three queries."""
    filters = filters or CommitteeFilters()
    rows = Committee.objects.filter(is_active=True)
    if filters.level or filters.series:
        coverage = CommitteeCoverage.objects.filter(committee=OuterRef("pk"))
        if filters.level:
            coverage = coverage.filter(level=filters.level)
        if filters.series:
            coverage = coverage.filter(series=filters.series)
        rows = rows.filter(Exists(coverage))
    if filters.tier:
        rows = rows.filter(tier=filters.tier)
    if filters.organiser:
        rows = rows.filter(organiser=filters.organiser)
    for term in filters.q.split():
        rows = rows.filter(
            Q(name__icontains=term) | Q(scope__icontains=term) | Q(organiser__name__icontains=term)
        )
    level_rank = Case(
        *[When(level=code, then=Value(i)) for i, code in enumerate(LEVEL_ORDER)], output_field=IntegerField()
    )
    coverages = CommitteeCoverage.objects.select_related("series").order_by("series__number", level_rank)
    plans = CommitteePlan.objects.order_by("-year")
    tier_rank = Case(
        When(tier=CommitteeTier.SENIOR, then=Value(0)),
        When(tier=CommitteeTier.INTERMEDIATE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    committees = list(
        rows.select_related("organiser")
        .prefetch_related(
            Prefetch("coverages", queryset=coverages, to_attr="coverage_list"),
            Prefetch("plans", queryset=plans, to_attr="plans_latest_first"),
        )
        .order_by(tier_rank, "number", "id")
    )
    for committee in committees:
        latest = committee.plans_latest_first[0] if committee.plans_latest_first else None
        committee.plan_year = latest.year if latest else None
        committee.planned_month = latest.month if latest else None
    return committees


def committee_levels_in_use() -> list[str]:
    """The levels the active committees review, in level order (for the directory's level filter)."""
    used = set(
        CommitteeCoverage.objects.filter(committee__is_active=True).values_list("level", flat=True).distinct()
    )
    return [level for level in LEVEL_ORDER if level in used]


# --------------------------------------------------------------------------- organisations


def department_list(*, organising_only: bool = False) -> QuerySet[Organisation]:
    """Active competent departments in data order; `organising_only`: those with an active committee."""
    rows = Organisation.objects.filter(kind=OrgKind.DEPARTMENT, is_active=True)
    if organising_only:
        rows = rows.filter(Exists(Committee.objects.filter(organiser=OuterRef("pk"), is_active=True)))
    return rows.order_by("sort_order", "id")


def office_list() -> list[Organisation]:
    """The district offices (县（市）区人社部门) in the seed's order, each with `phones` as a list and
    `branch_list`, its 办事窗口 (西山区 has two, each with its `phones`; the others none). Two queries."""
    branches = OfficeBranch.objects.order_by("order", "id")
    offices = list(
        Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU, is_active=True)
        .prefetch_related(Prefetch("branches", queryset=branches, to_attr="branch_list"))
        .order_by("sort_order", "id")
    )
    for office in offices:
        office.phones = [p for p in office.phone.split("、") if p]
        for branch in office.branch_list:
            branch.phones = [p for p in branch.phone.split("、") if p]
    return offices


# --------------------------------------------------------------------------- policy help


def faq_list(*, q: str = "", kind: str = "") -> QuerySet[FaqEntry]:
    """The policy questions (职称知识25问 first, then the site FAQ), optionally searched: every word
    of `q` must appear in the question, the answer or the tags."""
    q, kind = (q or "").strip(), (kind or "").strip()
    errors: dict[str, list[str]] = {}
    if kind and kind not in FaqKind.values:
        errors["kind"] = ["类别不正确，应为 knowledge（职称知识25问）或 site（申报网站常见问题）。"]
    if len(q) > 50:
        errors["q"] = ["关键词过长，请不超过 50 个字。"]
    if errors:
        raise ServiceError(FILTER_ERROR, errors)
    rows = FaqEntry.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    for term in q.split():
        rows = rows.filter(Q(question__icontains=term) | Q(answer__icontains=term) | Q(tags__icontains=term))
    return rows.order_by("kind", "number")


def help_page_list() -> QuerySet[HelpPage]:
    return HelpPage.objects.order_by("order", "id")


def help_page_get(*, slug: str) -> HelpPage:
    page = HelpPage.objects.filter(slug=slug).first()
    if page is None:
        raise NotFound("未找到该帮助页。")
    return page


def contact_list() -> QuerySet[Contact]:
    return Contact.objects.order_by("order", "id")


def series_plain_list() -> QuerySet[Series]:
    """The series in order, without tracks (for filter choices)."""
    return Series.objects.order_by("number")
