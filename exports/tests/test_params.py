"""Bad parameters: every problem at once, in Chinese, next to its field; nothing is queued."""

from __future__ import annotations

import pytest

from core.errors import ServiceError
from exports.models import ExportJob, ExportKind
from exports.services import export_create
from reviews.tests.factories import make_world
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("参")


def test_roster_filters_are_checked_like_the_queue(world):
    with pytest.raises(ServiceError) as raised:
        export_create(
            actor=world.district_reviewer,
            kind=ExportKind.ROSTER,
            params={"tab": "all", "year": "abc", "level": "x", "sort": "id"},
        )
    assert raised.value.status == 400
    assert raised.value.errors == {
        "tab": ["只能选择“待审核”或“已审核”。"],
        "year": ["申报年度应为编号。"],
        "level": ["申报层级不正确。"],
        "sort": ["排序方式不正确。"],
    }
    assert not ExportJob.objects.exists()


def test_unknown_kind_and_other_committee(world):
    with pytest.raises(ServiceError) as raised:
        export_create(actor=world.committee_office, kind="everything", params={})
    assert raised.value.errors == {"kind": ["请选择导出内容：花名册、照片或申报评审表。"]}
    with pytest.raises(ServiceError) as raised:
        export_create(
            actor=world.committee_office,
            kind=ExportKind.PHOTOS,
            params={"committee": world.committee.pk + 1000, "year": "1900"},
        )
    assert raised.value.errors == {"committee": ["只能导出本评委会的申报。"], "year": ["申报年度不正确。"]}
    assert raised.value.detail == "导出条件有误，请按提示修改。"
    assert not ExportJob.objects.exists()


def test_the_api_answers_400_with_field_messages(client, world):
    headers = factories.bearer(world.committee_office)
    response = client.post(
        "/api/v1/exports/",
        {"kind": "review_forms", "params": {"year": "明年"}},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "导出条件有误，请按提示修改。",
        "errors": {"year": ["申报年度应为数字，如 2026。"]},
    }
    response = client.post("/api/v1/exports/", {"kind": ""}, content_type="application/json", **headers)
    assert response.status_code == 400 and response.json()["errors"] == {
        "kind": ["请选择导出内容：花名册、照片或申报评审表。"]
    }


def test_the_page_goes_back_with_the_messages(client, world):
    client.force_login(world.district_reviewer)
    response = client.post(
        "/exports/create/", {"kind": "roster", "year": "abc", "next": "/reviews/?year=abc"}, follow=True
    )
    assert response.redirect_chain == [("/reviews/?year=abc", 302)]
    page = response.content.decode()
    assert "筛选条件有误，请按提示修改。" in page and "申报年度应为编号。" in page
    # An address of another site is never followed.
    response = client.post(
        "/exports/create/", {"kind": "roster", "year": "abc", "next": "https://example.com/"}
    )
    assert response["Location"] == "/exports/"
    assert not ExportJob.objects.exists()


def test_too_many_jobs_at_once_are_refused(world, django_capture_on_commit_callbacks):
    from exports.services import MAX_PENDING

    with django_capture_on_commit_callbacks(execute=False):  # never run: they stay queued
        for _ in range(MAX_PENDING):
            export_create(actor=world.district_reviewer, kind=ExportKind.ROSTER, params={})
        with pytest.raises(ServiceError) as raised:
            export_create(actor=world.district_reviewer, kind=ExportKind.ROSTER, params={})
    assert raised.value.status == 409 and "正在生成" in raised.value.detail
