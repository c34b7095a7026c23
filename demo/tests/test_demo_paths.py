"""manage.py load_demo, issue 6 (demo/paths.py): a submitted 考核认定 at its unit step, made
inside a rule 15 window month; a 高级 职称确认 at a unit with the province's delegated senior
authority (its route the unit alone) and a 中级 one routed to the city bureau; a filled 博士后认定
draft; all through the real services, idempotent, and listed by demo_accounts."""

from __future__ import annotations

from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from applications.completeness import application_missing
from applications.models import Application, ApplicationKind, ApplicationStatus, StepKind
from applications.state import application_pass, application_submit
from catalog.models import Level
from core.dates import CALENDAR_TZ
from core.rulebook import recognition_months
from demo import paths as demo_paths
from demo.path_specs import DELEGATION_DOCUMENT, PATH_APPLICANTS
from demo.paths import recognition_moments
from demo.states import demo_application_state
from dossier.models import DossierEntry
from orgs.models import Organisation, Ownership
from orgs.windows import current_year
from recommend.selectors import unit_step_problems

pytestmark = pytest.mark.django_db

U, X, C, P = StepKind.UNIT, StepKind.DISTRICT, StepKind.CITY, StepKind.PROVINCIAL
OPINION = "考核合格，同意。"


@pytest.fixture
def loaded():
    call_command("load_catalog", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def person(name: str) -> User:
    entry = next(p for p in PATH_APPLICANTS if p.name == name)
    return User.objects.select_related("organisation").get(username=entry.id_number)


def application_of(name: str) -> Application:
    return Application.objects.select_related("current_step", "unit", "title").get(applicant=person(name))


def route(application: Application) -> list[tuple[str, Organisation | None]]:
    return [
        (s.kind, s.organisation) for s in application.steps.order_by("order").select_related("organisation")
    ]


def unit(username: str) -> Organisation:
    return User.objects.get(username=username).organisation


def test_the_graduates_recognition_waits_for_the_units_assessment(loaded, client):
    user = person("马晓宇")
    application = application_of("马晓宇")
    unit3 = unit("unit3")
    assert user.organisation == unit3 and unit3.ownership == Ownership.NON_PUBLIC
    assert application.kind == ApplicationKind.RECOGNITION and application.committee_id is None
    assert application.status == ApplicationStatus.IN_REVIEW and application.year == current_year()
    assert (application.level, application.title.name) == (Level.ASSISTANT, "助理工程师")
    assert application.recognition.schooling == "benke"
    # Hired about two years ago; 本科 reaches 助理级 after one year (rule 14).
    hired = application.recognition.hired_on
    assert 12 <= (timezone.localdate() - hired).days / 30.4 <= 27
    # Submitted inside a window month of rule 15, not after now.
    submitted = application.submitted_at.astimezone(CALENDAR_TZ)
    assert submitted.month in recognition_months() and application.submitted_at <= timezone.now()
    assert application.current_step.kind == U and application.current_step.organisation == unit3
    assert route(application) == [(U, unit3), (X, unit("district"))]
    assert application.recognition.office == unit("district")
    assert unit_step_problems(application=application) == []  # no 基层意见 / 单位公示 (decision 0007)

    assert client.login(username="unit3", password="Demo@2026")
    assert "马晓宇" in client.get("/reviews/").content.decode()
    assert "用人单位考核" in client.get(f"/reviews/{application.pk}/").content.decode()


def test_the_demo_reviewers_can_finish_the_recognition(loaded):
    application = application_of("马晓宇")
    application_pass(application_id=application.pk, actor=User.objects.get(username="unit3"), opinion=OPINION)
    application = application_pass(
        application_id=application.pk, actor=User.objects.get(username="district"), opinion=OPINION
    )
    assert application.status == ApplicationStatus.APPROVED
    titles = DossierEntry.objects.filter(dossier__user=person("马晓宇"), section="current_titles")
    assert [t.data["title_name"] for t in titles] == ["助理工程师"]


def test_the_delegated_senior_confirmation_is_the_units_alone(loaded):
    unit3 = unit("unit3")
    assert list(unit3.senior_delegated_series.values_list("name", flat=True)) == ["工程技术"]
    assert unit3.senior_delegation_document == DELEGATION_DOCUMENT
    assert DELEGATION_DOCUMENT.startswith("云人社发〔2020〕")
    application = application_of("郭建平")
    assert application.kind == ApplicationKind.CONFIRMATION and application.committee_id is None
    assert (application.level, application.title.name) == (Level.SENIOR_ASSOCIATE, "高级工程师")
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.current_step.kind == U and application.current_step.organisation == unit3
    assert route(application) == [(U, unit3)]
    assert application.confirmation.confirmer == "unit" and application.confirmation.office == unit3
    assert application.confirmation.source == "other_province"
    # The unit's assessment is the confirmation.
    application = application_pass(
        application_id=application.pk, actor=User.objects.get(username="unit3"), opinion=OPINION
    )
    assert application.status == ApplicationStatus.APPROVED


def test_the_intermediate_confirmation_goes_to_the_city_bureau(loaded):
    unit3 = unit("unit3")
    application = application_of("罗佳")
    assert application.kind == ApplicationKind.CONFIRMATION
    assert (application.level, application.status) == (Level.INTERMEDIATE, ApplicationStatus.IN_REVIEW)
    assert application.current_step.kind == U and application.current_step.organisation == unit3
    city = unit("city")
    assert route(application) == [(U, unit3), (X, unit("district")), (C, city)]
    assert application.confirmation.confirmer == "city_bureau" and application.confirmation.office == city


def test_the_postdoc_draft_is_filled_and_not_submitted(loaded, client):
    user = person("林博文")
    unit4 = unit("unit4")
    assert user.organisation == unit4 and unit4.ownership == Ownership.NON_PUBLIC
    assert unit4.credit_code.startswith("91")
    application = application_of("林博文")
    assert application.kind == ApplicationKind.POSTDOC and application.status == ApplicationStatus.DRAFT
    assert application.level == Level.SENIOR_ASSOCIATE and application.submitted_at is None
    assert not application.steps.exists()
    education = DossierEntry.objects.filter(dossier__user=user, section="education")
    assert any(e.data["degree"] == "博士" and e.data["education"] == "博士研究生" for e in education)
    facts = application.postdoc
    assert facts.funded and facts.stays and facts.exit_on.isoformat() == "2021-08-31"
    assert application_missing(application=application) == []  # he may press 提交 himself

    assert client.login(username=user.username, password="Demo@2026")
    html = client.get("/applications/").content.decode()
    assert "博士后认定" in html and facts.funding_reference in html


def test_the_postdoc_can_press_submit_and_goes_to_the_province(loaded):
    user = person("林博文")
    application = application_submit(application_id=application_of("林博文").pk, actor=user)
    unit4 = unit("unit4")
    assert route(application) == [(U, unit4), (X, unit4.district), (C, unit("city")), (P, None)]
    assert demo_application_state(application) == "已提交，待用人单位考核"


def test_a_second_load_changes_nothing_after_the_unit_acted(loaded):
    application = application_of("郭建平")
    application_pass(application_id=application.pk, actor=User.objects.get(username="unit3"), opinion=OPINION)
    rows = list(Application.objects.order_by("pk").values())
    unit3 = list(Organisation.objects.filter(pk=unit("unit3").pk).values())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "未做任何修改" in out.getvalue()
    assert list(Application.objects.order_by("pk").values()) == rows
    assert list(Organisation.objects.filter(pk=unit("unit3").pk).values()) == unit3


def test_load_demo_and_demo_accounts_print_the_new_applicants(loaded):
    for label in ("马晓宇的考核认定（已提交）", "郭建平的职称确认（已提交）", "林博文的博士后认定（草稿）"):
        assert label in loaded
    assert "见《职称知识25问》第19问" in loaded and "规则" not in loaded
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    lines = out.getvalue().splitlines()

    def account_line(name: str) -> str:
        return next(line for line in lines if f"| {name}，手机" in line)

    assert "考核认定（助理工程师），待用人单位考核" in account_line("马晓宇")
    assert "职称确认（高级工程师），待用人单位考核" in account_line("郭建平")
    assert "职称确认（工程师），待用人单位考核" in account_line("罗佳")
    assert "博士后认定（高级工程师），草稿" in account_line("林博文")
    assert DELEGATION_DOCUMENT in next(line for line in lines if " unit3 " in line)
    notes = [line for line in lines if line.startswith("说明：")]
    assert any("考核认定" in n and "见《职称知识25问》第19问" in n for n in notes)
    assert any(DELEGATION_DOCUMENT in n for n in notes)


# --- rule 15: when the demo makes the recognition --------------------------------------------------


def beijing(*args: int) -> datetime:
    return datetime(*args, tzinfo=CALENDAR_TZ)


def test_outside_a_window_month_the_last_working_day_of_the_latest_one(settings):
    settings.RECOGNITION_MONTHS = (1, 4, 7, 10)
    saved, submitted = recognition_moments(beijing(2026, 11, 28, 19))
    # 2026-10-31 is a Saturday: Friday the 30th.
    assert (saved, submitted) == (beijing(2026, 10, 30, 9, 30), beijing(2026, 10, 30, 10))
    saved, _ = recognition_moments(beijing(2026, 3, 2, 8))
    assert saved == beijing(2026, 1, 30, 9, 30)  # 2026-01-31 is a Saturday


def test_inside_a_window_month_as_it_happens(settings):
    settings.RECOGNITION_MONTHS = (1, 4, 7, 10)
    assert recognition_moments(beijing(2026, 10, 5, 10)) == (None, None)


def test_no_window_month_yet_this_year_skips_the_recognition(settings):
    settings.RECOGNITION_MONTHS = (10,)
    assert recognition_moments(beijing(2026, 3, 2, 8)) is None


def test_a_year_without_a_window_month_yet_leaves_the_graduate_without_an_application(settings, monkeypatch):
    monkeypatch.setattr(demo_paths, "recognition_moments", lambda now=None: None)
    call_command("load_catalog", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "马晓宇的考核认定" in out.getvalue() and "未创建" in out.getvalue()
    assert not Application.objects.filter(applicant=person("马晓宇")).exists()
    assert Application.objects.filter(applicant=person("郭建平")).exists()
