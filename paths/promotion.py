"""评审晋升: from the highest existing title of each series (现有职称情况) to the next level, through
the committees that review that series and level. The source of truth for who may apply is
applications.eligibility (rules 1, 6, 7, 8, 9, 19, 20): this module runs it for each open committee
and turns each refusal into a condition with the date it will be met."""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse

from applications.eligibility.checks import eligibility_issues
from applications.eligibility.counting import committee_month_of, counted_at, years_months
from applications.eligibility.facts import MISMATCH_NEEDS, PAY_FORM, SECONDMENT_REFUSAL
from applications.eligibility.problem import Problem
from applications.eligibility.window import CLOSED_MESSAGE
from applications.models import EDITABLE_STATUSES, Application, IntegrityRecord
from catalog.models import LEVEL_ORDER, Level, Series, Title
from core.dates import CALENDAR_TZ, date_label
from core.months import full_months_between
from core.sources import cite, question, source
from dossier.service_years import work_entries as read_work_entries
from orgs.models import Committee, CommitteeWindow
from orgs.windows import committees_open, current_year

from .results import NEED, NEVER, PROMOTION, UNKNOWN, WAIT, CommitteeOpen, Condition, PathResult

SERIES_SUFFIX = "系列"


def level_label(level: str) -> str:
    return Level(level).label if level in Level.values else level


def level_above(level: str) -> str | None:
    """The next level up (LEVEL_ORDER runs from 正高级 down to 员级); None above 正高级."""
    index = LEVEL_ORDER.index(level)
    return LEVEL_ORDER[index - 1] if index > 0 else None


def _local_date(value: datetime) -> date:
    return value.astimezone(CALENDAR_TZ).date()


def series_for(name: str, series_by_name: dict[str, Series]) -> Series | None:
    """The catalogue series a 现有职称 entry names ("工程技术" or "工程技术系列")."""
    name = (name or "").strip()
    return series_by_name.get(name) or series_by_name.get(name.removesuffix(SERIES_SUFFIX))


def classify(problem: Problem, *, user, year: int, opens_on: date | None = None) -> Condition:
    """One refusal of applications.eligibility as a condition with its rule and, when time alone
    meets it, its date. An unrecognised refusal is never counted as met (NEVER)."""
    text = problem.message
    next_year = date(year + 1, 1, 1)
    if SECONDMENT_REFUSAL in text:
        # Rule 11: not while seconded; once back in the unit the secondment entry is given its end.
        return Condition(
            text,
            source(11),
            kind=NEVER,
            link=reverse("dossier:section", args=("work",)),
            link_label="已回到本单位履职的，去修改工作经历",
        )
    if PAY_FORM in text:
        return Condition(
            text,
            question(10),
            kind=NEED,
            link=reverse("dossier:basic") + "#post-change",
            link_label="去完善基本信息",
        )
    if MISMATCH_NEEDS in text:
        return Condition(
            text, source(12), kind=NEED, link=reverse("dossier:basic") + "#major", link_label="去完善基本信息"
        )
    if "请先在基本信息中完善" in text or "无法核对法定退休年龄" in text:
        return Condition(
            text, source(9), kind=NEED, link=reverse("dossier:basic"), link_label="去完善基本信息"
        )
    if "公务员" in text or "参公" in text or "法定退休年龄" in text:
        return Condition(text, source(9), kind=NEVER)
    if "诚信档案" in text:
        record = (
            IntegrityRecord.objects.filter(id_number=(user.id_number or "").upper())
            .order_by("-expires_on")
            .first()
        )
        return Condition(text, source(1), met_on=record.expires_on if record else None, kind=WAIT)
    if "同一年度同一层级" in text:
        return Condition(text, source(19), met_on=next_year, kind=WAIT)
    if "返回修改和重置流程的机会" in text:
        return Condition(text, source(20), met_on=next_year, kind=WAIT)
    if "尚未开通" in text:
        return Condition(text, source(6), met_on=opens_on, kind=WAIT if opens_on else UNKNOWN)
    if "尚未公布" in text or text == CLOSED_MESSAGE:
        return Condition(text, source(6), kind=UNKNOWN)
    return Condition(text, None, kind=NEVER)


def _is_window(problem: Problem) -> bool:
    text = problem.message
    return text == CLOSED_MESSAGE or "网上申报尚未开通" in text or "网上申报时间" in text


def _merge(conditions: list[Condition]) -> list[Condition]:
    seen, merged = set(), []
    for condition in conditions:
        if condition.text not in seen:
            seen.add(condition.text)
            merged.append(condition)
    return merged


def highest_titles(entries) -> list[dict]:
    """The highest 现有职称 of each series (by level, then the latest), in the dossier's order."""
    best: dict[str, dict] = {}
    for entry in entries:
        data = entry.data or {}
        level = data.get("level") or ""
        if level not in LEVEL_ORDER:
            continue
        obtained = data.get("obtained_on") or ""
        try:
            obtained_on = date.fromisoformat(obtained) if obtained else None
        except ValueError:
            obtained_on = None
        series = (data.get("series") or "").strip().removesuffix(SERIES_SUFFIX)
        item = {
            "series": series,
            "title_name": data.get("title_name") or "",
            "level": level,
            "obtained_on": obtained_on,
        }
        current = best.get(series)
        rank = (-LEVEL_ORDER.index(level), obtained_on or date.min)
        if current is None or rank > (
            -LEVEL_ORDER.index(current["level"]),
            current["obtained_on"] or date.min,
        ):
            best[series] = item
    return list(best.values())


def _title_at(series: Series, level: str, held_title_name: str) -> str:
    """The title name at `level` in the track whose title the person holds (else the first)."""
    titles = list(Title.objects.filter(track__series=series).select_related("track").order_by("track__order"))
    track_ids = [t.track_id for t in titles if t.name == held_title_name] or [t.track_id for t in titles]
    for title in titles:
        if title.level == level and title.track_id in track_ids[:1]:
            return title.name
    return next((t.name for t in titles if t.level == level), "")


def _series_change_condition(held: dict, others: list[dict], *, year: int) -> Condition | None:
    """Rule 18: a title of the same level in another series obtained earlier means this one came
    from a series change (same-level review): promotion in the new series only from the next year."""
    obtained = held["obtained_on"]
    if obtained is None:
        return None
    earlier = [
        o
        for o in others
        if o is not held and o["level"] == held["level"] and o["obtained_on"] and o["obtained_on"] < obtained
    ]
    if not earlier:
        return None
    from rules.series_change import promotion_allowed_after_change

    if promotion_allowed_after_change(approved_on=obtained, year=year):
        return None
    return Condition(
        f"您{date_label(obtained)}在{held['series']}系列取得{level_label(held['level'])}职称（此前已有"
        f"{earlier[0]['series']}系列同级职称，视为变更系列后重新评审），变更系列后须下一年度起再申报晋升。",
        source(18),
        met_on=date(obtained.year + 1, 1, 1),
        kind=WAIT,
    )


def _eligibility(**kwargs):
    """eligibility_issues without its rule 18 check (promotion after a series change): this path
    asks rule 18 itself, with the day it is met (`_series_change_condition`)."""
    return eligibility_issues(**kwargs, after_change=False)


def _rule8_note(*, dossier, committee: Committee, year: int, held: dict, level: str, work=None) -> str:
    """Rule 8: age, service and time since the present title, counted to the committee's month;
    the service for an application at `level` (question 10's start, rule 11's months left out)."""
    month = committee_month_of(committee=committee, year=year)
    if month is None:
        return ""
    counted = counted_at(dossier=dossier, committee_month=month, level=level, work=work)
    parts = []
    if counted.age:
        parts.append(f"年龄{counted.age_label}")
    if counted.service:
        note = f"（{counted.service_note}）" if counted.service_note else ""
        parts.append(f"从事专业技术工作年限{counted.service_label}{note}")
    if held["obtained_on"]:
        months = full_months_between(start=held["obtained_on"], end=month.last_day)
        parts.append(f"取得{level_label(held['level'])}职称已满{years_months(divmod(months, 12))}")
    if not parts:
        return ""
    counted = "，".join(parts)
    return f"按{committee.name}的评审月份（{month.label}）计算：{counted}（{cite(8)}）。{month.note}"


def promotion_paths(
    *, user, dossier, title_entries, now: datetime, work_entries: list | None = None
) -> list[PathResult]:
    """评审晋升 per series of 现有职称情况. `work_entries`: the 工作经历 entries (or their data) when
    the caller has read them (rule 11 and the counted service); read once here otherwise."""
    year = current_year(now)
    held_titles = highest_titles(title_entries)
    section_url = reverse("dossier:section", args=("current_titles",))
    if not held_titles:
        return [
            PathResult(
                PROMOTION,
                conditions=[
                    Condition(
                        "申报信息“现有职称情况”中没有职称，无法确定晋升的层级。已有职称的请先填写；"
                        "初次取得职称的正规院校毕业生可通过考核认定取得。",
                        source(14),
                        kind=NEED,
                        link=section_url,
                        link_label="去填写现有职称情况",
                    )
                ],
            )
        ]
    series_by_name = {s.name: s for s in Series.objects.all()}
    # Rule 11 and question 10: the 工作经历 entries, read once for every committee asked.
    work = (
        [entry if isinstance(entry, dict) else (entry.data or {}) for entry in work_entries]
        if work_entries is not None
        else read_work_entries(dossier=dossier)
    )
    notes_common = []
    if not dossier.professional_start_date:
        notes_common.append(
            f"基本信息中未填写“从事专业技术工作时间”，无法计算从事专业技术工作年限（{cite(8, 11)}）。"
        )
    results = []
    for held in held_titles:
        target = level_above(held["level"])
        series = series_for(held["series"], series_by_name)
        if target is None:
            results.append(
                PathResult(
                    PROMOTION,
                    series=held["series"],
                    notes=[
                        f"您已取得{held['series']}系列正高级职称（{held['title_name']}），没有更高的层级可以晋升。"
                    ],
                )
            )
            continue
        result = PathResult(
            PROMOTION,
            level=target,
            level_label=level_label(target),
            series=series.name if series else held["series"],
            notes=list(notes_common),
        )
        results.append(result)
        if series is None:
            result.conditions.append(
                Condition(
                    f"现有职称的系列“{held['series']}”不在职称系列目录中，无法确定评审的评委会。"
                    "请在现有职称情况中按职称证书和系列目录填写系列名称（如“工程技术”）。",
                    kind=NEED,
                    link=section_url,
                    link_label="去修改现有职称情况",
                )
            )
            continue
        result.title = _title_at(series, target, held["title_name"])
        result.notes.insert(
            0,
            f"现有职称：{held['title_name']}（{level_label(held['level'])}"
            + (f"，{date_label(held['obtained_on'])}取得" if held["obtained_on"] else "")
            + "）。各系列（专业）评审条件规定的学历、任职年限和业绩，由评委会按其条件审核。",
        )
        change = _series_change_condition(held, held_titles, year=year)
        _promotion_committees(
            result, user=user, dossier=dossier, series=series, held=held, now=now, year=year, work=work
        )
        if change is not None:
            result.conditions.insert(0, change)
            result.committees = []  # open, but not for this person before the next year
        if result.status == "can_apply":
            result.link, result.link_label = reverse("applications:cover"), "去职称申报"
    return results


def _promotion_committees(result: PathResult, *, user, dossier, series, held, now, year, work) -> None:
    level = result.level
    open_now = committees_open(now=now, series_id=series.pk, level=level)
    # The applicant's own draft (or returned application) of this year and level is the one being
    # prepared: rule 19 must not count it against itself.
    editing = (
        Application.objects.filter(applicant=user, year=year, level=level, status__in=EDITABLE_STATUSES)
        .order_by("-created_at", "-id")
        .first()
    )
    problems_by_committee = {
        committee.pk: _eligibility(
            work=work,
            user=user,
            committee=committee,
            level=level,
            year=year,
            series=series,
            now=now,
            application=editing,
        )
        for committee in open_now
    }
    eligible = [c for c in open_now if not problems_by_committee[c.pk]]
    if eligible:
        result.committees = [CommitteeOpen(c.pk, c.name, c.window_closes_at) for c in eligible]
        note = _rule8_note(
            dossier=dossier, committee=eligible[0], year=year, held=held, level=level, work=work
        )
        if note:
            result.notes.append(note)
        return
    if open_now:
        result.conditions += _merge(
            [
                classify(problem, user=user, year=year)
                for committee in open_now
                for problem in problems_by_committee[committee.pk]
            ]
        )
        return
    # No committee open now: the next window to open decides the date; eligibility is asked at
    # that instant (an integrity record that has run out by then no longer counts).
    covering = Committee.objects.filter(
        is_active=True, coverages__series=series, coverages__level=level
    ).distinct()
    upcoming = (
        CommitteeWindow.objects.filter(committee__in=covering, opens_at__gt=now)
        .select_related("committee")
        .order_by("opens_at")
        .first()
    )
    if upcoming is not None:
        opens_on = _local_date(upcoming.opens_at)
        result.conditions.append(
            Condition(
                f"{upcoming.committee.name}{upcoming.year}年网上申报尚未开通，将于{date_label(opens_on)}开通。",
                source(6),
                met_on=opens_on,
                kind=WAIT,
            )
        )
        problems = _eligibility(
            work=work,
            user=user,
            committee=upcoming.committee,
            level=level,
            year=upcoming.year,
            series=series,
            now=upcoming.opens_at,
        )
        result.conditions += _merge(
            [
                classify(p, user=user, year=upcoming.year, opens_on=opens_on)
                for p in problems
                if not _is_window(p)
            ]
        )
        note = _rule8_note(
            dossier=dossier,
            committee=upcoming.committee,
            year=upcoming.year,
            held=held,
            level=level,
            work=work,
        )
        if note:
            result.notes.append(note)
        return
    committee = covering.first()
    if committee is None:
        result.conditions.append(
            Condition(
                f"本系统中暂无评审{series.name}系列{level_label(level)}职称的评委会，请注意查看省级评委会的申报通知。",
                source(6),
                kind=UNKNOWN,
            )
        )
        return
    result.conditions.append(
        Condition(
            f"评审{series.name}系列{level_label(level)}职称的评委会本年度尚未公布网上申报时间或已截止申报，"
            "请注意查看各系列各层级的评委会申报通知。",
            source(6),
            kind=UNKNOWN,
        )
    )
    problems = _eligibility(
        user=user, committee=committee, level=level, year=year, series=series, now=now, work=work
    )
    result.conditions += _merge([classify(p, user=user, year=year) for p in problems if not _is_window(p)])
