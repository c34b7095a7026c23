"""The round pages: the office creates a round, adds a group, draws (data-confirm), reads the
draw record; errors next to the inputs; the expert's 我的评审任务 and 申请回避; everyone else 403/404."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from evaluation.models import Assignment, Draw, Round, RoundApplication
from evaluation.models import Conflict as Recusal
from tests import factories

from .factories import make_approved, make_office_user, make_setting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]


def _make_round(client, office):
    client.force_login(office)
    response = client.post(
        reverse("evaluation:rounds"),
        {"name": "2026年第一批", "year": "2026", "meeting_date": "2026-10-20", "experts_to_draw": "3"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Round.objects.get(name="2026年第一批")


def test_office_creates_groups_and_draws(client):
    _committee, _series, office, _experts, apps = make_setting(experts=6)
    page = (client.force_login(office), client.get(reverse("evaluation:rounds")))[1]
    assert page.status_code == 200 and "新建批次" in page.content.decode()
    row = _make_round(client, office)
    detail = client.get(reverse("evaluation:round", args=[row.pk])).content.decode()
    assert apps[0].applicant.name in detail and "data-confirm" in detail and "2026年10月20日" in detail
    assert not re.search(r"\d{4}-\d{2}-\d{2}", detail.split("<main")[-1].replace('value="2026-10-20"', ""))
    bad = client.post(reverse("evaluation:group_create", args=[row.pk]), {"name": "", "experts_to_draw": "2"})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "请填写评议组名称" in body and "至少抽取3名专家" in body
    drawn = client.post(reverse("evaluation:round_draw", args=[row.pk]))
    assert drawn.status_code == 302 and drawn["Location"] == reverse(
        "evaluation:round_draw_record", args=[row.pk]
    )
    record = client.get(drawn["Location"]).content.decode()
    assert Draw.objects.get(round=row).seed in record and "结果一致" in record
    again = client.post(reverse("evaluation:round_draw", args=[row.pk]))
    assert again.status_code == 409 and "不能重复抽取" in again.content.decode()


def test_the_round_page_counts_the_applications_waiting_for_their_filing(client):
    committee, series, office, _experts, _apps = make_setting(experts=3, applications=1)
    waiting = make_approved(committee, series, filed=False)
    row = _make_round(client, office)
    detail = client.get(reverse("evaluation:round", args=[row.pk])).content.decode()
    assert "另有 1 项电子材料审核通过的申报，评前公示尚未报送备案" in detail
    assert waiting.applicant.name not in detail


def test_too_few_experts_shows_the_numbers(client):
    _c, _s, office, _e, _a = make_setting(experts=2)
    row = _make_round(client, office)
    response = client.post(reverse("evaluation:round_draw", args=[row.pk]))
    assert response.status_code == 409
    assert "需抽取3名专家，符合条件的在库专家只有2名" in response.content.decode()


def test_office_records_a_conflict(client):
    _c, _s, office, experts, _apps = make_setting(experts=4)
    row = _make_round(client, office)
    entry = RoundApplication.objects.filter(round=row).first()
    missing = client.post(
        reverse("evaluation:office_conflict", args=[row.pk]), {"entry": entry.pk, "expert": experts[0].pk}
    )
    assert missing.status_code == 400 and "请填写回避原因" in missing.content.decode()
    done = client.post(
        reverse("evaluation:office_conflict", args=[row.pk]),
        {"entry": entry.pk, "expert": experts[0].pk, "reason": "近亲属"},
    )
    assert done.status_code == 302
    assert Recusal.objects.get(entry=entry).source == "office"


def test_expert_sees_their_list_and_declares(client):
    _c, _s, office, _experts, apps = make_setting(experts=4)
    row = _make_round(client, office)
    client.post(reverse("evaluation:round_draw", args=[row.pk]))
    assignment = Assignment.objects.filter(round=row).select_related("expert__user").first()
    client.force_login(assignment.expert.user)
    page = client.get(reverse("evaluation:assignments")).content.decode()
    assert all(a.applicant.name in page for a in apps) and "我的评审任务" in page
    entry = RoundApplication.objects.filter(round=row).first()
    form = client.get(reverse("evaluation:assignment_conflict", args=[entry.pk]))
    assert form.status_code == 200 and "data-confirm" in form.content.decode()
    response = client.post(reverse("evaluation:assignment_conflict", args=[entry.pk]), {"reason": "师生关系"})
    assert response.status_code == 302
    assert "该申报不再列入您的评审任务" in client.get(response["Location"]).content.decode()
    page = client.get(reverse("evaluation:assignments")).content.decode()
    assert f'<td data-label="姓名">{entry.application.applicant.name}</td>' not in page
    assert page.count('<td data-label="姓名">') == len(apps) - 1
    assert client.get(reverse("evaluation:assignment_conflict", args=[entry.pk])).status_code == 404
    # the expert reads no round page and no draw record
    assert client.get(reverse("evaluation:round", args=[row.pk])).status_code == 403
    assert client.get(reverse("evaluation:round_draw_record", args=[row.pk])).status_code == 403


def test_round_pages_refuse_everyone_else(client):
    _c, _s, office, _experts, apps = make_setting(experts=4)
    row = _make_round(client, office)
    client.post(reverse("evaluation:round_draw", args=[row.pk]))
    urls = [
        reverse("evaluation:rounds"),
        reverse("evaluation:round", args=[row.pk]),
        reverse("evaluation:round_draw_record", args=[row.pk]),
    ]
    users = [
        apps[0].applicant,
        factories.make_unit_admin(apps[0].unit),
        factories.make_user(role=Role.CITY_REVIEWER),
        factories.make_support(),
    ]
    for user in users:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user.role, url)
        assert client.post(reverse("evaluation:round_draw", args=[row.pk])).status_code == 403
        assert client.get(reverse("evaluation:assignments")).status_code == 403
    client.force_login(make_office_user(factories.make_committee()))
    for url in urls[1:]:
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(urls[1]).status_code == 302


def test_admin_shows_rounds_read_only_and_the_draw_to_superusers_only(client):
    _c, _s, office, _e, _a = make_setting(experts=4)
    row = _make_round(client, office)
    client.post(reverse("evaluation:round_draw", args=[row.pk]))
    support = factories.make_support()
    support.user_permissions.set(Permission.objects.filter(content_type__app_label="evaluation"))
    client.force_login(support)
    assert client.get(reverse("admin:evaluation_round_change", args=[row.pk])).status_code == 200
    assert client.get(reverse("admin:evaluation_draw_changelist")).status_code == 403
    assert client.get(reverse("admin:evaluation_assignment_changelist")).status_code == 403
    assert client.get(reverse("admin:evaluation_round_add")).status_code == 403
    superuser = factories.make_user(role=Role.SUPPORT, is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(reverse("admin:evaluation_draw_changelist")).status_code == 200


def _data_queries(captured) -> int:
    """The page's own queries (a session's periodic renewal and its savepoint left out)."""
    return sum(
        1
        for q in captured.captured_queries
        if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    )


def test_round_page_and_expert_list_take_a_constant_number_of_queries(client):
    committee, series, office, _experts, _apps = make_setting(experts=6, applications=2)
    row = _make_round(client, office)
    client.post(reverse("evaluation:round_draw", args=[row.pk]))
    expert = Assignment.objects.filter(round=row).select_related("expert__user").first().expert

    def counts() -> tuple[int, int]:
        client.force_login(office)
        with CaptureQueriesContext(connection) as office_page:
            assert client.get(reverse("evaluation:round", args=[row.pk])).status_code == 200
        client.force_login(expert.user)
        with CaptureQueriesContext(connection) as expert_page:
            assert client.get(reverse("evaluation:assignments")).status_code == 200
        return _data_queries(office_page), _data_queries(expert_page)

    before = counts()
    group = row.groups.get()
    for _ in range(6):
        app = make_approved(committee, series)
        RoundApplication.objects.create(round=row, application=app, group=group)
    assert counts() == before
