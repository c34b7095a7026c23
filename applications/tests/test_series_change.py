"""转系列评审 (rule 18, seed question 17) through the committee cover: the level held in another
series (现有职称情况), half a year since the post change (5 months and 30 days against 6 months),
re-checked at submission; and a promotion in the new series only from the year after the change
(an approved 转系列评审 of that series, or a 现有职称 obtained by the change)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from applications.eligibility.checks import eligibility_issues
from applications.models import Application, ApplicationKind, ApplicationStatus
from applications.services import application_save_cover
from applications.state import application_submit
from catalog.models import Level
from core.dates import date_label
from core.errors import ServiceError
from dossier.models import DossierEntry
from dossier.tests.factories import add_entries
from orgs.windows import current_year
from recognition.tests.recognition_factories import today
from rules.periods import months_after

from .factories import cover_values, make_open_committee

pytestmark = pytest.mark.django_db
SC = ApplicationKind.SERIES_CHANGE


def hold(user, *, series: str = "经济", level: str = Level.INTERMEDIATE, obtained_on: str = "2018-06-01"):
    """A 现有职称 of `level` in `series`."""
    return add_entries(
        user,
        "current_titles",
        1,
        series=series,
        level=level,
        obtained_on=obtained_on,
        title_name="经济师",
        appointed="false",
        appointed_on="",
    )[0]


def change(user, committee, series, **changes):
    values = cover_values(committee, series, kind=SC, changed_on=months_after(today(), -6).isoformat())
    values.update(changes)
    return application_save_cover(user=user, **values)


def test_six_months_after_the_post_change_with_the_level_held_elsewhere_is_saved(
    applicant, committee, series
):
    hold(applicant)
    application = change(applicant, committee, series)
    assert application.kind == SC and application.committee == committee
    assert application.series_changed_on == months_after(today(), -6)


def test_a_day_short_of_six_months_is_refused_with_the_day(applicant, committee, series):
    hold(applicant)
    changed = months_after(today(), -6) + timedelta(days=1)
    with pytest.raises(ServiceError) as exc:
        change(applicant, committee, series, changed_on=changed.isoformat())
    earliest = months_after(changed, 6)
    assert exc.value.errors["changed_on"] == [
        f"须在新系列岗位上试用半年以上并考核合格，{date_label(earliest)} 试用满半年。"
        "（见《职称知识25问》第17问）"
    ]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("held", "refused"),
    [
        (None, True),  # no 中级 at all (the ready applicant holds 助理级 工程技术)
        ({"level": Level.ASSISTANT}, True),  # another series, but a lower level
        ({"series": "same"}, True),  # 中级 only in the new series itself
        ({}, False),  # 中级 in 经济
    ],
    ids=["none", "lower-level", "same-series", "held-elsewhere"],
)
def test_the_level_must_be_held_in_another_series(applicant, committee, series, held, refused):
    if held is not None:
        hold(applicant, **{**held, **({"series": series.name} if held.get("series") == "same" else {})})
    if refused:
        with pytest.raises(ServiceError) as exc:
            change(applicant, committee, series)
        assert "没有其他系列的中级职称（见《职称知识25问》第17问）" in exc.value.errors["level"][0]
    else:
        assert change(applicant, committee, series).kind == SC


def test_the_post_change_date_is_asked_and_checked(applicant, committee, series):
    hold(applicant)
    with pytest.raises(ServiceError) as exc:
        change(applicant, committee, series, changed_on="")
    assert exc.value.errors["changed_on"] == ["转系列评审请填写岗位变更日期（到新系列岗位的日期）。"]
    with pytest.raises(ServiceError) as exc:
        change(applicant, committee, series, changed_on="2025-02-30")
    assert exc.value.errors["changed_on"] == ["岗位变更日期格式应为 YYYY-MM-DD，如 2025-07-01。"]
    # A promotion ignores the date.
    promotion = application_save_cover(
        user=applicant, **cover_values(committee, series, changed_on="2025-02-30")
    )
    assert promotion.series_changed_on is None


def test_submission_rechecks_rule_18(applicant, committee, series):
    entry = hold(applicant)
    application = change(applicant, committee, series)
    DossierEntry.objects.filter(pk=entry.pk).delete()  # the 经济 title removed from 现有职称情况
    with pytest.raises(ServiceError) as exc:
        application_submit(application_id=application.pk, actor=applicant)
    assert "（见《职称知识25问》第17问）" in exc.value.errors["level"][0]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def _rule_18(user, series, *, year):
    committee = make_open_committee(series, Level.SENIOR_ASSOCIATE, year=year)
    problems = eligibility_issues(
        user=user, committee=committee, level=Level.SENIOR_ASSOCIATE, year=year, series=series
    )
    return [p for p in problems if "（见《职称知识25问》第17问）" in p.message]


def test_promotion_in_the_new_series_only_from_the_year_after_an_approved_change(
    applicant, committee, series
):
    hold(applicant)
    application = change(applicant, committee, series)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.APPROVED)  # approved today
    year = current_year()
    refused = _rule_18(applicant, series, year=year)
    assert [p.field for p in refused] == ["year"]
    assert f"须下一年度起（{today().year + 1}年）" in refused[0].message
    assert _rule_18(applicant, series, year=year + 1) == []


def test_promotion_after_a_title_obtained_by_series_change(applicant, series):
    hold(applicant, obtained_on="2018-06-01")  # 中级 经济, then 中级 in the new series this year
    hold(applicant, series=series.name, obtained_on=today().isoformat())
    year = today().year
    assert len(_rule_18(applicant, series, year=year)) == 1
    assert _rule_18(applicant, series, year=year + 1) == []


def test_an_unchanged_series_promotion_is_not_affected(applicant, series):
    hold(applicant, series=series.name, obtained_on="2018-06-01")
    assert _rule_18(applicant, series, year=current_year()) == []
