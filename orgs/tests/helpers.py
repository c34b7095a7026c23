"""Test helpers for orgs (factories live in tests/factories.py)."""

from __future__ import annotations

from accounts.models import SmsPurpose
from accounts.sms_codes import sms_code_send
from catalog.models import FaqEntry
from tests import factories

FAQ4_ANSWER = (
    "询问单位同事是否之前注册过本网站的其他业务，若有可直接用此账号登录；"
    "也可以咨询单位所属地人社局查询之前的账号信息。"
)


def make_faq4() -> FaqEntry:
    return FaqEntry.objects.create(
        kind="site",
        number=4,
        question="单位注册时，显示已存在有权限的同名单位，如何解决？",
        answer=FAQ4_ANSWER,
    )


def unit_code(phone: str) -> str:
    """Send a unit-registration code to `phone` and return it (what the SMS would say)."""
    _row, code = sms_code_send(phone=phone, purpose=SmsPurpose.UNIT_REGISTER)
    return code


def register_data(**overrides) -> dict:
    """A complete, valid registration for a non-public enterprise (no department)."""
    office = overrides.pop("office", None) or factories.make_office()
    seq = overrides.pop("seq", 9001)
    data = {
        "name": "昆明示例科技有限公司",
        "credit_code": factories.credit_code(seq),
        "ownership": "non_public",
        "district_id": str(office.pk),
        "department_id": "",
        "civil_servant_managed": False,
        "head_name": "张主任",
        "head_phone": "13912345678",
        "phone": "0871-63108336",
        "username": "",
        "password": "Unit@2026a",
        "password_confirm": "Unit@2026a",
        "sms_code": "",
    }
    data.update(overrides)
    return data
