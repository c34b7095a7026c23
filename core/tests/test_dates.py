from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from core.dates import date_label, datetime_label, deadline_label, month_label

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
