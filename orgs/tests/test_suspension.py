"""暂停推荐 (seed 必读 (一)2: "暂停该单位下一年度职称申报推荐工作限期整改"): the city bureau suspends
a unit's recommendation work for a year with a reason and a document number, and lifts it early
once rectified, each with its audit row and a site message to the unit. A suspended unit cannot
pass anything at its unit step — single pass, batch pass, API — with a message naming the source;
it may still return or reset; its applicants see why (职称申报, 申报记录, home) and may still submit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from applications.models import ApplicationStatus, StepKind
from applications.state import application_batch_pass, application_pass, application_reset
from applications.tests.helpers import page_text
from core.errors import Conflict, Forbidden, ServiceError
from core.models import AuditLog
from messaging.models import SiteMessage
from orgs.models import UnitSuspension
from orgs.suspension import (
    active_suspension,
    suspension_create,
    suspension_lift,
    suspension_message,
)
from orgs.windows import current_year
from recommend.tests.factories import add_publicity, add_recommendation
from reviews.tests.factories import city_reviewer, make_world, submit
from tests import factories
from tests.concurrency import postgres_only, run_in_threads
from tests.factories import bearer

pytestmark = pytest.mark.django_db

REASON = "2026年度审核把关不严，推荐的申报人论文系伪造，情节严重、造成不良影响。"
DOCUMENT = "昆人社通〔2026〕88号"


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def ready(world):
    """An application of the world's first unit at its unit step with complete records."""
    application = submit(world, name="钱七")
    add_recommendation(application)
    add_publicity(application)
    return application


def suspend(world, *, year=None, **changes):
    values = {
        "unit_id": world.unit.pk,
        "year": year or current_year(),
        "reason": REASON,
        "document": DOCUMENT,
    }
    return suspension_create(actor=city_reviewer(), **{**values, **changes})


def test_the_city_bureau_suspends_with_reason_and_document(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = suspend(
            world, year=current_year() + 1, rectify_by=(timezone.localdate() + timedelta(days=60)).isoformat()
        )
    assert row.is_active and row.year == current_year() + 1 and row.created_by == city_reviewer()
    log = AuditLog.objects.get(action="unit_suspension_create")
    assert log.detail["unit_id"] == world.unit.pk and log.detail["document"] == DOCUMENT
    message = SiteMessage.objects.get(recipient=world.unit_admin)
    assert "职称申报推荐工作已暂停" in message.title and REASON in message.body
    with pytest.raises(Conflict) as caught:
        suspend(world, year=current_year() + 1)
    assert "无需重复暂停" in caught.value.errors["unit_id"][0]


def test_every_field_error_at_once_and_only_the_city_bureau(world):
    with pytest.raises(ServiceError) as caught:
        suspension_create(actor=city_reviewer(), unit_id="", year=current_year() + 5, reason=" ", document="")
    assert set(caught.value.errors) == {"unit_id", "year", "reason", "document"}
    assert "下一年度" in caught.value.errors["year"][0]
    with pytest.raises(ServiceError) as caught:
        suspend(world, unit_id=world.department.pk, rectify_by="2020-01-01")
    assert set(caught.value.errors) == {"unit_id", "rectify_by"}
    for outsider in (world.unit_admin, world.department_reviewer, world.committee_office):
        with pytest.raises(Forbidden):
            suspension_create(
                actor=outsider, unit_id=world.unit.pk, year=current_year(), reason=REASON, document=DOCUMENT
            )
    assert not UnitSuspension.objects.exists()


def test_a_suspended_unit_cannot_pass_single_or_batch(world, ready):
    other = submit(world, name="孙八")
    add_recommendation(other)
    add_publicity(other)
    suspend(world)
    reason = suspension_message(unit_id=world.unit.pk, year=ready.year)
    assert (
        "职称申报推荐工作已暂停" in reason and "见《职称申报必读》（一）2" in reason and "规则" not in reason
    )
    with pytest.raises(ServiceError) as caught:
        application_pass(application_id=ready.pk, actor=world.unit_admin, opinion="同意推荐。")
    assert caught.value.detail == reason
    results = application_batch_pass(
        application_ids=[ready.pk, other.pk], actor=world.unit_admin, opinion="同意。"
    )
    assert [(r.ok, r.message) for r in results] == [(False, reason), (False, reason)]
    ready.refresh_from_db()
    assert ready.current_step.kind == StepKind.UNIT


def test_another_unit_or_another_year_is_not_affected(world, ready):
    suspend(world, year=current_year() + 1)
    suspend(world, unit_id=world.unit2.pk)
    application_pass(application_id=ready.pk, actor=world.unit_admin, opinion="同意推荐。")
    ready.refresh_from_db()
    assert ready.current_step.kind == StepKind.DEPARTMENT


def test_the_api_pass_is_refused_too(client, world, ready):
    suspend(world)
    response = client.post(
        f"/api/v1/reviews/{ready.pk}/act",
        {"action": "pass", "opinion": "同意推荐。"},
        content_type="application/json",
        **bearer(world.unit_admin),
    )
    assert response.status_code == 400 and "职称申报推荐工作已暂停" in response.json()["detail"]
    batch = client.post(
        "/api/v1/reviews/batch-pass",
        {"ids": [ready.pk], "opinion": "同意。"},
        content_type="application/json",
        **bearer(world.unit_admin),
    )
    assert (
        batch.json()["failed"] == 1 and "见《职称申报必读》（一）2" in batch.json()["results"][0]["message"]
    )


def test_a_suspended_unit_may_still_reset_and_the_lift_lets_it_pass(
    world, ready, django_capture_on_commit_callbacks
):
    row = suspend(world)
    with pytest.raises(ServiceError):
        suspension_lift(actor=city_reviewer(), suspension_id=row.pk, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        lifted = suspension_lift(
            actor=city_reviewer(),
            suspension_id=row.pk,
            reason="单位已完成整改，重新修订了推荐审核制度。",
            document="昆人社通〔2027〕3号",
        )
    assert not lifted.is_active and active_suspension(unit_id=world.unit.pk, year=ready.year) is None
    assert AuditLog.objects.filter(action="unit_suspension_lift").count() == 1
    assert SiteMessage.objects.filter(recipient=world.unit_admin, title__contains="已恢复").exists()
    with pytest.raises(Conflict, match="已于"):
        suspension_lift(actor=city_reviewer(), suspension_id=row.pk, reason="再次解除。")
    application_pass(application_id=ready.pk, actor=world.unit_admin, opinion="同意推荐。")
    # A reset (not a recommendation) is open to a suspended unit.
    other = submit(world, name="孙八")
    suspend(world)
    application_reset(application_id=other.pk, actor=world.unit_admin, opinion="请更换工作单位后重新申报。")
    other.refresh_from_db()
    assert other.status == ApplicationStatus.DRAFT


def test_the_applicant_sees_why_and_may_still_submit(client, world):
    applicant_app = submit(world, name="钱七")  # submitted: its unit is the suspended one
    suspend(world)
    client.force_login(applicant_app.applicant)
    for url in ("/applications/", "/applications/history/", "/accounts/"):
        text = page_text(client.get(url))
        assert f"您所在单位{world.unit.name}{current_year()}年度职称申报推荐工作已暂停" in text, url
        assert REASON.rstrip("。") + "（" + DOCUMENT in text and "请联系单位" in text
    # A new applicant of the unit: the notice on the cover, and the submission still goes through.
    from applications.services import application_save_cover
    from applications.state import application_submit
    from applications.tests.factories import cover_values, make_ready_applicant

    newcomer = make_ready_applicant(unit=world.unit, name="周九")
    client.force_login(newcomer)
    assert "职称申报推荐工作已暂停" in page_text(client.get("/applications/"))
    draft = application_save_cover(user=newcomer, **cover_values(world.committee, world.series))
    submitted = application_submit(application_id=draft.pk, actor=newcomer)
    assert submitted.status == ApplicationStatus.IN_REVIEW
    # The unit admin's home says it too; another unit's applicant sees nothing.
    client.force_login(world.unit_admin)
    assert "暂停期间单位审核不能通过任何申报" in page_text(client.get("/accounts/"))
    stranger = submit(world, unit=world.unit2, name="吴十")
    client.force_login(stranger.applicant)
    assert "已暂停" not in page_text(client.get("/applications/history/"))


def test_the_pages_for_the_city_bureau(client, world):
    reviewer = city_reviewer()
    client.force_login(reviewer)
    page = client.get("/units/suspensions/")
    assert page.status_code == 200 and "暂停推荐" in page_text(page)
    from tests.html import unlabelled_controls

    assert unlabelled_controls(page.content.decode()) == []
    # Search the unit by name: the page comes back with it offered, nothing typed lost.
    response = client.post(
        "/units/suspensions/",
        {"action": "search_unit", "unit_q": world.unit.name, "reason": REASON, "document": DOCUMENT},
    )
    html = response.content.decode()
    assert f'value="{world.unit.pk}"' in html and REASON in html
    # A mistake: the message by the field, the input kept.
    response = client.post(
        "/units/suspensions/", {"unit_id": world.unit.pk, "year": str(current_year() + 1), "reason": REASON}
    )
    assert "请填写文件文号。" in page_text(response) and REASON in response.content.decode()
    response = client.post(
        "/units/suspensions/",
        {"unit_id": world.unit.pk, "year": str(current_year() + 1), "reason": REASON, "document": DOCUMENT},
    )
    assert response.status_code == 302
    row = UnitSuspension.objects.get()
    listing = page_text(client.get("/units/suspensions/?state=active"))
    assert world.unit.name in listing and "暂停中" in listing and DOCUMENT in listing
    lift_url = f"/units/suspensions/{row.pk}/lift/"
    assert "请填写整改情况（解除原因）。" in page_text(client.post(lift_url, {"reason": ""}))
    assert client.post(lift_url, {"reason": "已整改。"}).status_code == 302
    assert "已解除" in page_text(client.get("/units/suspensions/"))
    # The menu has it; nobody else reaches the pages.
    assert "/units/suspensions/" in client.get("/accounts/").content.decode()
    for outsider in (world.unit_admin, world.committee_office, factories.make_user(role=Role.SUPPORT)):
        client.force_login(outsider)
        assert client.get("/units/suspensions/").status_code == 404
        assert client.get(lift_url).status_code == 404


def test_the_api(client, world):
    reviewer = city_reviewer()
    url = "/api/v1/units/suspensions/"
    bad = client.post(url, {"unit_id": world.unit.pk}, content_type="application/json", **bearer(reviewer))
    assert bad.status_code == 400 and {"reason", "document", "year"} <= set(bad.json()["errors"])
    made = client.post(
        url,
        {"unit_id": world.unit.pk, "year": current_year(), "reason": REASON, "document": DOCUMENT},
        content_type="application/json",
        **bearer(reviewer),
    )
    assert made.status_code == 201 and made.json()["active"] is True
    assert client.get(url, **bearer(reviewer)).json()["count"] == 1
    assert client.get(url, **bearer(world.unit_admin)).status_code == 403
    applicant = submit(world, name="钱七").applicant
    mine = client.get(url + "mine", **bearer(applicant)).json()
    assert len(mine) == 1 and "请联系单位" in mine[0]["message"]
    refused = client.post(
        f"{url}{made.json()['id']}/lift",
        {"reason": "已整改。"},
        content_type="application/json",
        **bearer(world.unit_admin),
    )
    assert refused.status_code == 403
    lifted = client.post(
        f"{url}{made.json()['id']}/lift",
        {"reason": "已整改。"},
        content_type="application/json",
        **bearer(reviewer),
    )
    assert lifted.status_code == 200 and lifted.json()["active"] is False
    assert client.get(url + "mine", **bearer(applicant)).json() == []
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op.get("operationId") for item in schema["paths"].values() for op in item.values()}
    assert {
        "units_suspensions_list",
        "units_suspension_create",
        "units_suspension_lift",
        "units_suspensions_mine",
    } <= ids


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_suspensions_of_a_unit_and_year_give_one():
    world = make_world()
    reviewer = city_reviewer()

    def act() -> str:
        try:
            suspension_create(
                actor=reviewer, unit_id=world.unit.pk, year=current_year(), reason=REASON, document=DOCUMENT
            )
        except Conflict:
            return "refused"
        return "suspended"

    outcomes = run_in_threads(act, threads=4)
    assert sorted(outcomes) == ["refused", "refused", "refused", "suspended"], outcomes
    assert UnitSuspension.objects.filter(unit=world.unit, lifted_at__isnull=True).count() == 1


def test_the_employers_assessment_of_a_graduate_is_held_too(settings):
    """考核认定 has no 基层意见 or 单位公示, but its unit step is still the unit's 推荐 work."""
    from applications.tests.factories import make_unit_admin
    from recognition.tests.recognition_factories import ALL_MONTHS, submitted_recognition

    settings.RECOGNITION_MONTHS = ALL_MONTHS
    application = submitted_recognition()
    suspension_create(
        actor=city_reviewer(),
        unit_id=application.unit_id,
        year=application.year,
        reason=REASON,
        document=DOCUMENT,
    )
    with pytest.raises(ServiceError, match="职称申报推荐工作已暂停"):
        application_pass(
            application_id=application.pk, actor=make_unit_admin(application.unit), opinion="考核合格。"
        )
