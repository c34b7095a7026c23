"""Who may download the documents, on pages and API alike: the applicant's own application once
submitted (the pledge from the saved cover on), and reviewing organisations whose scope holds it
(at any step); everything else is 404 (other people's, a draft never submitted, an id that does
not exist); anonymous visitors are sent to the login page (API: 401)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from applications.models import StepKind
from applications.services import application_save_cover
from applications.tests.factories import cover_values, make_ready_applicant
from reviews.tests.factories import advance_to, make_world
from tests.factories import bearer

from .factories import pdf_text, submit_full

pytestmark = pytest.mark.django_db

KINDS = ("review_form", "pledge")
API = {"review_form": "/api/v1/documents/{}/review-form", "pledge": "/api/v1/documents/{}/pledge"}


@pytest.fixture
def world(db):
    return make_world("权")


@pytest.fixture
def application(world):
    """Submitted and passed by the unit: at the department step."""
    return advance_to(world, submit_full(world, name="赵六", entries=1, photo=False), StepKind.DEPARTMENT)


def page(client, user, kind: str, pk) -> int:
    client.force_login(user)
    return client.get(reverse(f"documents:{kind}", args=[pk])).status_code


def api(client, user, kind: str, pk) -> int:
    return client.get(API[kind].format(pk), **bearer(user)).status_code


@pytest.mark.parametrize("kind", KINDS)
def test_the_applicant_downloads_their_own_after_submission(client, application, kind):
    client.force_login(application.applicant)
    response = client.get(reverse(f"documents:{kind}", args=[application.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;") and "filename*=utf-8''" in disposition
    assert "%E8%B5%B5%E5%85%AD" in disposition  # 赵六, percent-encoded (RFC 5987)
    assert "赵六" in pdf_text(response.content)

    response = client.get(API[kind].format(application.pk), **bearer(application.applicant))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("kind", KINDS)
def test_a_draft_never_submitted_is_not_found(client, world, kind):
    """The review form waits for 提交; the pledge is the applicant's from the saved cover on (it is
    uploaded before 提交: test_before_submission.py), but nobody else's."""
    applicant = make_ready_applicant(unit=world.unit)
    draft = application_save_cover(user=applicant, **cover_values(world.committee, world.series))
    own = 200 if kind == "pledge" else 404
    assert page(client, applicant, kind, draft.pk) == own
    assert api(client, applicant, kind, draft.pk) == own
    assert page(client, world.unit_admin, kind, draft.pk) == 404
    assert api(client, world.unit_admin, kind, draft.pk) == 404


@pytest.mark.parametrize("kind", KINDS)
def test_another_applicant_gets_not_found(client, world, application, kind):
    other = submit_full(world, entries=1, photo=False).applicant
    assert page(client, other, kind, application.pk) == 404
    response = client.get(API[kind].format(application.pk), **bearer(other))
    assert response.status_code == 404
    assert response.json()["detail"] == "未找到该申报。"


@pytest.mark.parametrize("kind", KINDS)
def test_reviewers_in_scope_download_it_at_any_step(client, world, application, kind):
    # The unit passed it (an earlier step), the department has it now.
    for reviewer in (world.unit_admin, world.department_reviewer):
        assert page(client, reviewer, kind, application.pk) == 200
        assert api(client, reviewer, kind, application.pk) == 200


@pytest.mark.parametrize("kind", KINDS)
def test_reviewers_out_of_scope_get_not_found(client, world, application, kind):
    other_world = make_world("外")
    # Not reached yet (district, committee), another district's and another unit's reviewers.
    for reviewer in (
        world.district_reviewer,
        world.committee_office,
        world.unit2_admin,
        other_world.unit_admin,
        other_world.department_reviewer,
        other_world.committee_office,
    ):
        assert page(client, reviewer, kind, application.pk) == 404, reviewer
        assert api(client, reviewer, kind, application.pk) == 404, reviewer


@pytest.mark.parametrize("kind", KINDS)
def test_the_committee_office_downloads_it_once_it_arrives(client, world, application, kind):
    advance_to(world, application, StepKind.COMMITTEE)
    assert page(client, world.committee_office, kind, application.pk) == 200
    assert api(client, world.committee_office, kind, application.pk) == 200


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_visitors_are_sent_to_login(client, application, kind):
    url = reverse(f"documents:{kind}", args=[application.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.get(API[kind].format(application.pk)).status_code == 401


@pytest.mark.parametrize("kind", KINDS)
def test_ids_that_do_not_exist_are_not_found(client, application, kind):
    assert page(client, application.applicant, kind, 999999) == 404
    for bad in ("999999", "abc", "-1"):
        assert api(client, application.applicant, kind, bad) == 404


def test_only_get(client, application):
    client.force_login(application.applicant)
    assert client.post(reverse("documents:review_form", args=[application.pk])).status_code == 405


def test_the_operation_ids(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"documents_review_form", "documents_pledge"} <= ids
