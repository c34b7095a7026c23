from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from core.dates import (
    date_label,
    datetime_label,
    deadline_label,
    excel_value,
    iso_label,
    iso_month_label,
    month_label,
    period_label,
    time_label,
)

SH = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2027, 1, 1, 0, 0, tzinfo=SH), "2026年12月31日 24:00"),  # midnight: 24:00 of the day before
        (datetime(2026, 12, 31, 16, 0, tzinfo=ZoneInfo("UTC")), "2026年12月31日 24:00"),  # same moment in UTC
        (datetime(2026, 12, 31, 17, 30, tzinfo=SH), "2026年12月31日 17:30"),
        (date(2026, 12, 31), "2026年12月31日 24:00"),  # a day: its end
        (None, ""),
    ],
)
def test_deadline_label(value, expected):
    assert deadline_label(value) == expected


def test_day_month_and_moment_labels():
    assert date_label(date(2026, 7, 1)) == "2026年7月1日"
    assert date_label(datetime(2026, 6, 30, 16, 30, tzinfo=ZoneInfo("UTC"))) == "2026年7月1日"  # local day
    assert month_label(date(2026, 11, 1)) == "2026年11月"
    assert datetime_label(datetime(2026, 7, 1, 6, 5, tzinfo=ZoneInfo("UTC"))) == "2026年7月1日 14:05"


def test_template_filters():
    html = Template("{% load dates %}{{ d|cn_date }}|{{ t|cn_deadline }}").render(
        Context({"d": date(2026, 3, 9), "t": datetime(2026, 3, 10, 0, 0, tzinfo=SH)})
    )
    assert html == "2026年3月9日|2026年3月9日 24:00"


def test_moment_with_seconds_and_time_alone():
    moment = datetime(2026, 7, 1, 6, 5, 9, tzinfo=ZoneInfo("UTC"))
    assert datetime_label(moment, seconds=True) == "2026年7月1日 14:05:09"
    assert time_label(moment) == "14:05" and time_label(None) == ""


def test_month_of_a_year_and_month_pair():
    assert month_label((2026, 3)) == "2026年3月" and month_label(None) == ""


def test_period_of_days():
    assert period_label(date(2026, 12, 8), date(2026, 12, 29)) == "2026年12月8日至2026年12月29日"
    assert period_label(date(2026, 12, 8), None) == "2026年12月8日"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2008-07-01", "2008年7月1日"),  # a day kept as ISO text (dossier entries, snapshots)
        ("2008-07", "2008年7月"),  # a month
        (" 2008-07 ", "2008年7月"),
        (date(2020, 5, 1), "2020年5月1日"),
        ("2008-13", "2008-13"),  # not a date: unchanged
        ("软件工程师", "软件工程师"),
        ("13900000101", "13900000101"),
        ("2008-07-01 起", "2008-07-01 起"),  # only a whole value is read as a date
        (None, ""),
    ],
)
def test_iso_text_reads_in_the_one_style(value, expected):
    assert iso_label(value) == expected


def test_iso_month_of_a_date_or_a_month():
    assert iso_month_label("2019-08-15") == "2019年8月" and iso_month_label("2019-08") == "2019年8月"
    assert iso_month_label("2019") == "2019年" and iso_month_label("") == "" and iso_month_label("无") == ""


def test_spreadsheet_values_are_local_and_naive():
    moment = datetime(2026, 12, 8, 17, 14, tzinfo=ZoneInfo("UTC"))
    assert excel_value(moment) == datetime(2026, 12, 9, 1, 14)
    assert excel_value(date(2026, 12, 9)) == date(2026, 12, 9) and excel_value(None) is None


def test_table_cells_keep_the_day_and_the_time_each_on_one_line():
    html = Template(
        '{% load dates %}{{ t|cn_moment }}|{{ d|cn_moment:"deadline" }}|{{ n|cn_moment }}'
    ).render(Context({"t": datetime(2026, 3, 10, 9, 5, tzinfo=SH), "d": date(2026, 3, 9), "n": None}))
    assert html == (
        '<span class="nowrap">2026年3月10日</span> <span class="nowrap">09:05</span>|'
        '<span class="nowrap">2026年3月9日</span> <span class="nowrap">24:00</span>|'
    )


def test_stored_text_filters():
    html = Template(
        '{% load dates %}{{ s|cn_iso }}|{{ a|cn_period:b }}|{{ o|for_people }}|{{ t|cn_datetime:"seconds" }}'
    ).render(
        Context(
            {
                "s": "2008-07",
                "a": date(2026, 12, 8),
                "b": date(2026, 12, 29),
                "o": "逾期未修改并重新提交，视为放弃（规则 5）。",
                "t": datetime(2026, 3, 10, 9, 5, 7, tzinfo=SH),
            }
        )
    )
    assert (
        html
        == "2008年7月|2026年12月8日至2026年12月29日|逾期未修改并重新提交，视为放弃。|2026年3月10日 09:05:07"
    )
