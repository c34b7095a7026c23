"""花名册: the filtered queue as .xlsx, read back with openpyxl."""

from __future__ import annotations

import io
from datetime import datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from accounts.auth import token_issue
from accounts.models import Role
from applications.models import StepKind
from core.validators import mask_id_number

from .factories import advance_to, bulk_in_review, make_world, submit

pytestmark = pytest.mark.django_db

HEADER = (
    "序号",
    "姓名",
    "身份证号",
    "联系电话",
    "工作单位",
    "最高学历",
    "现有职称及取得时间",
    "从事专业年限",
    "申报系列",
    "申报层级",
    "申报职称",
    "评委会",
    "当前环节",
    "状态",
    "提交时间",
)


def by_header(rows: list[tuple]) -> list[dict]:
    """The data rows as {header: value}."""
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


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
    row = {r["姓名"]: r for r in by_header(rows)}["赵一"]
    assert row["身份证号"] == first.applicant.id_number
    assert row["工作单位"] == world.unit.name and row["申报系列"] == world.series.name
    assert row["申报层级"] == "中级" and row["申报职称"] == "工程师"
    assert row["评委会"] == world.committee.name and row["状态"] == "审核中"
    assert row["当前环节"] == f"单位审核（{world.unit.name}）"
    # Real date cells (they sort and filter as dates) in the one date style, Beijing time.
    submitted = first.submitted_at.astimezone(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None, second=0)
    assert isinstance(row["提交时间"], datetime) and isinstance(row["送达时间"], datetime)
    assert row["提交时间"].replace(second=0, microsecond=0) == submitted.replace(microsecond=0)


def test_the_roster_times_read_in_the_one_date_style(client, world):
    submit(world, name="周五")
    client.force_login(world.unit_admin)
    response = client.get("/reviews/export/")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book["花名册"]
    headers = [cell.value for cell in sheet[1]]
    for header in ("提交时间", "送达时间"):
        cell = sheet.cell(row=2, column=headers.index(header) + 1)
        assert cell.is_date and cell.number_format == 'yyyy"年"m"月"d"日" hh:mm', header


def test_other_reviewers_get_masked_id_numbers_and_the_filters_apply(client, world):
    first = advance_to(world, submit(world, name="孙三"), StepKind.DEPARTMENT)
    advance_to(world, submit(world, name="李四"), StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    rows = sheet_rows(client.get("/reviews/export/", {"q": "孙"}))
    assert len(rows) == 2 and rows[1][1] == "孙三"
    assert rows[1][2] == mask_id_number(first.applicant.id_number)
    assert by_header(rows)[0]["当前环节"] == f"主管部门审核（{world.department.name}）"
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


# --- Issue 11.24: the columns a bureau works with; full ID numbers only where needed, audited ----


def _with_titles_and_schooling(world, name: str):
    """Submitted with two titles (助理工程师 2012, 工程师 2018) and three schoolings (本科 with 学士,
    a 高级工班 counted as 大专, a 硕士研究生 with 硕士) in the dossier."""
    from applications.services import application_save_cover
    from applications.state import application_submit
    from applications.tests.factories import cover_values, make_ready_applicant
    from dossier.models import DossierEntry
    from dossier.tests.factories import add_entries

    applicant = make_ready_applicant(unit=world.unit, name=name)
    DossierEntry.objects.filter(dossier__user=applicant, section__in=["current_titles", "education"]).delete()
    add_entries(applicant, "current_titles", 1)
    engineer = {"title_name": "工程师", "level": "intermediate", "obtained_on": "2018-06-15"}
    add_entries(applicant, "current_titles", 1, appointed_on="2018-07-01", **engineer)
    add_entries(applicant, "education", 1)
    add_entries(applicant, "education", 1, education="", technical_class="高级工班", degree="无")
    add_entries(
        applicant, "education", 1, education="硕士研究生", degree="硕士", start="2008-09", end="2011-07"
    )
    draft = application_save_cover(user=applicant, **cover_values(world.committee, world.series))
    return application_submit(application_id=draft.pk, actor=applicant)


def test_the_columns_a_bureau_works_with(client, world):
    application = _with_titles_and_schooling(world, "郑七")
    client.force_login(world.unit_admin)
    row = by_header(sheet_rows(client.get("/reviews/export/")))[0]
    assert row["联系电话"] == application.applicant.phone != ""
    assert row["最高学历"] == "硕士研究生（硕士）"
    assert row["现有职称及取得时间"] == "工程师（2018年6月）"
    years = application.snapshot["cover"]["service_years"]
    assert years and row["从事专业年限"] == years  # counted to the committee's month, as submitted
    assert (row["申报系列"], row["申报层级"], row["申报职称"]) == (world.series.name, "中级", "工程师")
    assert row["评委会"] == world.committee.name and row["工作单位"] == world.unit.name
    assert row["当前环节"] == f"单位审核（{world.unit.name}）" and row["状态"] == "审核中"


def test_the_roster_reads_the_submitted_dossier(client, world):
    from dossier.models import DossierEntry

    application = _with_titles_and_schooling(world, "冯八")
    DossierEntry.objects.filter(dossier__user=application.applicant, section="education").delete()
    client.force_login(world.unit_admin)
    assert by_header(sheet_rows(client.get("/reviews/export/")))[0]["最高学历"] == "硕士研究生（硕士）"


def test_schooling_and_titles_from_the_snapshot():
    from reviews.export import highest_education, highest_title

    def section(*entries):
        return {"entries": [{"fields": [{"key": k, "value": v} for k, v in e.items()]} for e in entries]}

    assert (
        highest_education(section({"education": "", "technical_class": "高级工班"})) == "高级工班（视同大专）"
    )
    assert highest_education(section({"education": "大专", "degree": "无"})) == "大专"
    assert highest_education(section()) == ""
    senior = {"title_name": "高级工程师", "level": "senior_associate", "obtained_on": "2020-01-02"}
    later = {"title_name": "工程师", "level": "intermediate", "obtained_on": "2022-03-04"}
    assert highest_title(section(later, senior)) == "高级工程师（2020年1月）"
    assert highest_title(section()) == "无"


def test_full_id_numbers_only_for_the_roles_that_need_them(client, world):
    from accounts.models import Role
    from reviews.permissions import sees_full_id_number
    from tests import factories

    application = advance_to(world, submit(world, name="卫九"), StepKind.COMMITTEE)
    number = application.applicant.id_number
    for reviewer, full in (
        (world.committee_office, True),  # photos named 身份证号+姓名, the paper check
        (world.department_reviewer, False),
        (world.district_reviewer, False),
    ):
        client.force_login(reviewer)
        rows = by_header(sheet_rows(client.get("/reviews/export/", {"tab": "handled" if not full else ""})))
        assert rows and rows[0]["身份证号"] == (number if full else mask_id_number(number)), reviewer
    assert sees_full_id_number(factories.make_user(role=Role.CITY_REVIEWER, organisation=world.district))
    assert not sees_full_id_number(factories.make_applicant())


def test_every_export_with_full_id_numbers_is_audited(client, world, django_capture_on_commit_callbacks):
    from core.models import AuditLog
    from exports.models import ExportJob, ExportKind
    from exports.services import export_create

    submit(world, name="蒋十")
    submit(world, name="沈十一")
    client.force_login(world.unit_admin)
    sheet_rows(client.get("/reviews/export/", {"q": "蒋"}))
    log = AuditLog.objects.get()
    assert log.actor == world.unit_admin and log.action == "export_full_id" and log.created_at
    assert log.detail == {
        "list": "花名册（待审核）",
        "filters": {"tab": "pending", "q": "蒋", "sort": "-time"},
        "rows": 1,
        "via": "download",
    }

    # Masked: nothing to audit.
    advance_to(world, submit(world, name="韩十二"), StepKind.DEPARTMENT)
    client.force_login(world.department_reviewer)
    sheet_rows(client.get("/reviews/export/"))
    assert AuditLog.objects.count() == 1

    # The export job: the same row, pointing at the job.
    with django_capture_on_commit_callbacks(execute=True):
        job = export_create(actor=world.unit_admin, kind=ExportKind.ROSTER, params={})
    log = AuditLog.objects.exclude(detail__via="download").get()
    assert log.target_type == "exports.exportjob" and log.target_id == str(job.pk)
    assert log.detail["rows"] == 2 and log.detail["via"] == "job"
    assert ExportJob.objects.get(pk=job.pk).status == "done"


def test_text_that_looks_like_a_formula_stays_text(client, world):
    from openpyxl import load_workbook

    from tests import factories

    unit = factories.make_unit(name='=HYPERLINK("http://example.com","点我")', district=world.district)
    admin = factories.make_user(role=Role.UNIT_ADMIN, organisation=unit, username="ua-formula")
    submit(world, unit=unit, name="杨十三")
    client.force_login(admin)
    content = b"".join(client.get("/reviews/export/").streaming_content)
    sheet = load_workbook(io.BytesIO(content))["花名册"]
    cell = sheet.cell(row=2, column=HEADER.index("工作单位") + 1)
    assert cell.value == unit.name and cell.data_type == "s" and cell.quotePrefix
