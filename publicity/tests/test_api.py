"""/api/v1/publicity/: the operationIds, reading without sign-in, publishing and handling with a
bearer token, an objection without sign-in (multipart), 404 outside the publisher."""

from __future__ import annotations

import pytest

from publicity.models import Objection, ObjectionStatus, Publicity
from tests.factories import bearer

from .factories import OBJECTOR, lodge, open_period, other_committee_office, png_upload, publish

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "publicity_list": ("get", "/api/v1/publicity/"),
    "publicity_create": ("post", "/api/v1/publicity/"),
    "publicity_objection_handle": ("post", "/api/v1/publicity/objections/{objection_id}/handle"),
    "publicity_get": ("get", "/api/v1/publicity/{notice_id}"),
    "publicity_objection_create": ("post", "/api/v1/publicity/{notice_id}/objections"),
    "publicity_prereview_filing_state": (
        "get",
        "/api/v1/publicity/applications/{application_id}/prereview-filing",
    ),
    "publicity_prereview_filings_list": ("get", "/api/v1/publicity/{notice_id}/filings"),
    "publicity_prereview_filing_create": ("post", "/api/v1/publicity/{notice_id}/filings"),
}


def test_the_operation_ids_are_published(client):
    schema = client.get("/api/v1/openapi.json").json()
    found = {
        op["operationId"]: (method, path)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if op.get("operationId", "").startswith("publicity_")
    }
    assert found == OPERATIONS


def test_reading_needs_no_sign_in_and_masks_id_numbers(client, world, screened):
    notice = publish(world.committee_office, [screened])
    listing = client.get("/api/v1/publicity/?kind=pre_review")
    assert listing.status_code == 200
    assert [item["id"] for item in listing.json()["items"]] == [notice.pk]
    assert listing.json()["items"][0]["state"] == "open"
    body = client.get(f"/api/v1/publicity/{notice.pk}").json()
    assert body["workdays"] == notice.workdays and body["publisher"] == world.committee.name
    id_number = screened.applicant.id_number
    assert body["entries"][0]["id_number_masked"] == f"{id_number[:6]}********{id_number[-4:]}"
    assert id_number not in str(body)
    assert client.get("/api/v1/publicity/abc").status_code == 404


def test_publish_object_and_handle_through_the_api(client, world, screened):
    office = world.committee_office
    start, end = open_period()
    payload = {
        "kind": "pre_review",
        "title": "评前公示",
        "start_date": start.isoformat(),
        "end_date": start.isoformat(),
        "application_ids": [screened.pk],
    }
    assert client.post("/api/v1/publicity/", payload, content_type="application/json").status_code == 401
    refused = client.post("/api/v1/publicity/", payload, content_type="application/json", **bearer(office))
    assert refused.status_code == 400 and "不少于5个工作日" in refused.json()["errors"]["end_date"][0]
    payload["end_date"] = end.isoformat()
    created = client.post("/api/v1/publicity/", payload, content_type="application/json", **bearer(office))
    assert created.status_code == 201, created.json()
    notice_id = created.json()["id"]
    entry_id = created.json()["entries"][0]["id"]

    bad = client.post(
        f"/api/v1/publicity/{notice_id}/objections", {"entry_id": entry_id, "objector_phone": "123"}
    )
    assert bad.status_code == 400 and {"objector_name", "objector_phone", "facts"} <= set(
        bad.json()["errors"]
    )
    made = client.post(
        f"/api/v1/publicity/{notice_id}/objections",
        {"entry_id": entry_id, **OBJECTOR, "attachment": png_upload()},
    )
    assert made.status_code == 201, made.json()
    objection_id = made.json()["id"]
    assert Objection.objects.get(pk=objection_id).attachment

    url = f"/api/v1/publicity/objections/{objection_id}/handle"
    outsider = client.post(
        url, {"status": "accepted"}, content_type="application/json", **bearer(other_committee_office())
    )
    assert outsider.status_code == 404
    no_finding = client.post(
        url,
        {"status": "concluded", "verification": "已核实。", "outcome": "异议不成立。"},
        content_type="application/json",
        **bearer(office),
    )
    assert no_finding.status_code == 400 and "finding" in no_finding.json()["errors"]
    handled = client.post(
        url,
        {
            "status": "concluded",
            "verification": "已核实。",
            "outcome": "异议不成立。",
            "finding": "not_upheld",
        },
        content_type="application/json",
        **bearer(office),
    )
    assert handled.status_code == 200 and handled.json()["status"] == ObjectionStatus.CONCLUDED
    assert handled.json()["upheld"] is False and handled.json()["finding_label"] == "异议不成立"
    again = client.post(url, {"status": "accepted"}, content_type="application/json", **bearer(office))
    assert again.status_code == 409


def test_an_outsider_cannot_put_applications_of_another_jurisdiction_on_a_notice(client, world, screened):
    start, end = open_period()
    payload = {
        "kind": "pre_review",
        "title": "评前公示",
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "application_ids": [screened.pk],
    }
    response = client.post(
        "/api/v1/publicity/", payload, content_type="application/json", **bearer(other_committee_office())
    )
    assert (
        response.status_code == 400 and "不在可公示范围内" in response.json()["errors"]["application_ids"][0]
    )
    response = client.post(
        "/api/v1/publicity/", payload, content_type="application/json", **bearer(screened.applicant)
    )
    assert response.status_code == 403
    # A 评审结果公示 is generated from a round (评审批次 → 评审结果), not published here.
    response = client.post(
        "/api/v1/publicity/",
        {**payload, "kind": "result"},
        content_type="application/json",
        **bearer(world.committee_office),
    )
    assert response.status_code == 400 and "评审批次 → 评审结果" in response.json()["errors"]["kind"][0]
    assert not Publicity.objects.exists()


def test_an_objection_to_a_closed_notice_is_refused(client, world, screened):
    from datetime import date

    notice = publish(world.committee_office, [screened], start=date(2026, 9, 7), end=date(2026, 9, 11))
    response = client.post(
        f"/api/v1/publicity/{notice.pk}/objections", {"entry_id": notice.entries.get().pk, **OBJECTOR}
    )
    assert response.status_code == 409 and "已于 2026年9月11日 24:00 结束" in response.json()["detail"]
    assert lodge  # the helper is shared with the service tests


def test_the_schemas_keep_their_own_names(client):
    """Two schemas of one name are merged in the OpenAPI document: the notice's entry, notice and
    the unit's 单位公示 / 基层意见 each have their own."""
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "achievements" in schemas["PublicityEntryOut"]["properties"]
    assert "achievements" not in schemas["EntryOut"]["properties"]  # the dossier's entry
    assert "entry_count" in schemas["PublicityNoticeOut"]["properties"]
    assert "application_id" in schemas["UnitPublicityOut"]["properties"]
    assert "application_id" in schemas["UnitRecommendationOut"]["properties"]
