import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from .errors import error_body
from .htmx import hx_redirect, is_htmx

API_PREFIX = "/api/"
STATUS_MESSAGES = {
    400: "请求格式不正确。",
    401: "请先登录。",
    403: "没有权限执行此操作。",
    404: "未找到。",
    405: "不支持该请求方法。",
    413: "提交的内容过大。",
    429: "请求过于频繁，请稍后再试。",
}


class ApiErrorBodyMiddleware:
    """Under /api/, a 4xx that did not come from the API's own handlers (an unknown path, a wrong
    method, an expired CSRF token…) still gets the JSON body `{"detail", "errors"}` in Chinese."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and 400 <= response.status_code < 500
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            detail = STATUS_MESSAGES.get(response.status_code, "请求无法处理。")
            replacement = JsonResponse(error_body(detail), status=response.status_code)
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response


class SessionIdleMiddleware:
    """The 30-minute idle timeout without a session write on every request.

    A signed-in session is renewed (saved, so its expiry moves SESSION_IDLE_MINUTES ahead) at most
    once every SESSION_RENEW_SECONDS; the idle timeout is therefore between SESSION_IDLE_MINUTES
    minus that interval and SESSION_IDLE_MINUTES. On deadline day this turns one database write
    per page view into one per person per minute."""

    key = "_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key and session.get("_auth_user_id"):
            now = int(time.time())
            if now - int(session.get(self.key, 0)) >= settings.SESSION_RENEW_SECONDS:
                session[self.key] = now
        return self.get_response(request)


class HtmxLoginMiddleware:
    """An htmx request whose session has expired is sent to the login page, whole.

    Without this, `login_required` answers an htmx request with a 302 to the login page, the
    browser follows it inside the XMLHttpRequest, and htmx swaps the login form into the middle of
    the page. Here such a redirect (or a 401, or a 403 to someone whose session cookie no longer
    names a session) becomes a 401 with `HX-Redirect` to the login page, its `next` the page the
    person was on (htmx's HX-Current-URL, not the fragment's URL); htmx follows it as a whole-page
    navigation (before site.js's handlers see the answer)."""

    message = "登录已超时，请重新登录后继续。"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_htmx(request) or request.path.startswith(API_PREFIX):
            return response
        login_path = resolve_url(settings.LOGIN_URL)
        to_login = response.status_code in (301, 302, 303, 307, 308) and (
            urlsplit(response.get("Location", "")).path == login_path
        )
        user = getattr(request, "user", None)
        anonymous = user is None or not user.is_authenticated
        expired = anonymous and settings.SESSION_COOKIE_NAME in request.COOKIES
        if not (to_login or response.status_code == 401 or (response.status_code == 403 and expired)):
            return response
        target = f"{login_path}?{urlencode({'next': self._current_page(request)})}"
        if expired or to_login:
            messages.info(request, self.message, fail_silently=True)
        return hx_redirect(target, JsonResponse(error_body(self.message), status=401))

    @staticmethod
    def _current_page(request: HttpRequest) -> str:
        """The path and query of the page the person is on, when it is on this site."""
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        page = current.path + (f"?{current.query}" if current.query else "")
        if current.path and url_has_allowed_host_and_scheme(
            request.headers.get("HX-Current-URL", ""), allowed_hosts={request.get_host()}
        ):
            return page
        return "/"
