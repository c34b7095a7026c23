"""评审专家库 pages (the committee office) and 我的信息 (an expert): GET and POST, the refusals,
the size flag, the import report on the page, the template download."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from applications.tests.factories import make_series
from applications.tests.helpers import page_text
from evaluation import pool
from evaluation.models import Expert, MembershipStatus, PoolMembership
from orgs.models import CommitteeTier
from tests import factories
from tests.html import unlabelled_controls

from .factories import make_expert, make_office_user
from .test_pool_import import good_rows, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(client):
    series = make_series(name="工程系列")
    make_series(name="卫生系列")
    committee = factories.make_committee(tier=CommitteeTier.JUNIOR)
    office = make_office_user(committee)
    client.force_login(office)
    return committee, series, office


def form_values(series, **changes):
    return {
        "name": "李明",
        "unit_name": "昆明理工大学",
        "title": "教授",
        "level": "senior_full",
        "series": [str(series.pk)],
        "specialties": "软件工程",
        "phone": "13800001111",
        "term_start": "2026-01-01",
        "term_end": "2028-12-31",
        **changes,
    }


def test_the_pool_page_lists_filters_and_flags_the_size(client, world):
    committee, _series, _office = world
    make_expert(committee, specialties="临床医学")
    make_expert(committee, status=MembershipStatus.SUSPENDED)
    response = client.get(reverse("evaluation:pool"))
    text = page_text(response)
    assert response.status_code == 200
    minimum = pool.pool_minimum(committee=committee)
    assert "专家人数不足" in text and f"至少 {minimum} 名" in text and "人社部令第40号" in text
    assert "新增专家" in text and "批量导入" in text
    assert not unlabelled_controls(response.content.decode())
    filtered = page_text(client.get(reverse("evaluation:pool"), {"status": "suspended"}))
    assert "共 1 名专家" in filtered
    assert "共 1 名专家" in page_text(client.get(reverse("evaluation:pool"), {"specialty": "临床"}))
    for _ in range(minimum - 1):
        make_expert(committee)
    assert "人数符合要求" in page_text(client.get(reverse("evaluation:pool")))


def test_an_expired_term_is_marked(client, world):
    from datetime import date

    committee, _series, _office = world
    make_expert(committee, term_start=date(2020, 1, 1), term_end=date(2022, 12, 31))
    text = page_text(client.get(reverse("evaluation:pool")))
    assert "聘期已满" in text and "2020年1月1日至2022年12月31日" in text
    assert "共 1 名专家" in page_text(client.get(reverse("evaluation:pool"), {"term": "expired"}))
    assert "共 0 名专家" in page_text(client.get(reverse("evaluation:pool"), {"term": "running"}))


def test_add_an_expert_on_the_page(client, world):
    _committee, series, _office = world
    page = client.get(reverse("evaluation:pool_expert_create"))
    assert page.status_code == 200 and not unlabelled_controls(page.content.decode())
    response = client.post(reverse("evaluation:pool_expert_create"), form_values(series, phone="123"))
    assert response.status_code == 200
    text = page_text(response)
    assert "手机号码应为 11 位中国大陆手机号" in text and 'value="李明"' in response.content.decode()
    response = client.post(reverse("evaluation:pool_expert_create"), form_values(series))
    row = PoolMembership.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "evaluation:pool_expert", args=[row.pk]
    )
    detail = page_text(client.get(response["Location"]))
    assert "李明" in detail and "zj13800001111" in detail and "2026年1月1日至2028年12月31日" in detail


def test_edit_suspend_restore_disqualify_on_the_page(client, world):
    _committee, series, office = world
    row = pool.expert_add(actor=office, **{**form_values(series), "series": [series.pk]})
    url = reverse("evaluation:pool_expert", args=[row.pk])
    page = client.get(url).content.decode()
    assert (
        'data-confirm="确定暂停李明吗？"' in page and 'data-confirm="确定取消李明的评审专家资格吗？' in page
    )
    edit = client.get(reverse("evaluation:pool_expert_edit", args=[row.pk]))
    assert 'value="2028-12-31"' in edit.content.decode()
    response = client.post(
        reverse("evaluation:pool_expert_edit", args=[row.pk]), form_values(series, title="正高级工程师")
    )
    assert response.status_code == 302
    assert Expert.objects.get().title == "正高级工程师"

    response = client.post(reverse("evaluation:pool_expert_suspend", args=[row.pk]), {"suspend-reason": ""})
    assert response.status_code == 200 and "请填写暂停原因。" in page_text(response)
    response = client.post(
        reverse("evaluation:pool_expert_suspend", args=[row.pk]), {"suspend-reason": "出国"}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == MembershipStatus.SUSPENDED and "恢复为在库" in page_text(client.get(url))
    client.post(reverse("evaluation:pool_expert_restore", args=[row.pk]))
    row.refresh_from_db()
    assert row.status == MembershipStatus.ACTIVE
    response = client.post(reverse("evaluation:pool_expert_restore", args=[row.pk]))
    assert response.status_code == 200 and "李明已在库，无需恢复。" in page_text(response)
    client.post(
        reverse("evaluation:pool_expert_disqualify", args=[row.pk]), {"disqualify-reason": "违反纪律"}
    )
    row.refresh_from_db()
    assert (row.status, row.reason) == (MembershipStatus.DISQUALIFIED, "违反纪律")
    text = page_text(client.get(url))
    assert "取消资格" in text and "违反纪律" in text and "编辑专家信息" not in text


def test_import_page_reports_bad_rows_and_imports_good_files(client, world):
    committee, _series, _office = world
    template = client.get(reverse("evaluation:pool_import_template"))
    assert template.status_code == 200 and "attachment" in template["Content-Disposition"]
    assert load_workbook(io.BytesIO(template.content)).active["A1"].value == "姓名"
    assert client.get(reverse("evaluation:pool_import")).status_code == 200

    bad = [
        *good_rows(),
        ["张四", "某单位", "教授", "特级", "工程系列", "软件", "13800000004", "2026-01-01", "2027-01-01"],
    ]
    upload = io.BytesIO(xlsx(bad))
    upload.name = "专家.xlsx"
    response = client.post(reverse("evaluation:pool_import"), {"file": upload})
    text = page_text(response)
    assert (
        response.status_code == 200
        and "错误报告" in text
        and "第 5 行" in text
        and "职称层级“特级”不正确" in text
    )
    assert not PoolMembership.objects.exists()

    response = client.post(reverse("evaluation:pool_import"), {"file": io.BytesIO(b"a,b")})
    assert "请上传 Excel 文件（.xlsx 格式）" in page_text(response)
    response = client.post(reverse("evaluation:pool_import"), {})
    assert "请选择要导入的 .xlsx 文件。" in page_text(response)

    upload = io.BytesIO(xlsx(good_rows()))
    upload.name = "专家.xlsx"
    response = client.post(reverse("evaluation:pool_import"), {"file": upload})
    assert (
        response.status_code == 302 and PoolMembership.objects.filter(pool__committee=committee).count() == 3
    )


@pytest.mark.parametrize("who", ["other_office", "applicant", "expert", "support", "anonymous"])
def test_others_cannot_open_the_pool_pages(client, world, who):
    _committee, _series, office = world
    row = PoolMembership.objects.get(
        pk=pool.expert_add(actor=office, **{**form_values(make_series()), "series": [make_series().pk]}).pk
    )
    client.logout()
    if who == "other_office":
        client.force_login(make_office_user(factories.make_committee()))
    elif who == "expert":
        row.expert.user.must_change_password = False
        row.expert.user.save(update_fields=["must_change_password"])
        client.force_login(row.expert.user)
    elif who != "anonymous":
        client.force_login(factories.make_user(role=Role.APPLICANT if who == "applicant" else Role.SUPPORT))
    gets = [
        reverse("evaluation:pool"),
        reverse("evaluation:pool_expert_create"),
        reverse("evaluation:pool_import"),
        reverse("evaluation:pool_import_template"),
        reverse("evaluation:pool_expert", args=[row.pk]),
        reverse("evaluation:pool_expert_edit", args=[row.pk]),
    ]
    posts = [
        reverse("evaluation:pool_expert_suspend", args=[row.pk]),
        reverse("evaluation:pool_expert_disqualify", args=[row.pk]),
        reverse("evaluation:pool_expert_restore", args=[row.pk]),
    ]
    expected = 302 if who == "anonymous" else 404
    if who == "other_office":
        # Its own pool's pages open, and show nothing of this committee's pool.
        own = client.get(gets[0])
        assert own.status_code == 200 and "李明" not in page_text(own)
        gets = gets[4:]
    for url in gets:
        assert client.get(url).status_code == expected, url
    for url in posts:
        assert client.post(url, {"suspend-reason": "x", "disqualify-reason": "x"}).status_code == expected, (
            url
        )
    row.refresh_from_db()
    assert row.status == MembershipStatus.ACTIVE


def test_an_expert_sees_their_own_pools(client, world):
    committee, series, office = world
    row = pool.expert_add(actor=office, **{**form_values(series), "series": [series.pk]})
    other = factories.make_committee(name="昆明市卫生高级职称评审委员会")
    pool.expert_add(actor=make_office_user(other), **{**form_values(series), "series": [series.pk]})
    client.force_login(row.expert.user)
    # A new expert must first change the temporary password.
    assert client.get(reverse("evaluation:expert_me"))["Location"] == reverse("accounts:password_change")
    row.expert.user.must_change_password = False
    row.expert.user.save(update_fields=["must_change_password"])
    response = client.get(reverse("evaluation:expert_me"))
    text = page_text(response)
    assert response.status_code == 200
    assert committee.name in text and other.name in text and "软件工程" in text
    client.force_login(factories.make_applicant())
    assert client.get(reverse("evaluation:expert_me")).status_code == 404
    client.force_login(factories.make_user(role=Role.EXPERT))
    assert "尚未加入任何评审专家库" in page_text(client.get(reverse("evaluation:expert_me")))


def test_the_pool_page_and_list_api_take_a_constant_number_of_queries(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import bearer

    committee, series, office = world

    def counts():
        with CaptureQueriesContext(connection) as page:
            assert client.get(reverse("evaluation:pool")).status_code == 200
        with CaptureQueriesContext(connection) as api:
            assert client.get("/api/v1/evaluation/experts", **bearer(office)).status_code == 200
        return len(page), len(api)

    for _ in range(3):
        make_expert(committee, series=[series])
    counts()  # the session's first renewal is not the page's
    few = counts()
    for _ in range(12):
        make_expert(committee, series=[series])
    assert counts() == few
