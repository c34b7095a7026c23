"""Seed 必读 (三)2: "经各高、中级评委会资格审查，拟同意提交评委会评审的申报人员，在报送省、市人力
资源和社会保障部门备案前，须……进行公示……公示无异议的方可提交备案". The 评前公示 takes only
applications that passed 资格审查; after it ends, its publisher records the filing (department,
date, document, receipt) of every applicant without an unresolved or upheld objection; the
committee's decision — today the 评审结果公示 — takes only filed applications."""

from __future__ import annotations

from datetime import date

import pytest

from applications.models import StepKind
from core.errors import Conflict, NotFound, ServiceError
from core.models import AuditLog
from publicity.models import FilingAuthority, PreReviewFiledApplication, PublicityKind
from publicity.selectors import candidates_for, notice_filing_rows, prereview_filed
from publicity.services import objection_handle, prereview_filing_create
from reviews.tests.factories import advance_to, pass_step, submit

from .factories import lodge, other_committee_office, png_upload, publish

pytestmark = pytest.mark.django_db

START, END = date(2026, 9, 7), date(2026, 9, 11)  # Mon..Fri: 5 working days, long past
DOCUMENT = "昆人社评备〔2026〕12号"


def past_notice(office, applications):
    return publish(office, applications, kind=PublicityKind.PRE_REVIEW, start=START, end=END, today=START)


def file(office, notice, **changes):
    values = {"filed_with": "city", "document_number": DOCUMENT, "filed_on": "2026-09-14", **changes}
    return prereview_filing_create(actor=office, notice_id=notice.pk, **values)


def another_screened(world, name):
    return pass_step(world, advance_to(world, submit(world, unit=world.unit2, name=name), StepKind.COMMITTEE))


def test_the_pre_review_notice_follows_the_qualification_review(world, at_committee, screened):
    office = world.committee_office
    assert list(candidates_for(actor=office, kind=PublicityKind.PRE_REVIEW)) == [screened]
    with pytest.raises(ServiceError) as caught:
        publish(office, [at_committee], kind=PublicityKind.PRE_REVIEW)
    assert "经资格审查（电子材料审核通过）" in caught.value.errors["application_ids"][0]


def test_a_clean_notice_is_filed_and_the_committee_may_then_decide(world, screened):
    office = world.committee_office
    notice = past_notice(office, [screened])
    filed, reason = prereview_filed(application=screened)
    assert not filed and "尚未登记报送省、市人社部门备案" in reason
    filing = file(office, notice, note="随文报送公示情况。", receipt=png_upload("回执.png"))
    assert filing.filed_with == FilingAuthority.CITY and filing.filed_by == office
    assert filing.receipt_content_type == "image/png" and "回执" not in filing.receipt.name
    assert list(filing.items.values_list("application_id", flat=True)) == [screened.pk]
    assert prereview_filed(application=screened) == (True, "")
    log = AuditLog.objects.get(action="prereview_filing_create")
    assert log.detail["application_ids"] == [screened.pk] and log.detail["document_number"] == DOCUMENT
    # Filed once: a second filing has nobody left to file.
    with pytest.raises(Conflict, match="没有可报送备案的申报人"):
        file(office, notice)


def test_filing_waits_for_the_end_of_the_notice(world, screened):
    office = world.committee_office
    notice = publish(office, [screened], kind=PublicityKind.PRE_REVIEW)  # open today
    filed, reason = prereview_filed(application=screened)
    assert not filed and "尚未结束" in reason
    with pytest.raises(Conflict, match="评前公示尚未结束"):
        file(office, notice)
    assert [row.state for row in notice_filing_rows(notice=notice)] == ["waiting"]


def test_every_field_error_at_once(world, screened):
    office = world.committee_office
    notice = past_notice(office, [screened])
    with pytest.raises(ServiceError) as caught:
        prereview_filing_create(
            actor=office,
            notice_id=notice.pk,
            filed_with="县人社局",
            document_number=" ",
            filed_on="2026-09-11",
            application_ids=[],
        )
    errors = caught.value.errors
    assert set(errors) == {"filed_with", "document_number", "filed_on", "application_ids"}
    assert errors["filed_on"] == ["报送备案日期应在公示结束（2026年9月11日）之后。"]
    assert errors["application_ids"] == ["请选择报送备案的申报人。"]
    with pytest.raises(ServiceError) as caught:
        file(office, notice, filed_on="2099-01-01")
    assert "不能晚于今天" in caught.value.errors["filed_on"][0]
    assert not PreReviewFiledApplication.objects.exists()


def test_an_objection_unresolved_or_upheld_keeps_the_applicant_from_being_filed(world, screened):
    office = world.committee_office
    held = another_screened(world, "孙八")
    upheld = another_screened(world, "李九")
    notice = past_notice(office, [screened, held, upheld])
    lodge(notice, held, today=date(2026, 9, 8))
    objection = lodge(notice, upheld, today=date(2026, 9, 9))
    objection_handle(
        actor=office,
        objection_id=objection.pk,
        status="concluded",
        verification="经核实，其业绩证明系伪造。",
        outcome="不予提交评审。",
        finding="upheld",
    )
    states = {row.entry.name: (row.state, row.reason) for row in notice_filing_rows(notice=notice)}
    assert states["赵六"] == ("eligible", "")
    assert states["孙八"][0] == "blocked" and "尚未办结" in states["孙八"][1]
    assert states["李九"][0] == "blocked" and "经核实成立" in states["李九"][1]
    # Choosing them is refused with the reasons, nothing is filed.
    with pytest.raises(Conflict) as caught:
        file(office, notice, application_ids=[screened.pk, upheld.pk])
    assert "李九：异议经核实成立，不能报送备案。" in caught.value.detail
    assert not PreReviewFiledApplication.objects.exists()
    # Without a choice: only the clean one.
    filing = file(office, notice)
    assert list(filing.items.values_list("application_id", flat=True)) == [screened.pk]
    filed, reason = prereview_filed(application=upheld)
    assert not filed and "经核实成立" in reason and "见《职称申报必读》（三）2" in reason
    assert "规则" not in reason
    filed, reason = prereview_filed(application=held)
    assert not filed and "尚未办结" in reason


def test_a_filed_application_is_no_result_notice_candidate_before_its_meeting(world, screened):
    """Issue 13 item 8: a 评审结果公示 lists 评审通过 applications only, generated from the round
    (evaluation/results.py; its own tests); a screened and filed application waits for the meeting
    and is on no result notice, and the generic 发布公示 refuses the kind with where to go."""
    office = world.committee_office
    other = another_screened(world, "孙八")
    assert prereview_filed(application=other) == (
        False,
        "尚未进行评前公示（见《职称申报必读》（三）2：经资格审查拟提交评委会评审的申报人员，"
        "在报送省、市人力资源和社会保障部门备案前须进行评前公示，公示期不少于5个工作日，"
        "公示无异议的方可提交备案）。",
    )
    notice = past_notice(office, [screened, other])
    file(office, notice, application_ids=[screened.pk])
    assert prereview_filed(application=screened) == (True, "")
    assert list(candidates_for(actor=office, kind=PublicityKind.RESULT)) == []
    with pytest.raises(ServiceError) as caught:
        publish(office, [screened], kind=PublicityKind.RESULT)
    assert "请在“评审批次 → 评审结果”中生成评审结果公示" in caught.value.errors["kind"][0]
    assert "见职称申报必读（三）2、3" in caught.value.errors["kind"][0]


def test_only_the_publisher_files(world, screened):
    notice = past_notice(world.committee_office, [screened])
    for outsider in (other_committee_office(), world.unit2_admin, screened.applicant):
        with pytest.raises(NotFound):
            file(outsider, notice)
    unit_notice = publish(world.unit_admin, [submit(world, name="钱七")])
    with pytest.raises(NotFound):
        file(world.committee_office, unit_notice)
