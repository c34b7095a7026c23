"""评议 (rule 28): who may write (a drawn expert of the application's group, not recused), when
(only while the round is 已抽取专家), what (text, recommendation, scores within the criteria),
one per expert and application; nobody but the office reads another expert's opinion; the
office's summary; the expert's attachments; the pages and the API."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from attachments.models import Attachment, AttachmentKind
from attachments.permissions import can_view_attachment
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from evaluation import conflicts, draw, opinions, rounds
from evaluation.criteria import criteria_for
from evaluation.models import Assignment, Opinion, Round, RoundApplication, RoundStatus
from tests import factories
from tests.factories import bearer

from .factories import make_office_user, make_setting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]

BASE = "/api/v1/evaluation"


def _drawn(*, experts: int = 4, applications: int = 2):
    """A drawn round with one group of three experts (of `experts` in the pool)."""
    committee, series, office, pool, _apps = make_setting(experts=experts, applications=applications)
    row = rounds.round_create(actor=office, name="2026年第一批", year=2026, meeting_date="2026-10-20")
    draw.round_draw(actor=office, round_id=row.pk)
    row.refresh_from_db()
    drawn = [a.expert for a in Assignment.objects.filter(round=row).select_related("expert__user")]
    others = [e for e in pool if e not in drawn]
    entries = list(RoundApplication.objects.filter(round=row).select_related("application__applicant"))
    return {
        "committee": committee,
        "series": series,
        "office": office,
        "row": row,
        "drawn": drawn,
        "others": others,
        "entries": entries,
    }


def _put(expert, entry, text="业绩突出，论文质量较高。", recommendation="pass", scores=None):
    return opinions.opinion_put(
        actor=expert.user, entry_id=entry.pk, text=text, recommendation=recommendation, scores=scores
    )


def _set_status(row, status):
    Round.objects.filter(pk=row.pk).update(status=status)


# --- writing ---------------------------------------------------------------------------------------


def test_a_drawn_expert_writes_and_edits_one_opinion():
    s = _drawn()
    expert, entry = s["drawn"][0], s["entries"][0]
    row, created = _put(expert, entry, scores={"achievements": 90, "education": "85.5"})
    assert created and row.scores == {"achievements": 90, "education": 85.5}
    again, created = _put(expert, entry, text="修改后的意见。", recommendation="fail", scores={})
    assert not created and again.pk == row.pk
    assert Opinion.objects.get(pk=row.pk).text == "修改后的意见。" and again.recommendation == "fail"
    assert Opinion.objects.filter(entry=entry, expert=expert).count() == 1


def test_one_opinion_per_expert_and_application_is_a_constraint():
    s = _drawn()
    expert, entry = s["drawn"][0], s["entries"][0]
    row, _ = _put(expert, entry)
    with pytest.raises(IntegrityError):
        Opinion.objects.create(
            entry=entry, expert=expert, assignment=row.assignment, text="x", recommendation="pass"
        )


def test_refusals_of_people_who_may_not_write():
    s = _drawn()
    entry = s["entries"][0]
    # An expert of the pool who was not drawn, an expert of another committee: 404.
    with pytest.raises(NotFound):
        _put(s["others"][0], entry)
    # An applicant, a reviewer, the office itself: 403 (they are not experts).
    for user in (entry.application.applicant, s["office"], factories.make_user(role=Role.CITY_REVIEWER)):
        with pytest.raises(Forbidden):
            opinions.opinion_put(actor=user, entry_id=entry.pk, text="x", recommendation="pass")


def test_another_groups_expert_gets_404():
    _c, _s, office, _pool, _apps = make_setting(experts=7, applications=2)
    row = rounds.round_create(actor=office, name="2026年第一批", year=2026, meeting_date="2026-10-20")
    first, second = RoundApplication.objects.filter(round=row).order_by("pk")
    group = rounds.group_create(
        actor=office, round_id=row.pk, name="二组", specialties="软件工程", experts_to_draw=3
    )
    rounds.entry_move(actor=office, round_id=row.pk, entry_id=second.pk, group_id=group.pk)
    catch_all = next(g for g in rounds.round_groups(row=row) if g.pk != group.pk)
    rounds.entry_move(actor=office, round_id=row.pk, entry_id=first.pk, group_id=catch_all.pk)
    draw.round_draw(actor=office, round_id=row.pk)
    outsider = Assignment.objects.filter(round=row).exclude(group=group).first().expert
    with pytest.raises(NotFound):
        _put(outsider, second)
    _put(outsider, first)


def test_a_recused_expert_may_not_write():
    s = _drawn()
    expert, entry = s["drawn"][0], s["entries"][0]
    conflicts.conflict_declare(actor=expert.user, entry_id=entry.pk, reason="近亲属")
    with pytest.raises(Forbidden) as caught:
        _put(expert, entry)
    assert "回避" in caught.value.detail


def test_the_status_window():
    s = _drawn()
    expert, entry, row = s["drawn"][0], s["entries"][0], s["row"]
    _put(expert, entry)
    _set_status(row, RoundStatus.MEETING)
    with pytest.raises(Conflict) as caught:
        _put(expert, entry, text="会议中修改")
    assert "评审会议已开始" in caught.value.detail
    _set_status(row, RoundStatus.CLOSED)
    with pytest.raises(Conflict) as caught:
        _put(expert, entry, text="会后修改")
    assert "评审会议已结束" in caught.value.detail
    assert Opinion.objects.get(entry=entry, expert=expert).text == "业绩突出，论文质量较高。"


@pytest.mark.parametrize(
    ("scores", "field", "message"),
    [
        ({"achievements": 101}, "score_achievements", "应在0至100分之间"),
        ({"achievements": -1}, "score_achievements", "应在0至100分之间"),
        ({"achievements": "很好"}, "score_achievements", "应为数字"),
        ({"achievements": 88.25}, "score_achievements", "最多保留1位小数"),
        ({"beauty": 50}, "scores", "没有评分项“beauty”"),
        ([1, 2], "scores", "评分格式不正确"),
    ],
)
def test_scores_are_checked(scores, field, message):
    s = _drawn()
    with pytest.raises(ServiceError) as caught:
        _put(s["drawn"][0], s["entries"][0], scores=scores)
    assert any(message in m for m in caught.value.errors[field]), caught.value.errors
    assert not Opinion.objects.exists()


def test_text_and_recommendation_are_required():
    s = _drawn()
    with pytest.raises(ServiceError) as caught:
        _put(s["drawn"][0], s["entries"][0], text="  ", recommendation="maybe")
    assert caught.value.errors["text"] == ["请填写评议意见。"]
    assert "请选择评议建议" in caught.value.errors["recommendation"][0]
    with pytest.raises(ServiceError) as caught:
        _put(s["drawn"][0], s["entries"][0], text="字" * 2001)
    assert "不能超过2000个字" in caught.value.errors["text"][0]


# --- the summary -----------------------------------------------------------------------------------


def test_the_summary_counts_and_averages():
    s = _drawn()
    a, b, c = s["drawn"]
    first, second = s["entries"]
    _put(a, first, scores={"achievements": 90, "publications": 80})
    _put(b, first, recommendation="fail", scores={"achievements": 85})
    conflicts.conflict_declare(actor=c.user, entry_id=second.pk, reason="同一课题组")
    summary = {x.entry.pk: x for x in opinions.opinion_summary(s["row"])}
    one, two = summary[first.pk], summary[second.pk]
    assert (one.expected, one.submitted, one.passes, one.fails, one.missing) == (3, 2, 1, 1, 1)
    averages = {x.criterion.key: x for x in one.averages}
    assert averages["achievements"].average == Fraction(175, 2) and averages["achievements"].display == "87.5"
    assert averages["publications"].average == 80 and averages["publications"].scored == 1
    assert averages["service"].average is None and averages["service"].display == "—"
    assert (two.expected, two.submitted) == (2, 0)


def test_only_the_office_of_the_committee_reads_the_summary():
    s = _drawn()
    opinions.opinions_for_office(actor=s["office"], round_id=s["row"].pk)
    with pytest.raises(NotFound):
        opinions.opinions_for_office(actor=make_office_user(factories.make_committee()), round_id=s["row"].pk)
    for user in (s["drawn"][0].user, s["entries"][0].application.applicant):
        with pytest.raises(Forbidden):
            opinions.opinions_for_office(actor=user, round_id=s["row"].pk)


def test_criteria_per_series_and_default():
    assert criteria_for("中小学教师")[0].key == "teaching"
    assert [c.key for c in criteria_for("没有的系列")] == [
        "achievements",
        "publications",
        "service",
        "education",
    ]


# --- attachments -----------------------------------------------------------------------------------


def _attachment_in_snapshot(entry) -> Attachment:
    application = entry.application
    attachment = Attachment.objects.create(
        owner=application.applicant,
        kind=AttachmentKind.DIPLOMA,
        title="学历证书",
        file="attachments/x.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    type(application).objects.filter(pk=application.pk).update(
        snapshot={"attachments": [{"id": attachment.pk, "kind": "diploma", "title": "学历证书"}]}
    )
    return attachment


def test_experts_of_the_group_open_the_submitted_attachments():
    s = _drawn()
    entry = s["entries"][0]
    attachment = _attachment_in_snapshot(entry)
    a, b, _c = s["drawn"]
    assert can_view_attachment(a.user, attachment)[0]
    assert not can_view_attachment(s["others"][0].user, attachment)[0]
    conflicts.conflict_declare(actor=b.user, entry_id=entry.pk, reason="近亲属")
    assert not can_view_attachment(b.user, attachment)[0]


def test_experts_see_no_attachment_before_the_draw():
    _committee, _series, office, pool, _apps = make_setting(experts=4, applications=1)
    row = rounds.round_create(actor=office, name="第一批", year=2026, meeting_date="2026-10-20")
    entry = RoundApplication.objects.get(round=row)
    attachment = _attachment_in_snapshot(entry)
    assert not any(can_view_attachment(e.user, attachment)[0] for e in pool)


# --- pages -----------------------------------------------------------------------------------------


def test_the_expert_page_writes_and_never_shows_another_experts_opinion(client):
    s = _drawn()
    a, b, _c = s["drawn"]
    entry = s["entries"][0]
    _put(a, entry, text="甲专家的秘密评议意见文字。", scores={"achievements": 70})
    client.force_login(b.user)
    url = reverse("evaluation:opinion", args=[entry.pk])
    page = client.get(url).content.decode()
    assert entry.application.applicant.name in page and "甲专家的秘密评议意见文字" not in page
    bad = client.post(url, {"text": "", "recommendation": "", "score_achievements": "120"})
    body = bad.content.decode()
    assert bad.status_code == 400 and "请填写评议意见" in body and "应在0至100分之间" in body
    done = client.post(
        url, {"text": "乙专家的意见。", "recommendation": "fail", "score_achievements": "60"}, follow=True
    )
    body = done.content.decode()
    assert "已提交对" in body and "乙专家的意见" in body and "甲专家的秘密评议意见文字" not in body
    listing = client.get(reverse("evaluation:assignments")).content.decode()
    assert "已提交" in listing and "甲专家的秘密评议意见文字" not in listing
    assert Opinion.objects.get(entry=entry, expert=b).scores == {"achievements": 60}


def test_the_expert_page_refuses_others(client):
    s = _drawn()
    entry = s["entries"][0]
    url = reverse("evaluation:opinion", args=[entry.pk])
    client.force_login(s["others"][0].user)
    assert client.get(url).status_code == 404
    client.force_login(entry.application.applicant)
    assert client.get(url).status_code == 403
    client.force_login(s["office"])
    assert client.get(url).status_code == 403
    recused = s["drawn"][0]
    conflicts.conflict_declare(actor=recused.user, entry_id=entry.pk, reason="近亲属")
    client.force_login(recused.user)
    assert client.get(url).status_code == 403


def test_the_page_is_read_only_once_the_meeting_opens(client):
    s = _drawn()
    expert, entry = s["drawn"][0], s["entries"][0]
    _put(expert, entry)
    _set_status(s["row"], RoundStatus.MEETING)
    client.force_login(expert.user)
    url = reverse("evaluation:opinion", args=[entry.pk])
    page = client.get(url).content.decode()
    assert "不能再修改" in page and "<textarea" not in page
    refused = client.post(url, {"text": "会中修改", "recommendation": "pass"})
    assert refused.status_code == 409 and "评审会议已开始" in refused.content.decode()


def test_the_round_page_shows_the_summary_to_the_office(client):
    s = _drawn()
    _put(s["drawn"][0], s["entries"][0], text="评议意见正文一。", scores={"achievements": 91})
    client.force_login(s["office"])
    page = client.get(reverse("evaluation:round", args=[s["row"].pk])).content.decode()
    assert "评议汇总" in page and "评议意见正文一" in page and "1 / 3 人" in page and "91.0" in page


def _expert_list_queries(client, applications: int) -> int:
    s = _drawn(applications=applications)
    expert = s["drawn"][0]
    for entry in s["entries"]:
        _put(expert, entry)
    client.force_login(expert.user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("evaluation:assignments")).status_code == 200
    return len(ctx)


def test_the_expert_list_has_a_constant_number_of_queries(client):
    assert _expert_list_queries(client, 2) == _expert_list_queries(client, 6)


def test_the_summary_has_a_constant_number_of_queries():
    small, large = _drawn(applications=2), _drawn(applications=6)
    counts = []
    for s in (small, large):
        for expert in s["drawn"]:
            for entry in s["entries"]:
                _put(expert, entry, scores={"achievements": 80})
        with CaptureQueriesContext(connection) as ctx:
            opinions.opinion_summary(s["row"])
        counts.append(len(ctx))
    assert counts[0] == counts[1]


# --- API -------------------------------------------------------------------------------------------


def test_the_api_puts_and_lists(client):
    s = _drawn()
    expert, entry = s["drawn"][0], s["entries"][0]
    url = f"{BASE}/assignments/{entry.pk}/opinion/"
    body = {"text": "接口提交的意见。", "recommendation": "pass", "scores": {"achievements": 88}}
    created = client.put(url, body, content_type="application/json", **bearer(expert.user))
    assert created.status_code == 201, created.json()
    assert created.json()["scores"] == {"achievements": 88}
    updated = client.put(
        url, {**body, "recommendation": "fail"}, content_type="application/json", **bearer(expert.user)
    )
    assert updated.status_code == 200 and updated.json()["recommendation_label"] == "建议不通过"
    bad = client.put(
        url, {**body, "scores": {"achievements": 200}}, content_type="application/json", **bearer(expert.user)
    )
    assert bad.status_code == 400 and "score_achievements" in bad.json()["errors"]
    other = client.put(url, body, content_type="application/json", **bearer(s["others"][0].user))
    assert other.status_code == 404
    applicant = client.put(url, body, content_type="application/json", **bearer(entry.application.applicant))
    assert applicant.status_code == 403
    listed = client.get(f"{BASE}/rounds/{s['row'].pk}/opinions/", **bearer(s["office"]))
    assert listed.status_code == 200
    first = next(x for x in listed.json() if x["entry_id"] == entry.pk)
    assert first["submitted"] == 1 and first["expected"] == 3 and first["recommend_fail"] == 1
    assert first["opinions"][0]["text"] == "接口提交的意见。"
    assert client.get(f"{BASE}/rounds/{s['row'].pk}/opinions/", **bearer(expert.user)).status_code == 403
    foreign = make_office_user(factories.make_committee())
    assert client.get(f"{BASE}/rounds/{s['row'].pk}/opinions/", **bearer(foreign)).status_code == 404


def test_the_api_refuses_after_the_meeting_opens(client):
    s = _drawn()
    _set_status(s["row"], RoundStatus.MEETING)
    response = client.put(
        f"{BASE}/assignments/{s['entries'][0].pk}/opinion/",
        {"text": "x", "recommendation": "pass"},
        content_type="application/json",
        **bearer(s["drawn"][0].user),
    )
    assert response.status_code == 409 and "评审会议已开始" in response.json()["detail"]
