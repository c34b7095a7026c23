"""The pages: public list and notice (no sign-in, masked ID numbers, the objection form while open,
field messages with the input kept); the publisher's 公示管理 (list with objection counts, publish,
objections, handling); 404 for everyone else."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template

from applications.tests.helpers import page_text
from publicity.models import Objection, ObjectionStatus, Publicity, PublicityKind
from tests.html import unlabelled_controls

from .factories import lodge, open_period, other_committee_office, png_upload, publish

pytestmark = pytest.mark.django_db


def test_the_public_pages_show_masked_id_numbers_only(client, world, screened):
    notice = publish(world.committee_office, [screened], title="2026年工程系列中级评前公示")
    id_number = screened.applicant.id_number
    listing = client.get("/publicity/")
    assert listing.status_code == 200 and "2026年工程系列中级评前公示" in page_text(listing)
    response = client.get(f"/publicity/{notice.pk}/")
    assert response.status_code == 200
    text = page_text(response)
    assert id_number not in response.content.decode()
    assert f"{id_number[:6]}********{id_number[-4:]}" in text
    for value in (
        "赵六",
        world.unit2.name,
        "评前公示",
        "公示中",
        f"共 {notice.workdays} 个工作日",
        "提出异议",
    ):
        assert value in text
    assert unlabelled_controls(response.content.decode()) == []
    assert client.get("/publicity/?kind=unit").content.decode().count(notice.title) == 0
    assert client.get("/publicity/999999/").status_code == 404


def test_an_objection_from_the_page_keeps_the_input_on_errors(client, world, screened):
    notice = publish(world.committee_office, [screened])
    entry = notice.entries.get()
    response = client.post(
        f"/publicity/{notice.pk}/",
        {"entry_id": entry.pk, "objector_name": "王五", "objector_phone": "1380000", "facts": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "手机号码应为 11 位" in html and "请填写异议事实。" in html
    assert 'value="王五"' in html and 'value="1380000"' in html
    assert f'<option value="{entry.pk}" selected' in html
    assert not Objection.objects.exists()

    response = client.post(
        f"/publicity/{notice.pk}/",
        {
            "entry_id": entry.pk,
            "objector_name": "王五",
            "objector_phone": "13800001234",
            "facts": "其业绩材料与实际不符。",
            "attachment": png_upload(),
        },
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.application == screened and objection.attachment
    assert "异议已提交" in page_text(client.get(response.url))


def test_a_closed_or_upcoming_notice_has_no_objection_form(client, world, screened):
    closed = publish(world.committee_office, [screened], start=date(2026, 9, 7), end=date(2026, 9, 11))
    text = page_text(client.get(f"/publicity/{closed.pk}/"))
    assert "已结束" in text and "不再受理异议" in text and "提交异议" not in text
    response = client.post(
        f"/publicity/{closed.pk}/",
        {
            "entry_id": closed.entries.get().pk,
            "objector_name": "王五",
            "objector_phone": "13800001234",
            "facts": "x",
        },
    )
    assert response.status_code == 200 and not Objection.objects.exists()


def test_the_committee_office_publishes_and_handles(client, world, screened):
    office = world.committee_office
    client.force_login(office)
    page = client.get("/publicity/manage/new/?kind=pre_review")
    assert page.status_code == 200 and "赵六" in page_text(page)
    assert unlabelled_controls(page.content.decode()) == []
    start, end = open_period()
    # A bad period: the message names the count; the choices stay ticked.
    response = client.post(
        "/publicity/manage/new/",
        {
            "kind": "pre_review",
            "title": "评前公示",
            "start_date": start.isoformat(),
            "end_date": start.isoformat(),
            "application_ids": [screened.pk],
        },
    )
    assert response.status_code == 200 and "不少于5个工作日" in page_text(response)
    assert 'id="id_application_ids_0" checked' in response.content.decode()
    response = client.post(
        "/publicity/manage/new/",
        {
            "kind": "pre_review",
            "title": "评前公示",
            "body": "",
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "application_ids": [screened.pk],
        },
    )
    assert response.status_code == 302
    notice = Publicity.objects.get()
    assert notice.kind == PublicityKind.PRE_REVIEW and notice.publisher_committee == world.committee

    objection = lodge(notice)
    listing = page_text(client.get("/publicity/manage/"))
    assert "评前公示" in listing and "未办结 1 条" in listing
    detail = client.get(f"/publicity/manage/{notice.pk}/")
    assert "王五" in page_text(detail)
    page = client.get(f"/publicity/manage/objections/{objection.pk}/")
    assert page.status_code == 200 and "其论文系他人代写" in page_text(page)
    assert unlabelled_controls(page.content.decode()) == []
    response = client.post(f"/publicity/manage/objections/{objection.pk}/", {"status": "concluded"})
    text = page_text(response)
    assert response.status_code == 200 and "请填写核实情况。" in text
    assert "办结异议须写明核实结论：异议成立或异议不成立。" in text
    response = client.post(
        f"/publicity/manage/objections/{objection.pk}/",
        {
            "status": "concluded",
            "verification": "已核实。",
            "outcome": "异议不成立。",
            "finding": "not_upheld",
        },
    )
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.handling_status == ObjectionStatus.CONCLUDED and objection.handled_by == office
    assert objection.upheld is False
    assert "异议不成立" in page_text(client.get(f"/publicity/manage/objections/{objection.pk}/"))


def test_the_attachment_downloads_for_the_publisher_only(client, world, screened):
    objection = lodge(publish(world.committee_office, [screened]), attachment=png_upload())
    url = f"/publicity/manage/objections/{objection.pk}/attachment/"
    client.force_login(world.committee_office)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    client.force_login(other_committee_office())
    assert client.get(url).status_code == 404


def test_everyone_else_gets_404(client, world, screened):
    notice = publish(world.committee_office, [screened])
    objection = lodge(notice)
    urls = [
        f"/publicity/manage/{notice.pk}/",
        f"/publicity/manage/objections/{objection.pk}/",
    ]
    assert client.get(urls[0]).status_code == 302  # not signed in: to the login page
    for outsider in (
        other_committee_office(),
        world.unit2_admin,
        world.district_reviewer,
        screened.applicant,
    ):
        client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code == 404, (outsider, url)
    client.force_login(screened.applicant)
    assert client.get("/publicity/manage/").status_code == 404
    assert client.get("/publicity/manage/new/").status_code == 404


def test_the_review_page_include_shows_objections_and_outcomes(world, screened):
    from publicity.services import objection_handle

    objection = lodge(publish(world.committee_office, [screened]))
    template = Template("{% load publicity_tags %}{% application_objections application %}")
    html = template.render(Context({"application": screened}))
    assert "公示异议" in html and "尚未办结" in html and "其论文系他人代写" in html
    objection_handle(
        actor=world.committee_office,
        objection_id=objection.pk,
        status="concluded",
        verification="已核实。",
        outcome="异议不成立，继续评审。",
        finding="不成立",
    )
    html = template.render(Context({"application": screened}))
    assert "异议不成立，继续评审。" in html and "已办结" in html and "尚未办结" not in html
    assert template.render(Context({"application": world.apps.get("none")})).strip() == ""
