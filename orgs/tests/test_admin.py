"""The Chinese back office for organisations, committees and windows (rule 6 in the window form)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from orgs.models import CommitteeWindow
from tests import factories
from workcal.window_admin import CommitteeWindowForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(factories.make_support(is_superuser=True))
    return client


def test_organisation_changelist_with_filters_and_search(admin_client):
    unit = factories.make_unit(name="昆明检索测试有限公司")
    response = admin_client.get("/admin/orgs/organisation/", {"q": unit.credit_code})
    html = response.content.decode()
    assert response.status_code == 200
    assert "昆明检索测试有限公司" in html
    for label in (
        "类型",
        "单位性质",
        "统一社会信用代码",
        "属地县（市）区人社部门",
        "参照公务员法管理（参公）",
    ):
        assert label in html
    assert admin_client.get("/admin/orgs/organisation/", {"kind__exact": "unit"}).status_code == 200
    assert admin_client.get(f"/admin/orgs/organisation/{unit.pk}/change/").status_code == 200


def test_committee_admin_with_inlines(admin_client):
    committee = factories.make_committee()
    html = admin_client.get(f"/admin/orgs/committee/{committee.pk}/change/").content.decode()
    assert "评审范围" in html and "评审计划" in html and "网上申报时间" in html
    assert admin_client.get("/admin/orgs/committee/", {"q": "测试"}).status_code == 200


def _window(**delta):
    now = timezone.now()
    return CommitteeWindow.objects.create(
        committee=factories.make_committee(),
        year=now.year,
        opens_at=now - timedelta(days=40),
        closes_at=now + timedelta(**delta),
    )


def test_closed_window_cannot_be_reopened():
    window = _window(days=-1)
    fmt = "%Y-%m-%d %H:%M:%S"
    form = CommitteeWindowForm(
        instance=window,
        data={
            "committee": window.committee_id,
            "year": window.year,
            "opens_at": timezone.localtime(window.opens_at).strftime(fmt),
            "closes_at": timezone.localtime(timezone.now() + timedelta(days=10)).strftime(fmt),
        },
    )
    assert not form.is_valid()
    assert form.non_field_errors() == ["该网上申报时间已关闭，不能重新开放或修改（见职称申报必读（四））。"]


def test_window_form_checks_the_order():
    now = timezone.localtime()
    form = CommitteeWindowForm(
        data={
            "committee": factories.make_committee().pk,
            "year": now.year,
            "opens_at": now.strftime("%Y-%m-%d %H:%M:%S"),
            "closes_at": (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S"),
        }
    )
    assert not form.is_valid()
    assert form.errors["closes_at"] == ["关闭时间须晚于开放时间。"]


def test_closed_window_is_read_only_in_the_admin(admin_client):
    closed = _window(days=-1)
    open_ = _window(days=5)
    html = admin_client.get(f"/admin/orgs/committeewindow/{closed.pk}/change/").content.decode()
    assert 'name="closes_at_0"' not in html and 'name="closes_at"' not in html
    html = admin_client.get(f"/admin/orgs/committeewindow/{open_.pk}/change/").content.decode()
    assert 'name="closes_at' in html
    assert "申报中" in admin_client.get("/admin/orgs/committeewindow/").content.decode()
