"""manage.py load_demo / demo_accounts: idempotent, never in production, needs the catalogue."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from stdnum.cn import ric, uscc

from accounts.models import Role, User
from orgs.demo import APPLICANTS, DEMO_PASSWORD, STAFF, UNITS
from orgs.models import CommitteeWindow, Organisation, OrgKind, Ownership
from public.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    call_command("load_catalog", stdout=StringIO())


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def state() -> dict:
    return {
        "users": list(User.objects.order_by("pk").values()),
        "orgs": list(Organisation.objects.order_by("pk").values()),
        "notices": list(Notice.objects.order_by("pk").values()),
        "windows": list(CommitteeWindow.objects.order_by("pk").values()),
    }


def test_second_run_creates_and_changes_nothing(catalogue):
    first = load_demo()
    assert "新建" in first and "unit1：昆明市春城人民医院" in first
    before = state()
    second = load_demo()
    assert "未做任何修改" in second
    assert state() == before


def test_accounts_roles_and_units(catalogue):
    load_demo()
    usernames = [s.username for s in STAFF] + [u.username for u in UNITS] + [a.id_number for a in APPLICANTS]
    users = User.objects.filter(username__in=usernames)
    assert users.count() == len(usernames) == 5 + 6 + 12
    for user in users:
        assert user.check_password(DEMO_PASSWORD), user.username
    assert set(users.values_list("role", flat=True)) == set(Role.values)
    support = users.get(username="support")
    assert support.is_staff and support.is_superuser and support.name == "技术支持"
    assert users.get(username="city").organisation.ref == "city-bureau"
    assert users.get(username="dept").organisation.name == "昆明市工业和信息化局"
    district = users.get(username="district").organisation
    assert district.kind == OrgKind.DISTRICT_BUREAU and district.name.startswith("五华区")
    assert users.get(username="committee").committee.name == "昆明市机电工程中级职称评审委员会"

    units = Organisation.objects.filter(kind__in=[OrgKind.UNIT, OrgKind.AGENCY])
    assert units.count() >= 6
    assert set(units.values_list("ownership", flat=True)) == set(Ownership.values)
    assert units.get(ownership=Ownership.AGENCY).kind == OrgKind.AGENCY
    assert units.get(credit_code=UNITS[0].credit_code).department.name == "昆明市卫生健康委员会"
    assert units.values("district").distinct().count() >= 4
    for unit in units:
        assert uscc.is_valid(unit.credit_code)
        assert unit.members.filter(role=Role.UNIT_ADMIN).exists()
        if unit.ownership in ("city_state", "district_state"):
            assert unit.department is not None
        else:
            assert unit.department is None

    applicants = users.filter(role=Role.APPLICANT)
    assert applicants.count() == 12
    assert applicants.filter(organisation__isnull=True).count() == 1
    assert all(ric.is_valid(a.id_number) for a in applicants)
    phones = list(applicants.values_list("phone", flat=True))
    assert len(set(phones)) == 12 and all(p.startswith("1390000") and len(p) == 11 for p in phones)


def test_open_windows_and_notices(catalogue):
    load_demo()
    now = timezone.now()
    open_windows = CommitteeWindow.objects.filter(opens_at__lte=now, closes_at__gt=now, year=now.year)
    assert open_windows.count() == 2
    for window in open_windows:
        assert 29 <= (window.closes_at - now).days <= 31
    assert Notice.objects.filter(is_published=True).count() >= 3


def test_demo_accounts_sign_in_and_see_their_pages(client, catalogue):
    load_demo()
    assert client.login(username="unit1", password=DEMO_PASSWORD)
    html = client.get("/units/staff/").content.decode()
    assert "张伟" in html and "王芳" in html and "李娜" not in html
    assert "昆明市春城人民医院" in client.get("/units/info/").content.decode()
    client.logout()
    assert client.login(username="support", password=DEMO_PASSWORD)
    assert client.get("/messages/sms-outbox/").status_code == 200


def test_refuses_production_settings(catalogue, settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="生产环境"):
        load_demo()
    assert not User.objects.exists()


def test_refuses_the_production_settings_module(catalogue, settings):
    settings.SETTINGS_MODULE = "zhicheng.settings.production"
    with pytest.raises(CommandError, match="生产环境"):
        load_demo()
    assert not User.objects.exists()


def test_needs_the_catalogue_first():
    with pytest.raises(CommandError, match="load_catalog"):
        load_demo()
    assert not User.objects.exists()


def test_demo_accounts_prints_the_table(catalogue):
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "尚未加载演示数据" in out.getvalue()
    load_demo()
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    for heading in ("角色", "用户名", "说明", "密码"):
        assert heading in text
    for username in ("support", "city", "dept", "district", "committee", "unit1", "unit6"):
        assert f" {username} " in text
    assert "昆明春城人力资源服务有限公司（人事代理机构）" in text
    assert "账号已锁定" in text and DEMO_PASSWORD in text
