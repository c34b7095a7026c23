"""Which sections of 申报信息 an application cannot do without.

The seed (part 五 (二) 2) says of the 13 sections: "如有相应材料的点击“新增”按钮…如没有无需填写".
So a section is required only where a rule of the seed or the committee requires it, and the
missing-item message says which, in words people know (never an internal rule number). Each
requirement is a row of data: the section, when it applies, the message. The first row that
applies to a section gives its message.

- 学历情况: every review (《职称知识25问》第9问: 申报职称评审均应具备规定的学历条件).
- 工作经历: every review (第8问 and 第11问: years of professional work and of service on a post).
- 现有职称情况: a 转系列评审 (第17问: the same level in the new series, rule 18) and a promotion to
  副高级 or 正高级 other than by a skill grade (the level below is held and its years counted,
  第7问 and 第10问).
- 年度考核情况（近五年）: by a skill grade (第21问: 近3年年度考核合格, rule 16), or when the
  committee's list of required attachments names 年度考核材料.
Everything else — 学习经历, 专业技术工作总结, the achievements, 继续教育 — 如没有无需填写.

Kept free of other apps: the application's facts come in as plain values (`ApplicationFacts`),
filled by applications.completeness."""

from __future__ import annotations

from dataclasses import dataclass, field

PROMOTION = "promotion"  # applications.models.ApplicationKind.PROMOTION (评审晋升)
SERIES_CHANGE = "series_change"  # 转系列评审
REVIEW_KINDS = (PROMOTION, SERIES_CHANGE)
SENIOR_LEVELS = ("senior_full", "senior_associate")


@dataclass(frozen=True)
class SectionRequirement:
    section: str
    message: str  # "{committee}" is replaced with the committee's name
    kinds: tuple[str, ...] = REVIEW_KINDS  # the application kinds it applies to
    levels: tuple[str, ...] = ()  # only at these levels (empty: every level)
    skilled: bool | None = None  # True: only by a skill grade (rule 16); False: never by one
    committee_kind: str = ""  # only when the committee's required attachments name this kind

    @property
    def always(self) -> bool:
        """Applies to every review, whatever its level, route or committee."""
        return (
            self.kinds == REVIEW_KINDS
            and not self.levels
            and self.skilled is None
            and not self.committee_kind
        )


@dataclass(frozen=True)
class ApplicationFacts:
    """What the requirements ask of an application (applications.completeness fills it)."""

    kind: str
    level: str
    skilled: bool = False  # applying by a skill grade without a title at the level below (rule 16)
    committee_kinds: frozenset[str] = field(default_factory=frozenset)
    committee_name: str = "评委会"


REQUIREMENTS: tuple[SectionRequirement, ...] = (
    # Rule 10 / question 9.
    SectionRequirement(
        "education",
        "按《职称知识25问》第9问，申报职称评审均应具备规定的学历条件（全日制和非全日制学历均可）："
        "请在“学历情况”中新增学历。",
    ),
    # Rules 8 and 11 / questions 8 and 11.
    SectionRequirement(
        "work",
        "按《职称知识25问》第8问、第11问，从事专业技术工作年限和履职年限按在专业技术岗位上的工作时间计算："
        "请在“工作经历”中新增工作经历。",
    ),
    # Rule 18 / question 17.
    SectionRequirement(
        "current_titles",
        "按《职称知识25问》第17问，转系列评审按现有职称等级评审同等级职称：请在“现有职称情况”中新增现有职称。",
        kinds=(SERIES_CHANGE,),
    ),
    # Questions 7 and 10: the series' conditions for 副高级 and 正高级 count the years on the level below.
    SectionRequirement(
        "current_titles",
        "申报副高级、正高级职称须已取得下一级职称，履职年限从取得下一级职称并受聘时起计算"
        "（见《职称知识25问》第7问、第10问）：请在“现有职称情况”中新增现有职称。",
        kinds=(PROMOTION,),
        levels=SENIOR_LEVELS,
        skilled=False,
    ),
    # Rule 16 / question 21.
    SectionRequirement(
        "annual_assessments",
        "按《职称知识25问》第21问，按职业资格（职业技能等级）申报的，须在现工作岗位上近3年年度考核合格："
        "请在“年度考核情况（近五年）”中新增近3年的考核结果。",
        kinds=(PROMOTION,),
        skilled=True,
    ),
    SectionRequirement(
        "annual_assessments",
        "{committee}要求提交年度考核材料：请在“年度考核情况（近五年）”中新增近五年的年度考核结果，"
        "并在各条目下上传年度考核登记表。",
        committee_kind="annual_assessment",
    ),
)

ALWAYS_REQUIRED = frozenset(r.section for r in REQUIREMENTS if r.always)


def _applies(requirement: SectionRequirement, facts: ApplicationFacts) -> bool:
    if facts.kind not in requirement.kinds:
        return False
    if requirement.levels and facts.level not in requirement.levels:
        return False
    if requirement.skilled is not None and requirement.skilled != facts.skilled:
        return False
    return not requirement.committee_kind or requirement.committee_kind in facts.committee_kinds


def required_sections(facts: ApplicationFacts | None = None) -> dict[str, str]:
    """Section key → the message of the first requirement that applies. Without an application
    (the dossier's own overview): the sections every review requires."""
    found: dict[str, str] = {}
    for requirement in REQUIREMENTS:
        if requirement.section in found:
            continue
        if facts is None:
            if requirement.always:
                found[requirement.section] = requirement.message
        elif _applies(requirement, facts):
            found[requirement.section] = requirement.message.format(committee=facts.committee_name)
    return found
