"""Public catalogue API (no sign-in): series and titles, committees, district offices, competent
departments, policy questions. Thin: each endpoint calls a selector in catalog/selectors.py."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema

from . import selectors

router = Router(tags=["职称目录"])


class TitleOut(Schema):
    level: str
    level_name: str
    name: str

    @staticmethod
    def resolve_level_name(obj) -> str:
        return obj.get_level_display()


class TrackOut(Schema):
    id: int
    name: str
    order: int
    titles: list[TitleOut]

    @staticmethod
    def resolve_titles(obj) -> list:
        return obj.ordered_titles


class SeriesOut(Schema):
    id: int
    number: int
    name: str
    tracks: list[TrackOut]

    @staticmethod
    def resolve_tracks(obj) -> list:
        return list(obj.tracks.all())


class OrganiserRef(Schema):
    id: int
    name: str


class CoverageOut(Schema):
    series_id: int
    series: str
    level: str
    level_name: str

    @staticmethod
    def resolve_series(obj) -> str:
        return obj.series.name

    @staticmethod
    def resolve_level_name(obj) -> str:
        return obj.get_level_display()


class CommitteeOut(Schema):
    id: int
    tier: str
    tier_name: str
    number: int
    name: str
    scope: str
    organiser: OrganiserRef
    phone: str
    coverage: list[CoverageOut]
    plan_year: int | None = None
    planned_month: int | None = None

    @staticmethod
    def resolve_tier_name(obj) -> str:
        return obj.get_tier_display()

    @staticmethod
    def resolve_coverage(obj) -> list:
        return obj.coverage_list


class OfficeBranchOut(Schema):
    name: str = Field(description="科室/窗口")
    services: str
    address: str
    phones: list[str]


class OfficeOut(Schema):
    id: int
    number: int
    name: str
    branch: str
    area: str
    services: str = Field(description="服务范围及内容；有办事窗口（branches）的，见各窗口")
    address: str = Field(description="地址；有办事窗口（branches）的，见各窗口")
    phone: str
    phones: list[str] = Field(description="全部联系电话（含各办事窗口的）")
    branches: list[OfficeBranchOut] = Field(
        description="办事窗口：一个人社部门分设的科室或窗口（如西山区的事业单位人事管理科和区人才服务中心），"
        "各有服务范围、地址和联系电话"
    )

    @staticmethod
    def resolve_branches(obj) -> list:
        return obj.branch_list

    @staticmethod
    def resolve_number(obj) -> int:
        return obj.sort_order


class DepartmentOut(Schema):
    id: int
    name: str
    aliases: list[str]
    phone: str
    area: str


class FaqOut(Schema):
    id: int
    kind: str
    kind_name: str
    number: int
    question: str
    answer: str
    tags: list[str]
    see: str

    @staticmethod
    def resolve_kind_name(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return [tag for tag in obj.tags.split("、") if tag]


@router.get("/series", response=list[SeriesOut], operation_id="catalog_series", summary="职称系列及名称")
def catalog_series(request: HttpRequest):
    """29 个系列，每个系列的方向及各层级（正高级、副高级、中级、助理级、员级）的职称名称。"""
    return selectors.series_list()


@router.get(
    "/committees", response=list[CommitteeOut], operation_id="catalog_committees", summary="评审委员会目录"
)
def catalog_committees(
    request: HttpRequest,
    level: str = "",
    series: str = "",
    q: str = "",
    organiser: str = "",
    tier: str = "",
):
    """有效的评委会（高级在前），含评审范围、组建单位、联系电话及最近一个计划年度的计划评审月份（plan_year、planned_month）。

    筛选：`level` 层级代码（senior_full、senior_associate、intermediate、assistant、junior），
    `series` 系列编号或名称，`q` 关键词（名称、评审范围、组建单位），`organiser` 组建单位编号，
    `tier` 评委会层级（senior 高级、intermediate 中级、junior 初级）。"""
    filters = selectors.committee_filters_parse(
        level=level, series=series, q=q, organiser=organiser, tier=tier
    )
    return selectors.committee_list(filters=filters)


@router.get(
    "/offices", response=list[OfficeOut], operation_id="catalog_offices", summary="县（市）区人社部门"
)
def catalog_offices(request: HttpRequest):
    """各县（市）区人社部门职称评定工作咨询电话：服务范围及内容、地址、联系电话；分设办事窗口的（西山区），
    各窗口的服务范围、地址和联系电话见 branches。"""
    return selectors.office_list()


@router.get(
    "/departments", response=list[DepartmentOut], operation_id="catalog_departments", summary="评委会组建单位"
)
def catalog_departments(request: HttpRequest):
    """主管部门（评委会组建单位）及其其他写法、联系电话。"""
    return selectors.department_list()


@router.get("/faq", response=list[FaqOut], operation_id="catalog_faq", summary="政策问答")
def catalog_faq(request: HttpRequest, q: str = "", kind: str = ""):
    """职称知识25问与申报网站常见问题。`q` 在问题、解答、关键词中搜索；`kind`：knowledge 或 site。"""
    return selectors.faq_list(q=q, kind=kind)
