"""exports_create → exports_get → the file, as an API client with a bearer token."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from exports.models import ExportJob
from reviews.tests.factories import make_world
from tests import factories

from .helpers import at_committee_with_photo, job_zip

pytestmark = pytest.mark.django_db


def test_create_get_and_download(client, django_capture_on_commit_callbacks):
    world = make_world("接")
    application, _ = at_committee_with_photo(world, name="卫接")
    headers = factories.bearer(world.committee_office)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/v1/exports/",
            {"kind": "photos", "params": {"year": application.year}},
            content_type="application/json",
            **headers,
        )
    assert created.status_code == 201
    # In a test the "commit" is the end of the block above, after the answer: it says 排队中.
    assert created.json()["status"] == "queued" and created.json()["download_url"] is None
    got = client.get(f"/api/v1/exports/{created.json()['id']}", **headers)
    assert got.status_code == 200
    body = got.json()
    assert body["id"] == created.json()["id"]
    assert body["kind"] == "photos" and body["kind_label"] == "照片"
    assert body["status"] == "done" and body["status_label"] == "已完成" and body["error"] == ""
    assert body["params"] == {"committee": world.committee.pk, "year": application.year}
    assert body["done"] == body["total"] == 1 and body["percent"] == 100
    assert body["download_url"] == f"/api/v1/exports/{body['id']}/file"
    listed = client.get("/api/v1/exports/", **headers)
    assert [row["id"] for row in listed.json()] == [body["id"]]
    file = client.get(body["download_url"], **headers)
    assert file.status_code == 200 and file["Content-Type"] == "application/zip"
    assert unquote(file["Content-Disposition"].split("''")[1]) == body["filename"]
    content = b"".join(file.streaming_content)
    assert len(content) == body["size"]
    job = ExportJob.objects.get(pk=body["id"])
    assert job_zip(job).namelist() == [f"{application.applicant.id_number}卫接.jpg"]


def test_a_queued_job_has_no_download_yet(client, django_capture_on_commit_callbacks):
    world = make_world("待")
    headers = factories.bearer(world.district_reviewer)
    with django_capture_on_commit_callbacks(execute=False):  # the queue has not taken it yet
        created = client.post(
            "/api/v1/exports/",
            {"kind": "roster", "params": {"tab": "handled"}},
            content_type="application/json",
            **headers,
        )
    body = created.json()
    assert created.status_code == 201 and body["status"] == "queued" and body["status_label"] == "排队中"
    assert body["download_url"] is None and body["total"] is None and body["percent"] == 0
    assert client.get(f"/api/v1/exports/{body['id']}/file", **headers).status_code == 404


def test_the_schema_names_the_export_operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = [
        (op["operationId"], method, path)
        for path, item in schema["paths"].items()
        for method, op in item.items()
    ]
    ids = [op for op, _method, _path in operations]
    assert len(ids) == len(set(ids))
    found = {op: (method, path) for op, method, path in operations if op.startswith("exports_")}
    assert found == {
        "exports_create": ("post", "/api/v1/exports/"),
        "exports_list": ("get", "/api/v1/exports/"),
        "exports_get": ("get", "/api/v1/exports/{job_id}"),
        "exports_file": ("get", "/api/v1/exports/{job_id}/file"),
    }
