"""会议纪要 (rule 32): refused before the meeting is closed; the office's 存档本 names the experts
present, the 公开本 names none; the counts, the quorum and the opinion summary appear; generated
once and served from the storage (same bytes, no new row, sha256 of the stored file); who may have
which copy; the page and the API answer application/pdf; long texts wrap inside the table."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Role
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from core.models import AuditLog
from documents.linebreak import CJKParagraph
from documents.pdf import FRAME_WIDTH
from documents.tests.factories import pdf_pages, pdf_text, render_png
from evaluation import meeting, minutes, opinions
from evaluation.minutes_models import MeetingMinutes, MinutesCopy
from evaluation.minutes_pdf import minutes_story
from tests import factories
from tests.factories import bearer

from .factories import make_expert, make_office_user
from .test_meeting import drawn_round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]

NAMES = ["欧阳明远", "司马清和", "诸葛文静", "上官立新"]
UNITS = ["滇池理工研究院", "春城建筑设计院", "翠湖软件学院", "金马材料研究所"]
APPLICANTS = ["张明华", "李春燕"]


def _text(content: bytes) -> str:
    return pdf_text(content)


def meeting_ready(*, close: bool = True):
    """4 experts drawn (distinct names and units), 3 present (the 4th absent), 2 applications:
    the first passes 3–0, the second fails 1–2; two written opinions on the first."""
    committee, office, row, drawn, entries = drawn_round(members=4, applications=2)
    for expert, name, unit in zip(drawn, NAMES, UNITS, strict=True):
        expert.name, expert.unit_name = name, unit
        expert.save(update_fields=["name", "unit_name"])
    for entry, name in zip(entries, APPLICANTS, strict=True):
        entry.application.applicant.name = name
        entry.application.applicant.save(update_fields=["name"])
    opinions.opinion_put(
        actor=drawn[0].user,
        entry_id=entries[0].pk,
        text="业绩突出",
        recommendation="pass",
        scores={"achievements": 85},
    )
    opinions.opinion_put(actor=drawn[1].user, entry_id=entries[0].pk, text="成果不足", recommendation="fail")
    meeting.meeting_open(actor=office, round_id=row.pk, chair_id=drawn[0].pk)
    meeting.meeting_attendance(actor=office, round_id=row.pk, present=[e.pk for e in drawn[:3]])
    for i, expert in enumerate(drawn[:3]):
        meeting.ballots_cast(actor=expert.user, entry_id=entries[0].pk, choice="agree")
        meeting.ballots_cast(
            actor=expert.user, entry_id=entries[1].pk, choice="agree" if i == 0 else "disagree"
        )
    if close:
        meeting.meeting_close(actor=office, round_id=row.pk)
    return committee, office, row, drawn, entries


def test_refused_before_the_meeting_is_closed():
    _c, office, row, drawn, _e = drawn_round(members=3)
    with pytest.raises(Conflict, match="评审会议尚未开始"):
        minutes.minutes_download(actor=office, round_id=row.pk)
    _c, office, row, drawn, _e = meeting_ready(close=False)
    with pytest.raises(Conflict) as err:
        minutes.minutes_download(actor=office, round_id=row.pk)
    assert err.value.detail.startswith(
        f"评审批次“{row.name}”的评审会议尚未结束；结束评审会议、确定表决结果后才能生成会议纪要。"
    )
    assert "人社部令第40号" in err.value.detail
    with pytest.raises(Conflict, match="尚未结束"):
        minutes.minutes_download(actor=drawn[0].user, round_id=row.pk)
    assert not MeetingMinutes.objects.exists()


def test_office_copy_names_the_experts_present_the_public_copy_none():
    committee, office, row, _d, entries = meeting_ready()
    office_text = _text(minutes.minutes_download(actor=office, round_id=row.pk).content)
    public_text = _text(minutes.minutes_download(actor=office, round_id=row.pk, copy="public").content)
    for name, unit in zip(NAMES[:3], UNITS[:3], strict=True):
        assert name in office_text and unit in office_text
    assert NAMES[3] not in office_text  # absent: not in the minutes
    for text in NAMES + UNITS:
        assert text not in public_text
    assert "出席评审会议的评审专家共 3 人" in public_text
    for text in (office_text, public_text):
        assert f"{committee.name}评审会议纪要" in text
        assert row.name in text
        assert "出席 3 人，达到评审委员会人数 4 人的三分之二（至少 3 人）" in text
        assert "评审 2 人，通过 1 人，未通过 1 人" in text
        for entry in entries:
            assert entry.application.applicant.name in text
        assert "主持人签字" in text and "评审委员会（盖章）" in text
    assert "办事机构存档本" in office_text and "公开本" in public_text


def test_counts_and_opinion_summary_per_application():
    _c, office, row, _d, entries = meeting_ready()
    data = minutes.minutes_data(row=row, meeting=row.meeting)
    by_entry = {r.tally.entry_id: r for r in data.rows}
    first, second = by_entry[entries[0].pk], by_entry[entries[1].pk]
    assert (first.tally.agree, first.tally.disagree, first.tally.present) == (3, 0, 3)
    assert (second.tally.agree, second.tally.disagree) == (1, 2)
    text = _text(minutes.minutes_download(actor=office, round_id=row.pk).content)
    lines = text.splitlines()
    # the table's row of the first application: its counts, then 有效出席 and 通过
    name = entries[0].application.applicant.name
    at = next(i for i, line in enumerate(lines) if name in line)
    row_text = " ".join(lines[at : at + 8])
    assert "建议通过 1 人" in row_text and "建议不通过 1 人" in row_text
    assert "应评议" in text  # 4 expected in the group, 2 wrote
    assert "平均分" in text and "85.0" in text
    assert "3 0 0 3 通过" in text.replace("\n", " ")
    assert "1 2 0 3 未通过" in text.replace("\n", " ")


def test_generated_once_then_served_from_the_storage():
    _c, office, row, drawn, _e = meeting_ready()
    first = minutes.minutes_download(actor=office, round_id=row.pk)
    assert MeetingMinutes.objects.count() == 2  # both copies archived from one reading
    second = minutes.minutes_download(actor=office, round_id=row.pk)
    assert second.content == first.content
    assert MeetingMinutes.objects.count() == 2
    stored = MeetingMinutes.objects.get(copy=MinutesCopy.OFFICE)
    with stored.file.storage.open(stored.file.name, "rb") as handle:
        on_disk = handle.read()
    assert on_disk == first.content
    assert hashlib.sha256(on_disk).hexdigest() == stored.sha256 and stored.size == len(on_disk)
    assert stored.file.name.startswith(f"minutes/{row.meeting.pk}/") and stored.created_by == office
    # the chair's 公开本 is the copy archived with the office's, not a new one
    public = minutes.minutes_download(actor=drawn[0].user, round_id=row.pk)
    assert public.minutes.copy == MinutesCopy.PUBLIC and MeetingMinutes.objects.count() == 2
    assert public.content == minutes.minutes_download(actor=office, round_id=row.pk, copy="public").content
    assert AuditLog.objects.filter(action="evaluation_minutes_archive").count() == 2
    downloads = AuditLog.objects.filter(action="evaluation_minutes_download")
    assert downloads.count() == 4
    assert {d.actor_id for d in downloads} == {office.pk, drawn[0].user.pk}


def test_a_changed_archive_is_refused_never_regenerated():
    _c, office, row, _d, _e = meeting_ready()
    minutes.minutes_download(actor=office, round_id=row.pk)
    stored = MeetingMinutes.objects.get(copy=MinutesCopy.OFFICE)
    storage, name = stored.file.storage, stored.file.name
    storage.delete(name)
    assert storage.save(name, ContentFile(b"%PDF-1.4 changed")) == name
    with pytest.raises(Conflict, match="校验值"):
        minutes.minutes_download(actor=office, round_id=row.pk)
    assert MeetingMinutes.objects.count() == 2


def test_who_may_have_which_copy():
    _c, office, row, drawn, _e = meeting_ready()
    chair, member = drawn[0], drawn[1]
    assert minutes.minutes_download(actor=chair.user, round_id=row.pk).minutes.copy == MinutesCopy.PUBLIC
    with pytest.raises(Forbidden, match="只能下载会议纪要公开本"):
        minutes.minutes_download(actor=chair.user, round_id=row.pk, copy="office")
    with pytest.raises(Forbidden, match="只有评委会办事机构和会议主持人"):
        minutes.minutes_download(actor=member.user, round_id=row.pk, copy="public")
    with pytest.raises(NotFound):
        minutes.minutes_download(actor=make_expert().user, round_id=row.pk)
    with pytest.raises(NotFound):
        minutes.minutes_download(actor=make_office_user(factories.make_committee()), round_id=row.pk)
    with pytest.raises(Forbidden):
        minutes.minutes_download(actor=factories.make_user(role=Role.APPLICANT), round_id=row.pk)
    with pytest.raises(ServiceError) as err:
        minutes.minutes_download(actor=office, round_id=row.pk, copy="all")
    assert "copy" in err.value.errors
    assert not AuditLog.objects.filter(action="evaluation_minutes_download", actor=member.user).exists()


def test_api_returns_the_pdf(client):
    _c, office, row, drawn, _e = meeting_ready(close=False)
    url = f"/api/v1/evaluation/rounds/{row.pk}/minutes.pdf"
    early = client.get(url, **bearer(office))
    assert early.status_code == 409 and "尚未结束" in early.json()["detail"]
    meeting.meeting_close(actor=office, round_id=row.pk)
    got = client.get(url, **bearer(office))
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert got.content.startswith(b"%PDF")
    assert "filename*=utf-8''" in got["Content-Disposition"]
    assert "%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81" in got["Content-Disposition"]  # 会议纪要
    assert got.content == MeetingMinutes.objects.get(copy="office").file.read()
    public = client.get(url, {"copy": "public"}, **bearer(drawn[0].user))
    assert public.status_code == 200 and NAMES[1] not in _text(public.content)
    assert client.get(url, {"copy": "office"}, **bearer(drawn[0].user)).status_code == 403
    assert client.get(url, **bearer(drawn[1].user)).status_code == 403
    assert client.get(url, **bearer(make_office_user(factories.make_committee()))).status_code == 404
    assert client.get(url, {"copy": "x"}, **bearer(office)).status_code == 400


def test_pages_offer_the_minutes_after_closing(client):
    _c, office, row, drawn, _e = meeting_ready(close=False)
    url = reverse("evaluation:minutes_pdf", args=[row.pk])
    client.force_login(office)
    assert "下载会议纪要" not in client.get(reverse("evaluation:meeting", args=[row.pk])).content.decode()
    early = client.get(url, follow=True)
    assert "尚未结束" in early.content.decode()
    meeting.meeting_close(actor=office, round_id=row.pk)
    page = client.get(reverse("evaluation:meeting", args=[row.pk])).content.decode()
    assert "下载会议纪要" in page and f"{url}?copy=office" in page
    got = client.get(url, {"copy": "office"})
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert NAMES[0] in _text(got.content)
    client.force_login(drawn[0].user)
    ballot = client.get(reverse("evaluation:ballot", args=[row.pk])).content.decode()
    assert f"{url}?copy=public" in ballot
    assert client.get(url).status_code == 200
    assert client.get(url, {"copy": "office"}).status_code == 403
    client.force_login(drawn[1].user)
    ballot = client.get(reverse("evaluation:ballot", args=[row.pk])).content.decode()
    assert f"{url}?copy=public" not in ballot
    assert client.get(url).status_code == 403


def test_long_names_and_units_wrap_inside_the_page():
    _c, office, row, _d, entries = meeting_ready()
    app = entries[0].application
    app.unit.name = "云南省昆明市某某区某某街道办事处所属某某社区卫生服务中心第二分中心医学检验科" * 2
    app.unit.save(update_fields=["name"])
    app.applicant.name = "阿卜杜热合曼·买买提艾力·司马依力"
    app.applicant.save(update_fields=["name"])
    data = minutes.minutes_data(row=row, meeting=row.meeting)
    tables = [f for f in minutes_story(data, copy="office") if hasattr(f, "_cellvalues")]
    assert tables
    for table in tables:
        assert sum(table._colWidths) <= FRAME_WIDTH + 0.01
    results = max(tables, key=lambda t: len(t._colWidths))
    cells = results._cellvalues[1:]
    long_name = next(r for r in cells if getattr(r[1], "text", r[1]) == app.applicant.name)
    assert isinstance(long_name[1], CJKParagraph) and isinstance(long_name[2], CJKParagraph)  # they wrap
    text = _text(minutes.minutes_download(actor=office, round_id=row.pk).content)
    assert "第二分中心医学检验科" in text.replace("\n", "")  # all of it printed, over several lines


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) 未安装，无法渲染页面")
def test_every_page_renders():
    _c, office, row, _d, _e = meeting_ready()
    for copy in ("office", "public"):
        content = minutes.minutes_download(actor=office, round_id=row.pk, copy=copy).content
        pages = render_png(content)
        assert len(pages) == pdf_pages(content) and all(p.stat().st_size > 2000 for p in pages)
