"""Issue 11 point 6, the server's side: an htmx request whose session has expired is sent to the
login page as a whole page (HX-Redirect with next= the page the person was on), never a login
form swapped into a fragment; a forced password change likewise."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from core.errors import ServiceError, TooManyRequests
from core.htmx import htmx_error
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/accounts/profile/?tab=unit"}


def test_an_expired_session_in_an_htmx_request_goes_to_the_login_page(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "expired-session-key"
    response = client.get(reverse("accounts:profile"), **HTMX)
    assert response.status_code == 401
    target = urlsplit(response["HX-Redirect"])
    assert target.path == reverse("accounts:login")
    assert parse_qs(target.query) == {"next": ["/accounts/profile/?tab=unit"]}
    assert response.json()["detail"] == "登录已超时，请重新登录后继续。"
    login = client.get(response["HX-Redirect"])
    assert "登录已超时，请重新登录后继续。" in login.content.decode()
    assert 'name="next" value="/accounts/profile/?tab=unit"' in login.content.decode()


def test_a_post_too(client):
    response = client.post(reverse("accounts:profile"), {"unit_id": "1"}, **HTMX)
    assert response.status_code == 401 and response["HX-Redirect"].startswith(reverse("accounts:login"))


def test_next_is_never_another_site(client):
    response = client.get(
        reverse("accounts:profile"), HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="https://evil.example/x"
    )
    assert parse_qs(urlsplit(response["HX-Redirect"]).query) == {"next": ["/"]}


def test_without_htmx_the_redirect_stays_a_redirect(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and not response.has_header("HX-Redirect")


def test_a_signed_in_htmx_request_is_untouched(client):
    client.force_login(factories.make_applicant())
    response = client.get(reverse("accounts:unit_options"), {"unit_q": ""}, **HTMX)
    assert response.status_code == 200 and not response.has_header("HX-Redirect")


def test_a_forced_password_change_is_a_whole_page_too(client):
    client.force_login(factories.make_applicant(must_change_password=True))
    response = client.get(reverse("accounts:unit_options"), **HTMX)
    assert response["HX-Redirect"] == reverse("accounts:password_change")
    assert response.status_code == 204


def test_the_api_keeps_its_own_answers(client):
    response = client.get("/api/v1/me", HTTP_HX_REQUEST="true")
    assert response.status_code == 401 and not response.has_header("HX-Redirect")


def test_an_htmx_error_body_names_fields_and_the_wait():
    body = htmx_error(ServiceError("有误", {"head_phone": ["手机号码有误。"]}))
    assert body.status_code == 400 and not body.has_header("Retry-After")
    assert body.content.decode() == '{"detail": "有误", "errors": {"head_phone": ["手机号码有误。"]}}'
    wait = htmx_error(TooManyRequests("请稍候", retry_after=42))
    assert wait.status_code == 429 and wait["Retry-After"] == "42"
