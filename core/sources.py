"""Where each rule comes from, in the words people know (issue 11 item 17).

Rule numbers (domain.md 1–35) are ours, for code, tests and docs. A page, a message or a PDF never
shows them: a refusal names its source as the reader knows it — a question of 《职称知识25问》, a
note of 职称申报必读 or of the 系统填报说明 (all three in the 2021 guide, shown on the site's 政策
帮助 pages), or the policy document itself — and links to the help page when there is one.

`cite(19)` → "见《职称知识25问》第25问"; `source(19).url` → the help page's address (the 25
questions are anchored #q1…#q25 on /help/). Several rules: `cite(8, 11)` → "见《职称知识25问》第8问、第11问".
"""

from __future__ import annotations

from dataclasses import dataclass

from core.help_links import FILLING_GUIDE, HELP, MUST_READ, SITE_FAQ

ORDER_40 = "《职称评审管理暂行规定》（人社部令第40号）"
YUNNAN_57 = "《云南省职称评审管理实施办法（试行）》（云人社发〔2020〕57号）"


@dataclass(frozen=True)
class Source:
    label: str  # "《职称知识25问》第25问"
    url: str = ""  # the help page (and anchor), empty for a document without one
    # What the document says, in its own words, for a refusal to quote (rules 27–35); empty when
    # the seed's place is enough.
    words: str = ""

    @property
    def cite(self) -> str:
        return f"见{self.label}"

    @property
    def quote(self) -> str:
        """ "见《职称评审管理暂行规定》（人社部令第40号）：出席评审会议的……"; the label alone
        when there are no words."""
        return f"{self.cite}：{self.words}" if self.words else self.cite


QUESTIONS_TITLE = "《职称知识25问》"


def _question(number: int) -> Source:
    return Source(f"{QUESTIONS_TITLE}第{number}问", f"{HELP}#q{number}")


def _site_faq(number: int) -> Source:
    return Source(f"“申报网站常见问题”第{number}问", f"{SITE_FAQ}{number}")


# Rules 27–35 in the words of 人社部令第40号 (the numbers are the regulation's; the settings in
# core.rulebook may differ where a province adjusts them, and the refusals then say the setting).
ORDER_40_WORDS: dict[int, str] = {
    27: "按照职称系列组建的高级职称评审委员会评审专家不少于25人，按照专业组建的不少于11人；"
    "中级、初级职称评审委员会的人数由省级人力资源社会保障部门规定",
    28: "职称评审委员会可以按照学科或者专业组成若干评议组，每个评议组评审专家不少于3人，"
    "负责对申报人提出书面评议意见",
    29: "出席评审会议的专家人数应当不少于职称评审委员会人数的2/3",
    30: "采取无记名投票表决，同意票数达到出席评审会议的评审专家总数2/3以上的即为评审通过；"
    "未出席评审会议的评审专家不得委托他人投票或者补充投票",
    31: "评审专家与评审工作有利害关系或者其他关系可能影响客观公正的，应当申请回避；"
    "评审专家名单一般不对外公布",
    32: "评审会议应当做好会议记录，包括出席评委、评审对象、评议意见、投票结果等内容，并归档管理；"
    "评审结果由主持评审会议的主任委员或者副主任委员宣布并签字确认，加盖职称评审委员会印章",
    33: "评审结果公示期不少于5个工作日；公示无异议的评审结果，按照规定核准或者备案",
    34: "申报人对涉及本人的评审结果不服的，可以按照有关规定申请复查、进行投诉",
    35: "通过提供虚假材料等不正当手段取得职称的，撤销其职称，记入职称评审诚信档案库，"
    "记录期限为3年；评审专家违反评审纪律的，取消其评审专家资格",
}

# Rule number (domain.md) → the seed's place or the policy document.
SOURCES: dict[int, Source] = {
    1: Source("职称申报必读（一）1", MUST_READ),
    2: Source("职称申报必读（三）1", MUST_READ),
    3: Source("职称申报必读（三）2、3", MUST_READ),
    4: Source("职称申报必读（三）4", MUST_READ),
    5: Source("职称申报必读（二）2", MUST_READ),
    6: Source("职称申报必读（四）", MUST_READ),
    7: _question(7),
    8: _question(8),
    9: _question(4),
    10: _question(9),
    11: _question(11),
    12: _question(12),
    13: _question(13),
    14: _question(18),
    15: _question(19),
    16: _question(21),
    17: _question(16),
    18: _question(17),
    19: _question(25),
    # The seed says it twice: 系统填报说明（二）3（1） (4 chances) and the 注意 of （三）, which adds
    # "一旦超过4次当前年度将无法进行申报", what the refusals say; cited as the latter.
    20: Source("《系统填报说明》（三）单位信息及申报审核", FILLING_GUIDE),
    21: _site_faq(1),
    22: _site_faq(2),
    23: _question(23),
    24: _question(24),
    25: Source("系统填报说明（三）5", FILLING_GUIDE),
    26: Source("系统填报说明（三）1", FILLING_GUIDE),
    # Rules 27–35: the committee's evaluation, from the national regulation (2019). The label names
    # the document only: the article numbers could not be checked against the published text here
    # (docs/decisions/0011-evaluation.md), so none is given; the words are the regulation's.
    **{number: Source(ORDER_40, words=words) for number, words in ORDER_40_WORDS.items()},
}

# The seed's questions the code follows without a rule number of ours.
QUESTIONS = {number: _question(number) for number in range(1, 26)}

# Where people read that only a publicity without objection lets the unit recommend (seed part 一,
# 职称申报必读 (三)1): the unit step's records (recommend) and its online notices (publicity) cite it.
UNIT_PUBLICITY_SOURCE = "见《职称申报必读》（三）1：公示无异议的方可向上级主管部门推荐"


def source(rule: int) -> Source:
    return SOURCES[rule]


def quote(rule: int) -> str:
    """The source and, for the regulation's rules (27–35), its words: "见《职称评审管理暂行规定》
    （人社部令第40号）：出席评审会议的专家人数应当不少于职称评审委员会人数的2/3"."""
    return SOURCES[rule].quote


def question(number: int) -> Source:
    return QUESTIONS[number]


def cite(*rules: int) -> str:
    """ "见《职称知识25问》第8问、第11问" for several rules (each place named once, the questions
    of the 25 together)."""
    questions: list[str] = []
    others: list[str] = []
    for rule in rules:
        label = SOURCES[rule].label
        if label.startswith(QUESTIONS_TITLE):
            number = label[len(QUESTIONS_TITLE) :]
            if number not in questions:
                questions.append(number)
        elif label not in others:
            others.append(label)
    parts = [QUESTIONS_TITLE + "、".join(questions)] if questions else []
    return "见" + "；".join(parts + others)
