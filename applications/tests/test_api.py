"""/api/v1/applications/: applications_create, applications_check, applications_submit,
applications_get, applications_history — the same services as the pages, Chinese errors."""

from __future__ import annotations

import pytest

from applications.models import Application, ApplicationStatus, ReviewEvent
from attachments.models import Attachment
from tests import factories
from tests.factories import bearer

from .factories import cover_values, make_ready_applicant
from .helpers import return_application

BASE = "/api/v1/applications"


def body(committee, series, **changes) -> dict:
    return cover_values(committee, series, **changes)


@pytest.mark.django_db
def test_the_operation_ids(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"]: (method, path)
        for path, item in schema["paths"].items()
        for method, op in item.items()
    }
    assert operations["applications_create"] == ("post", f"{BASE}/")
    assert operations["applications_history"] == ("get", f"{BASE}/history")
    assert operations["applications_get"] == ("get", f"{BASE}/{{application_id}}")
    assert operations["applications_check"] == ("get", f"{BASE}/{{application_id}}/check")
    assert operations["applications_submit"] == ("post", f"{BASE}/{{application_id}}/submit")
    assert operations["recognition_apply"] == ("post", f"{BASE}/recognition")
    assert operations["confirmation_apply"] == ("post", f"{BASE}/confirmation")


@pytest.mark.django_db
def test_create_check_submit_get_history(client, applicant, committee, series):
    auth = bearer(applicant)
    response = client.post(f"{BASE}/", body(committee, series), content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["status_label"] == "草稿"
    assert created["title"]["name"] == "工程师" and created["returns_remaining"] == 4
    pk = created["id"]

    updated = client.post(
        f"{BASE}/",
        {**body(committee, series, specialty="软件测试"), "application_id": pk},
        content_type="application/json",
        **auth,
    )
    assert updated.status_code == 200 and updated.json()["specialty"] == "软件测试"

    Attachment.objects.filter(owner=applicant, kind="pledge").delete()
    check = client.get(f"{BASE}/{pk}/check", **auth).json()
    assert check == {
        "complete": False,
        "missing": [
            {
                "section": "attachments",
                "message": "请在附件管理中上传“承诺书”。",
                "url": "/attachments/?kind=pledge",
            }
        ],
    }
    refused = client.post(f"{BASE}/{pk}/submit", **auth)
    assert refused.status_code == 400
    assert refused.json() == {
        "detail": "申报未提交：请在附件管理中上传“承诺书”。",
        "errors": {"missing": ["请在附件管理中上传“承诺书”。"]},
    }

    from .factories import add_attachment

    add_attachment(applicant, "pledge")
    assert client.get(f"{BASE}/{pk}/check", **auth).json() == {"complete": True, "missing": []}
    submitted = client.post(f"{BASE}/{pk}/submit", **auth)
    assert submitted.status_code == 200, submitted.content
    data = submitted.json()
    assert data["status"] == "in_review"
    assert data["current_step"]["kind"] == "unit" and data["current_step"]["current"] is True

    again = client.post(f"{BASE}/{pk}/submit", **auth)
    assert again.status_code == 409 and again.json()["detail"].startswith("已提交")
    assert ReviewEvent.objects.filter(application_id=pk).count() == 1

    got = client.get(f"{BASE}/{pk}", **auth).json()
    assert [s["kind"] for s in got["steps"]] == ["unit", "district", "committee"]
    assert [e["action_label"] for e in got["events"]] == ["提交"]
    assert got["events"][0]["organisation"]["name"] == applicant.organisation.name

    return_application(Application.objects.get(pk=pk), opinion="请补充。")
    history = client.get(f"{BASE}/history", **auth).json()
    assert len(history) == 1 and history[0]["status"] == "returned"
    assert [e["action"] for e in history[0]["events"]] == ["submit", "return"]
    assert history[0]["events"][1]["opinion"] == "请补充。"
    assert history[0]["returns_remaining"] == 3


@pytest.mark.django_db
def test_bad_input_gets_chinese_field_errors_never_a_500(client, applicant, committee, series):
    auth = bearer(applicant)
    response = client.post(
        f"{BASE}/",
        {"year": "abc", "series_id": "x", "level": "top", "committee_id": []},
        content_type="application/json",
        **auth,
    )
    assert response.status_code in (400, 422)
    errors = response.json()["errors"]
    assert errors
    response = client.post(
        f"{BASE}/", {"year": "abc", "series_id": "x", "level": "top"}, content_type="application/json", **auth
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["series_id"] == ["所选系列不存在，请重新选择。"]
    assert errors["level"] == ["申报层级不正确，请重新选择。"]
    assert errors["kind"] == ["请选择申报类别。"]
    assert not Application.objects.exists()
    response = client.post(f"{BASE}/", "not json", content_type="application/json", **auth)
    assert response.status_code in (400, 422) and "detail" in response.json()


@pytest.mark.django_db
def test_someone_elses_application_is_not_found_and_staff_are_refused(client, applicant, committee, series):
    application = Application.objects.create(
        **{
            "applicant": applicant,
            "unit": applicant.organisation,
            "year": cover_values(committee, series)["year"],
            "kind": "promotion",
            "series": series,
            "track": series.tracks.first(),
            "specialty": "软件工程",
            "level": "intermediate",
            "title": series.tracks.first().titles.get(level="intermediate"),
            "committee": committee,
        }
    )
    other = bearer(make_ready_applicant())
    for method, path in (
        ("get", f"{BASE}/{application.pk}"),
        ("get", f"{BASE}/{application.pk}/check"),
        ("post", f"{BASE}/{application.pk}/submit"),
        ("get", f"{BASE}/abc"),
    ):
        response = getattr(client, method)(path, **other)
        assert response.status_code == 404, (path, response.content)
        assert response.json()["detail"] == "未找到该申报。"
    response = client.post(
        f"{BASE}/",
        {**body(committee, series), "application_id": application.pk},
        content_type="application/json",
        **other,
    )
    assert response.status_code == 404
    assert client.get(f"{BASE}/history", **other).json() == []
    staff = bearer(factories.make_support())
    assert client.get(f"{BASE}/history", **staff).status_code == 403
    assert client.get(f"{BASE}/history").status_code == 401
    assert Application.objects.get().status == ApplicationStatus.DRAFT
