"""The seed's other facts in eligibility, table-driven from its text:

- Question 10: 申报评审初级职称的，其从事专业技术工作年限以单位行文确定其工作岗位变更时间起计算；申报评审
  中、高级职称的，需提供《事业单位工作人员岗位（职务）变动工资审批表》，下一级专业技术职务的履职年限，
  以取得职称资格受聘并享有相应职务工资时间起算.
- Rule 11 / question 11: 借调人员未在本单位履行岗位职责的，不得以本单位名义申报职称 … 借调期间未承担本单位
  工作岗位职责任务时间，不计算在履职时间内.
- Rule 12 / question 12: 专业培训累计半年以上，或 … 三门以上进修结业证书 … 或 … 学习累计1年以上，或 …
  市级行业主管部门统一组织的业务培训.

The committee meets in September 2026 (rule 8: counted to 30 September 2026)."""

from __future__ import annotations

from datetime import date

import pytest

from applications.completeness import application_missing
from applications.eligibility.checks import eligibility_issues, eligibility_problems, person_issues
from applications.eligibility.counting import CommitteeMonth, counted_at
from applications.eligibility.facts import MISMATCH_NEEDS, PAY_FORM, SECONDMENT_REFUSAL
from applications.models import ApplicationKind
from attachments.models import AttachmentKind
from catalog.models import Level
from dossier.models import DossierEntry
from dossier.selectors import dossier_get_or_create
from dossier.tests.factories import add_entries
from tests.factories import bearer

from .factories import (
    add_attachment,
    beijing,
    cover_values,
    make_draft,
    make_open_committee,
    make_ready_applicant,
    make_series,
)

pytestmark = pytest.mark.django_db

NOW = beijing(2026, 6, 15, 10, 0)
YEAR = 2026
SEPTEMBER = CommitteeMonth(2026, 9)
CHANGED = date(2020, 3, 1)
APPOINTED = date(2022, 7, 1)


def applicant(*, work: list[dict] | None = None, **fields):
    """A ready applicant with 基本信息 `fields` and, when given, `work` as 工作经历."""
    user = make_ready_applicant()
    dossier = dossier_get_or_create(user=user)
    for key, value in fields.items():
        setattr(dossier, key, value)
    dossier.save()
    if work is not None:
        DossierEntry.objects.filter(dossier=dossier, section="work").delete()
        for data in work:
            add_entries(user, "work", 1, **data)
    return user


def problems(user, level=Level.INTERMEDIATE, kind=None):
    series = make_series()
    committee = make_open_committee(series, level, now=NOW, year=YEAR, month=9)
    return [
        problem.message
        for problem in eligibility_issues(
            user=user, committee=committee, level=level, year=YEAR, series=series, now=NOW, kind=kind
        )
    ]


def moved(**changes) -> dict:
    return {
        "moved_from_post": "worker",
        "post_changed_on": CHANGED,
        "appointed_with_pay_on": APPOINTED,
        **changes,
    }


# --- Question 10 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "appointed_on", "service", "refused"),
    [
        pytest.param(Level.JUNIOR, APPOINTED, (6, 6), False, id="员级-from-the-post-change"),
        pytest.param(Level.ASSISTANT, None, (6, 6), False, id="助理级-needs-no-pay-record"),
        pytest.param(Level.INTERMEDIATE, APPOINTED, (4, 2), False, id="中级-from-the-appointment"),
        pytest.param(Level.SENIOR_ASSOCIATE, APPOINTED, (4, 2), False, id="副高级-from-the-appointment"),
        pytest.param(Level.INTERMEDIATE, None, None, True, id="中级-without-the-pay-record"),
        pytest.param(Level.SENIOR_FULL, None, None, True, id="正高级-without-the-pay-record"),
    ],
)
def test_moved_staff_count_from_the_post_change_or_the_appointment(level, appointed_on, service, refused):
    user = applicant(**moved(appointed_with_pay_on=appointed_on))
    dossier = dossier_get_or_create(user=user)
    assert counted_at(dossier=dossier, committee_month=SEPTEMBER, level=level).service == service
    found = [p for p in problems(user, level) if PAY_FORM in p]
    assert bool(found) is refused
    if refused:
        assert found == [
            "您由工勤技能岗位转到专业技术岗位，申报评审中、高级职称的，需提供"
            "《事业单位工作人员岗位（职务）变动工资审批表》，下一级专业技术职务的履职年限以取得职称资格"
            "受聘并享有相应职务工资时间起算：请在基本信息中填写该时间，并上传该审批表。"
        ]


def test_not_moved_counts_from_the_professional_start():
    user = applicant()  # 从事专业技术工作时间 2008-07-01
    counted = counted_at(dossier=dossier_get_or_create(user=user), committee_month=SEPTEMBER, level="junior")
    assert counted.service == (18, 2) and counted.service_note == ""
    assert problems(user) == []


def test_the_counted_service_says_where_it_starts():
    user = applicant(**moved())
    dossier = dossier_get_or_create(user=user)
    junior = counted_at(dossier=dossier, committee_month=SEPTEMBER, level=Level.ASSISTANT)
    assert junior.service_note == "自单位行文确定的岗位变更时间起计算"
    senior = counted_at(dossier=dossier, committee_month=SEPTEMBER, level=Level.INTERMEDIATE)
    assert senior.service_note == "自取得职称资格受聘并享有相应职务工资时间起计算"


@pytest.mark.parametrize(
    ("level", "kinds"),
    [
        pytest.param(Level.ASSISTANT, [AttachmentKind.POST_CHANGE_DOCUMENT], id="初级-the-document"),
        pytest.param(
            Level.INTERMEDIATE,
            [AttachmentKind.POST_CHANGE_DOCUMENT, AttachmentKind.PAY_APPROVAL_FORM],
            id="中级-and-the-pay-form",
        ),
    ],
)
def test_moved_staff_upload_the_document_and_the_pay_form(level, kinds):
    user = applicant(**moved())
    series = make_series()
    committee = make_open_committee(series, level)
    application = make_draft(user, committee, series, level)
    labels = [m.message for m in application_missing(application=application)]
    assert labels == [f"请在附件管理中上传“{AttachmentKind(kind).label}”。" for kind in kinds]
    for kind in kinds:
        add_attachment(user, kind)
    assert application_missing(application=application) == []


# --- The uploads of 基本信息: marked required exactly when 申报 asks for them ---------------------

BASIC_UPLOADS = (
    AttachmentKind.DELAYED_RETIREMENT,
    AttachmentKind.SKILL_CERTIFICATE,
    AttachmentKind.POST_CHANGE_DOCUMENT,
    AttachmentKind.PAY_APPROVAL_FORM,
    AttachmentKind.MISMATCH_EVIDENCE,
)
SKILLED = {"skill_grade": "technician", "skill_grade_obtained_on": date(2015, 1, 1)}


def basic_marks(client, user) -> tuple[set[str], bool]:
    """The uploads 基本信息 marks required (their file input's label carries *), and whether the
    其他证明材料 block opens."""
    import re

    from django.urls import reverse

    client.force_login(user)
    html = client.get(reverse("dossier:basic")).content.decode()
    marked = set(re.findall(r'<label for="kind-([a-z_]+)-file">[^<]*<span class="req"', html))
    return marked, '<details class="card" open>' in html


@pytest.mark.parametrize(
    ("level", "fields", "asked"),
    [
        pytest.param(Level.INTERMEDIATE, {}, set(), id="nothing-declared"),
        pytest.param(
            Level.INTERMEDIATE,
            {"delayed_retirement_until": date(2046, 3, 1)},
            {AttachmentKind.DELAYED_RETIREMENT},
            id="delayed-retirement",
        ),
        pytest.param(Level.INTERMEDIATE, SKILLED, {AttachmentKind.SKILL_CERTIFICATE}, id="技师-for-中级"),
        pytest.param(Level.SENIOR_ASSOCIATE, SKILLED, set(), id="技师-for-副高级-is-no-skilled-route"),
        pytest.param(Level.ASSISTANT, moved(), {AttachmentKind.POST_CHANGE_DOCUMENT}, id="moved-初级"),
        pytest.param(
            Level.INTERMEDIATE,
            moved(),
            {AttachmentKind.POST_CHANGE_DOCUMENT, AttachmentKind.PAY_APPROVAL_FORM},
            id="moved-中级-and-the-pay-form",
        ),
        pytest.param(Level.INTERMEDIATE, {"moved_from_post": "worker"}, set(), id="moved-without-a-date"),
        pytest.param(
            Level.INTERMEDIATE,
            {"major_matches": False, "mismatch_city_training": True},
            {AttachmentKind.MISMATCH_EVIDENCE},
            id="mismatch-made-good",
        ),
        pytest.param(Level.INTERMEDIATE, {"major_matches": False}, set(), id="mismatch-not-made-good"),
    ],
)
def test_basic_marks_an_upload_exactly_when_apply_asks_for_it(client, level, fields, asked):
    """The required marks of 基本信息 follow the application being edited: the same uploads 申报
    lists (not the bare declarations: a skill grade that gives no skilled route, a post change
    without its date, a mismatch not made good ask for nothing; the pay form is asked of 中级)."""
    from applications.completeness import attachment_url

    user = applicant(**fields)
    series = make_series()
    application = make_draft(user, make_open_committee(series, level), series, level)
    missing = {m.url for m in application_missing(application=application)}
    assert {kind for kind in BASIC_UPLOADS if attachment_url(kind) in missing} == asked
    assert basic_marks(client, user) == (asked, bool(asked))


def test_without_a_cover_basic_marks_what_any_application_asks(client):
    """No cover being edited: the marks of what any application with a committee asks whatever its
    kind and level (the post change's document), not those that depend on the level (the pay form,
    a skill grade's certificate)."""
    user = applicant(**moved(), **SKILLED)
    assert basic_marks(client, user) == ({AttachmentKind.POST_CHANGE_DOCUMENT}, True)


# --- Rule 11 -----------------------------------------------------------------------------------

OWN = {"start": "2008-07", "end": "", "professional": "true", "seconded": "false"}


def seconded(start: str, end: str = "", own_duties: str = "false") -> dict:
    return {
        "start": start,
        "end": end,
        "employer": "云南省测试厅",
        "professional": "true",
        "seconded": "true",
        "seconded_own_duties": own_duties,
    }


@pytest.mark.parametrize(
    ("work", "refused"),
    [
        pytest.param([OWN], False, id="in-the-own-unit"),
        pytest.param([{**OWN, "end": "2024-12"}, seconded("2025-01")], True, id="seconded-now"),
        pytest.param(
            [{**OWN, "end": "2024-12"}, seconded("2025-01", own_duties="true")],
            False,
            id="seconded-with-duties",
        ),
        pytest.param(
            [{**OWN, "end": "2024-12"}, seconded("2025-01", "2025-12"), {**OWN, "start": "2026-01"}],
            False,
            id="back-in-the-unit",
        ),
    ],
)
def test_a_secondment_without_own_duties_is_refused(work, refused):
    user = applicant(work=work)
    found = [p for p in problems(user) if SECONDMENT_REFUSAL in p]
    assert bool(found) is refused
    assert (
        bool(
            [
                p
                for p in person_issues(user=user, level=Level.INTERMEDIATE, year=YEAR, now=NOW)
                if SECONDMENT_REFUSAL in p.message
            ]
        )
        is refused
    )
    if refused:
        assert found == [
            f"您的工作经历中2025-01起借调至“云南省测试厅”尚未结束，且借调期间未承担本单位工作。{SECONDMENT_REFUSAL}"
        ]


def test_the_secondment_refusal_holds_for_a_series_change_too():
    user = applicant(work=[seconded("2025-01")])
    assert any(SECONDMENT_REFUSAL in p for p in problems(user, kind=ApplicationKind.SERIES_CHANGE))


@pytest.mark.parametrize(
    ("work", "service", "excluded"),
    [
        pytest.param([OWN], (18, 2), 0, id="nothing-left-out"),
        pytest.param(
            [OWN, seconded("2008-05", "2008-07")], (18, 1), 1, id="secondment-overlapping-the-first-month"
        ),
        pytest.param([OWN, seconded("2008-05", "2008-06")], (18, 2), 0, id="secondment-before-the-span"),
        pytest.param(
            [OWN, seconded("2026-09", "2026-09")], (18, 1), 1, id="secondment-in-the-committees-month"
        ),
        pytest.param(
            [OWN, seconded("2020-01", "2020-12", own_duties="true")], (18, 2), 0, id="secondment-with-duties"
        ),
        pytest.param([OWN, seconded("2020-01", "2020-12")], (17, 2), 12, id="a-year-seconded"),
        pytest.param(
            [{**OWN, "end": "2010-06", "professional": "false"}, {**OWN, "start": "2010-07"}],
            (16, 2),
            24,
            id="two-years-not-on-a-professional-post",
        ),
    ],
)
def test_service_leaves_out_months_that_do_not_count(work, service, excluded):
    """从事专业技术工作时间 2008-07-01, counted to 30 September 2026: 18 years 2 months in full."""
    user = applicant(work=work)
    counted = counted_at(dossier=dossier_get_or_create(user=user), committee_month=SEPTEMBER)
    assert (counted.service, counted.excluded_months) == (service, excluded)
    if excluded:
        assert (
            f"已扣除借调期间未承担本单位工作或未在专业技术岗位的{excluded}个月（见《职称知识25问》第11问）"
            in counted.service_note
        )


# --- Rule 12 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "made_good"),
    [
        pytest.param({}, False, id="nothing"),
        pytest.param({"mismatch_training_months": 5}, False, id="training-5-months"),
        pytest.param({"mismatch_training_months": 6}, True, id="training-half-a-year"),
        pytest.param({"mismatch_course_certificates": 2}, False, id="2-certificates"),
        pytest.param({"mismatch_course_certificates": 3}, True, id="3-certificates"),
        pytest.param({"mismatch_study_months": 11}, False, id="study-11-months"),
        pytest.param({"mismatch_study_months": 12}, True, id="study-a-year"),
        pytest.param({"mismatch_city_training": True}, True, id="city-training"),
        pytest.param(
            {"mismatch_training_months": 5, "mismatch_course_certificates": 2, "mismatch_study_months": 11},
            False,
            id="each-just-short",
        ),
    ],
)
def test_a_mismatch_not_made_good_is_refused(fields, made_good):
    user = applicant(major_matches=False, **fields)
    found = [p for p in problems(user) if MISMATCH_NEEDS in p]
    assert bool(found) is not made_good
    series = make_series()
    committee = make_open_committee(series, Level.INTERMEDIATE)
    application = make_draft(user, committee, series)
    missing = [m.message for m in application_missing(application=application)]
    evidence = f"请在附件管理中上传“{AttachmentKind.MISMATCH_EVIDENCE.label}”。"
    assert (evidence in missing) is made_good


def test_the_mismatch_refusal_quotes_what_is_needed_and_what_was_given():
    user = applicant(major_matches=False, mismatch_training_months=5, mismatch_course_certificates=2)
    assert problems(user) == [
        "毕业专业与所申报专业不相符的，须参加所从事专业的专业培训累计半年以上，或取得大专院校本专业主要科目"
        "三门以上进修结业证书（含专业证书班），或参加大专院校本专业学习累计1年以上，或参加市级行业主管部门"
        "统一组织的业务培训，方视为具备同专业能力要求。您在基本信息中填写的：专业培训累计5个月、"
        "本专业主要科目进修结业证书2门、大专院校本专业学习累计0个月、未参加市级行业主管部门统一组织的"
        "业务培训，尚未达到。"
    ]


def test_a_matching_major_is_not_asked():
    user = applicant(major_matches=True)
    assert problems(user) == []


def test_the_facts_are_not_asked_of_a_recognition():
    """考核认定 (rule 14) has its own checks: only the secondment (person_issues) applies."""
    user = applicant(major_matches=False, **moved(appointed_with_pay_on=None))
    assert person_issues(user=user, level=Level.INTERMEDIATE, year=YEAR, now=NOW) == []


# --- Pages and API: 保存封面, 申报 check, 我能申报什么 -----------------------------------------------


def test_saving_the_cover_through_the_api_is_refused_with_the_message(client):
    user = applicant(major_matches=False, mismatch_study_months=11)
    series = make_series()
    committee = make_open_committee(series, Level.INTERMEDIATE)
    response = client.post(
        "/api/v1/applications/",
        cover_values(committee, series),
        content_type="application/json",
        **bearer(user),
    )
    assert response.status_code == 400, response.content
    messages = response.json()["errors"]["__all__"]
    assert any(MISMATCH_NEEDS in m and "大专院校本专业学习累计11个月" in m for m in messages)
    assert eligibility_problems(
        user=user,
        committee=committee,
        level=Level.INTERMEDIATE,
        year=cover_values(committee, series)["year"],
        series=series,
    )


def test_the_check_api_lists_the_uploads(client):
    user = applicant(**moved())
    series = make_series()
    committee = make_open_committee(series, Level.INTERMEDIATE)
    application = make_draft(user, committee, series)
    body = client.get(f"/api/v1/applications/{application.pk}/check", **bearer(user)).json()
    assert body["complete"] is False
    assert [m["url"] for m in body["missing"]] == [
        "/attachments/?kind=post_change_document",
        "/attachments/?kind=pay_approval_form",
    ]


def _promotion(body: list[dict]) -> dict:
    return next(item for item in body if item["path"] == "promotion" and item["level"] == "senior_associate")


def paths_applicant(**fields):
    """A 中级 holder of the series an open 副高级 committee reviews (meeting in September)."""
    series = make_series()
    make_open_committee(series, Level.SENIOR_ASSOCIATE, month=9)
    user = applicant(**fields)
    add_entries(
        user,
        "current_titles",
        1,
        series=series.name,
        title_name="工程师",
        level="intermediate",
        obtained_on="2019-12-20",
        appointed="true",
        appointed_on="2020-01-10",
    )
    return user


@pytest.mark.parametrize(
    ("fields", "rule", "text"),
    [
        pytest.param(moved(appointed_with_pay_on=None), "第10问", PAY_FORM, id="question-10"),
        pytest.param({"major_matches": False}, "第12问", MISMATCH_NEEDS, id="rule-12"),
    ],
)
def test_what_can_i_apply_for_names_the_refusal(client, fields, rule, text):
    user = paths_applicant(**fields)
    response = client.get("/api/v1/paths/eligibility", **bearer(user))
    assert response.status_code == 200, response.content
    item = _promotion(response.json())
    assert item["status"] == "missing"
    found = [c for c in item["conditions"] if text in c["text"]]
    assert found and rule in found[0]["source"] and found[0]["kind"] == "need"
    client.force_login(user)
    html = client.get("/paths/").content.decode()
    assert text in html


def test_what_can_i_apply_for_names_the_secondment():
    from paths.selectors import application_paths

    user = paths_applicant(work=[{**OWN, "end": "2024-12"}, seconded("2025-01")])
    results = application_paths(user=user)
    item = next(r for r in results if r.path == "promotion" and r.level == Level.SENIOR_ASSOCIATE)
    assert [(c.source.label, c.kind) for c in item.conditions if SECONDMENT_REFUSAL in c.text] == [
        ("《职称知识25问》第11问", "never")
    ]
    assert item.status == "not_eligible"


def test_what_can_i_apply_for_shows_the_counted_service():
    from paths.selectors import application_paths

    user = paths_applicant(**moved())
    item = next(
        r for r in application_paths(user=user) if r.path == "promotion" and r.level == Level.SENIOR_ASSOCIATE
    )
    assert item.status == "can_apply", item.conditions
    assert any("自取得职称资格受聘并享有相应职务工资时间起计算" in note for note in item.notes)
