"""Rule 16 in eligibility: without a title at the level below, a skill grade in 基本信息 leads to
its level once its years and the 3 annual assessments are met, counted to the committee's month
(rule 8). The committee meets in September 2026: the years count to 30 September 2026 and the
assessments asked are those of 2023, 2024 and 2025."""

from __future__ import annotations

from datetime import date

import pytest

from applications.eligibility.checks import eligibility_problems
from applications.eligibility.skilled import skilled_route
from catalog.models import Level
from dossier.models import DossierEntry
from dossier.selectors import dossier_get_or_create

from .factories import beijing, make_open_committee, make_ready_applicant, make_series

pytestmark = pytest.mark.django_db

NOW = beijing(2026, 6, 15, 10, 0)
YEAR = 2026
PASSED = {2023: "合格", 2024: "优秀", 2025: "合格"}


def skilled_applicant(grade: str, obtained_on: date, assessments: dict[int, str], *, titles=()):
    """A ready applicant whose 现有职称情况 holds only `titles` (levels) and whose 年度考核情况 is
    `assessments`, with the skill grade in 基本信息."""
    user = make_ready_applicant()
    dossier = dossier_get_or_create(user=user)
    DossierEntry.objects.filter(
        dossier=dossier, section__in=("current_titles", "annual_assessments")
    ).delete()
    for i, level in enumerate(titles, start=1):
        DossierEntry.objects.create(
            dossier=dossier, section="current_titles", position=i, data={"level": level, "series": "工程技术"}
        )
    for i, (year, result) in enumerate(sorted(assessments.items()), start=1):
        # Stored as the dossier's validation stores a year field (an int) or as typed text.
        DossierEntry.objects.create(
            dossier=dossier, section="annual_assessments", position=i, data={"year": year, "result": result}
        )
    dossier.skill_grade, dossier.skill_grade_obtained_on = grade, obtained_on
    dossier.save()
    return user


def problems(user, level=Level.INTERMEDIATE):
    series = make_series()
    committee = make_open_committee(series, level, now=NOW, year=YEAR, month=9)
    return eligibility_problems(
        user=user, committee=committee, level=level, year=YEAR, series=series, now=NOW
    )


def test_technician_with_three_years_on_the_committees_last_day_may_apply():
    assert problems(skilled_applicant("technician", date(2023, 9, 30), PASSED)) == []


def test_technician_one_day_short_is_told_the_date():
    found = problems(skilled_applicant("technician", date(2023, 10, 1), PASSED))
    assert len(found) == 1
    assert "取得技师职业资格或职业技能等级后从事技术技能工作满 3 年方可申报中级职称" in found[0]
    assert "2026年10月1日 满 3 年" in found[0]
    assert "计算到评委会评审月份2026年9月" in found[0]


def test_each_missing_or_failed_assessment_year_is_named():
    found = problems(skilled_applicant("technician", date(2020, 1, 1), {2023: "合格", 2025: "基本合格"}))
    assert len(found) == 2
    assert "2024 年度考核未合格或未填写" in found[0]
    assert "2025 年度考核未合格或未填写" in found[1]


def test_assessment_years_typed_as_text_count():
    user = skilled_applicant("technician", date(2020, 1, 1), {})
    dossier = dossier_get_or_create(user=user)
    for year in (2023, 2024, 2025):
        DossierEntry.objects.create(
            dossier=dossier, section="annual_assessments", data={"year": str(year), "result": "合格"}
        )
    assert problems(user) == []


@pytest.mark.parametrize(
    ("grade", "level", "obtained_on", "ok_on"),
    [
        ("advanced_worker", Level.ASSISTANT, date(2024, 10, 1), date(2024, 9, 30)),
        ("senior_technician", Level.SENIOR_ASSOCIATE, date(2022, 10, 1), date(2022, 9, 30)),
    ],
)
def test_each_grade_at_its_level_and_years(grade, level, obtained_on, ok_on):
    """高级工 + 2 years → 助理级; 高级技师 + 4 years → 副高级 (the boundary day either side)."""
    assert len(problems(skilled_applicant(grade, obtained_on, PASSED), level)) == 1
    assert problems(skilled_applicant(grade, ok_on, PASSED), level) == []


def test_a_title_at_the_level_below_makes_it_an_ordinary_promotion():
    user = skilled_applicant("technician", date(2026, 1, 1), {}, titles=(Level.ASSISTANT,))
    assert not skilled_route(dossier=dossier_get_or_create(user=user), level=Level.INTERMEDIATE)
    assert problems(user) == []


def test_a_grade_leading_to_another_level_is_not_asked():
    user = skilled_applicant("advanced_worker", date(2026, 1, 1), {})
    assert not skilled_route(dossier=dossier_get_or_create(user=user), level=Level.INTERMEDIATE)
    assert problems(user) == []
