"""Issue 11 point 1: a resident ID number is checked the way the numbers are issued.

An ID number keeps the area code of the place and time it was issued, so the code may be newer
(五华区 530102 from 1983, on the cards of people born in 1950) or older (呈贡县 530121, abolished
in 2011, on the cards of people born in 2005 who never changed them) than the birth date. The rule:
18 characters, an area code that exists in the national list at any time, a real date from 1900 to
today, the GB 11643 check character."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import stdnum
from stdnum.cn import ric

from core.validators import clean_id_number, id_area_code_exists, id_number_problem, id_search_problem

# Every code python-stdnum's list gives for 昆明市 (5301xx), current and abolished, and the code of
# the former 东川市 (530200, now 东川区 530113).
KUNMING_CODES = {
    "530100": "昆明市",
    "530101": "市辖区",
    "530102": "五华区",
    "530103": "盘龙区",
    "530111": "官渡区",
    "530112": "西山区",
    "530113": "东川区",
    "530114": "呈贡区",
    "530115": "晋宁区",
    "530120": "市区",
    "530121": "呈贡县",
    "530122": "晋宁县",
    "530123": "安宁县",
    "530124": "富民县",
    "530125": "宜良县",
    "530126": "石林彝族自治县",
    "530127": "嵩明县",
    "530128": "禄劝彝族苗族自治县",
    "530129": "寻甸回族彝族自治县",
    "530181": "安宁市",
    "530200": "东川市",
}
BIRTH_DATES = ["19500615", "19700101", "19901231", "20050228"]


def make_number(region: str, birth: str, order: str = "123") -> str:
    """A number with a correct GB 11643 check character (computed here independently of the code
    under test: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 written X)."""
    body = f"{region}{birth}{order}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(body))
    check = (12 - total % 11) % 11
    return body + ("X" if check == 10 else str(check))


def test_the_table_holds_every_kunming_code_of_the_data():
    data = Path(stdnum.__file__).parent / "cn" / "loc.dat"
    in_yunnan = False
    yunnan_lines = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            in_yunnan = line.startswith("53 ")
        elif in_yunnan:
            yunnan_lines["53" + line.split()[0]] = line
    assert {code for code in yunnan_lines if code.startswith("5301")} == {
        code for code in KUNMING_CODES if code.startswith("5301")
    }
    for code, name in KUNMING_CODES.items():
        assert name in yunnan_lines[code]


@pytest.mark.parametrize("birth", BIRTH_DATES)
@pytest.mark.parametrize("region", sorted(KUNMING_CODES))
def test_every_kunming_code_is_accepted_whatever_the_birth_year(region, birth):
    number = make_number(region, birth)
    assert clean_id_number(number) == number
    assert id_area_code_exists(region)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (make_number("530102", "19850312")[:-1] + "0", "身份证号校验位不正确，请核对最后一位。"),
        (
            make_number("530102", "19850230"),
            "身份证号第 7–14 位出生日期 1985年2月30日 不是有效日期，请核对。",
        ),
        (
            make_number("530102", "19851301"),
            "身份证号第 7–14 位出生日期 1985年13月1日 不是有效日期，请核对。",
        ),
        (make_number("530102", "20300101"), "身份证号中的出生日期 2030年1月1日 晚于今天，请核对。"),
        (make_number("530102", "18990101"), "身份证号中的出生日期 1899年1月1日 早于 1900 年，请核对。"),
        (make_number("539999", "19850312"), "身份证号前 6 位地区码 539999 不存在，请核对。"),
        (make_number("990102", "19850312"), "身份证号前 6 位地区码 990102 不存在，请核对。"),
        (make_number("530102", "19850312")[:17], "身份证号应为 18 位，当前为 17 位。"),
        (make_number("530102", "19850312") + "1", "身份证号应为 18 位，当前为 19 位。"),
        ("53010219850312A011", "身份证号前 17 位应为数字，最后一位为数字或 X。"),
        ("ABCDEFGHIJKLMNOPQR", "身份证号前 17 位应为数字，最后一位为数字或 X。"),
        ("٥٣٠١٠٢١٩٨٥٠٣١٢٠٠١٣", "身份证号前 17 位应为数字，最后一位为数字或 X。"),  # Arabic-Indic digits
        ("", "请填写身份证号。"),
        ("   ", "请填写身份证号。"),
    ],
    ids=[
        "check-digit",
        "feb-30",
        "month-13",
        "future",
        "1899",
        "code-539999",
        "province-99",
        "17-chars",
        "19-chars",
        "letter",
        "letters",
        "other-digits",
        "empty",
        "blank",
    ],
)
def test_each_mistake_has_its_own_message(number, message):
    with pytest.raises(ValueError) as caught:
        clean_id_number(number)
    assert str(caught.value) == message
    assert id_number_problem(number) == message


def test_the_check_digit_agrees_with_the_standard_examples():
    # GB 11643-1999 appendix: 11010519491231002X; a number ending in a digit for good measure.
    assert ric.calc_check_digit("11010519491231002" + "0") == "X"
    assert clean_id_number("11010519491231002x") == "11010519491231002X"
    assert ric.calc_check_digit("44052418800101001" + "0") == "4"


def test_today_is_the_latest_birth_date():
    today = dt.date(2026, 12, 7)
    assert clean_id_number(make_number("530102", "20261207"), today=today)
    with pytest.raises(ValueError, match="晚于今天"):
        clean_id_number(make_number("530102", "20261208"), today=today)


def test_full_width_characters_and_spaces_are_read_as_typed_meant():
    number = make_number("530181", "19500615")
    wide = "".join(chr(ord(c) + 0xFEE0) for c in number)  # “５３０１８１…”
    assert clean_id_number(f" {wide[:6]} {wide[6:]} ") == number


def test_codes_outside_the_mainland_list():
    assert id_area_code_exists("810000") and id_area_code_exists("820000")  # 港澳居民居住证
    assert id_area_code_exists("830000")  # 台湾居民居住证
    assert clean_id_number(make_number("830000", "19800101"))
    assert not (id_area_code_exists("539999") or id_area_code_exists("5301") or id_area_code_exists("53010X"))


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("张三", None),
        ("530102", None),
        ("1985031", None),
        (make_number("530102", "19500615"), None),
        (make_number("539999", "19500615"), "身份证号前 6 位地区码 539999 不存在，请核对。"),
        (make_number("530102", "19500615")[:-1] + "0", "身份证号校验位不正确，请核对最后一位。"),
        (make_number("530102", "19500615") + "9", "身份证号应为 18 位，当前为 19 位。"),
    ],
)
def test_a_search_box_checks_only_a_whole_number(query, problem):
    assert id_search_problem(query) == problem


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("region", "birth"), [("530102", "19500615"), ("530113", "19700101"), ("530121", "20050228")]
)
def test_the_dossier_derives_sex_and_birth_date_from_these_numbers(region, birth):
    from dossier.models import Sex
    from dossier.selectors import dossier_get_or_create
    from tests import factories

    user = factories.make_applicant(id_number=make_number(region, birth, order="124"))
    dossier = dossier_get_or_create(user=user)
    assert dossier.birth_date == dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    assert dossier.sex == Sex.FEMALE
