"""Test helpers for the accounts app (real rows, no mocks)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import SmsCode
from accounts.sms_codes import sms_code_send
from tests import factories

GOOD_PASSWORD = "Kunming@2026"
WRONG_PASSWORD = "Wrong@2026x"


def sms_code_for(phone: str, purpose: str = "register") -> str:
    """Send a real code and return it (an earlier code for this phone is moved out of the resend wait)."""
    SmsCode.objects.filter(phone=phone, purpose=purpose).update(
        created_at=timezone.now() - timedelta(minutes=2)
    )
    _row, code = sms_code_send(phone=phone, purpose=purpose)
    return code


def person_data(**overrides) -> dict:
    """A complete, valid registration (without the SMS code: see with_code)."""
    data = {
        "name": "张三",
        "id_number": factories.id_number(),
        "phone": factories.mobile(),
        "password": GOOD_PASSWORD,
    }
    data.update(overrides)
    return data


def with_code(data: dict, purpose: str = "register") -> dict:
    return {**data, "sms_code": sms_code_for(data["phone"], purpose)}


def errors_of(response) -> dict[str, list[str]]:
    body = response.json()
    assert set(body) >= {"detail", "errors"}, body
    return body["errors"]


def page_text(response) -> str:
    return response.content.decode()
