"""批量导入: a good file imports every row; a file with bad rows writes nothing and reports each
row and column; files that are not xlsx, too large, or without the header are refused clearly."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from accounts.models import Role, User
from applications.tests.factories import make_series
from core.errors import Forbidden, ServiceError
from evaluation import pool, pool_import
from evaluation.models import Expert, PoolMembership
from tests import factories

from .factories import make_office_user

pytestmark = pytest.mark.django_db

HEADER = ["姓名", "工作单位", "职称", "职称层级", "评审系列", "评审专业", "手机号码", "聘期开始", "聘期结束"]


def xlsx(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def world():
    series = make_series(name="工程系列")
    health = make_series(name="卫生系列")
    committee = factories.make_committee()
    office = make_office_user(committee)
    return committee, series, health, office


def good_rows():
    return [
        [
            "张一",
            "昆明理工大学",
            "教授",
            "正高级",
            "工程系列",
            "软件工程",
            "13800000001",
            date(2026, 1, 1),
            date(2028, 12, 31),
        ],
        [
            "张二",
            "云南大学",
            "副教授",
            "副高级",
            "工程系列、卫生系列",
            "计算机应用、医学信息",
            13800000002,
            "2026年1月1日",
            "2028年12月31日",
        ],
        [
            "张三",
            "昆明医院",
            "主任医师",
            "正高级",
            "卫生系列",
            "临床医学",
            "13800000003",
            datetime(2026, 3, 1),
            "2029/2/28",
        ],
    ]


def test_a_good_file_imports_every_row(world, django_capture_on_commit_callbacks):
    committee, _series, _health, office = world
    with django_capture_on_commit_callbacks(execute=True):
        result = pool_import.experts_import(actor=office, content=xlsx(good_rows()), filename="专家.xlsx")
    assert len(result.created) == 3 and result.reused == 0
    rows = PoolMembership.objects.filter(pool__committee=committee).order_by("expert__phone")
    assert [r.expert.name for r in rows] == ["张一", "张二", "张三"]
    assert {s.name for s in rows[1].expert.series.all()} == {"工程系列", "卫生系列"}
    assert rows[1].expert.phone == "13800000002" and rows[1].expert.level == "senior_associate"
    assert rows[2].term_end == date(2029, 2, 28)
    assert User.objects.filter(role=Role.EXPERT, must_change_password=True).count() == 3


def test_three_bad_rows_give_a_report_and_nothing_is_written(world):
    _committee, _series, _health, office = world
    rows = [
        *good_rows(),
        [
            "张四",
            "昆明理工大学",
            "教授",
            "特级",
            "工程系列",
            "软件工程",
            "13800000004",
            "2026-01-01",
            "2028-12-31",
        ],
        [
            "张五",
            "昆明理工大学",
            "教授",
            "正高级",
            "不存在系列",
            "软件工程",
            "1380000",
            "2026-01-01",
            "2025-12-31",
        ],
        [
            "张六",
            "昆明理工大学",
            "教授",
            "正高级",
            "工程系列",
            "软件工程",
            "13800000001",
            "2026-02-30",
            "2028-12-31",
        ],
    ]
    with pytest.raises(pool_import.ImportRefused) as caught:
        pool_import.experts_import(actor=office, content=xlsx(rows), filename="专家.xlsx")
    problems = [(p.row, p.column, p.message) for p in caught.value.problems]
    assert caught.value.detail == "导入文件中有 3 行信息有误，未导入任何专家。请按下表修改后重新导入。"
    assert (5, "职称层级", "职称层级“特级”不正确，应为正高级、副高级、中级、助理级或员级。") in problems
    assert (6, "评审系列", "评审系列“不存在系列”不在系统的职称系列目录中。") in problems
    assert (6, "手机号码", "手机号码应为 11 位中国大陆手机号，以 1 开头。") in problems
    assert (6, "聘期结束", "聘期结束应晚于聘期开始。") in problems
    assert (7, "聘期开始", "聘期开始不是有效的日期。") in problems
    assert (7, "手机号码", "与第 2 行的手机号码重复。") in problems
    assert {p[0] for p in problems} == {5, 6, 7}
    assert "第 5 行“职称层级”" in caught.value.errors["file"][0]
    assert not Expert.objects.exists() and not PoolMembership.objects.exists()
    assert not User.objects.filter(role=Role.EXPERT).exists()


def test_an_expert_already_in_the_pool_is_a_bad_row(world):
    _committee, _series, _health, office = world
    pool_import.experts_import(actor=office, content=xlsx(good_rows()[:1]), filename="a.xlsx")
    with pytest.raises(pool_import.ImportRefused) as caught:
        pool_import.experts_import(actor=office, content=xlsx(good_rows()), filename="a.xlsx")
    assert [(p.row, p.field) for p in caught.value.problems] == [(2, "phone")]
    assert "已在本评委会评审专家库中" in caught.value.problems[0].message
    assert PoolMembership.objects.count() == 1


def test_an_expert_of_another_pool_is_reused(world):
    _committee, _series, _health, office = world
    other = make_office_user(factories.make_committee())
    pool_import.experts_import(actor=other, content=xlsx(good_rows()[:1]), filename="a.xlsx")
    result = pool_import.experts_import(actor=office, content=xlsx(good_rows()), filename="a.xlsx")
    assert result.reused == 1 and Expert.objects.count() == 3 and PoolMembership.objects.count() == 4


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"name,phone\n", "experts.csv", "请上传 Excel 文件（.xlsx 格式）"),
        (b"\xd0\xcf\x11\xe0 old excel", "experts.xls", "请上传 Excel 文件（.xlsx 格式）"),
        (b"not a zip at all", "experts.xlsx", "请上传 Excel 文件（.xlsx 格式）"),
    ],
)
def test_not_an_xlsx_is_refused(world, content, filename, message):
    _committee, _series, _health, office = world
    with pytest.raises(ServiceError) as caught:
        pool_import.experts_import(actor=office, content=content, filename=filename)
    assert caught.value.errors["file"][0].startswith(message)


def test_a_zip_that_is_no_workbook_is_refused(world):
    import zipfile

    _committee, _series, _health, office = world
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ServiceError) as caught:
        pool_import.experts_import(actor=office, content=out.getvalue(), filename="a.xlsx")
    assert caught.value.errors["file"] == ["无法读取该文件，请确认是用 Excel 保存的 .xlsx 文件。"]


def test_size_header_and_empty_files_are_refused(world, settings):
    _committee, _series, _health, office = world
    with pytest.raises(ServiceError) as caught:
        pool_import.experts_import(actor=office, content=xlsx([], header=["姓名", "电话"]), filename="a.xlsx")
    assert (
        "表头缺少“工作单位、职称、职称层级、评审系列、评审专业、手机号码、聘期开始、聘期结束”列"
        in caught.value.errors["file"][0]
    )
    with pytest.raises(ServiceError) as caught:
        pool_import.experts_import(actor=office, content=xlsx([]), filename="a.xlsx")
    assert "文件中没有专家信息" in caught.value.errors["file"][0]
    settings.EVALUATION_IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ServiceError) as caught:
        pool_import.experts_import(actor=office, content=b"x" * (1024 * 1024 + 1), filename="a.xlsx")
    assert caught.value.errors["file"][0].startswith("文件不能超过 1 MB")
    settings.EVALUATION_IMPORT_MAX_ROWS = 2
    with pytest.raises(ServiceError) as caught:
        pool_import.experts_import(actor=office, content=xlsx(good_rows()), filename="a.xlsx")
    assert caught.value.errors["file"] == ["一次最多导入 2 位专家，请分批导入。"]


def test_only_the_office_imports(world):
    _committee, _series, _health, _office = world
    with pytest.raises(Forbidden):
        pool_import.experts_import(
            actor=factories.make_applicant(), content=xlsx(good_rows()), filename="a.xlsx"
        )


def test_the_template_has_the_header_and_imports_once_the_example_is_kept(world):
    committee, _series, _health, office = world
    book = load_workbook(io.BytesIO(pool_import.template_xlsx()))
    assert [c.value for c in book.active[1]] == HEADER
    # The example names 卫生系列 (here in the catalogue) and imports as it stands.
    result = pool_import.experts_import(actor=office, content=pool_import.template_xlsx(), filename="t.xlsx")
    assert len(result.created) == 1 and pool.serving_count(committee=committee) == 1
