"""批量导入 of the 评审专家库 from an .xlsx (issue 13 item 1): a header row, then one expert a row.

Every row is checked as the 新增专家 form checks one expert (`pool_fields.clean_expert_fields`), plus
duplicates inside the file and in the pool; nothing is written unless every row is valid. The
report names each bad row (its row number in the sheet), the column and the problem, in Chinese.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import Conflict, FieldErrors, ServiceError

from .models import PoolMembership
from .pool import (
    _add_member,
    _check_account_phone,
    _send_welcome,
    expert_find,
    office_committee,
)
from .pool_fields import clean_expert_fields

COLUMNS = [
    ("name", "姓名"),
    ("unit_name", "工作单位"),
    ("title", "职称"),
    ("level", "职称层级"),
    ("series", "评审系列"),
    ("specialties", "评审专业"),
    ("phone", "手机号码"),
    ("term_start", "聘期开始"),
    ("term_end", "聘期结束"),
]
LABELS = dict(COLUMNS)
MAX_BYTES_DEFAULT = 2 * 1024 * 1024
MAX_ROWS_DEFAULT = 1000


def max_bytes() -> int:
    return int(getattr(settings, "EVALUATION_IMPORT_MAX_BYTES", MAX_BYTES_DEFAULT))


def max_rows() -> int:
    return int(getattr(settings, "EVALUATION_IMPORT_MAX_ROWS", MAX_ROWS_DEFAULT))


@dataclass
class RowProblem:
    row: int  # the row number in the sheet (the header is row 1)
    field: str
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    created: list[PoolMembership] = field(default_factory=list)
    reused: int = 0  # experts already known from another pool


class ImportRefused(ServiceError):
    """The file has bad rows: `problems` lists each (row, column, message); nothing was written."""

    status = 400

    def __init__(self, problems: list[RowProblem]) -> None:
        rows = len({p.row for p in problems})
        super().__init__(
            f"导入文件中有 {rows} 行信息有误，未导入任何专家。请按下表修改后重新导入。",
            {"file": [f"第 {p.row} 行“{p.column}”：{p.message}" for p in problems]},
        )
        self.problems = problems


def template_xlsx() -> bytes:
    """The 导入模板: the header row and one example row."""
    from openpyxl import Workbook

    year = timezone.localdate().year
    book = Workbook()
    sheet = book.active
    sheet.title = "评审专家"
    sheet.append([label for _, label in COLUMNS])
    sheet.append(
        [
            "张三",
            "昆明市第一人民医院",
            "主任医师",
            "正高级",
            "卫生系列",
            "临床医学、内科学",
            "13900000000",
            f"{year}年1月1日",
            f"{year + 2}年12月31日",
        ]
    )
    for index, width in enumerate([10, 28, 14, 10, 16, 24, 14, 16, 16]):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    notes = book.create_sheet("填写说明")
    for line in (
        "第一行为表头，请勿修改；从第二行起每行一位专家，示例行请删除。",
        "职称层级：正高级、副高级、中级、助理级或员级。",
        "评审系列：与系统职称系列目录中的名称一致，多个系列以顿号（、）分隔。",
        "评审专业：多个专业以顿号（、）分隔。",
        "聘期开始、聘期结束：填写日期，如 2026年1月1日，聘期结束应晚于聘期开始。",
        "手机号码：11 位中国大陆手机号，同一手机号码的专家在文件中只能出现一次。",
    ):
        notes.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read_rows(content: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    if len(content) > max_bytes():
        raise ServiceError.fields(
            {
                "file": [
                    f"文件不能超过 {max_bytes() // 1024 // 1024} MB，"
                    f"当前约 {len(content) / 1024 / 1024:.1f} MB。"
                ]
            }
        )
    if not filename.lower().endswith(".xlsx") or not zipfile.is_zipfile(io.BytesIO(content)):
        raise ServiceError.fields(
            {"file": ["请上传 Excel 文件（.xlsx 格式）；.xls、.csv 等其他格式请先在 Excel 中另存为 .xlsx。"]}
        )
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # any unreadable workbook gets the same answer
        raise ServiceError.fields(
            {"file": ["无法读取该文件，请确认是用 Excel 保存的 .xlsx 文件。"]}
        ) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(v or "").strip() for v in next(rows, ())]
    missing = [label for _, label in COLUMNS if label not in header]
    if missing:
        book.close()
        raise ServiceError.fields({"file": [f"表头缺少“{'、'.join(missing)}”列，请使用导入模板。"]})
    index = {key: header.index(label) for key, label in COLUMNS}
    found: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(rows, start=2):
        cells = list(values) + [None] * len(header)
        if all(v is None or str(v).strip() == "" for v in cells):
            continue
        if len(found) >= max_rows():
            book.close()
            raise ServiceError.fields({"file": [f"一次最多导入 {max_rows()} 位专家，请分批导入。"]})
        found.append((number, {key: cells[i] for key, i in index.items()}))
    book.close()
    if not found:
        raise ServiceError.fields({"file": ["文件中没有专家信息（从第二行起每行一位专家）。"]})
    return found


def _text(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return value


def experts_import(*, actor: Any, content: bytes, filename: str, ip: str | None = None) -> ImportResult:
    """批量导入: all rows or none. Raises `ImportRefused` with every bad row."""
    committee = office_committee(actor)
    rows = _read_rows(content, filename)
    problems: list[RowProblem] = []
    checked: list[tuple[dict[str, Any], Any]] = []
    seen_phones: dict[str, int] = {}
    in_pool = set(
        PoolMembership.objects.filter(pool__committee=committee).values_list("expert__phone", flat=True)
    )
    for number, values in rows:
        errors = FieldErrors()
        cleaned = clean_expert_fields(errors, **{k: _text(v) for k, v in values.items()})
        phone = cleaned.get("phone")
        existing = None
        if phone:
            if phone in seen_phones:
                errors.add("phone", f"与第 {seen_phones[phone]} 行的手机号码重复。")
            else:
                seen_phones[phone] = number
            if phone in in_pool:
                errors.add("phone", f"手机号码为{phone}的专家已在本评委会评审专家库中。")
            existing = expert_find(phone=phone)
            _check_account_phone(errors, phone, expert=existing, name=cleaned.get("name", ""))
        for key, messages in errors.errors.items():
            for message in messages:
                problems.append(RowProblem(number, key, LABELS.get(key, key), message))
        checked.append((cleaned, existing))
    if problems:
        raise ImportRefused(problems)
    result = ImportResult()
    welcomes = []
    try:
        with transaction.atomic():
            for cleaned, existing in checked:
                membership, temporary = _add_member(
                    actor=actor, committee=committee, cleaned=cleaned, existing=existing, ip=ip
                )
                result.created.append(membership)
                result.reused += temporary is None
                welcomes.append((membership.expert.user, temporary))
    except IntegrityError:
        raise Conflict("导入时本评审专家库刚刚有专家被加入，请刷新页面后重新导入。") from None
    for user, temporary in welcomes:
        _send_welcome(user=user, committee=committee, temporary=temporary)
    return result
