"""Jurisdiction (issue 4 item 10): two complete sets of organisations, reviewers and applications
at every step; every review URL and every reviews API endpoint is walked as every role against
every application the role may not see. Each answers 404 (exactly as for an id that does not
exist), lists and exports never show it, its attachments stay closed, and nothing changes.
The applications the role may see are checked too, so the test cannot pass by seeing nothing."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from applications.models import Application, ReviewEvent, StepKind
from applications.services import application_save_cover
from applications.state import application_submit
from applications.tests.factories import city_bureau, cover_values, make_open_committee, make_ready_applicant
from attachments.services import photo_upload
from attachments.tests import corpus
from catalog.models import Level
from tests import factories

from .factories import advance_to, city_reviewer, make_world, populate

pytestmark = pytest.mark.django_db

MISSING_ID = 987654321


def _provincial(world, *, to_kind=None):
    """A provincial application of the world's first unit (its route passes the city bureau)."""
    committee = make_open_committee(
        world.series,
        Level.INTERMEDIATE,
        provincial=True,
        organiser=world.department,
        name=f"{world.tag}省级评委会",
    )
    applicant = make_ready_applicant(unit=world.unit, name=f"{world.tag}省")
    data = corpus.photo_in_range(12, 28, size=(296, 414))
    photo_upload(user=applicant, uploaded_file=corpus.upload("照片.jpg", data, "image/jpeg"))
    draft = application_save_cover(user=applicant, **cover_values(committee, world.series))
    application = application_submit(application_id=draft.pk, actor=applicant)
    if to_kind:
        application = advance_to(world, application, to_kind)
    application.refresh_from_db()
    return application


@pytest.fixture
def worlds(db):
    city_bureau()
    a = populate(make_world("甲"))
    b = populate(make_world("乙"))
    a.apps["provincial"] = _provincial(a, to_kind=StepKind.CITY)
    b.apps["provincial"] = _provincial(b)
    return a, b


def _roles(a, b):
    """(label, user, keys of set A it may see) — nothing of set B is visible to anyone."""
    return [
        ("申报人", a.applicants["at_unit"], set()),
        ("单位管理员", a.unit_admin, {"at_unit", "at_department", "at_district", "returned", "provincial"}),
        ("单位管理员（非公）", a.unit2_admin, {"at_committee"}),
        ("主管部门", a.department_reviewer, {"at_department", "at_district", "returned", "provincial"}),
        ("县区人社局", a.district_reviewer, {"at_district", "at_committee", "provincial"}),
        ("评委会办事机构", a.committee_office, {"at_committee"}),
        ("市人社局", city_reviewer(), {"provincial"}),
        ("技术支持", factories.make_support(), set()),
    ]


def _snapshot_attachment_ids(application) -> list[int]:
    return [item["id"] for item in application.snapshot["attachments"]]


def _state(applications):
    return {
        a.pk: (a.status, a.current_step_id)
        for a in Application.objects.filter(pk__in=[x.pk for x in applications])
    }, ReviewEvent.objects.count()


def _xlsx_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    book = load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row if v is not None)


def _table(response) -> str:
    html = response.content.decode()
    return html[html.index("<tbody>") : html.index("</tbody>")]


def _same_as_missing(client, method, url_for, body_for=None):
    """The answer for `url_for(id)` must equal the answer for an id that does not exist."""

    def call(pk):
        url = url_for(pk)
        if method == "get":
            return client.get(url)
        data = body_for(pk) if body_for else {}
        if url.startswith("/api/"):
            return client.post(url, data, content_type="application/json")
        return client.post(url, data)

    return call


def test_no_role_sees_anything_outside_its_jurisdiction(client, worlds):
    a, b = worlds
    every = list(a.apps.values()) + list(b.apps.values())
    for label, user, visible_keys in _roles(a, b):
        client.force_login(user)
        visible = {a.apps[key].pk for key in visible_keys}
        foreign = [app for app in every if app.pk not in visible]
        before = _state(every)

        # What the role may see really is visible (the test is not vacuous).
        for key in visible_keys:
            app = a.apps[key]
            assert client.get(f"/reviews/{app.pk}/").status_code == 200, (label, key)
            assert client.get(f"/api/v1/reviews/{app.pk}").status_code == 200, (label, key)
            for attachment_id in _snapshot_attachment_ids(app)[:1]:
                assert client.get(f"/attachments/{attachment_id}/?inline=1").status_code == 200, (label, key)

        queue_pages = [client.get("/reviews/", {"tab": tab, "page": 1}) for tab in ("pending", "handled")]
        api_lists = [
            client.get("/api/v1/reviews/", {"tab": tab, "page_size": 100}) for tab in ("pending", "handled")
        ]
        listed_ids = set()
        for response in queue_pages:
            if response.status_code == 200:
                listed_ids |= {row["id"] for row in response.context["rows"]}
            else:
                assert response.status_code == 404, label
        for response in api_lists:
            if response.status_code == 200:
                listed_ids |= {row["id"] for row in response.json()["results"]}
            else:
                assert response.status_code == 403, label
        assert listed_ids == visible, label

        for app in foreign:
            name = app.applicant.name
            where = (label, name, app.status)
            # Pages: detail, act (GET and POST), batch pass — the same 404 as a missing id.
            for method, url_for, body_for in (
                ("get", lambda pk: f"/reviews/{pk}/", None),
                ("get", lambda pk: f"/reviews/{pk}/act/", None),
                (
                    "post",
                    lambda pk: f"/reviews/{pk}/act/",
                    lambda pk: {"action": "pass", "opinion": "同意。"},
                ),
                (
                    "post",
                    lambda pk: f"/reviews/{pk}/act/",
                    lambda pk: {"action": "reject", "opinion": "不同意。"},
                ),
                ("post", lambda pk: "/reviews/batch-pass/", lambda pk: {"ids": [pk], "opinion": "同意。"}),
            ):
                call = _same_as_missing(client, method, url_for, body_for)
                response, missing = call(app.pk), call(MISSING_ID)
                assert response.status_code == 404, where
                assert missing.status_code == 404, where
            # API: get, act, batch pass — the same status and body as a missing id.
            for method, url_for, body_for in (
                ("get", lambda pk: f"/api/v1/reviews/{pk}", None),
                (
                    "post",
                    lambda pk: f"/api/v1/reviews/{pk}/act",
                    lambda pk: {"action": "pass", "opinion": "同意。"},
                ),
                (
                    "post",
                    lambda pk: f"/api/v1/reviews/{pk}/act",
                    lambda pk: {
                        "action": "return",
                        "opinion": "请修改。",
                        "items": [{"section": "basic", "comment": "补充"}],
                        "deadline": "2099-01-01",
                        "confirm_late": True,
                    },
                ),
                (
                    "post",
                    lambda pk: "/api/v1/reviews/batch-pass",
                    lambda pk: {"ids": [pk], "opinion": "同意。"},
                ),
            ):
                call = _same_as_missing(client, method, url_for, body_for)
                response, missing = call(app.pk), call(MISSING_ID)
                assert response.status_code in (403, 404), where
                assert (response.status_code, response.json()) == (missing.status_code, missing.json()), where
                if "batch-pass" not in url_for(0) or user.role == "unit_admin":
                    assert response.status_code == 404, where

            # Lists: searched by its name and by its ID number (page and API, both tabs).
            for params in ({"q": name}, {"q": app.applicant.id_number}):
                for tab in ("pending", "handled"):
                    query = {**params, "tab": tab}
                    page = client.get("/reviews/", query)
                    if page.status_code == 200:
                        assert app.pk not in {row["id"] for row in page.context["rows"]}, where
                        assert name not in _table(page), where
                    api = client.get("/api/v1/reviews/", query)
                    if api.status_code == 200:
                        assert app.pk not in {row["id"] for row in api.json()["results"]}, where

            # The files its snapshot names stay closed (page and API), like a missing attachment
            # (the owner and technical support keep their access: attachments.permissions).
            for attachment_id in (_snapshot_attachment_ids(app) if app.snapshot else [])[:2]:
                if user.pk == app.applicant_id or user.role == "support":
                    continue
                assert client.get(f"/attachments/{attachment_id}/?inline=1").status_code == 404, where
                response = client.get(f"/api/v1/attachments/{attachment_id}/file")
                missing = client.get(f"/api/v1/attachments/{MISSING_ID}/file")
                assert (response.status_code, response.json()) == (missing.status_code, missing.json()), where

        # Filtered by a foreign unit or committee, and the 花名册 of each tab (page and API).
        foreign_names = {app.applicant.name for app in foreign}
        filters = [{}]
        filters += [{"unit": str(pk)} for pk in {app.unit_id for app in foreign}]
        filters += [{"committee": str(pk)} for pk in {app.committee_id for app in foreign}]
        for params in filters:
            for tab in ("pending", "handled"):
                query = {**params, "tab": tab}
                page = client.get("/reviews/", query)
                if page.status_code == 200:
                    assert not {row["id"] for row in page.context["rows"]} - visible, (label, query)
                api = client.get("/api/v1/reviews/", query)
                if api.status_code == 200:
                    assert not {row["id"] for row in api.json()["results"]} - visible, (label, query)
                if params:
                    continue
                export = client.get("/reviews/export/", query)
                if export.status_code == 200:
                    text = _xlsx_text(export)
                    assert not [n for n in foreign_names if n in text], (label, query)
                else:
                    assert export.status_code == 404, label
                export_api = client.get("/api/v1/reviews/export", query)
                if export_api.status_code == 200:
                    text = _xlsx_text(export_api)
                    assert not [n for n in foreign_names if n in text], (label, query)
                else:
                    assert export_api.status_code == 403, label

        # Nothing changed anywhere.
        assert _state(every) == before, label
        client.logout()


def test_anonymous_users_are_sent_to_login_or_refused(client, worlds):
    a, _ = worlds
    app = a.apps["at_unit"]
    for url in ("/reviews/", f"/reviews/{app.pk}/", "/reviews/export/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login" in response["Location"]
    assert client.get(f"/api/v1/reviews/{app.pk}").status_code == 401
    assert client.get("/api/v1/reviews/").status_code == 401


def test_a_unit_never_sees_a_draft_that_was_never_submitted(client, worlds):
    a, _ = worlds
    client.force_login(a.unit_admin)
    draft = a.apps["draft"]
    assert client.get(f"/reviews/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/reviews/{draft.pk}").status_code == 404


def test_the_city_bureau_waits_for_the_provincial_result_of_what_it_passed(client, db):
    """The city bureau reviews at its own step and records the provincial committee's result: an
    application it passed is waiting for it again at the provincial step, not among the handled."""
    from applications.state import application_pass

    city_bureau()
    world = make_world("省")
    application = _provincial(world, to_kind=StepKind.CITY)
    client.force_login(city_reviewer())
    assert [r["name"] for r in client.get("/reviews/").context["rows"]] == ["省省"]
    application_pass(application_id=application.pk, actor=city_reviewer(), opinion="同意报送省评委会。")
    pending = client.get("/reviews/")
    assert [r["name"] for r in pending.context["rows"]] == ["省省"]
    assert pending.context["counts"]["pending"] == 1 and pending.context["counts"]["handled"] == 0
    assert pending.context["rows"][0]["current_step"]["kind"] == StepKind.PROVINCIAL
    application_pass(application_id=application.pk, actor=city_reviewer(), opinion="省评委会评审通过。")
    handled = client.get("/reviews/", {"tab": "handled"})
    assert [r["name"] for r in handled.context["rows"]] == ["省省"]  # one row for its two steps
    assert handled.context["counts"] == {"pending": 0, "handled": 1, "selected": 1}
