"""花名册: the filtered queue as .xlsx, read back with openpyxl."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from accounts.auth import token_issue
from applications.models import StepKind
from core.validators import mask_id_number

from .factories import advance_to, bulk_in_review, make_world, submit

pytestmark = pytest.mark.django_db

HEADER = (
    "序号",
    "姓名",
    "身份证号",
    "工作单位",
    "系列",
    "申报职称",
    "评委会",
    "状态",
    "当前环节",
    "提交时间",
)


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    content = b"".join(response.streaming_content)
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert book.sheetnames == ["花名册"]
    return list(book["花名册"].iter_rows(values_only=True))


@pytest.fixture
def world(db):
    return make_world("册")


def test_the_unit_exports_its_queue_with_full_id_numbers(client, world):
    first = submit(world, name="赵一")
    submit(world, name="钱二")
    client.force_login(world.unit_admin)
    response = client.get("/reviews/export/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert unquote(disposition.split("''")[1]).startswith("花名册_待审核_")
    rows = sheet_rows(response)
    assert rows[0] == (*HEADER, "送达时间")
    assert [r[0] for r in rows[1:]] == [1, 2]
    by_name = {r[1]: r for r in rows[1:]}
    row = by_name["赵一"]
    assert row[2] == first.applicant.id_number
    assert row[3] == world.unit.name and row[4] == world.series.name and row[5] == "工程师"
    assert row[6] == world.committee.name and row[7] == "审核中"
    assert row[8] == f"单位审核（{world.unit.name}）" and row[9].count(":") == 1 and row[10].count(":") == 1


def test_other_reviewers_get_masked_id_numbers_and_the_filters_apply(client, world):
    first = advance_to(world, submit(world, name="孙三"), StepKind.DEPARTMENT)
    advance_to(world, submit(world, name="李四"), StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    rows = sheet_rows(client.get("/reviews/export/", {"q": "孙"}))
    assert len(rows) == 2 and rows[1][1] == "孙三"
    assert rows[1][2] == mask_id_number(first.applicant.id_number)
    assert rows[1][8] == f"主管部门审核（{world.department.name}）"
    handled = sheet_rows(client.get("/reviews/export/", {"tab": "handled"}))
    assert handled == [(*HEADER, "办理时间")]  # the header only
    # The API gives the same file.
    token = token_issue(user=world.department_reviewer)
    api = client.get("/api/v1/reviews/export", {"q": "孙"}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert sheet_rows(api) == rows


def test_a_large_export_has_every_row(client, world):
    bulk_in_review(world, 260, at=StepKind.DISTRICT)
    client.force_login(world.district_reviewer)
    rows = sheet_rows(client.get("/reviews/export/", {"sort": "name"}))
    assert len(rows) == 261
    names = [r[1] for r in rows[1:]]
    assert names == sorted(names)


def test_wrong_filters_do_not_export(client, world):
    client.force_login(world.unit_admin)
    response = client.get("/reviews/export/", {"year": "abc"})
    assert response.status_code == 302
    followed = client.get(response["Location"])
    assert "筛选条件有误，请按提示修改后再导出花名册。" in followed.content.decode()
    token = token_issue(user=world.unit_admin)
    api = client.get("/api/v1/reviews/export", {"year": "abc"}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 400 and api.json()["errors"] == {"year": ["申报年度应为编号。"]}
