import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

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
            replacement = JsonResponse({"detail": detail, "errors": {}}, status=response.status_code)
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
