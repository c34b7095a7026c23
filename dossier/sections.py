"""The 13 sections of 申报信息, in the seed's order (part 五 (二) 2). Keys are English and stable
(API and URLs use them); labels are the seed's words. Each section declares its fields here, as
plain data: dossier/validation.py checks an entry against them, dossier/forms.py builds the entry
form from them, and the snapshot copies their labels so a reviewer can read a submitted dossier
even after a declaration changes.

Field kinds: text, textarea, date (YYYY-MM-DD), month (YYYY-MM), year, choice, int, decimal
(a number with at most two decimals, kept as a string), bool (是 / 否)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from catalog.models import Level

from .requirements import ALWAYS_REQUIRED

KINDS = ("text", "textarea", "date", "month", "year", "choice", "int", "decimal", "bool")
KIND_LABELS = {
    "text": "文本",
    "textarea": "长文本",
    "date": "日期 YYYY-MM-DD",
    "month": "年月 YYYY-MM",
    "year": "年份",
    "choice": "选项",
    "int": "整数",
    "decimal": "数字",
    "bool": "是/否（true/false）",
}


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"
    required: bool = False
    max_length: int | None = None  # text and textarea
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label)
    help: str = ""
    default: object = None  # used when the value is left out (choice and bool)
    min_value: int | None = None  # int, year, decimal
    max_value: int | None = None
    check: str = (
        ""  # a named format check in dossier/validation.py: "isbn", "journal_number", "patent_number"
    )
    blank_display: str = ""  # shown for an empty value ("至今" for an open end)
    column: bool = True  # shown as a column in the section's table
    # Required only while another field of the entry has this form value (its check is in
    # dossier/validation.py); the form marks it then, and only then.
    required_if: tuple[str, str] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"choice field {self.key!r} needs choices")


@dataclass(frozen=True)
class DateRange:
    """`end` may not be earlier than `start` (both date or both month fields of the section)."""

    start: str
    end: str
    message: str = "结束时间不能早于开始时间。"


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    fields: tuple[Field, ...] = field(default_factory=tuple)
    ranges: tuple[DateRange, ...] = ()
    unique: tuple[str, ...] = ()  # field keys whose value may appear only once in the section
    single: bool = False  # at most one entry (专业技术工作总结)
    note: str = ""  # shown above the list
    attachment_hint: str = ""  # which scans belong to an entry of this section
    # The categories (attachments.models.AttachmentKind values) a scan under an entry may have,
    # the first the default: an entry's diploma counts as the 学历学位证书 a committee requires.
    # Empty: 条目附件 ("entry"), which no committee list names.
    attachment_kinds: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        """Required for every committee application by a rule of the seed (学历情况, 工作经历); the
        sections required only for some applications are in dossier/requirements.py."""
        return self.key in ALWAYS_REQUIRED

    @cached_property
    def field_map(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @cached_property
    def columns(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.column)


def _choices(*labels: str) -> tuple[tuple[str, str], ...]:
    """Chinese choices stored as they read (value = label): a snapshot stays readable as is."""
    return tuple((label, label) for label in labels)


YES_NO_HELP = "选择“是”或“否”。"

# Rule 10: 技工院校 中级工班 / 高级工班 / 预备技师（技师）班 count as 中专 / 大专 / 本科.
EDUCATION_LEVELS = _choices("中专", "大专", "本科", "硕士研究生", "博士研究生")
TECHNICAL_CLASSES = _choices("无", "中级工班", "高级工班", "预备技师（技师）班")
DEGREES = _choices("无", "学士", "硕士", "博士", "双学士")
STUDY_MODES = _choices("全日制", "非全日制")
PATENT_KINDS = _choices("发明", "实用新型", "外观设计")
PROJECT_STATES = _choices("已结题", "在研", "未通过结题", "终止")
ACTIVITY_KINDS = _choices("继续教育培训", "专业技术培训", "进修", "国内学术会议", "国际学术活动", "其他")
ASSESSMENT_RESULTS = _choices("优秀", "合格", "基本合格", "不合格")
LEVEL_CHOICES = tuple((level.value, level.label) for level in Level)

# The category the scans of every achievement section count as (论文或业绩成果).
ACHIEVEMENTS = "achievements"

RANK_HELP = "本人在全部完成人（作者）中的排名，独立完成填 1。"


def _start(kind: str = "month", required: bool = True) -> Field:
    return Field("start", "开始时间", kind, required=required)


def _end(kind: str = "month", *, open_end: bool = False) -> Field:
    if open_end:
        return Field("end", "结束时间", kind, help="尚未结束的不填（显示为“至今”）。", blank_display="至今")
    return Field("end", "结束时间", kind, required=True)


def _rank(required: bool = True) -> Field:
    return Field("rank", "本人排名", "int", required=required, min_value=1, max_value=999, help=RANK_HELP)


SECTIONS: list[Section] = [
    Section(
        "current_titles",
        "现有职称情况",
        fields=(
            Field("series", "系列", required=True, max_length=40, help="按职称证书填写，如“工程技术”。"),
            Field("title_name", "职称名称", required=True, max_length=60, help="如“工程师”。"),
            Field("level", "层级", "choice", required=True, choices=LEVEL_CHOICES),
            Field("obtained_on", "取得时间", "date", required=True),
            Field("certificate_no", "证书编号", max_length=60),
            # Issue 13 item 8: a title confirmed in this system (核准/备案 of a 评审通过, rule 33)
            # carries its document number; optional for a title entered by hand.
            Field(
                "document_number",
                "核准（备案）文号",
                max_length=100,
                help="评审结果核准或备案的文件文号，如“昆人社评〔2026〕12号”；没有的可不填。",
            ),
            Field(
                "issuer",
                "评审/认定机构",
                required=True,
                max_length=100,
                help="证书上的评审委员会或认定机构全称。",
            ),
            Field("appointed", "是否聘任", "bool", required=True, help=YES_NO_HELP),
            Field(
                "appointed_on",
                "聘任时间",
                "date",
                required_if=("appointed", "true"),
                help="已聘任的填写聘任时间。工勤技能或管理人员转岗的，填写《事业单位工作人员岗位（职务）"
                "变动工资审批表》中享受相应职务工资的时间（职称知识25问第10问）。",
            ),
        ),
        ranges=(DateRange("obtained_on", "appointed_on", "聘任时间不能早于取得时间。"),),
        attachment_hint="职称证书、聘任文件的扫描件",
        attachment_kinds=("title_certificate", "appointment"),
    ),
    Section(
        "education",
        "学历情况",
        fields=(
            Field(
                "school", "学校", required=True, max_length=100, help="毕业证书上的学校全称，不得使用简称。"
            ),
            Field("major", "专业", required=True, max_length=60),
            Field(
                "education",
                "学历",
                "choice",
                choices=EDUCATION_LEVELS,
                required_if=("technical_class", "无"),
                help="技工院校毕业且无学历的可不选，改选“技工院校班次”。",
            ),
            Field("degree", "学位", "choice", required=True, choices=DEGREES, default="无"),
            Field(
                "study_mode",
                "学习形式",
                "choice",
                required=True,
                choices=STUDY_MODES,
                help="全日制和非全日制学历均可作为申报依据。",
            ),
            Field("start", "入学时间", "month", required=True),
            Field("end", "毕业时间", "month", required=True),
            Field(
                "technical_class",
                "技工院校班次",
                "choice",
                required=True,
                choices=TECHNICAL_CLASSES,
                default="无",
                help="技工院校中级工班、高级工班、预备技师（技师）班分别视同中专、大专、本科学历。",
            ),
        ),
        ranges=(DateRange("start", "end", "毕业时间不能早于入学时间。"),),
        attachment_hint="毕业证书、学位证书（学信网学历认证）的扫描件",
        attachment_kinds=("diploma",),
    ),
    Section(
        "study",
        "学习经历",
        fields=(
            _start(),
            _end(),
            Field("institution", "学校/机构", required=True, max_length=100),
            Field("content", "学习内容", required=True, max_length=200, help="所学专业或课程。"),
            Field("witness", "证明人", max_length=40),
        ),
        ranges=(DateRange("start", "end"),),
        attachment_hint="结业证书、进修证明等的扫描件",
    ),
    Section(
        "work",
        "工作经历",
        fields=(
            _start(),
            _end(open_end=True),
            Field("employer", "工作单位", required=True, max_length=100),
            Field("post", "岗位/职务", required=True, max_length=60),
            Field(
                "professional",
                "从事专业技术工作",
                "bool",
                required=True,
                help="该段经历是否在与申报专业对应的专业技术岗位上工作。",
            ),
            Field(
                "seconded",
                "借调",
                "bool",
                required=True,
                default=False,
                help="该段经历是否为借调（借出）期间。",
            ),
            Field(
                "seconded_own_duties",
                "借调期间承担本单位工作",
                "bool",
                required_if=("seconded", "true"),
                help="仅借调时填写。借调期间未承担本单位工作的，不计算任职年限。",
                column=False,
            ),
            Field("witness", "证明人", max_length=40),
        ),
        ranges=(DateRange("start", "end"),),
        attachment_hint="劳动合同、聘用合同、工作证明等的扫描件",
    ),
    Section(
        "work_summary",
        "专业技术工作总结",
        fields=(
            Field(
                "summary",
                "专业技术工作总结",
                "textarea",
                required=True,
                max_length=5000,
                help="任现职以来的专业技术工作总结，不超过 5000 字。",
            ),
        ),
        single=True,
        note="专业技术工作总结只填写一份，填写后可点击“编辑”修改。",
    ),
    Section(
        "main_work",
        "完成主要专业技术工作情况",
        fields=(
            _start(),
            _end(open_end=True),
            Field("name", "项目/工作名称", required=True, max_length=100),
            Field("role", "本人作用", required=True, max_length=200, help="如“项目负责人，负责总体设计”。"),
            Field("results", "成效", "textarea", required=True, max_length=1000, help="不超过 1000 字。"),
        ),
        ranges=(DateRange("start", "end"),),
        attachment_hint="验收报告、业绩证明等的扫描件",
        attachment_kinds=(ACHIEVEMENTS,),
    ),
    Section(
        "projects",
        "承担课题（项目）情况",
        fields=(
            Field("name", "课题（项目）名称", required=True, max_length=100),
            Field(
                "source",
                "来源/级别",
                required=True,
                max_length=100,
                help="如“云南省科技厅重点研发计划（省级）”。",
            ),
            _start(),
            _end(open_end=True),
            _rank(),
            Field(
                "funds",
                "经费（万元）",
                "decimal",
                min_value=0,
                max_value=1000000,
                help="如 12.5，无经费的不填。",
            ),
            Field("conclusion", "结题情况", "choice", required=True, choices=PROJECT_STATES),
        ),
        ranges=(DateRange("start", "end"),),
        attachment_hint="立项书、任务书、结题证书等的扫描件",
        attachment_kinds=(ACHIEVEMENTS,),
    ),
    Section(
        "patents",
        "获得专利情况",
        fields=(
            Field("name", "专利名称", required=True, max_length=100),
            Field(
                "number",
                "专利号",
                required=True,
                max_length=30,
                check="patent_number",
                help="如 ZL202010123456.7。",
            ),
            Field("kind", "专利类型", "choice", required=True, choices=PATENT_KINDS),
            Field("granted_on", "授权日期", "date", required=True),
            _rank(),
        ),
        attachment_hint="专利证书的扫描件",
        attachment_kinds=(ACHIEVEMENTS,),
    ),
    Section(
        "awards",
        "获得表彰奖励情况",
        fields=(
            Field("name", "奖励名称", required=True, max_length=100),
            Field("grade", "等级", required=True, max_length=40, help="如“二等奖”。"),
            Field("grantor", "授予单位", required=True, max_length=100),
            Field("awarded_on", "授予时间", "date", required=True),
            _rank(required=False),
        ),
        attachment_hint="获奖证书、表彰文件的扫描件",
        attachment_kinds=(ACHIEVEMENTS,),
    ),
    Section(
        "books",
        "撰写著作情况",
        fields=(
            Field("title", "书名", required=True, max_length=100),
            Field("publisher", "出版社", required=True, max_length=100),
            Field(
                "isbn",
                "ISBN",
                required=True,
                max_length=20,
                check="isbn",
                help="10 位或 13 位书号，如 978-7-111-12345-6。",
            ),
            Field("published_on", "出版时间", "month", required=True),
            Field(
                "own_part",
                "本人承担部分/字数",
                required=True,
                max_length=100,
                help="如“第 3–5 章，约 12 万字”。",
            ),
        ),
        attachment_hint="封面、版权页、目录及本人撰写部分的扫描件",
        attachment_kinds=(ACHIEVEMENTS,),
    ),
    Section(
        "papers",
        "撰写论文情况",
        fields=(
            Field("title", "论文题目", required=True, max_length=200),
            Field("journal", "刊物名称", required=True, max_length=100),
            Field(
                "journal_number",
                "ISSN/CN 刊号",
                required=True,
                max_length=40,
                check="journal_number",
                help="如“ISSN 1000-0135，CN 11-2065/TP”，至少填写其一。",
            ),
            Field("published_on", "发表时间", "month", required=True),
            _rank(),
        ),
        attachment_hint="刊物封面、目录、论文正文的扫描件",
        attachment_kinds=(ACHIEVEMENTS,),
    ),
    Section(
        "continuing_education",
        "参加继续教育和国际学术活动情况",
        fields=(
            _start("date"),
            _end("date"),
            Field("name", "名称", required=True, max_length=100),
            Field("organiser", "主办单位", required=True, max_length=100),
            Field("hours", "学时/学分", "decimal", required=True, min_value=0, max_value=9999),
            Field("kind", "类型", "choice", required=True, choices=ACTIVITY_KINDS),
        ),
        ranges=(DateRange("start", "end"),),
        attachment_hint="继续教育证书、学时证明等的扫描件",
        attachment_kinds=("continuing_education",),
    ),
    Section(
        "annual_assessments",
        "年度考核情况（近五年）",
        fields=(
            Field("year", "年度", "year", required=True, min_value=1950),
            Field("result", "考核结果", "choice", required=True, choices=ASSESSMENT_RESULTS),
            Field("unit", "考核单位", max_length=100),
        ),
        unique=("year",),
        note="填写近五年的年度考核结果，每个年度一条。",
        attachment_hint="年度考核登记表的扫描件",
        attachment_kinds=("annual_assessment",),
    ),
]
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}


def sections_taking(kind: str) -> list[Section]:
    """The sections whose entries take scans of attachment `kind` (where else it may be uploaded:
    it counts the same, issue 11 item 4), in the menu's order."""
    return [section for section in SECTIONS if kind in section.attachment_kinds]


SEED_SECTION_NOTE = (
    "按左侧菜单顺序填写，如有相应材料的点击“新增”按钮，填写完成后点击“提交”按钮。如没有无需填写。"
    "新建完成后可点击信息栏右侧按钮进行编辑、删除操作。"
)


def sections_description() -> str:
    """The section keys and their fields, for the OpenAPI description (generated, never typed twice)."""
    lines = ["栏目（section）及其字段（data 中的键）："]
    for section in SECTIONS:
        extra = []
        if section.single:
            extra.append("仅一条")
        if section.unique:
            extra.append("、".join(section.field_map[k].label for k in section.unique) + "不可重复")
        if section.required:
            extra.append("申报前至少一条")
        suffix = f"（{'；'.join(extra)}）" if extra else ""
        lines.append(f"- `{section.key}` {section.label}{suffix}")
        for f in section.fields:
            parts = [KIND_LABELS[f.kind], "必填" if f.required else "选填"]
            if f.max_length:
                parts.append(f"≤{f.max_length} 字")
            if f.choices:
                parts.append(
                    "取值："
                    + " / ".join(
                        value if value == label else f"{value}（{label}）" for value, label in f.choices
                    )
                )
            lines.append(f"  - `{f.key}` {f.label}（{'，'.join(parts)}）")
    return "\n".join(lines)
