"""Who may export what, and nobody sees another user's job: 404 on the page, the download and
the API alike."""

from __future__ import annotations

import pytest

from core.errors import Forbidden
from exports.models import ExportJob, ExportKind
from exports.services import export_create
from reviews.tests.factories import city_reviewer, make_world, submit
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("权")


def _not_committee(world):
    return [
        ("申报人", factories.make_applicant()),
        ("技术支持", factories.make_support()),
        ("单位管理员", world.unit_admin),
        ("主管部门", world.department_reviewer),
        ("县区人社局", world.district_reviewer),
        ("市人社局", city_reviewer()),
    ]


@pytest.mark.parametrize("kind", [ExportKind.PHOTOS, ExportKind.REVIEW_FORMS])
def test_only_committee_offices_export_photos_and_review_forms(client, world, kind):
    for label, user in _not_committee(world):
        with pytest.raises(Forbidden):
            export_create(actor=user, kind=kind, params={})
        client.force_login(user)
        assert client.post("/exports/create/", {"kind": kind}).status_code == 404, label
        api = client.post(
            "/api/v1/exports/", {"kind": kind}, content_type="application/json", **factories.bearer(user)
        )
        assert api.status_code == 403, label
        assert api.json()["detail"] in (
            "只有评委会办事机构可以下载全部照片和申报评审表。",
            "导出只对审核单位开放。",
        )
    assert not ExportJob.objects.exists()


def test_applicants_and_support_cannot_export_a_roster(client, world):
    for user in (factories.make_applicant(), factories.make_support()):
        with pytest.raises(Forbidden) as raised:
            export_create(actor=user, kind=ExportKind.ROSTER, params={})
        assert raised.value.detail == "导出只对审核单位开放。"
        client.force_login(user)
        assert client.post("/exports/create/", {"kind": "roster"}).status_code == 404
    assert not ExportJob.objects.exists()


def test_another_users_job_is_not_found(client, world, django_capture_on_commit_callbacks):
    submit(world, name="甲某")
    with django_capture_on_commit_callbacks(execute=True):
        job = export_create(actor=world.unit_admin, kind=ExportKind.ROSTER, params={})
    job.refresh_from_db()
    assert job.is_ready
    other = world.unit2_admin  # a reviewer too, with jobs of its own
    with django_capture_on_commit_callbacks(execute=True):
        own = export_create(actor=other, kind=ExportKind.ROSTER, params={})
    client.force_login(other)
    assert client.get(f"/exports/{own.pk}/download/").status_code == 200
    assert client.get(f"/exports/{job.pk}/download/").status_code == 404
    assert client.get("/exports/987654/download/").status_code == 404
    page = client.get("/exports/").content.decode()
    assert job.filename in page  # the same name (same day, same tab)…
    assert f"/exports/{job.pk}/download/" not in page and f"/exports/{own.pk}/download/" in page
    headers = factories.bearer(other)
    for suffix in ("", "/file"):
        response = client.get(f"/api/v1/exports/{job.pk}{suffix}", **headers)
        missing = client.get(f"/api/v1/exports/987654{suffix}", **headers)
        assert response.status_code == missing.status_code == 404
        assert response.json() == missing.json() == {"detail": "未找到该导出文件。", "errors": {}}
    assert [row["id"] for row in client.get("/api/v1/exports/", **headers).json()] == [own.pk]


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get("/exports/").status_code == 302
    assert client.post("/exports/create/", {"kind": "roster"}).status_code == 302
    assert client.get("/api/v1/exports/1").status_code == 401
