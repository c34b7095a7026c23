"""The JSON API under /api/v1/ (OpenAPI at /api/v1/openapi.json). Each app contributes a router;
endpoints are thin and call the same services as the pages.

Every error is `{"detail": "...", "errors": {"field": ["..."]}}` with a 4xx status."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from accounts.api import me_router
from accounts.api import router as accounts_router
from applications.api import router as applications_router
from attachments.api import router as attachments_router
from catalog.api import router as catalog_router
from core.errors import ServiceError, error_body, set_retry_after
from documents.api import router as documents_router
from dossier.api import router as dossier_router
from evaluation.api import router as evaluation_router
from exports.api import router as exports_router
from messaging.api import router as messaging_router
from orgs.api import router as units_router
from orgs.suspension_api import router as suspension_router
from paths.api import router as paths_router
from publicity.api import router as publicity_router
from recognition.api import router as recognition_router
from recommend.api import router as unit_review_router
from reviews.act_api import router as review_act_router
from reviews.api import router as reviews_router
from workcal.api import router as rules_router
from workcal.window_api import router as windows_router

api = NinjaAPI(
    title="职称申报评审系统 API",
    version="1",
    description=(
        "页面能做的每一项操作都可以通过本接口完成，二者调用同一业务层。"
        "认证：页面使用会话（需 CSRF 令牌）；接口客户端先调用 auth_login 取得令牌，"
        "再以 `Authorization: Bearer <令牌>` 访问。错误统一返回 "
        '`{"detail": "...", "errors": {"字段": ["..."]}}`。'
    ),
    urls_namespace="api",
)

api.add_router("/auth/", accounts_router)
api.add_router("/", me_router)
api.add_router("/units/", units_router)
api.add_router("/units/", windows_router)
api.add_router("/units/applications/", unit_review_router)
api.add_router("/units/suspensions/", suspension_router)
api.add_router("/catalog/", catalog_router)
api.add_router("/support/", messaging_router)
api.add_router("/rules/", rules_router)
api.add_router("/attachments/", attachments_router)
# 考核认定, 职称确认, 博士后认定 save their drafts under /applications/ too: first, so their paths are
# matched before applications' /applications/{application_id}.
api.add_router("/applications/", recognition_router)
api.add_router("/applications/", applications_router)
api.add_router("/dossier/", dossier_router)
api.add_router("/reviews/", reviews_router)
api.add_router("/reviews/", review_act_router)
api.add_router("/documents/", documents_router)
api.add_router("/publicity/", publicity_router)
api.add_router("/exports/", exports_router)
api.add_router("/paths/", paths_router)
api.add_router("/evaluation/", evaluation_router)


PYDANTIC_MESSAGES = {
    "missing": "此项为必填项。",
    "string_too_long": "内容过长。",
    "string_type": "应为文本。",
    "int_parsing": "应为整数。",
    "int_type": "应为整数。",
    "bool_parsing": "应为 true 或 false。",
    "json_invalid": "请求内容不是有效的 JSON。",
    "enum": "不是允许的取值。",
    "extra_forbidden": "没有此项。",
    "literal_error": "不是允许的取值。",
}


@api.exception_handler(ServiceError)
def on_service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    response = api.create_response(request, error_body(exc.detail, exc.errors), status=exc.status)
    return set_retry_after(response, exc)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        loc = [
            str(part)
            for part in item.get("loc", [])
            if part not in ("body", "query", "path", "form", "payload")
        ]
        field = loc[-1] if loc else "__all__"
        message = PYDANTIC_MESSAGES.get(item.get("type", ""), "格式不正确。")
        errors.setdefault(field, []).append(message)
    return api.create_response(request, error_body("提交的信息有误，请按提示修改。", errors), status=422)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, error_body("请先登录。"), status=401)


@api.exception_handler(AuthorizationError)
def on_forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return api.create_response(request, error_body("没有权限执行此操作。"), status=403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, error_body("未找到。"), status=404)


HTTP_MESSAGES = {
    400: "请求格式不正确。",
    401: "请先登录。",
    403: "没有权限执行此操作。",
    404: "未找到。",
    405: "不支持该请求方法。",
    429: "请求过于频繁，请稍后再试。",
}


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = HTTP_MESSAGES.get(exc.status_code, str(exc))
    return api.create_response(request, error_body(detail), status=exc.status_code)
