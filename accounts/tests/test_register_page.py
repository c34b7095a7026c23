"""The registration page: 获取验证码 with htmx and without JS, the demo code, the unit select."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import SmsCode, User
from tests import factories

from .helpers import page_text


@pytest.mark.django_db
def test_the_page_has_every_field_with_a_label_and_the_unit_note(client):
    factories.make_unit(name="昆明市测试选择单位")
    text = page_text(client.get(reverse("accounts:register")))
    for label in ("姓名", "身份证号", "手机号码", "短信验证码", "密码", "确认密码", "工作单位"):
        assert f">{label}<" in text.replace('<span class="req" aria-hidden="true">*</span>', "")
    assert "获取验证码" in text
    assert "如果检索不到工作单位，请联系单位负责人注册单位账号。" in text
    assert "昆明市测试选择单位" in text
    assert f'hx-post="{reverse("accounts:sms_code")}"' in text


@pytest.mark.django_db
def test_the_htmx_endpoint_sends_a_code_and_shows_it_only_in_the_demo(client, settings):
    settings.SMS_SHOW_CODE_ON_PAGE = False
    phone = factories.mobile()
    response = client.post(
        reverse("accounts:sms_code"), {"phone": phone, "purpose": "register"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    text = page_text(response)
    assert 'id="sms-status"' in text and "<html" not in text
    assert f"验证码已发送至 {phone[:3]}****{phone[-4:]}，10 分钟内有效。" in text
    assert "演示环境" not in text
    settings.SMS_SHOW_CODE_ON_PAGE = True
    other = factories.mobile()
    text = page_text(client.post(reverse("accounts:sms_code"), {"phone": other, "purpose": "register"}))
    assert "演示环境：验证码为 " in text
    assert SmsCode.objects.filter(phone__in=[phone, other]).count() == 2


@pytest.mark.django_db
def test_the_htmx_endpoint_reports_errors_by_field(client):
    """Issue 11 point 6: the refusal names its field (site.js shows it there); the resend wait
    says how long in Retry-After."""
    response = client.post(reverse("accounts:sms_code"), {"phone": "12", "purpose": "register"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "手机号码应为 11 位中国大陆手机号，以 1 开头。",
        "errors": {"phone": ["手机号码应为 11 位中国大陆手机号，以 1 开头。"]},
    }
    assert "手机号码应为 11 位中国大陆手机号，以 1 开头。" in page_text(response)  # readable UTF-8
    phone = factories.mobile()
    assert (
        client.post(reverse("accounts:sms_code"), {"phone": phone, "purpose": "register"}).status_code == 200
    )
    again = client.post(reverse("accounts:sms_code"), {"phone": phone, "purpose": "register"})
    assert again.status_code == 429
    wait = int(again["Retry-After"])
    assert 55 <= wait <= 60
    assert again.json()["errors"] == {"sms_code": [f"验证码已发送，请在 {wait} 秒后再获取。"]}
    assert client.get(reverse("accounts:sms_code")).status_code == 405


@pytest.mark.django_db
def test_without_javascript_a_refusal_goes_next_to_its_field(client):
    form = {"name": "张三", "id_number": factories.id_number(), "phone": "12", "action": "send_code"}
    html = page_text(client.post(reverse("accounts:register"), form))
    phone_block = html.split('for="id_phone"')[1].split('class="field')[0]
    assert "手机号码应为 11 位中国大陆手机号，以 1 开头。" in phone_block
    assert 'value="张三"' in html
    for page in ("accounts:register", "accounts:password_reset"):
        assert 'data-countdown="60"' in page_text(client.get(reverse(page)))


@pytest.mark.django_db
def test_without_javascript_the_button_sends_the_code_and_keeps_the_input(client, settings):
    settings.SMS_SHOW_CODE_ON_PAGE = True
    phone = factories.mobile()
    number = factories.id_number()
    response = client.post(
        reverse("accounts:register"),
        {
            "name": "张三",
            "id_number": number,
            "phone": phone,
            "password": "Kunming@2026",
            "action": "send_code",
        },
    )
    text = page_text(response)
    assert response.status_code == 200
    assert "验证码已发送至" in text and "演示环境：验证码为 " in text
    assert f'value="{number}"' in text and 'value="张三"' in text
    assert "Kunming@2026" not in text  # passwords are never sent back
    assert User.objects.count() == 0
    code = text.split("演示环境：验证码为 ")[1][:6]
    response = client.post(
        reverse("accounts:register"),
        {
            "name": "张三",
            "id_number": number,
            "phone": phone,
            "sms_code": code,
            "password": "Kunming@2026",
            "password_confirm": "Kunming@2026",
            "action": "register",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(id_number=number).exists()


@pytest.mark.django_db
def test_the_demo_code_is_never_shown_outside_the_demo(client, settings):
    settings.SMS_SHOW_CODE_ON_PAGE = False
    response = client.post(reverse("accounts:register"), {"phone": factories.mobile(), "action": "send_code"})
    assert "验证码已发送至" in page_text(response)
    assert "演示环境" not in page_text(response)


@pytest.mark.django_db
def test_the_unit_search_button_works_without_javascript(client):
    factories.make_unit(name="昆明市滇池测试注册单位")
    factories.make_unit(name="昆明市翠湖测试注册单位")
    response = client.post(
        reverse("accounts:register"), {"name": "张三", "unit_q": "翠湖", "action": "search_unit"}
    )
    text = page_text(response)
    assert "昆明市翠湖测试注册单位" in text and "昆明市滇池测试注册单位" not in text
    assert 'value="张三"' in text
    assert "请填写" not in text  # searching is not submitting: no field errors yet


@pytest.mark.django_db
def test_a_page_rendered_again_keeps_the_countdown_of_a_code_just_sent(client):
    """Issue 11 point 6: after a refused registration the button still waits out the resend time."""
    phone = factories.mobile()
    assert (
        client.post(reverse("accounts:sms_code"), {"phone": phone, "purpose": "register"}).status_code == 200
    )
    form = {"name": "张三", "id_number": "1", "phone": phone, "sms_code": "", "action": "register"}
    html = page_text(client.post(reverse("accounts:register"), form))
    wait = int(html.split('data-countdown-start="')[1].split('"')[0])
    assert 55 <= wait <= 60
    other = {**form, "phone": factories.mobile()}
    assert "data-countdown-start" not in page_text(client.post(reverse("accounts:register"), other))
