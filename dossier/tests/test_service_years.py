"""从事专业技术工作年限 (dossier/service_years.py), table-driven from the seed's text.

Question 10 (3): 申报评审初级职称的，其从事专业技术工作年限以单位行文确定其工作岗位变更时间起计算；
申报评审中、高级职称的 … 以取得职称资格受聘并享有相应职务工资时间起算.
Question 11 (1): 借调期间未承担本单位工作岗位职责任务时间，不计算在履职时间内; (2) 履职年限须严格按照
履行相应等级专业技术岗位职责的时间计算."""

from __future__ import annotations

from datetime import date

import pytest

from catalog.models import Level
from dossier.models import Dossier
from dossier.service_years import (
    FROM_APPOINTMENT,
    FROM_POST_CHANGE,
    FROM_PROFESSIONAL_START,
    current_secondment,
    excluded_spans,
    service_count,
    service_months,
)

START = date(2016, 7, 1)
# The committee meets in July 2021: counted to 31 July 2021, 5 full years from 1 July 2016.
END = date(2021, 7, 31)


def m(text: str) -> date:
    year, month = text.split("-")
    return date(int(year), int(month), 1)


@pytest.mark.parametrize(
    ("spans", "months"),
    [
        pytest.param([], 60, id="nothing-left-out"),
        pytest.param([(m("2016-05"), m("2016-06"))], 60, id="secondment-ends-the-month-before-the-start"),
        pytest.param([(m("2016-05"), m("2016-07"))], 59, id="secondment-overlaps-the-first-month"),
        pytest.param([(m("2016-07"), m("2016-07"))], 59, id="one-month-on-the-start"),
        pytest.param([(m("2021-07"), m("2021-07"))], 59, id="one-month-in-the-committees-month"),
        pytest.param([(m("2021-07"), None)], 59, id="still-going-from-the-committees-month"),
        pytest.param([(m("2021-06"), None)], 58, id="still-going-from-the-month-before"),
        pytest.param([(m("2021-08"), None)], 60, id="starts-after-the-committees-month"),
        pytest.param([(m("2018-01"), m("2018-12"))], 48, id="a-whole-year-inside"),
        pytest.param(
            [(m("2018-01"), m("2018-06")), (m("2018-04"), m("2018-09"))],
            51,
            id="overlapping-spans-count-once",
        ),
        pytest.param([(m("2018-01"), m("2018-03")), (m("2019-01"), m("2019-03"))], 54, id="two-spans-added"),
        pytest.param([(m("2010-01"), None)], 0, id="covers-the-whole-span"),
    ],
)
def test_service_months_leave_out_the_overlapping_months(spans, months):
    assert service_months(start=START, end=END, excluded=spans) == months


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        pytest.param(date(2016, 7, 1), date(2021, 6, 30), 59, id="one-day-short-of-5-years"),
        pytest.param(date(2016, 7, 1), date(2021, 7, 1), 60, id="5-years-on-the-day"),
        pytest.param(date(2021, 8, 1), date(2021, 7, 31), 0, id="start-after-the-end"),
    ],
)
def test_service_months_without_exclusions_are_whole_months(start, end, months):
    """Rule 8's whole months (core.months.full_months_between), and a secondment in the span's
    only month never drives it below 0."""
    assert service_months(start=start, end=end) == months
    assert service_months(start=start, end=end, excluded=[(m("2000-01"), None)]) == 0


def work(**data) -> dict:
    return {"start": "2016-07", "end": "", "professional": True, "seconded": False, **data}


@pytest.mark.parametrize(
    ("entry", "spans"),
    [
        pytest.param(work(), [], id="professional-post"),
        pytest.param(work(professional=False), [(m("2016-07"), None)], id="not-a-professional-post"),
        pytest.param(
            work(end="2017-06", seconded=True, seconded_own_duties=False),
            [(m("2016-07"), m("2017-06"))],
            id="seconded-without-own-duties",
        ),
        pytest.param(work(seconded=True, seconded_own_duties=True), [], id="seconded-kept-own-duties"),
        pytest.param(
            work(professional="true", seconded="true", seconded_own_duties="false"),
            [(m("2016-07"), None)],
            id="stored-as-words",
        ),
        pytest.param(work(professional=False, start="bad"), [], id="unreadable-start-skipped"),
        pytest.param(work(professional=False, end="2015-01"), [], id="end-before-start-skipped"),
    ],
)
def test_excluded_spans_of_work_entries(entry, spans):
    assert excluded_spans([entry]) == spans


@pytest.mark.parametrize(
    ("entries", "current"),
    [
        pytest.param([work()], False, id="not-seconded"),
        pytest.param(
            [work(seconded=True, seconded_own_duties=False)], True, id="seconded-now-without-duties"
        ),
        pytest.param([work(seconded=True, seconded_own_duties=None)], True, id="seconded-now-duties-unknown"),
        pytest.param([work(seconded=True, seconded_own_duties=True)], False, id="seconded-now-with-duties"),
        pytest.param(
            [work(end="2020-12", seconded=True, seconded_own_duties=False), work(start="2021-01")],
            False,
            id="secondment-over-back-in-the-unit",
        ),
    ],
)
def test_current_secondment(entries, current):
    assert (current_secondment(entries) is not None) is current


CHANGED = date(2020, 3, 1)
APPOINTED = date(2022, 7, 1)
COMMITTEE_END = date(2026, 9, 30)


def dossier(**fields) -> Dossier:
    values = {"professional_start_date": date(2012, 7, 1), **fields}
    return Dossier(**values)


MOVED = {"moved_from_post": "worker", "post_changed_on": CHANGED, "appointed_with_pay_on": APPOINTED}


@pytest.mark.parametrize(
    ("fields", "level", "start", "label", "months"),
    [
        pytest.param({}, Level.INTERMEDIATE, date(2012, 7, 1), FROM_PROFESSIONAL_START, 170, id="not-moved"),
        pytest.param(MOVED, Level.JUNIOR, CHANGED, FROM_POST_CHANGE, 78, id="员级-from-the-post-change"),
        pytest.param(MOVED, Level.ASSISTANT, CHANGED, FROM_POST_CHANGE, 78, id="助理级-from-the-post-change"),
        pytest.param(
            MOVED, Level.INTERMEDIATE, APPOINTED, FROM_APPOINTMENT, 50, id="中级-from-the-appointment"
        ),
        pytest.param(
            MOVED, Level.SENIOR_ASSOCIATE, APPOINTED, FROM_APPOINTMENT, 50, id="副高级-from-the-appointment"
        ),
        pytest.param(
            {**MOVED, "appointed_with_pay_on": None},
            Level.INTERMEDIATE,
            None,
            FROM_APPOINTMENT,
            None,
            id="中级-without-the-pay-record",
        ),
        pytest.param(
            {**MOVED, "moved_from_post": "management"},
            None,
            date(2012, 7, 1),
            FROM_PROFESSIONAL_START,
            170,
            id="level-not-known",
        ),
    ],
)
def test_service_count_start_by_level(fields, level, start, label, months):
    count = service_count(dossier=dossier(**fields), end=COMMITTEE_END, level=level, entries=[])
    assert (count.start, count.start_label, count.months) == (start, label, months)


def test_service_count_leaves_out_a_secondment_inside_the_span():
    entries = [
        work(start="2012-07"),
        work(start="2024-01", end="2024-06", seconded=True, seconded_own_duties=False),
    ]
    count = service_count(dossier=dossier(**MOVED), end=COMMITTEE_END, level=Level.JUNIOR, entries=entries)
    assert (count.months, count.excluded_months) == (72, 6)
    # A non-professional post before the post change does not overlap the counted span.
    entries = [work(start="2012-07", end="2020-02", professional=False), work(start="2020-03")]
    count = service_count(dossier=dossier(**MOVED), end=COMMITTEE_END, level=Level.JUNIOR, entries=entries)
    assert (count.months, count.excluded_months) == (78, 0)
    count = service_count(dossier=dossier(**MOVED), end=COMMITTEE_END, level=None, entries=entries)
    assert (count.months, count.excluded_months) == (170 - 92, 92)
