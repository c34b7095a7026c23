"""Public calculators (no login) that committee offices and applicants use, to be mounted at
/api/v1/rules/: the rule 7 provincial window from a collection date, the statutory retirement
age of rule 9, and graduate recognition (rules 14 and 15). Thin: each calls the same function the
services use."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_date
from ninja import Router, Schema

from core import rulebook
from core.dates import CALENDAR_TZ, deadline_label
from core.errors import ServiceError
from core.sources import cite
from rules.recognition import recognition_evaluate
from rules.retirement import statutory_retirement

from .services import CalendarUnknown, provincial_window

router = Router(tags=["规则计算"])


class Error(Schema):
    detail: str
    errors: dict[str, list[str]]


def _date(value: str, field: str, label: str, errors: dict[str, list[str]]) -> date | None:
    text = (value or "").strip()
    if not text:
        errors.setdefault(field, []).append(f"请填写{label}。")
        return None
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        errors.setdefault(field, []).append(f"{label}格式应为 YYYY-MM-DD。")
    return parsed


class ProvincialWindowOut(Schema):
    collection_date: date
    opens_at: datetime
    closes_at: datetime
    closes_label: str


@router.get(
    "/provincial-window",
    response={200: ProvincialWindowOut, 400: Error},
    operation_id="calendar_provincial_window",
    summary=(
        f"省级评委会网上申报时间（{cite(7)}）：开始收审材料日期前 7 个工作日 00:00 开放，前一日 24:00 关闭"
    ),
    description=(
        "collection_date 为省评委会开始收审材料的日期（YYYY-MM-DD）。opens_at 与 closes_at 为北京时间；"
        "closes_at 即收审材料当日 00:00（前一日 24:00），该时刻起不再开放。"
        "工作日以国务院公布的节假日安排为准；系统尚未录入的年份返回 400 并说明原因。"
    ),
)
def calendar_provincial_window(request: HttpRequest, collection_date: str = ""):
    errors: dict[str, list[str]] = {}
    day = _date(collection_date, "collection_date", "开始收审材料日期", errors)
    if errors:
        raise ServiceError("提交的信息有误，请按提示修改。", errors)
    try:
        opens_at, closes_at = provincial_window(collection_date=day)
    except CalendarUnknown as exc:
        raise ServiceError(exc.detail, {"collection_date": [exc.detail]}) from None
    return {
        "collection_date": day,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "closes_label": deadline_label(closes_at),  # "2026年10月7日 24:00", for people
    }


class RetirementOut(Schema):
    years: int
    months: int
    label: str
    reached_month: str


@router.get(
    "/retirement",
    response={200: RetirementOut, 400: Error},
    operation_id="rules_retirement",
    summary=f"法定退休年龄（{cite(9)}；2025 年渐进式延迟法定退休年龄）",
    description=(
        "birth_date：出生日期（YYYY-MM-DD）；sex：male（男）或 female（女）；"
        "original_age：原法定退休年龄，男 60，女干部 55，女职工 50。"
        "返回改革后的法定退休年龄（周岁和月数）及达到该年龄的月份 reached_month（YYYY-MM）。"
    ),
)
def rules_retirement(request: HttpRequest, birth_date: str = "", sex: str = "", original_age: str = ""):
    errors: dict[str, list[str]] = {}
    birth = _date(birth_date, "birth_date", "出生日期", errors)
    try:
        result = statutory_retirement(
            birth_date=birth,  # type: ignore[arg-type]
            sex=sex.strip(),
            original_age=original_age.strip(),  # type: ignore[arg-type]
        )
    except ServiceError as exc:
        for field, messages in exc.errors.items():
            if field not in errors:
                errors[field] = messages
        raise ServiceError(exc.detail, errors) from None
    if errors:
        raise ServiceError("无法计算法定退休年龄，请按提示修改。", errors)
    return {
        "years": result.years,
        "months": result.months,
        "label": result.label,
        "reached_month": f"{result.reached_month:%Y-%m}",
    }


class RecognitionLevelOut(Schema):
    level: str
    level_label: str
    earliest: date
    recogniser: str
    recogniser_label: str
    apply_from: date


class RecognitionOut(Schema):
    schooling: str
    schooling_label: str
    counts_as: str
    hired_on: date
    on: date
    levels: list[RecognitionLevelOut]
    available: list[RecognitionLevelOut]
    best: RecognitionLevelOut | None
    next_window_start: date
    window_open: bool
    window_months: list[int]
    notes: list[str]


@router.get(
    "/recognition",
    response={200: RecognitionOut, 400: Error},
    operation_id="recognition_evaluate",
    summary=f"正规院校毕业生职称考核认定：可认定的层级、最早认定日期、认定部门与受理月份（{cite(14, 15)}）",
    description=(
        "schooling：学历（学位）或技工院校班次，取值 zhongzhuan（中专）、dazhuan（大专）、"
        "benke（本科（学士））、double_bachelor（双学士）、master（硕士）、doctor（博士）、"
        "tech_intermediate（技工院校中级工班）、tech_advanced（技工院校高级工班）、"
        "tech_pretechnician（技工院校预备技师（技师）班）；"
        "hired_on：《云南省招工录用登记表》或《事业单位聘用通知书》上的记载日期（YYYY-MM-DD）；"
        "on：计算日期（YYYY-MM-DD），默认今天（北京时间）；"
        "ownership（可选）：单位性质 city_state、district_state、non_public、social 或 agency，"
        "用于给出初级的具体认定部门。"
        "levels 为该学历可认定的全部层级（由低到高）及最早认定日期 earliest、"
        "该日起最早可申报的受理日 apply_from；"
        "available 为计算日期已可认定的层级，best 为其中最高者；next_window_start 为下一个受理月份的第一天"
        "（计算日期在受理月份内时即为计算日期）。"
    ),
)
def recognition_evaluate_view(
    request: HttpRequest, schooling: str = "", hired_on: str = "", on: str = "", ownership: str = ""
):
    errors: dict[str, list[str]] = {}
    hired = _date(hired_on, "hired_on", "录用（聘用）日期", errors)
    day = _date(on, "on", "计算日期", errors) if on.strip() else timezone.localdate(timezone=CALENDAR_TZ)
    try:
        result = recognition_evaluate(
            schooling=schooling.strip(),
            hired_on=hired,  # type: ignore[arg-type]
            on=day,  # type: ignore[arg-type]
            months=rulebook.recognition_months(),
            ownership=ownership.strip() or None,
        )
    except ServiceError as exc:
        for field, messages in exc.errors.items():
            if field not in errors:
                errors[field] = messages
        raise ServiceError(exc.detail, errors) from None
    if errors:  # pragma: no cover - a date that failed to parse is also refused by the rule
        raise ServiceError("无法计算考核认定的层级和时间，请按提示修改。", errors)
    return asdict(result)
