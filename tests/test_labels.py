"""Every page with a form, for every role that sees it: it renders, and every input has a label."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from tests import factories
from tests.html import form_controls, unlabelled_controls

ANONYMOUS = [
    "public:home",
    "public:committees",
    "public:help",
    "accounts:login",
    "accounts:register",
    "accounts:password_reset",
    "accounts:password_reset_unit",
    "units:register",
]
SIGNED_IN = {
    Role.APPLICANT: ["accounts:profile", "accounts:password_change", "messaging:inbox"],
    Role.UNIT_ADMIN: ["units:info", "units:staff", "accounts:profile", "accounts:password_change"],
    Role.CITY_REVIEWER: ["workbench:home", "accounts:profile"],
    Role.SUPPORT: ["accounts:support_accounts", "messaging:sms_outbox", "units:staff"],
}


def assert_labelled(response) -> None:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert unlabelled_controls(html) == [], response.request["PATH_INFO"]
    return form_controls(html)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ANONYMOUS)
def test_anonymous_pages_label_every_input(client, name):
    assert_labelled(client.get(reverse(name)))


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "names"), SIGNED_IN.items())
def test_signed_in_pages_label_every_input(client, role, names):
    unit = factories.make_unit()
    if role == Role.UNIT_ADMIN:
        user = factories.make_unit_admin(unit=unit)
        factories.make_applicant(organisation=unit)
    elif role == Role.SUPPORT:
        user = factories.make_support()
    else:
        user = factories.make_user(role=role)
    client.force_login(user)
    for name in names:
        assert_labelled(client.get(reverse(name)))


@pytest.mark.django_db
def test_forms_with_errors_still_label_every_input(client):
    response = client.post(reverse("accounts:register"), {"action": "register", "id_number": "123"})
    controls = assert_labelled(response)
    assert len(controls) >= 6
    response = client.post(reverse("units:register"), {"credit_code": "123"})
    assert_labelled(response)
