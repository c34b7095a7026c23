"""The paths beside promotion and 考核认定 (paths/recognition.py): 转系列评审, 职称确认, 技能人才 and
企业博士后直接认定副高级, each from the pure rules in rules/ (rules 13, 16–18). What the dossier
cannot express (the transfer date, the post change) comes from the optional `PathFacts` the page
and the API take; without it the path says what is needed, never guesses. The skill grade is read
from 基本信息 (rule 16), unless one is typed on the page to try another."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from applications.eligibility.checks import person_issues
from applications.models import EDITABLE_STATUSES, Application, ApplicationKind
from applications.routing import senior_delegated
from catalog.models import LEVEL_ORDER, Series
from core import rulebook
from core.dates import date_label
from core.months import committee_month_end
from core.sources import cite, source
from orgs.windows import current_year
from recognition.postdoc import (
    DOCTORATE_PROBLEM,
    LEVEL,
    RETIRED_PROBLEM,
    enterprise_problem,
    has_doctorate,
    postdoc_route_problems,
)
from rules.confirmation import confirmation_evaluate
from rules.facts import POSTDOC_ACHIEVEMENT_PROBLEM
from rules.retirement import retired_on
from rules.series_change import series_change_evaluate
from rules.skilled import PASSED_RESULTS, SkillGrade, skilled_evaluate

from .promotion import classify, highest_titles, level_label
from .results import (
    CONFIRMATION,
    NEED,
    NEVER,
    POSTDOC,
    SERIES_CHANGE,
    SKILLED,
    WAIT,
    Condition,
    PathResult,
)

MOVED_FROM_OUTSIDE, MOVED_INSIDE = "outside", "inside"
MOVED_FROM_LABELS = {
    MOVED_FROM_OUTSIDE: "外省、中央单位、部队等调入",
    MOVED_INSIDE: "云南省内调动",
}


@dataclass(frozen=True)
class PathFacts:
    """What the dossier does not hold, given for one query only (nothing is saved)."""

    hired_on: date | None = None  # 《云南省招工录用登记表》 or 《事业单位聘用通知书》 (rule 14)
    changed_on: date | None = None  # post change to another series (rule 18)
    transferred_on: date | None = None  # 聘用合同 / 劳动合同 after moving here (rule 17)
    moved_from: str = ""  # MOVED_FROM_OUTSIDE or MOVED_INSIDE (rule 17)
    skill_grade: str = ""  # rules.skilled.SkillGrade (rule 16)
    skill_obtained_on: date | None = None


def _basic_link() -> dict:
    return {"link": reverse("dossier:basic"), "link_label": "去完善基本信息"}


def section_link(key: str, label: str) -> dict:
    return {"link": reverse("dossier:section", args=(key,)), "link_label": label}


def query_link(anchor: str = "facts") -> dict:
    return {"link": f"{reverse('paths:index')}#{anchor}", "link_label": "在本页填写"}


def held_rank(title_entries) -> int | None:
    """The index in LEVEL_ORDER of the highest title held (smaller is higher), None without one."""
    held = highest_titles(title_entries)
    return min((LEVEL_ORDER.index(t["level"]) for t in held), default=None)


# --- 转系列评审 (rule 18) ---------------------------------------------------------------------------


def series_change_paths(*, title_entries, facts: PathFacts, on: date) -> list[PathResult]:
    held = highest_titles(title_entries)
    if not held:
        return [
            PathResult(
                SERIES_CHANGE,
                conditions=[
                    Condition(
                        "转系列评审按现有职称等级在新系列重新评审同等级职称，须先有职称："
                        "申报信息“现有职称情况”中没有职称。",
                        source(18),
                        kind=NEED,
                        **section_link("current_titles", "去填写现有职称情况"),
                    )
                ],
            )
        ]
    top = min(held, key=lambda t: LEVEL_ORDER.index(t["level"]))
    if facts.changed_on is None:
        return [
            PathResult(
                SERIES_CHANGE,
                level=top["level"],
                level_label=level_label(top["level"]),
                series=top["series"],
                notes=[
                    "跨职务系列变动工作岗位的，须按拟聘系列要求试用半年以上、考核合格，"
                    f"再按现有职称等级重新评审同等级职称；原系列的履职时间可连续计算（{cite(18)}）。"
                ],
                conditions=[
                    Condition(
                        "申报信息中没有岗位变更记录：如已变动到其他系列的专业技术岗位，请在本页填写岗位变更（试用开始）时间。",
                        source(18),
                        kind=NEED,
                        **query_link(),
                    )
                ],
            )
        ]
    evaluation = series_change_evaluate(level=top["level"], changed_on=facts.changed_on, on=on)
    result = PathResult(
        SERIES_CHANGE,
        level=evaluation.level,
        level_label=evaluation.level_label,
        series=top["series"],
        notes=list(evaluation.notes),
    )
    for problem in evaluation.problems:
        wait = evaluation.earliest > on and "试用" in problem
        result.conditions.append(
            Condition(
                problem,
                source(18),
                met_on=evaluation.earliest if wait else None,
                kind=WAIT if wait else NEVER,
            )
        )
    if not result.conditions:
        result.link, result.link_label = reverse("applications:cover"), "去职称申报（申报类别：转系列评审）"
    return [result]


# --- 职称确认 (rule 17) -----------------------------------------------------------------------------


def confirmation_paths(*, user, dossier, title_entries, facts: PathFacts, on: date) -> list[PathResult]:
    held = highest_titles(title_entries)
    rule_note = (
        "外省、中央单位、部队等调入本市且仍从事原专业系列的，经半年以上试用"
        "（事业单位以聘用合同、企业以劳动合同起算）并考核合格后申报确认；"
        f"初级由县（市）区人社局或市级行政主管部门、中级由市人社局、高级由省人社厅确认（{cite(17)}）。"
    )
    if not held:
        return [
            PathResult(
                CONFIRMATION,
                notes=[rule_note],
                conditions=[
                    Condition(
                        "申报信息“现有职称情况”中没有职称，无可确认的职称。",
                        source(17),
                        kind=NEED,
                        **section_link("current_titles", "去填写现有职称情况"),
                    )
                ],
            )
        ]
    needed = []
    if facts.transferred_on is None:
        needed.append("调入时间（聘用合同或劳动合同签订时间）")
    if facts.moved_from not in MOVED_FROM_LABELS:
        needed.append("调入前的单位所在地（省外、中央单位、部队等，或云南省内）")
    unit = user.organisation
    civil_servant = bool(dossier.is_civil_servant or (unit is not None and unit.civil_servant_managed))
    results = []
    for title in held:
        result = PathResult(
            CONFIRMATION,
            level=title["level"],
            level_label=level_label(title["level"]),
            series=title["series"],
            title=title["title_name"],
            notes=[
                rule_note,
                f"国家已实行以考代评的系列（专业）不再办理职称确认（{cite(17)}）。",
            ],
        )
        results.append(result)
        if needed:
            result.conditions.append(
                Condition(
                    "申报信息中没有调入记录，请在本页填写：" + "、".join(needed) + "。",
                    source(17),
                    kind=NEED,
                    **query_link(),
                )
            )
            continue
        # Question 16 (3): a unit with the province's delegated senior authority for the series
        # confirms its 高级 titles itself.
        series = Series.objects.filter(name=title["series"]).first() if title["series"] else None
        evaluation = confirmation_evaluate(
            unit_has_senior_authority=senior_delegated(unit=unit, level=title["level"], series=series),
            level=title["level"],
            transferred_on=facts.transferred_on,
            on=on,
            assessment_passed=True,  # asked of the unit below: the dossier does not record it
            civil_servant=civil_servant,
            retired=retired_on(dossier, on),
            from_inside_yunnan=facts.moved_from == MOVED_INSIDE,
        )
        result.authority = evaluation.confirmer_label
        for problem in evaluation.problems:
            wait = "试用满半年" in problem and evaluation.earliest > on
            result.conditions.append(
                Condition(
                    problem,
                    source(17),
                    met_on=evaluation.earliest if wait else None,
                    kind=WAIT if wait else NEVER,
                )
            )
        result.notes.append(f"申报时须提供试用期满考核合格的证明（{cite(17)}）。")
        if not result.conditions:
            result.link, result.link_label = (
                reverse("applications:cover") + "?kind=confirmation",
                "去职称申报（申报类别：职称确认）",
            )
    return results


# --- 技能人才 (rule 16) -----------------------------------------------------------------------------


def skilled_grade(*, dossier, facts: PathFacts) -> tuple[str, date | None, bool]:
    """Rule 16: the grade and its date typed on the page for this query, else those of 基本信息;
    the last item says whether they come from the page."""
    if facts.skill_grade in SkillGrade.values and facts.skill_obtained_on is not None:
        return facts.skill_grade, facts.skill_obtained_on, True
    if dossier is not None and dossier.skill_grade in SkillGrade.values and dossier.skill_grade_obtained_on:
        return dossier.skill_grade, dossier.skill_grade_obtained_on, False
    return "", None, False


def skilled_paths(
    *, assessment_entries, facts: PathFacts, on: date, dossier=None, title_entries=()
) -> list[PathResult]:
    rule_note = (
        "取得高级工职业资格或职业技能等级后从事技术技能工作满 2 年可申报助理级，技师满 3 年可申报中级，"
        f"高级技师满 4 年可申报副高级；均须在现工作岗位上近 3 年年度考核合格（{cite(16)}）。"
    )
    grade, obtained_on, typed = skilled_grade(dossier=dossier, facts=facts)
    if not grade or obtained_on is None:
        return [
            PathResult(
                SKILLED,
                notes=[rule_note, "也可在本页选择等级并填写取得时间试算（不保存）。"],
                conditions=[
                    Condition(
                        "申报信息中没有职业资格（职业技能等级）：取得高级工、技师或高级技师的，"
                        "请在基本信息中选择等级并填写取得等级时间。",
                        source(16),
                        kind=NEED,
                        **_basic_link(),
                    )
                ],
            )
        ]
    results_by_year: dict[int, str] = {}
    for entry in assessment_entries:
        data = entry.data or {}
        if str(data.get("year") or "").isdigit():
            results_by_year[int(data["year"])] = data.get("result") or ""
    passed = [year for year, value in results_by_year.items() if value in PASSED_RESULTS]
    # Rule 8: the years count up to the committee's month, which is this month at the earliest.
    month_end = committee_month_end(year=on.year, month=on.month)
    evaluation = skilled_evaluate(grade=grade, obtained_on=obtained_on, on=month_end, passed_years=passed)
    grade_note = (
        f"您的职业资格或职业技能等级：{SkillGrade(grade).label}"
        f"（{date_label(obtained_on)}取得{'，本页填写，未保存' if typed else '，见基本信息'}），"
        f"可申报{evaluation.level_label}职称评审。"
    )
    result = PathResult(
        SKILLED, level=evaluation.level, level_label=evaluation.level_label, notes=[grade_note, rule_note]
    )
    index = LEVEL_ORDER.index(evaluation.level)
    below = LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None
    if below in {(entry.data or {}).get("level") for entry in title_entries}:
        # applications.eligibility.skilled.skilled_route: with a title at the level below it is a promotion.
        result.notes.append(
            f"您已有{level_label(below)}职称，申报{evaluation.level_label}按评审晋升办理（见“评审晋升”），"
            "不另按技能人才条件审核。"
        )
    if evaluation.earliest > month_end:
        result.conditions.append(
            Condition(
                evaluation.problems[0]
                + f"年限计算到评委会评审月份（{cite(8)}），评审月份在该月及以后的评委会可以申报。",
                source(16),
                met_on=evaluation.earliest.replace(day=1),
                month_only=True,
            )
        )
    section = section_link("annual_assessments", "去填写年度考核情况")
    window = rulebook.SKILLED_ASSESSMENT_YEARS
    for year in evaluation.assessments_missing:
        if year in results_by_year:  # recorded, not passed: it leaves the last 3 years in time
            leaves = date(year + window + 1, 1, 1)
            text = (
                f"须在现工作岗位上近 3 年年度考核均为合格：{year}年度考核结果为“{results_by_year[year]}”，"
                f"{leaves.year}年起不再计入近 3 年（届时近 3 年仍须均为合格）。"
            )
            result.conditions.append(Condition(text, source(16), met_on=leaves))
        else:
            text = f"须在现工作岗位上近 3 年年度考核均为合格：年度考核情况中没有{year}年度的考核结果。"
            result.conditions.append(Condition(text, source(16), kind=NEED, **section))
    if not result.conditions:
        result.link, result.link_label = reverse("applications:cover"), "去职称申报"
    return [result]


# --- 企业博士后直接认定副高级 (rule 13) --------------------------------------------------------------

# 承担课题（项目）情况 records the foundation's grant as a project whose 来源/级别 names it, and a
# project the person led as one where they rank first; its level is read from the same text.
POSTDOC_FOUNDATION = "博士后科学基金"
PROVINCIAL_MARKERS = ("国家", "省", "部级", "科技部", "教育部", "工业和信息化部")
POSTDOC_RULE_NOTE = (
    "职称知识25问第13问：企业博士后获得中国博士后科学基金资助或主持省部级以上科研项目，"
    f"出站后继续留在企业的，可直接认定副高级职称（{cite(13)}）。"
)


def _project_rank(data) -> int | None:
    try:
        return int(data.get("rank"))
    except (TypeError, ValueError):
        return None


def postdoc_projects(project_entries) -> tuple[list[str], list[str]]:
    """From 承担课题（项目）情况: the projects funded by the China Postdoctoral Science Foundation and
    the provincial-or-above projects the person led (ranked first), by name."""
    funded, led = [], []
    for entry in project_entries:
        data = entry.data or {}
        source = str(data.get("source") or "")
        name = str(data.get("name") or "")
        if POSTDOC_FOUNDATION in source:
            funded.append(name)
        elif _project_rank(data) == 1 and any(marker in source for marker in PROVINCIAL_MARKERS):
            led.append(name)
    return funded, led


def postdoc_paths(
    *, user, dossier, education_entries, title_entries, project_entries, on: date, now
) -> list[PathResult]:
    """Rule 13 from what the dossier holds: a doctorate (学历情况), an enterprise (the unit), the
    foundation's grant or a provincial project led (承担课题（项目）情况), not retired (rule 9), no
    副高级 yet, and rules 1 / 9 / 19 / 20 (applications.eligibility.checks.person_issues). Leaving the
    station and staying in the enterprise are declared on the application itself."""
    result = PathResult(
        POSTDOC,
        level=LEVEL,
        level_label=level_label(LEVEL),
        authority="云南省人力资源和社会保障厅（省人社厅已发文下放该系列高级职称评审权限的企业，由本单位认定）",
        notes=[
            POSTDOC_RULE_NOTE,
            "申报时填写博士后工作站、出站日期，以及资助证书编号或主持的项目名称，"
            "并上传博士后出站证明和资助证书或项目立项文件；随时可以申报，不选择评委会。",
        ],
    )
    if not has_doctorate(education_entries):
        result.conditions.append(
            Condition(DOCTORATE_PROBLEM, source(13), kind=NEED, **section_link("education", "去填写学历情况"))
        )
    unit = user.organisation
    if unit is None:
        result.conditions.append(
            Condition("请先在基本信息中选择工作单位（须为企业）。", source(13), kind=NEED, **_basic_link())
        )
    elif enterprise_problem(unit):
        result.conditions.append(Condition(enterprise_problem(unit), source(13), kind=NEVER))
    else:
        result.notes.append(f"出站后须继续留在企业：您的工作单位为“{unit.name}”。")
        # The unit's information must give the route (its district office, its department).
        result.conditions += [
            Condition(message, source(13), kind=NEED) for message in postdoc_route_problems(unit=unit)
        ]
    funded, led = postdoc_projects(project_entries)
    if funded or led:
        names = "、".join(f"“{name}”" for name in [*funded, *led])
        result.notes.append(f"承担课题（项目）情况中的资助或主持项目：{names}。")
    else:
        result.conditions.append(
            Condition(
                POSTDOC_ACHIEVEMENT_PROBLEM
                + "申报信息“承担课题（项目）情况”中没有来源为中国博士后科学基金的课题，"
                "也没有本人主持（排名第一）的省部级以上课题。",
                source(13),
                kind=NEED,
                **section_link("projects", "去填写承担课题（项目）情况"),
            )
        )
    if retired_on(dossier, on):
        result.conditions.append(Condition(RETIRED_PROBLEM, source(9), kind=NEVER))
    rank = held_rank(title_entries)
    if rank is not None and rank <= LEVEL_ORDER.index(LEVEL):
        result.conditions.append(
            Condition(
                f"您已有{level_label(LEVEL_ORDER[rank])}职称，不需要再申报博士后认定副高级职称。",
                source(13),
                kind=NEVER,
            )
        )
    year = current_year(now)
    # The person's own draft (or returned one) is the one being prepared: rule 19 must not count it.
    own = Application.objects.filter(
        applicant=user, year=year, kind=ApplicationKind.POSTDOC, status__in=EDITABLE_STATUSES
    ).first()
    result.conditions += [
        classify(problem, user=user, year=year)
        for problem in person_issues(user=user, level=LEVEL, year=year, application=own, now=now)
    ]
    if not result.conditions:
        result.link, result.link_label = (
            reverse("applications:cover") + "?kind=postdoc",
            "去职称申报（申报类别：博士后认定）",
        )
    return [result]
