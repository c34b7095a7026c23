"""Each section's declaration, through dossier_entry_create: a good entry saves; each bad field
gets its Chinese message and nothing is saved; every error comes back at once."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import ServiceError
from dossier.models import DossierEntry
from dossier.rules import equivalent_education, work_counts_for_service
from dossier.sections import SECTIONS, SECTIONS_BY_KEY, sections_description
from dossier.services import dossier_entry_create
from tests.factories import make_applicant

from .factories import GOOD, good

pytestmark = pytest.mark.django_db

TOMORROW = (dt.date.today() + dt.timedelta(days=40)).isoformat()
NEXT_MONTH = TOMORROW[:7]


def test_every_section_has_good_data_and_fields():
    assert [s.key for s in SECTIONS] == list(GOOD)
    assert [s.label for s in SECTIONS] == [
        "现有职称情况",
        "学历情况",
        "学习经历",
        "工作经历",
        "专业技术工作总结",
        "完成主要专业技术工作情况",
        "承担课题（项目）情况",
        "获得专利情况",
        "获得表彰奖励情况",
        "撰写著作情况",
        "撰写论文情况",
        "参加继续教育和国际学术活动情况",
        "年度考核情况（近五年）",
    ]
    for section in SECTIONS:
        assert section.fields, section.key
        assert set(GOOD[section.key]) == set(section.field_map), section.key


@pytest.mark.parametrize("section", list(GOOD))
def test_good_entry_is_saved_cleaned(section):
    user = make_applicant()
    entry = dossier_entry_create(user=user, section=section, data=good(section))
    entry.refresh_from_db()
    assert entry.section == section
    assert set(entry.data) == set(SECTIONS_BY_KEY[section].field_map)


def test_values_are_stored_in_their_types():
    user = make_applicant()
    work = dossier_entry_create(user=user, section="work", data=good("work", employer="  昆明  测试 公司 "))
    assert work.data["professional"] is True
    assert work.data["seconded"] is False
    assert work.data["end"] is None
    assert work.data["employer"] == "昆明 测试 公司"
    project = dossier_entry_create(user=user, section="projects", data=good("projects", funds="12.50"))
    assert project.data["rank"] == 2
    assert project.data["funds"] == "12.5"
    titles = dossier_entry_create(
        user=user, section="current_titles", data=good("current_titles", level="中级")
    )
    assert titles.data["level"] == "intermediate"  # a label is accepted for its value
    book = dossier_entry_create(user=user, section="books", data=good("books", isbn="9787111407010"))
    assert book.data["isbn"] == "978-7-111-40701-0"
    patent = dossier_entry_create(
        user=user, section="patents", data=good("patents", number="zl 202010123456.7")
    )
    assert patent.data["number"] == "ZL202010123456.7"
    year = dossier_entry_create(
        user=user, section="annual_assessments", data={"year": 2022, "result": "优秀"}
    )
    assert year.data["year"] == 2022
    assert year.data["unit"] == ""


def test_api_style_values_are_accepted():
    user = make_applicant()
    entry = dossier_entry_create(
        user=user,
        section="work",
        data=good("work", professional=True, seconded=True, seconded_own_duties=False),
    )
    assert entry.data["seconded_own_duties"] is False


BAD = [
    # (section, field, value, message)
    ("current_titles", "series", "", "请填写系列。"),
    ("current_titles", "title_name", "工" * 61, "职称名称最多 60 个字，当前 61 个字。"),
    ("current_titles", "level", "特级", "层级不是有效的选项，可选：正高级、副高级、中级、助理级、员级。"),
    ("current_titles", "obtained_on", "2012/12/20", "取得时间格式应为 YYYY-MM-DD，如 2019-07-01。"),
    ("current_titles", "obtained_on", "2012-02-30", "取得时间不是有效的日期。"),
    ("current_titles", "obtained_on", TOMORROW, "取得时间不能晚于今天。"),
    ("current_titles", "issuer", "   ", "请填写评审/认定机构。"),
    ("current_titles", "appointed", "也许", "是否聘任应选择“是”或“否”。"),
    ("current_titles", "appointed", "", "请选择是否聘任。"),
    ("current_titles", "appointed_on", "", "已聘任的，请填写聘任时间。"),
    ("current_titles", "appointed_on", "2012-01-01", "聘任时间不能早于取得时间。"),
    ("education", "school", "", "请填写学校。"),
    ("education", "major", "专" * 61, "专业最多 60 个字，当前 61 个字。"),
    (
        "education",
        "education",
        "小学",
        "学历不是有效的选项，可选：中专、大专、本科、硕士研究生、博士研究生。",
    ),
    ("education", "education", "", "请选择学历；技工院校毕业的，请选择技工院校班次。"),
    ("education", "degree", "学霸", "学位不是有效的选项，可选：无、学士、硕士、博士、双学士。"),
    ("education", "study_mode", "", "请选择学习形式。"),
    ("education", "start", "2004-13", "入学时间的月份应在 1 到 12 之间。"),
    ("education", "end", "2008", "毕业时间格式应为 YYYY-MM，如 2019-07。"),
    ("education", "end", "2003-06", "毕业时间不能早于入学时间。"),
    ("education", "end", NEXT_MONTH, "毕业时间不能晚于本月。"),
    (
        "education",
        "technical_class",
        "初级工班",
        "技工院校班次不是有效的选项，可选：无、中级工班、高级工班、预备技师（技师）班。",
    ),
    ("study", "start", "", "请填写开始时间。"),
    ("study", "end", "2015-01", "结束时间不能早于开始时间。"),
    ("study", "institution", "", "请填写学校/机构。"),
    ("study", "content", "学" * 201, "学习内容最多 200 个字，当前 201 个字。"),
    ("study", "witness", "证" * 41, "证明人最多 40 个字，当前 41 个字。"),
    ("work", "start", "1899-12", "开始时间不能早于 1900 年。"),
    ("work", "end", "2001-01", "结束时间不能早于开始时间。"),
    ("work", "employer", "", "请填写工作单位。"),
    ("work", "post", "", "请填写岗位/职务。"),
    ("work", "professional", "", "请选择从事专业技术工作。"),
    ("work", "seconded", "maybe", "借调应选择“是”或“否”。"),
    ("work_summary", "summary", "", "请填写专业技术工作总结。"),
    ("work_summary", "summary", "字" * 5001, "专业技术工作总结最多 5000 个字，当前 5001 个字。"),
    ("main_work", "name", "", "请填写项目/工作名称。"),
    ("main_work", "role", "", "请填写本人作用。"),
    ("main_work", "results", "效" * 1001, "成效最多 1000 个字，当前 1001 个字。"),
    ("main_work", "end", "2018-12", "结束时间不能早于开始时间。"),
    ("projects", "name", "", "请填写课题（项目）名称。"),
    ("projects", "source", "", "请填写来源/级别。"),
    ("projects", "rank", "0", "本人排名应为 1 到 999 之间的整数。"),
    ("projects", "rank", "第二", "本人排名应为整数。"),
    ("projects", "funds", "十万", "经费（万元）应为数字，最多两位小数。"),
    ("projects", "funds", "1.234", "经费（万元）应为数字，最多两位小数。"),
    ("projects", "funds", "-1", "经费（万元）应在 0 到 1000000 之间。"),
    ("projects", "conclusion", "", "请选择结题情况。"),
    (
        "patents",
        "number",
        "ZL2020-1",
        "专利号格式不正确，应为 ZL 加 8 位或 12 位数字、小数点和校验位，如 ZL202010123456.7。",
    ),
    ("patents", "kind", "软件著作权", "专利类型不是有效的选项，可选：发明、实用新型、外观设计。"),
    ("patents", "granted_on", "", "请填写授权日期。"),
    ("patents", "rank", "", "请填写本人排名。"),
    ("awards", "name", "", "请填写奖励名称。"),
    ("awards", "grade", "", "请填写等级。"),
    ("awards", "grantor", "", "请填写授予单位。"),
    ("awards", "awarded_on", TOMORROW, "授予时间不能晚于今天。"),
    ("awards", "rank", "1000", "本人排名应为 1 到 999 之间的整数。"),
    ("books", "title", "", "请填写书名。"),
    ("books", "publisher", "", "请填写出版社。"),
    ("books", "isbn", "978-7-111-40701-1", "ISBN校验位不正确，请核对最后一位。"),
    ("books", "isbn", "12345", "ISBN应为 10 位或 13 位书号（10 位的最后一位可为 X），如 978-7-111-12345-6。"),
    ("books", "published_on", NEXT_MONTH, "出版时间不能晚于本月。"),
    ("books", "own_part", "", "请填写本人承担部分/字数。"),
    ("papers", "title", "", "请填写论文题目。"),
    ("papers", "journal", "", "请填写刊物名称。"),
    ("papers", "journal_number", "ISSN 1001-9082", "ISSN 1001-9082 校验位不正确，请核对。"),
    (
        "papers",
        "journal_number",
        "见封面",
        "请填写刊物的 ISSN 号（如 ISSN 1000-0135）或 CN 刊号（如 CN 11-2065/TP），至少其一。",
    ),
    ("papers", "published_on", "", "请填写发表时间。"),
    ("papers", "rank", "-1", "本人排名应为 1 到 999 之间的整数。"),
    ("continuing_education", "start", "", "请填写开始时间。"),
    ("continuing_education", "end", "2023-05-01", "结束时间不能早于开始时间。"),
    ("continuing_education", "name", "", "请填写名称。"),
    ("continuing_education", "organiser", "", "请填写主办单位。"),
    ("continuing_education", "hours", "", "请填写学时/学分。"),
    (
        "continuing_education",
        "kind",
        "旅游",
        "类型不是有效的选项，可选：继续教育培训、专业技术培训、进修、国内学术会议、国际学术活动、其他。",
    ),
    ("annual_assessments", "year", "23", "年度应为四位数字年份，如"),
    (
        "annual_assessments",
        "year",
        str(dt.date.today().year + 1),
        f"年度不能晚于 {dt.date.today().year} 年。",
    ),
    ("annual_assessments", "year", "1949", "年度不能早于 1950 年。"),
    ("annual_assessments", "result", "良好", "考核结果不是有效的选项，可选：优秀、合格、基本合格、不合格。"),
]


def test_every_section_has_bad_cases():
    assert {section for section, *_ in BAD} == set(GOOD)


@pytest.mark.parametrize(
    ("section", "field", "value", "message"), BAD, ids=[f"{s}-{f}-{i}" for i, (s, f, *_r) in enumerate(BAD)]
)
def test_bad_field_gets_its_message_and_nothing_is_saved(section, field, value, message):
    user = make_applicant()
    with pytest.raises(ServiceError) as caught:
        dossier_entry_create(user=user, section=section, data=good(section, **{field: value}))
    assert caught.value.status == 400
    messages = caught.value.errors.get(field, [])
    assert any(m.startswith(message) for m in messages), caught.value.errors
    assert not DossierEntry.objects.exists()


def test_all_errors_come_back_at_once():
    user = make_applicant()
    data = good("papers", title="", journal="", journal_number="", published_on="2019-13", rank="x")
    with pytest.raises(ServiceError) as caught:
        dossier_entry_create(user=user, section="papers", data=data)
    assert set(caught.value.errors) == {"title", "journal", "journal_number", "published_on", "rank"}
    assert caught.value.detail == "“撰写论文情况”未保存，请按提示修改。"


def test_unknown_keys_and_wrong_shapes_are_refused():
    user = make_applicant()
    with pytest.raises(ServiceError) as caught:
        dossier_entry_create(user=user, section="awards", data=good("awards", colour="red", name=["a"]))
    assert caught.value.errors["colour"] == ["“获得表彰奖励情况”没有此项（colour）。"]
    assert caught.value.errors["name"] == ["奖励名称应为文本。"]
    with pytest.raises(ServiceError) as caught:
        dossier_entry_create(user=user, section="awards", data=["not", "a", "mapping"])
    assert caught.value.errors == {"data": ["条目内容应为对象（字段名: 值）。"]}
    assert not DossierEntry.objects.exists()


def test_dates_before_birth_are_refused():
    user = make_applicant()  # born 1985-03-12
    with pytest.raises(ServiceError) as caught:
        dossier_entry_create(user=user, section="study", data=good("study", start="1984-01", end="1985-02"))
    assert caught.value.errors["start"] == ["开始时间不能早于出生日期（1985年3月12日）。"]
    assert caught.value.errors["end"] == ["结束时间不能早于出生日期（1985年3月12日）。"]


def test_control_characters_are_removed():
    user = make_applicant()
    entry = dossier_entry_create(
        user=user, section="work_summary", data={"summary": "第一段\x00内容\r\n\r\n第二段  \x07"}
    )
    assert entry.data["summary"] == "第一段 内容\n\n第二段"


def test_title_not_appointed_must_not_have_a_date():
    user = make_applicant()
    with pytest.raises(ServiceError) as caught:
        dossier_entry_create(
            user=user, section="current_titles", data=good("current_titles", appointed="false")
        )
    assert caught.value.errors["appointed_on"] == ["未聘任的，请不要填写聘任时间。"]
    entry = dossier_entry_create(
        user=user, section="current_titles", data=good("current_titles", appointed="否", appointed_on="")
    )
    assert entry.data["appointed"] is False


# --- Rule 10: education ----------------------------------------------------------------------


def test_technical_class_stands_for_education_and_is_stored():
    user = make_applicant()
    entry = dossier_entry_create(
        user=user,
        section="education",
        data=good("education", education="", degree="无", technical_class="高级工班", study_mode="非全日制"),
    )
    assert entry.data["technical_class"] == "高级工班"
    assert entry.data["study_mode"] == "非全日制"
    assert equivalent_education(entry) == "大专"


@pytest.mark.parametrize(
    ("education", "technical_class", "expected"),
    [
        ("", "中级工班", "中专"),
        ("", "高级工班", "大专"),
        ("", "预备技师（技师）班", "本科"),
        ("大专", "预备技师（技师）班", "本科"),
        ("硕士研究生", "高级工班", "硕士研究生"),
        ("本科", "无", "本科"),
        ("", "无", ""),
    ],
)
def test_equivalent_education(education, technical_class, expected):
    assert equivalent_education({"education": education, "technical_class": technical_class}) == expected


def test_full_time_and_part_time_count_alike():
    base = {"education": "本科", "technical_class": "无"}
    assert equivalent_education({**base, "study_mode": "全日制"}) == equivalent_education(
        {**base, "study_mode": "非全日制"}
    )


# --- Rule 11: secondment ---------------------------------------------------------------------


def test_secondment_needs_the_own_duties_answer():
    user = make_applicant()
    with pytest.raises(ServiceError) as caught:
        dossier_entry_create(user=user, section="work", data=good("work", seconded="true"))
    assert caught.value.errors["seconded_own_duties"] == ["借调的，请选择借调期间是否承担本单位工作。"]
    entry = dossier_entry_create(
        user=user, section="work", data=good("work", seconded="true", seconded_own_duties="false")
    )
    assert entry.data["seconded"] is True
    assert work_counts_for_service(entry) is False


@pytest.mark.parametrize(
    ("professional", "seconded", "own_duties", "counts"),
    [
        (True, False, None, True),
        (True, True, True, True),
        (True, True, False, False),
        (False, False, None, False),
    ],
)
def test_work_counts_for_service(professional, seconded, own_duties, counts):
    data = {"professional": professional, "seconded": seconded, "seconded_own_duties": own_duties}
    assert work_counts_for_service(data) is counts


def test_not_seconded_drops_the_own_duties_answer():
    user = make_applicant()
    entry = dossier_entry_create(
        user=user, section="work", data=good("work", seconded="false", seconded_own_duties="true")
    )
    assert entry.data["seconded_own_duties"] is None


def test_openapi_text_lists_every_section_and_field():
    text = sections_description()
    for section in SECTIONS:
        assert f"`{section.key}` {section.label}" in text
        for f in section.fields:
            assert f"`{f.key}` {f.label}" in text
