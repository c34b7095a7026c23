"""application_paths from the seed's text (questions 8, 13–21; rules 1, 6, 8, 9, 14–19), through the
real dossier and the real eligibility checks. Instants are Beijing time; `now` is passed, so each
case is independent of today's date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from applications.models import IntegrityRecord
from applications.tests.factories import beijing, make_draft, make_open_committee, make_series
from catalog.models import Level
from core.errors import Forbidden, ServiceError
from core.sources import source
from dossier.selectors import dossier_get_or_create
from orgs.models import CommitteeCoverage
from paths.results import CAN_APPLY, MISSING, NEED, NEVER, NOT_ELIGIBLE, NOT_YET, UNKNOWN, WAIT
from paths.selectors import application_paths, path_facts
from paths.special import PathFacts
from tests import factories

from .factories import applicant_with, title

pytestmark = pytest.mark.django_db

APRIL = beijing(2026, 4, 15, 10)  # a recognition month (rule 15)
MAY = beijing(2026, 5, 15, 10)  # not one


def of(results, path, level=None):
    found = [r for r in results if r.path == path and (level is None or r.level == level)]
    assert len(found) == 1, [(r.path, r.level) for r in results]
    return found[0]


def levels(results, path):
    return [r.level for r in results if r.path == path]


# --- 考核认定 (rules 10, 14, 15) --------------------------------------------------------------------

EDU = {"education": "本科", "degree": "学士", "technical_class": "无"}

# (case, education entry, hired_on, now, {level: (status, [(rule, met_on), ...])})
RECOGNITION_CASES = [
    (
        "本科: 员级 at hiring, 助理级 one year later (January is a window month)",
        EDU,
        date(2026, 1, 10),
        APRIL,
        {
            Level.JUNIOR: (CAN_APPLY, []),
            Level.ASSISTANT: (NOT_YET, [(source(14), date(2027, 1, 10))]),
        },
    ),
    (
        "本科 outside a window month: 员级 waits for July; 助理级 for the year and then April",
        EDU,
        date(2026, 2, 10),
        MAY,
        {
            Level.JUNIOR: (NOT_YET, [(source(15), date(2026, 7, 1))]),
            Level.ASSISTANT: (NOT_YET, [(source(14), date(2027, 2, 10)), (source(15), date(2027, 4, 1))]),
        },
    ),
    (
        "大专 + 1 year internship → 员级",
        {"education": "大专", "degree": "无", "technical_class": "无"},
        date(2025, 3, 1),
        APRIL,
        {Level.JUNIOR: (CAN_APPLY, [])},
    ),
    (
        "中专 before the year is over",
        {"education": "中专", "degree": "无", "technical_class": "无"},
        date(2026, 1, 1),
        APRIL,
        {Level.JUNIOR: (NOT_YET, [(source(14), date(2027, 1, 1))])},
    ),
    (
        "技工院校 高级工班 counts as 大专 (rule 10)",
        {"education": "", "degree": "无", "technical_class": "高级工班"},
        date(2025, 4, 15),
        APRIL,
        {Level.JUNIOR: (CAN_APPLY, [])},
    ),
    (
        "预备技师（技师）班 counts as 本科",
        {"education": "", "degree": "无", "technical_class": "预备技师（技师）班"},
        date(2026, 4, 1),
        APRIL,
        {Level.JUNIOR: (CAN_APPLY, []), Level.ASSISTANT: (NOT_YET, [(source(14), date(2027, 4, 1))])},
    ),
    (
        "硕士 → 助理级 at once",
        {"education": "硕士研究生", "degree": "硕士", "technical_class": "无"},
        date(2026, 4, 1),
        APRIL,
        {Level.ASSISTANT: (CAN_APPLY, [])},
    ),
    (
        "双学士 → 助理级 at once",
        {"education": "本科", "degree": "双学士", "technical_class": "无"},
        date(2026, 4, 1),
        APRIL,
        {Level.ASSISTANT: (CAN_APPLY, [])},
    ),
    (
        "博士 → 中级 at once",
        {"education": "博士研究生", "degree": "博士", "technical_class": "无"},
        date(2026, 3, 20),
        APRIL,
        {Level.INTERMEDIATE: (CAN_APPLY, [])},
    ),
]


@pytest.mark.parametrize(
    ("education", "hired_on", "now", "expected"),
    [case[1:] for case in RECOGNITION_CASES],
    ids=[case[0] for case in RECOGNITION_CASES],
)
def test_recognition_levels_and_dates(education, hired_on, now, expected):
    user = applicant_with(education=education)
    results = application_paths(user=user, now=now, facts=PathFacts(hired_on=hired_on))
    assert levels(results, "recognition") == list(expected)
    for level, (status, conditions) in expected.items():
        result = of(results, "recognition", level)
        assert result.status == status, result.conditions
        assert [(c.source, c.met_on) for c in result.conditions] == conditions
        assert all(c.kind == WAIT for c in result.conditions)
        assert result.authority  # who recognises it
        if status == CAN_APPLY:
            assert result.link
        else:
            assert result.ready_on == max(c.met_on for c in result.conditions)


def test_recognition_authority_by_level_and_unit():
    """Rule 14: 初级 by the district bureau for a non-public unit; 中级 by the city bureau."""
    junior = application_paths(
        user=applicant_with(education=EDU), now=APRIL, facts=PathFacts(hired_on=date(2026, 1, 1))
    )
    assert of(junior, "recognition", Level.JUNIOR).authority == "县（市）区人社局"
    doctor = applicant_with(education={"education": "博士研究生", "degree": "博士", "technical_class": "无"})
    results = application_paths(user=doctor, now=APRIL, facts=PathFacts(hired_on=date(2026, 1, 1)))
    assert of(results, "recognition", Level.INTERMEDIATE).authority == "市人力资源和社会保障局"


def test_recognition_counts_from_the_work_start_when_no_hiring_date_is_given():
    user = applicant_with(education=EDU, work_start=date(2026, 1, 10))
    results = application_paths(user=user, now=APRIL)
    assert of(results, "recognition", Level.ASSISTANT).conditions[0].met_on == date(2027, 1, 10)
    assert any("参加工作时间" in note for note in of(results, "recognition", Level.JUNIOR).notes)


def test_recognition_without_a_hiring_date_says_what_is_missing():
    user = applicant_with(education=EDU, work_start=None)
    result = of(application_paths(user=user, now=APRIL), "recognition")
    assert result.status == MISSING
    assert [c.kind for c in result.conditions] == [NEED]
    assert "录用（聘用）时间" in result.conditions[0].text and result.conditions[0].link.endswith("#facts")


def test_recognition_without_education_says_what_is_missing():
    user = applicant_with(education={})
    result = of(application_paths(user=user, now=APRIL), "recognition")
    assert result.status == MISSING
    assert result.conditions[0].link == "/dossier/section/education/"


def test_recognition_skips_levels_already_held():
    facts = PathFacts(hired_on=date(2018, 1, 1))
    user = applicant_with(education=EDU, titles=(title("工程技术", Level.JUNIOR, "2018-03-01", "技术员"),))
    assert levels(application_paths(user=user, now=APRIL, facts=facts), "recognition") == [Level.ASSISTANT]
    user = applicant_with(education=EDU, titles=(title("工程技术", Level.ASSISTANT, "2020-01-01"),))
    result = of(application_paths(user=user, now=APRIL, facts=facts), "recognition")
    assert (result.level, result.status) == ("", NOT_ELIGIBLE)
    assert [(c.source, c.kind) for c in result.conditions] == [(source(14), NEVER)]


# --- 评审晋升 (rules 1, 6, 8, 9, 19) -----------------------------------------------------------------


@pytest.fixture
def series():
    return make_series(name="测试工程技术")


def test_promotion_from_intermediate_lists_the_open_committees(series):
    committee = make_open_committee(series, Level.SENIOR_ASSOCIATE, now=APRIL, month=9)
    make_open_committee(series, Level.INTERMEDIATE, now=APRIL)  # another level: not listed
    user = applicant_with(titles=(title(series.name, Level.INTERMEDIATE, "2019-06-30"),))
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert (result.level, result.status, result.title) == (Level.SENIOR_ASSOCIATE, CAN_APPLY, "高级工程师")
    assert [c.id for c in result.committees] == [committee.pk]
    assert result.link == "/applications/"
    # Rule 8: counted up to the last day of the committee's month (2026-09-30).
    assert any("2026年9月" in note and "取得中级职称已满7年3个月" in note for note in result.notes)


def test_promotion_takes_the_highest_title_of_each_series(series):
    other = make_series(name="测试经济")
    user = applicant_with(
        titles=(
            title(series.name, Level.ASSISTANT, "2012-01-01"),
            title(series.name, Level.INTERMEDIATE, "2018-01-01"),
            title(other.name + "系列", Level.JUNIOR, "2010-01-01"),
        )
    )
    results = application_paths(user=user, now=APRIL)
    assert sorted((r.series, r.level) for r in results if r.path == "promotion") == sorted(
        [(series.name, Level.SENIOR_ASSOCIATE), (other.name, Level.ASSISTANT)]
    )


def test_promotion_waits_for_a_window_that_opens_later(series):
    opens = APRIL + timedelta(days=40)
    make_open_committee(
        series, Level.SENIOR_ASSOCIATE, now=APRIL, opens_at=opens, closes_at=opens + timedelta(days=20)
    )
    user = applicant_with(titles=(title(series.name, Level.INTERMEDIATE, "2019-01-01"),))
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert result.status == NOT_YET
    assert [(c.source, c.met_on) for c in result.conditions] == [(source(6), date(2026, 5, 25))]
    assert result.ready_on == date(2026, 5, 25)


def test_promotion_without_any_window_is_unknown(series):
    committee = factories.make_committee()
    CommitteeCoverage.objects.create(committee=committee, series=series, level=Level.SENIOR_ASSOCIATE)
    user = applicant_with(titles=(title(series.name, Level.INTERMEDIATE, "2019-01-01"),))
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert [(c.source, c.kind) for c in result.conditions] == [(source(6), UNKNOWN)]
    assert result.status == NOT_YET and result.ready_on is None


def test_promotion_refused_for_civil_servants(series):
    make_open_committee(series, Level.SENIOR_ASSOCIATE, now=APRIL)
    user = applicant_with(titles=(title(series.name, Level.INTERMEDIATE, "2019-01-01"),))
    dossier = dossier_get_or_create(user=user)
    dossier.is_civil_servant = True
    dossier.save()
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert result.status == NOT_ELIGIBLE
    assert [(c.source, c.kind) for c in result.conditions] == [(source(9), NEVER)]
    assert not result.committees


def test_promotion_refused_at_retirement_age_in_the_committee_month(series):
    """Rule 9 counted to the committee's month (rule 8): born March 1960, retired in 2020."""
    make_open_committee(series, Level.SENIOR_ASSOCIATE, now=APRIL, month=9)
    user = applicant_with(birth="19600312", titles=(title(series.name, Level.INTERMEDIATE, "2019-01-01"),))
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert result.status == NOT_ELIGIBLE
    assert [(c.source, c.kind) for c in result.conditions] == [(source(9), NEVER)]
    assert "法定退休年龄" in result.conditions[0].text


def test_promotion_waits_for_the_integrity_record_to_expire(series):
    make_open_committee(series, Level.SENIOR_ASSOCIATE, now=APRIL)
    user = applicant_with(titles=(title(series.name, Level.INTERMEDIATE, "2019-01-01"),))
    IntegrityRecord.objects.create(
        id_number=user.id_number,
        name=user.name,
        reason="材料造假",
        recorded_on=date(2024, 3, 1),
        expires_on=date(2027, 3, 1),
    )
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert [(c.source, c.met_on) for c in result.conditions] == [(source(1), date(2027, 3, 1))]


def test_promotion_one_committee_per_level_and_year(series):
    first = make_open_committee(series, Level.SENIOR_ASSOCIATE, now=APRIL)
    make_open_committee(series, Level.SENIOR_ASSOCIATE, now=APRIL)
    user = applicant_with(titles=(title(series.name, Level.INTERMEDIATE, "2019-01-01"),))
    draft = make_draft(user, first, series, Level.SENIOR_ASSOCIATE, year=2026)
    # Their own draft is the application being prepared: it does not count against itself, and its
    # committee may still be changed, so both open committees are listed.
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert result.status == "can_apply" and len(result.committees) == 2 and result.conditions == []
    # Once submitted to one committee, another committee of that level waits for next year.
    type(draft).objects.filter(pk=draft.pk).update(status="in_review")
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert {(c.source, c.met_on) for c in result.conditions} == {(source(19), date(2027, 1, 1))}


def test_promotion_missing_birth_data_is_reported_with_a_link(series):
    make_open_committee(series, Level.SENIOR_ASSOCIATE, now=APRIL)
    user = applicant_with(titles=(title(series.name, Level.INTERMEDIATE, "2019-01-01"),))
    dossier = dossier_get_or_create(user=user)
    dossier.original_retirement_age = None
    dossier.save()
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert result.status == MISSING
    assert [(c.source, c.kind, c.link) for c in result.conditions] == [(source(9), NEED, "/dossier/basic/")]


def test_promotion_after_a_series_change_waits_for_the_next_year(series):
    """Rule 18: a same-level title in a second series obtained this year: promotion from next year."""
    old = make_series(name="测试教育")
    make_open_committee(series, Level.SENIOR_ASSOCIATE, now=APRIL)
    user = applicant_with(
        titles=(
            title(old.name, Level.INTERMEDIATE, "2015-01-01"),
            title(series.name, Level.INTERMEDIATE, "2026-02-01"),
        )
    )
    promotions = [r for r in application_paths(user=user, now=APRIL) if r.path == "promotion"]
    changed = next(r for r in promotions if r.series == series.name)
    assert [(c.source, c.met_on) for c in changed.conditions] == [(source(18), date(2027, 1, 1))]
    assert changed.committees == []  # not 可以申报 while rule 18 waits


def test_promotion_without_titles_or_with_an_unknown_series_is_missing():
    results = application_paths(user=applicant_with(), now=APRIL)
    assert of(results, "promotion").status == MISSING
    user = applicant_with(titles=(title("不存在的系列", Level.INTERMEDIATE, "2019-01-01"),))
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert result.status == MISSING and result.conditions[0].link == "/dossier/section/current_titles/"


def test_senior_full_has_nothing_above(series):
    user = applicant_with(titles=(title(series.name, Level.SENIOR_FULL, "2019-01-01", "正高级工程师"),))
    result = of(application_paths(user=user, now=APRIL), "promotion")
    assert result.level == "" and not result.conditions and "没有更高的层级" in result.notes[0]


# --- 转系列评审 (rule 18), 职称确认 (rule 17), 技能人才 (rule 16) ----------------------------------


def test_series_change_needs_the_post_change_then_half_a_year():
    user = applicant_with(titles=(title("工程技术", Level.INTERMEDIATE, "2019-01-01"),))
    assert of(application_paths(user=user, now=APRIL), "series_change").status == MISSING
    facts = PathFacts(changed_on=date(2026, 1, 31))
    result = of(application_paths(user=user, now=APRIL, facts=facts), "series_change")
    assert (result.level, result.status) == (Level.INTERMEDIATE, NOT_YET)
    assert [(c.source, c.met_on) for c in result.conditions] == [(source(18), date(2026, 7, 31))]
    facts = PathFacts(changed_on=date(2025, 10, 15))
    assert of(application_paths(user=user, now=APRIL, facts=facts), "series_change").status == CAN_APPLY


CONFIRMATION_CASES = [
    ("from outside, trial not over", "outside", date(2026, 2, 1), NOT_YET, [(source(17), date(2026, 8, 1))]),
    ("from outside, half a year done", "outside", date(2025, 10, 15), CAN_APPLY, []),
    ("moved inside Yunnan: no confirmation", "inside", date(2025, 1, 1), NOT_ELIGIBLE, [(source(17), None)]),
]


@pytest.mark.parametrize(
    ("moved_from", "transferred_on", "status", "conditions"),
    [case[1:] for case in CONFIRMATION_CASES],
    ids=[case[0] for case in CONFIRMATION_CASES],
)
def test_confirmation(moved_from, transferred_on, status, conditions):
    user = applicant_with(titles=(title("工程技术", Level.INTERMEDIATE, "2019-01-01"),))
    facts = PathFacts(transferred_on=transferred_on, moved_from=moved_from)
    result = of(application_paths(user=user, now=APRIL, facts=facts), "confirmation")
    assert (result.status, [(c.source, c.met_on) for c in result.conditions]) == (status, conditions)
    assert result.authority == "市人力资源和社会保障局"  # 中级: the city bureau
    if status == CAN_APPLY:  # straight to the 职称确认 form
        assert result.link == "/applications/?kind=confirmation"


def test_confirmation_needs_the_transfer_and_refuses_civil_servants():
    user = applicant_with(titles=(title("工程技术", Level.SENIOR_ASSOCIATE, "2019-01-01"),))
    assert of(application_paths(user=user, now=APRIL), "confirmation").status == MISSING
    dossier = dossier_get_or_create(user=user)
    dossier.is_civil_servant = True
    dossier.save()
    facts = PathFacts(transferred_on=date(2025, 1, 1), moved_from="outside")
    result = of(application_paths(user=user, now=APRIL, facts=facts), "confirmation")
    assert result.status == NOT_ELIGIBLE and result.authority == "云南省人力资源和社会保障厅"


def test_a_senior_confirmation_at_a_unit_with_delegated_authority_is_the_units(series):
    """Question 16 (3): the province's delegated senior review of the series: the unit confirms."""
    user = applicant_with(titles=(title(series.name, Level.SENIOR_ASSOCIATE, "2019-01-01"),))
    facts = PathFacts(transferred_on=date(2025, 1, 1), moved_from="outside")
    assert of(application_paths(user=user, now=APRIL, facts=facts), "confirmation").authority == (
        "云南省人力资源和社会保障厅"
    )
    user.organisation.senior_delegated_series.add(series)
    result = of(application_paths(user=user, now=APRIL, facts=facts), "confirmation")
    assert result.status == CAN_APPLY and result.authority != "云南省人力资源和社会保障厅"
    assert "单位" in result.authority


SKILLED_CASES = [
    # (case, grade, obtained, assessments, status, conditions)
    (
        "技师 + 3 years, 3 years passed",
        "technician",
        date(2022, 5, 1),
        {2023: "合格", 2024: "优秀", 2025: "合格"},
        CAN_APPLY,
        [],
    ),
    (
        "高级工 before 2 years: met for committees meeting in January 2027 or later (rule 8)",
        "advanced_worker",
        date(2025, 1, 10),
        {2023: "合格", 2024: "合格", 2025: "合格"},
        NOT_YET,
        [(source(16), date(2027, 1, 1), WAIT)],
    ),
    (
        "高级工 2 years complete later this month: counted to the committee's month (rule 8)",
        "advanced_worker",
        date(2024, 4, 30),
        {2023: "合格", 2024: "合格", 2025: "合格"},
        CAN_APPLY,
        [],
    ),
    (
        "高级工 2 years complete next month",
        "advanced_worker",
        date(2024, 5, 1),
        {2023: "合格", 2024: "合格", 2025: "合格"},
        NOT_YET,
        [(source(16), date(2026, 5, 1), WAIT)],
    ),
    (
        "高级技师 with a year missing",
        "senior_technician",
        date(2020, 1, 1),
        {2024: "合格", 2025: "合格"},
        MISSING,
        [(source(16), None, NEED)],
    ),
    (
        "技师 with a year failed: it leaves the last 3 years in 2028",
        "technician",
        date(2020, 1, 1),
        {2023: "合格", 2024: "不合格", 2025: "合格"},
        NOT_YET,
        [(source(16), date(2028, 1, 1), WAIT)],
    ),
]


@pytest.mark.parametrize(
    ("grade", "obtained", "assessments", "status", "conditions"),
    [case[1:] for case in SKILLED_CASES],
    ids=[case[0] for case in SKILLED_CASES],
)
def test_skilled(grade, obtained, assessments, status, conditions):
    user = applicant_with(assessments=assessments)
    facts = PathFacts(skill_grade=grade, skill_obtained_on=obtained)
    result = of(application_paths(user=user, now=APRIL, facts=facts), "skilled")
    assert result.status == status
    assert [(c.source, c.met_on, c.kind) for c in result.conditions] == conditions
    years = [c for c in result.conditions if "满 2 年" in c.text or "满 3 年" in c.text]
    assert all(c.month_only and c.met_on_label.endswith("月 满足") for c in years)


def test_skilled_without_a_grade_says_what_is_needed():
    result = of(application_paths(user=applicant_with(), now=APRIL), "skilled")
    assert result.status == MISSING and result.conditions[0].link == "/dossier/basic/"
    assert "基本信息" in result.conditions[0].text


def test_skilled_reads_the_grade_from_the_dossier_and_a_typed_one_wins():
    user = applicant_with(assessments={2023: "合格", 2024: "合格", 2025: "优秀"})
    dossier = dossier_get_or_create(user=user)
    dossier.skill_grade, dossier.skill_grade_obtained_on = "technician", date(2023, 4, 30)
    dossier.save()
    result = of(application_paths(user=user, now=APRIL), "skilled")
    assert result.status == CAN_APPLY and result.level == Level.INTERMEDIATE
    assert "见基本信息" in result.notes[0]
    typed = PathFacts(skill_grade="senior_technician", skill_obtained_on=date(2025, 1, 1))
    result = of(application_paths(user=user, now=APRIL, facts=typed), "skilled")
    assert result.level == Level.SENIOR_ASSOCIATE and result.status == NOT_YET
    assert "本页填写，未保存" in result.notes[0]


def test_skilled_with_a_title_at_the_level_below_points_to_promotion():
    user = applicant_with(titles=(title("工程技术", "assistant", "2015-01-01", "助理工程师"),))
    facts = PathFacts(skill_grade="technician", skill_obtained_on=date(2020, 1, 1))
    result = of(application_paths(user=user, now=APRIL, facts=facts), "skilled")
    assert "您已有助理级职称，申报中级按评审晋升办理" in result.notes[-1]


# --- input and access ---------------------------------------------------------------------------


def test_path_facts_reports_every_error_at_once():
    with pytest.raises(ServiceError) as exc:
        path_facts(hired_on="2026-13-01", moved_from="mars", skill_grade="wizard", transferred_on="x")
    assert set(exc.value.errors) == {"hired_on", "transferred_on", "moved_from", "skill_grade"}
    with pytest.raises(ServiceError) as exc:
        path_facts(skill_grade="technician")
    assert set(exc.value.errors) == {"skill_obtained_on"}
    assert path_facts(hired_on="2026-01-10").hired_on == date(2026, 1, 10)


def test_only_applicants():
    with pytest.raises(Forbidden):
        application_paths(user=factories.make_support())


def test_queries_bounded_by_the_open_committees(series, django_assert_max_num_queries):
    """applications.eligibility runs once per open committee of the level (about 7 queries each);
    the rest is a fixed handful, and 博士后认定's person_issues once (7 with the own draft)."""
    for _ in range(3):
        make_open_committee(series, Level.SENIOR_ASSOCIATE, now=APRIL, month=9)
    user = applicant_with(titles=(title(series.name, Level.INTERMEDIATE, "2019-01-01"),))
    with django_assert_max_num_queries(8 + 7 + 7 * 3):
        application_paths(user=user, now=APRIL)
