"""The answer of "我能申报什么": one `PathResult` per path and level, each either 可以申报 (with
the committees or the office that takes it now) or the conditions still unmet, each with the date
it will be met when time alone meets it. Plain data: the page and the API render the same list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from core.dates import date_label, month_label
from core.sources import Source, cite

# The paths in the order the page shows them (the seed's questions 10 to 21; 博士后认定 is question 13).
PROMOTION = "promotion"
RECOGNITION = "recognition"
SERIES_CHANGE = "series_change"
CONFIRMATION = "confirmation"
SKILLED = "skilled"
POSTDOC = "postdoc"
PATH_LABELS = {
    PROMOTION: "评审晋升",
    RECOGNITION: "考核认定",
    SERIES_CHANGE: "转系列评审",
    CONFIRMATION: "职称确认",
    SKILLED: "技能人才申报评审",
    POSTDOC: "企业博士后直接认定副高级",
}
# Where each path comes from, as people know it (promotion: rules 9, 8, 19 among others; recognition:
# 10, 14, 15; series change 18, confirmation 17, skilled workers 16, postdocs 13).
PATH_SOURCES = {
    PROMOTION: cite(9, 8, 19),
    RECOGNITION: cite(10, 14, 15),
    SERIES_CHANGE: cite(18),
    CONFIRMATION: cite(17),
    SKILLED: cite(16),
    POSTDOC: cite(13),
}

# status of one path and level
CAN_APPLY = "can_apply"  # 可以申报 now
NOT_YET = "not_yet"  # every unmet condition is met by time: each has its date
MISSING = "missing"  # the dossier (or the query) lacks a fact the rule needs
NOT_ELIGIBLE = "not_eligible"  # a condition time does not meet (civil servant, retirement…)
STATUS_LABELS = {
    CAN_APPLY: "可以申报",
    NOT_YET: "暂不能申报",
    MISSING: "需补充信息",
    NOT_ELIGIBLE: "不能申报",
}
STATUS_BADGES = {
    CAN_APPLY: "badge badge-green",
    NOT_YET: "badge badge-amber",
    MISSING: "badge",
    NOT_ELIGIBLE: "badge badge-red",
}

# kind of one condition
WAIT = "wait"  # met by time alone on `met_on`
NEED = "need"  # the applicant must give or fill something (`link` says where)
NEVER = "never"  # not met by waiting
UNKNOWN = "unknown"  # met at a date nobody has published yet (a committee's window)


@dataclass(frozen=True)
class Condition:
    text: str
    source: Source | None = None  # where it comes from, as people know it (core.sources)
    met_on: date | None = None  # the day it will be met (WAIT)
    kind: str = WAIT
    link: str = ""  # where to fill the missing fact (NEED)
    link_label: str = ""
    # Rule 8: met for committees meeting in the month of `met_on` or later (years counted to it).
    month_only: bool = False

    @property
    def shown_text(self) -> str:
        """The text as the page prints it, before its source (linked): a refusal that already
        names that source in its own words does not name it twice."""
        if self.source is None:
            return self.text
        return self.text.replace(f"（{self.source.cite}）", "")

    @property
    def met_on_label(self) -> str:
        if self.met_on is None:
            return ""
        if self.month_only:
            return f"将于 {month_label(self.met_on)} 满足"
        return f"将于 {date_label(self.met_on)} 满足"


@dataclass(frozen=True)
class CommitteeOpen:
    id: int
    name: str
    closes_at: datetime | None = None


@dataclass
class PathResult:
    path: str
    level: str = ""  # a catalog Level value, "" when the path cannot name one yet
    level_label: str = ""
    series: str = ""  # the series (or title) the level belongs to, when known
    title: str = ""  # the title name at that level, when known
    committees: list[CommitteeOpen] = field(default_factory=list)
    authority: str = ""  # who recognises / confirms (考核认定, 职称确认)
    conditions: list[Condition] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    link: str = ""  # where to apply (可以申报) or to learn more
    link_label: str = ""

    @property
    def path_label(self) -> str:
        return PATH_LABELS[self.path]

    @property
    def source(self) -> str:
        return PATH_SOURCES[self.path]

    @property
    def status(self) -> str:
        kinds = {c.kind for c in self.conditions}
        if not kinds:
            return CAN_APPLY
        if NEVER in kinds:
            return NOT_ELIGIBLE
        if NEED in kinds:
            return MISSING
        return NOT_YET

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def ready_label(self) -> str:
        """ "2027年1月10日起" ("2027年1月起" when the last date counts to a committee's month)."""
        ready = self.ready_on
        if ready is None:
            return ""
        last = [c for c in self.conditions if c.met_on == ready]
        if all(c.month_only for c in last):
            return f"{month_label(ready)}起（评审月份在该月及以后的评委会）"
        return f"{date_label(ready)}起"

    @property
    def ready_on(self) -> date | None:
        """When every condition is met by time alone: the last of their dates."""
        if self.status != NOT_YET or any(c.met_on is None for c in self.conditions):
            return None
        return max(c.met_on for c in self.conditions if c.met_on is not None)


def group_by_path(results: list[PathResult]) -> list[dict]:
    """The page's cards: each path once, in PATH_LABELS order, with its results (possibly none)."""
    cards = {
        key: {"path": key, "label": label, "source": PATH_SOURCES[key], "items": []}
        for key, label in PATH_LABELS.items()
    }
    for result in results:
        cards[result.path]["items"].append(result)
    return list(cards.values())
