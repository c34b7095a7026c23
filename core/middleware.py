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
