"""申报信息 API (mounted by the lead at /api/v1/dossier/). Thin: every endpoint calls the same
service as the pages. Another applicant's entry is 404, as on the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from accounts.auth import api_auth
from core.http import client_ip
from core.sources import cite

from . import rules, services
from .completeness import dossier_missing
from .display import entry_display
from .facts import major_made_good
from .models import EmploymentForm, MovedFromPost, OriginalRetirementAge, SkillGrade
from .sections import sections_description
from .selectors import dossier_get_or_create, dossier_sections

router = Router(tags=["申报信息"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class DetailOut(Schema):
    detail: str


class EntryFieldOut(Schema):
    key: str
    label: str
    value: Any = None
    text: str = Field(description="便于阅读的取值（选项名称、是/否、“至今”）")


class EntryOut(Schema):
    id: int
    section: str
    position: int
    data: dict[str, Any]
    fields: list[EntryFieldOut]


class SectionOut(Schema):
    key: str
    label: str
    single: bool
    required: bool
    entries: list[EntryOut]


class UnitOut(Schema):
    id: int
    name: str
    civil_servant_managed: bool = Field(description="单位是否参照公务员法管理（参公）")


class BasicOut(Schema):
    name: str
    id_number: str = Field(description="本人身份证号（不能在此修改）")
    phone: str
    sex: str = Field(description="male / female，由身份证号生成")
    sex_label: str
    birth_date: str | None = Field(None, description="由身份证号生成")
    unit: UnitOut | None = None
    work_start_date: str | None = None
    professional_start_date: str | None = None
    employment_form: str
    employment_form_label: str
    current_post: str
    is_civil_servant: bool
    original_retirement_age: int | None = None
    delayed_retirement_until: str | None = Field(None, description="YYYY-MM")
    skill_grade: str = Field("", description=f"职业资格（职业技能等级）（{cite(16)}），没有的为空")
    skill_grade_label: str = ""
    skill_grade_obtained_on: str | None = Field(None, description="取得等级时间 YYYY-MM-DD")
    moved_from_post: str = Field("", description="转岗前岗位（职称知识25问第10问），未转岗的为空")
    moved_from_post_label: str = ""
    post_changed_on: str | None = Field(None, description="单位行文确定的岗位变更时间 YYYY-MM-DD")
    appointed_with_pay_on: str | None = Field(
        None, description="取得职称资格受聘并享有相应职务工资时间 YYYY-MM-DD"
    )
    major_matches: bool = Field(True, description=f"所学专业与从事、申报专业相符（{cite(12)}）")
    mismatch_training_months: int | None = Field(None, description="参加所从事专业的专业培训累计（月）")
    mismatch_course_certificates: int | None = Field(
        None, description="大专院校本专业主要科目进修结业证书（门）"
    )
    mismatch_study_months: int | None = Field(None, description="参加大专院校本专业学习累计（月）")
    mismatch_city_training: bool = Field(False, description="参加市级行业主管部门统一组织的业务培训")
    mismatch_made_good: bool | None = Field(
        None, description=f"不相符时是否视为具备同专业能力要求（{cite(12)}）；相符的为 null"
    )


class MissingOut(Schema):
    section: str
    message: str
    url: str


class DossierOut(Schema):
    basic: BasicOut
    sections: list[SectionOut]
    missing: list[MissingOut] = Field(
        description="申报信息中尚未完成的项目（附件与封面由 applications_check 检查）"
    )


def _entry_out(entry) -> dict:
    from .sections import SECTIONS_BY_KEY

    section = SECTIONS_BY_KEY[entry.section]
    return {
        "id": entry.pk,
        "section": entry.section,
        "position": entry.position,
        "data": entry.data,
        "fields": entry_display(section, entry.data),
    }


def _basic_out(dossier) -> dict:
    user = dossier.user
    unit = user.organisation
    delayed = dossier.delayed_retirement_until
    return {
        "name": user.name,
        "id_number": user.id_number or "",
        "phone": user.phone,
        "sex": dossier.sex,
        "sex_label": dossier.get_sex_display() if dossier.sex else "",
        "birth_date": dossier.birth_date.isoformat() if dossier.birth_date else None,
        "unit": (
            {"id": unit.pk, "name": unit.name, "civil_servant_managed": unit.civil_servant_managed}
            if unit
            else None
        ),
        "work_start_date": dossier.work_start_date.isoformat() if dossier.work_start_date else None,
        "professional_start_date": (
            dossier.professional_start_date.isoformat() if dossier.professional_start_date else None
        ),
        "employment_form": dossier.employment_form,
        "employment_form_label": dossier.get_employment_form_display() if dossier.employment_form else "",
        "current_post": dossier.current_post,
        "is_civil_servant": dossier.is_civil_servant,
        "original_retirement_age": dossier.original_retirement_age,
        "delayed_retirement_until": delayed.strftime("%Y-%m") if delayed else None,
        "skill_grade": dossier.skill_grade,
        "skill_grade_label": dossier.get_skill_grade_display() if dossier.skill_grade else "",
        "skill_grade_obtained_on": (
            dossier.skill_grade_obtained_on.isoformat() if dossier.skill_grade_obtained_on else None
        ),
        "moved_from_post": dossier.moved_from_post,
        "moved_from_post_label": dossier.get_moved_from_post_display() if dossier.moved_from_post else "",
        "post_changed_on": dossier.post_changed_on.isoformat() if dossier.post_changed_on else None,
        "appointed_with_pay_on": (
            dossier.appointed_with_pay_on.isoformat() if dossier.appointed_with_pay_on else None
        ),
        "major_matches": dossier.major_matches,
        "mismatch_training_months": dossier.mismatch_training_months,
        "mismatch_course_certificates": dossier.mismatch_course_certificates,
        "mismatch_study_months": dossier.mismatch_study_months,
        "mismatch_city_training": dossier.mismatch_city_training,
        "mismatch_made_good": None if dossier.major_matches else major_made_good(dossier),
    }


def _dossier(request: HttpRequest):
    services.require_applicant(request.auth)
    return dossier_get_or_create(user=request.auth)


AUTH_ERRORS = {401: ErrorOut, 403: ErrorOut}


@router.get(
    "",
    auth=api_auth,
    response={200: DossierOut, **AUTH_ERRORS},
    operation_id="dossier_get",
    summary="申报信息：基本信息和 13 个栏目的全部条目",
    description=sections_description(),
)
def dossier_get(request: HttpRequest):
    dossier = _dossier(request)
    pairs = dossier_sections(dossier=dossier)
    missing = dossier_missing(dossier=dossier, entries_by_section={s.key: entries for s, entries in pairs})
    return {
        "basic": _basic_out(dossier),
        "sections": [
            {
                "key": section.key,
                "label": section.label,
                "single": section.single,
                "required": section.required,
                "entries": [_entry_out(entry) for entry in entries],
            }
            for section, entries in pairs
        ],
        "missing": [{"section": m.section, "message": m.message, "url": m.url} for m in missing],
    }


class BasicIn(Schema):
    """Only the keys sent are changed; "" clears 批准延迟退休至（月）. An unknown key is refused
    (a misspelt field is never silently ignored)."""

    model_config = ConfigDict(extra="forbid")

    work_start_date: str | None = Field(None, description="参加工作时间 YYYY-MM-DD")
    professional_start_date: str | None = Field(
        None, description="从事专业技术工作时间 YYYY-MM-DD，不早于参加工作时间"
    )
    employment_form: str | None = Field(
        None, description="用工形式：" + "，".join(f"{v}（{label}）" for v, label in EmploymentForm.choices)
    )
    current_post: str | None = Field(None, description="现任专业技术岗位")
    is_civil_servant: bool | None = Field(None, description="本人为公务员或参公人员")
    original_retirement_age: int | None = Field(
        None,
        description="原法定退休年龄："
        + "，".join(f"{v}（{label}）" for v, label in OriginalRetirementAge.choices),
    )
    delayed_retirement_until: str | None = Field(None, description='批准延迟退休至（月）YYYY-MM；"" 清除')
    skill_grade: str | None = Field(
        None,
        description=f"职业资格（职业技能等级）（{cite(16)}）："
        + "，".join(f"{v}（{label}）" for v, label in SkillGrade.choices)
        + '；"" 清除（须同时清除取得等级时间）',
    )
    skill_grade_obtained_on: str | None = Field(
        None, description='取得等级时间 YYYY-MM-DD，与职业资格（职业技能等级）同时填写；"" 清除'
    )
    moved_from_post: str | None = Field(
        None,
        description="转岗前岗位（职称知识25问第10问）："
        + "，".join(f"{v}（{label}）" for v, label in MovedFromPost.choices)
        + '；"" 未转岗（须同时清除两个时间）',
    )
    post_changed_on: str | None = Field(
        None, description='单位行文确定的岗位变更时间 YYYY-MM-DD，不早于参加工作时间；"" 清除'
    )
    appointed_with_pay_on: str | None = Field(
        None,
        description="取得职称资格受聘并享有相应职务工资时间 YYYY-MM-DD（《事业单位工作人员岗位（职务）"
        '变动工资审批表》），不早于岗位变更时间；"" 清除',
    )
    major_matches: bool | None = Field(None, description=f"所学专业与从事、申报专业相符（{cite(12)}）")
    mismatch_training_months: int | str | None = Field(
        None, description='不相符时：参加所从事专业的专业培训累计（月），0–480；"" 清除'
    )
    mismatch_course_certificates: int | str | None = Field(
        None, description='不相符时：大专院校本专业主要科目进修结业证书（门），0–50；"" 清除'
    )
    mismatch_study_months: int | str | None = Field(
        None, description='不相符时：参加大专院校本专业学习累计（月），0–480；"" 清除'
    )
    mismatch_city_training: bool | None = Field(
        None, description="不相符时：参加市级行业主管部门统一组织的业务培训"
    )
    unit_id: int | None = Field(
        None,
        description="工作单位（见 auth_unit_choices）；用工形式为自由职业的，可选人事代理机构或户口所在地"
        "县（市）区人社部门（auth_unit_choices?household=true 列出）",
    )
    # Shown by dossier_get but never changed here: sending one is refused with the reason.
    name: str | None = Field(None, description="只读：姓名不能在此修改")
    id_number: str | None = Field(None, description="只读：身份证号不能在此修改")
    phone: str | None = Field(None, description="只读：手机号码请联系技术支持修改")
    sex: str | None = Field(None, description="只读：由身份证号生成")
    birth_date: str | None = Field(None, description="只读：由身份证号生成")


@router.patch(
    "/basic",
    auth=api_auth,
    response={200: BasicOut, 400: ErrorOut, 422: ErrorOut, **AUTH_ERRORS},
    operation_id="dossier_basic_update",
    summary="修改基本信息（姓名、身份证号、手机号码不能在此修改；性别、出生日期由身份证号生成）",
)
def dossier_basic_update(request: HttpRequest, payload: BasicIn):
    _dossier(request)
    fields = payload.dict(exclude_unset=True)
    fields = {key: value for key, value in fields.items() if not (key == "unit_id" and value is None)}
    dossier = services.dossier_basic_update(user=request.auth, ip=client_ip(request), **fields)
    return _basic_out(dossier)


class EntryIn(Schema):
    """The entry's fields go inside `data`; any other top-level key is refused."""

    model_config = ConfigDict(extra="forbid")

    data: dict[str, Any] = Field(default_factory=dict, description="字段名: 值，字段见 dossier_get 的说明")


ENTRY_DESCRIPTION = (
    f"每个栏目最多 {rules.MAX_ENTRIES_PER_SECTION} 条。错误时返回全部字段的提示，不保存任何内容。\n\n"
    + sections_description()
)


@router.post(
    "/sections/{section}/entries",
    auth=api_auth,
    response={201: EntryOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, **AUTH_ERRORS},
    operation_id="dossier_entry_create",
    summary="新增一条（section 为栏目键，如 education）",
    description=ENTRY_DESCRIPTION,
)
def dossier_entry_create(request: HttpRequest, section: str, payload: EntryIn):
    _dossier(request)
    entry = services.dossier_entry_create(
        user=request.auth, section=section, data=payload.data, ip=client_ip(request)
    )
    return Status(201, _entry_out(entry))


@router.put(
    "/entries/{entry_id}",
    auth=api_auth,
    response={200: EntryOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut, **AUTH_ERRORS},
    operation_id="dossier_entry_update",
    summary="编辑一条（data 为该条的全部内容）",
    description=ENTRY_DESCRIPTION,
)
def dossier_entry_update(request: HttpRequest, entry_id: int, payload: EntryIn):
    _dossier(request)
    entry = services.dossier_entry_update(
        user=request.auth, entry_id=entry_id, data=payload.data, ip=client_ip(request)
    )
    return _entry_out(entry)


@router.delete(
    "/entries/{entry_id}",
    auth=api_auth,
    response={200: DetailOut, 404: ErrorOut, 409: ErrorOut, **AUTH_ERRORS},
    operation_id="dossier_entry_delete",
    summary="删除一条（其附件一并删除；申报审核期间附件冻结时不能删除有附件的条目）",
)
def dossier_entry_delete(request: HttpRequest, entry_id: int):
    _dossier(request)
    services.dossier_entry_delete(user=request.auth, entry_id=entry_id, ip=client_ip(request))
    return {"detail": "已删除。"}
