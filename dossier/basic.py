"""基本信息 checks: the fields an applicant edits on the 基本信息 page, each with its Chinese
message. `clean_basic` returns the new values of the fields given and puts every problem into the
caller's FieldErrors (dossier.services.dossier_basic_update writes them)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from core.dates import add_years, date_label, month_label
from core.errors import FieldErrors

from .models import Dossier, EmploymentForm, MovedFromPost, OriginalRetirementAge, Sex, SkillGrade
from .validation import CONTROL_CHARS, FALSE_WORDS, TRUE_WORDS

MIN_WORKING_AGE = 16

# 基本信息 fields the applicant edits, with their labels (the keys of dossier_basic_update).
BASIC_FIELDS = {
    "work_start_date": "参加工作时间",
    "professional_start_date": "从事专业技术工作时间",
    "employment_form": "用工形式",
    "current_post": "现任专业技术岗位",
    "is_civil_servant": "本人为公务员或参公人员",
    "original_retirement_age": "原法定退休年龄",
    "delayed_retirement_until": "批准延迟退休至（月）",
    "skill_grade": "职业资格（职业技能等级）",
    "skill_grade_obtained_on": "取得等级时间",
    # Seed question 10: 工勤技能 or management staff moved to a professional post.
    "moved_from_post": "转岗前岗位",
    "post_changed_on": "单位行文确定的岗位变更时间",
    "appointed_with_pay_on": "取得职称资格受聘并享有相应职务工资时间",
    # Rule 12 (seed question 12): the graduated major against the specialty, and what made it good.
    "major_matches": "所学专业与从事、申报专业是否相符",
    "mismatch_training_months": "参加所从事专业的专业培训累计（月）",
    "mismatch_course_certificates": "大专院校本专业主要科目进修结业证书（门）",
    "mismatch_study_months": "参加大专院校本专业学习累计（月）",
    "mismatch_city_training": "参加市级行业主管部门统一组织的业务培训",
    "unit_id": "工作单位",
}
# Rule 12: sane upper bounds of the numbers given (40 years of months; certificates).
MAX_MISMATCH_MONTHS = 480
MAX_COURSE_CERTIFICATES = 50
MISMATCH_NUMBERS = {
    "mismatch_training_months": MAX_MISMATCH_MONTHS,
    "mismatch_course_certificates": MAX_COURSE_CERTIFICATES,
    "mismatch_study_months": MAX_MISMATCH_MONTHS,
}
MISMATCH_DETAILS = (*MISMATCH_NUMBERS, "mismatch_city_training")
# Required once given (the completeness check asks for them when never given).
BASIC_REQUIRED = (
    "work_start_date",
    "professional_start_date",
    "employment_form",
    "current_post",
    "original_retirement_age",
)
READ_ONLY_BASIC = {
    "name": "姓名不能在此修改；填写有误的，请联系系统技术支持修改。",
    "id_number": "身份证号不能在此修改；填写有误的，请联系系统技术支持修改。",
    "phone": "手机号码不能在此修改；更换手机号码请联系系统技术支持。",
    "sex": "性别由身份证号自动生成，不能修改。",
    "birth_date": "出生日期由身份证号自动生成，不能修改。",
}


def retirement_ages_for(sex: str) -> list[OriginalRetirementAge]:
    """Rule 9: the original statutory ages that fit the sex read from the ID number (a man has one,
    so the 基本信息 page comes with it chosen); all three when the sex is unknown."""
    if sex == Sex.MALE:
        return [OriginalRetirementAge.MALE_60]
    if sex == Sex.FEMALE:
        return [OriginalRetirementAge.FEMALE_55, OriginalRetirementAge.FEMALE_50]
    return list(OriginalRetirementAge)


def required_message(key: str) -> str:
    verb = (
        "选择"
        if key
        in ("employment_form", "original_retirement_age", "skill_grade", "moved_from_post", "major_matches")
        else "填写"
    )
    return f"请{verb}{BASIC_FIELDS[key]}。"


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_date(value: object, label: str) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if isinstance(value, str) else ""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if not match:
        raise ValueError(f"{label}格式应为 YYYY-MM-DD，如 2010-07-01。")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(f"{label}不是有效的日期。") from None


def _parse_month(value: object, label: str) -> dt.date:
    """YYYY-MM (a full date is taken as its month); stored as the month's first day."""
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = str(value).strip() if isinstance(value, str) else ""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"{label}格式应为 YYYY-MM，如 2026-12。")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def clean_basic(dossier: Dossier, fields: dict, errors: FieldErrors) -> dict:
    """The new values of the given fields; every problem goes to `errors`."""
    today = timezone.localdate()
    values: dict = {}
    current = {
        "name": dossier.user.name,
        "id_number": dossier.user.id_number or "",
        "phone": dossier.user.phone,
        "sex": dossier.sex,
        "birth_date": dossier.birth_date.isoformat() if dossier.birth_date else "",
    }
    for key, message in READ_ONLY_BASIC.items():
        # Sending back the value shown (a client echoing dossier_get) is fine; a change is not.
        if key in fields and str(fields[key] or "").strip() != current[key]:
            errors.add(key, message)
    for key in fields:
        if key not in BASIC_FIELDS and key not in READ_ONLY_BASIC:
            errors.add(key, f"基本信息没有此项（{key}）。")
    for key in BASIC_REQUIRED:
        if key in fields and is_empty(fields[key]):
            errors.add(key, required_message(key))
    birth = dossier.birth_date
    sixteen = add_years(birth, MIN_WORKING_AGE) if birth else None

    def check_start(key: str) -> dt.date | None:
        label = BASIC_FIELDS[key]
        try:
            day = _parse_date(fields[key], label)
        except ValueError as exc:
            errors.add(key, str(exc))
            return None
        if day > today:
            errors.add(key, f"{label}不能晚于今天。")
        elif sixteen and day < sixteen:
            errors.add(key, f"{label}不能早于年满 {MIN_WORKING_AGE} 周岁的日期（{date_label(sixteen)}）。")
        return day

    for key in ("work_start_date", "professional_start_date"):
        if key in fields and not is_empty(fields[key]):
            values[key] = check_start(key)
    work_start = values.get("work_start_date", dossier.work_start_date)
    professional = values.get("professional_start_date")
    if (
        professional
        and work_start
        and professional < work_start
        and "professional_start_date" not in errors.errors
    ):
        errors.add("professional_start_date", "从事专业技术工作时间不能早于参加工作时间。")
    if (
        "work_start_date" in values
        and work_start
        and "professional_start_date" not in fields
        and dossier.professional_start_date
        and dossier.professional_start_date < work_start
    ):
        errors.add("work_start_date", "参加工作时间不能晚于已填写的从事专业技术工作时间。")

    if "employment_form" in fields and not is_empty(fields["employment_form"]):
        raw = str(fields["employment_form"]).strip()
        match = next((v for v, label in EmploymentForm.choices if raw in (v, label)), None)
        if match is None:
            options = "、".join(EmploymentForm.labels)
            errors.add("employment_form", f"用工形式不是有效的选项，可选：{options}。")
        values["employment_form"] = match

    if "current_post" in fields and not is_empty(fields["current_post"]):
        raw = fields["current_post"]
        text = " ".join(CONTROL_CHARS.sub(" ", raw).split()) if isinstance(raw, str) else None
        if text is None:
            errors.add("current_post", "现任专业技术岗位应为文本。")
        elif len(text) > 100:
            errors.add("current_post", f"现任专业技术岗位最多 100 个字，当前 {len(text)} 个字。")
        values["current_post"] = text

    # Rule 9: civil servants and 参公 staff may not apply; the person states it here (the
    # unit's 参公 status is Organisation.civil_servant_managed, shown on the page).
    if "is_civil_servant" in fields:
        raw = fields["is_civil_servant"]
        word = str(raw).strip().lower() if isinstance(raw, str | int) and not isinstance(raw, bool) else ""
        if isinstance(raw, bool):
            values["is_civil_servant"] = raw
        elif is_empty(raw) or word in FALSE_WORDS:
            values["is_civil_servant"] = False
        elif word in TRUE_WORDS:
            values["is_civil_servant"] = True
        else:
            errors.add("is_civil_servant", "本人为公务员或参公人员应选择“是”或“否”。")

    if "original_retirement_age" in fields and not is_empty(fields["original_retirement_age"]):
        raw = fields["original_retirement_age"]
        try:
            age = int(str(raw).strip()) if not isinstance(raw, bool) else None
        except ValueError:
            age = None
        if age not in OriginalRetirementAge.values:
            errors.add("original_retirement_age", "原法定退休年龄应为 60、55 或 50 周岁。")
        # Rule 9: the original age is recorded per person and must fit the sex.
        elif dossier.sex == Sex.MALE and age != OriginalRetirementAge.MALE_60:
            errors.add("original_retirement_age", "男性的原法定退休年龄为 60 周岁。")
        elif dossier.sex == Sex.FEMALE and age == OriginalRetirementAge.MALE_60:
            errors.add(
                "original_retirement_age", "女性的原法定退休年龄为 55 周岁（女干部）或 50 周岁（女职工）。"
            )
        values["original_retirement_age"] = age

    if "delayed_retirement_until" in fields:
        raw = fields["delayed_retirement_until"]
        if is_empty(raw):
            values["delayed_retirement_until"] = None
        else:
            try:
                month = _parse_month(raw, "批准延迟退休至（月）")
            except ValueError as exc:
                errors.add("delayed_retirement_until", str(exc))
            else:
                values["delayed_retirement_until"] = month
                age = values.get("original_retirement_age") or dossier.original_retirement_age
                reached = add_years(birth, age) if birth and age else None
                if reached and month < reached.replace(day=1):
                    errors.add(
                        "delayed_retirement_until",
                        f"批准延迟退休的月份应晚于年满原法定退休年龄的月份（{month_label(reached)}）。",
                    )
    _clean_skill_grade(dossier, fields, errors, values, check_start)
    _clean_post_change(dossier, fields, errors, values, check_start)
    _clean_major(dossier, fields, errors, values)
    return values


def _yes_no(raw: object, *, yes: tuple[str, ...] = (), no: tuple[str, ...] = ()) -> bool | None:
    """True / False from a bool or a word (是 / 否, true / false and the given extra words); None
    when it is neither."""
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower() if isinstance(raw, str | int) else ""
    if word in TRUE_WORDS or word in yes:
        return True
    if word in FALSE_WORDS or word in no:
        return False
    return None


def _clean_post_change(
    dossier: Dossier, fields: dict, errors: FieldErrors, values: dict, check_start
) -> None:
    """Seed question 10: the post moved from (工勤技能岗位 or 管理岗位; "" when not moved), the post
    change fixed by the unit's official document (not before 参加工作时间) and the appointment with
    its pay (not before the post change). Not in the future; the dates only for a moved person."""
    if "moved_from_post" in fields:
        raw = fields["moved_from_post"]
        if is_empty(raw):
            values["moved_from_post"] = ""
        else:
            text = str(raw).strip()
            match = next((v for v, label in MovedFromPost.choices if text in (v, label)), None)
            if match is None:
                errors.add("moved_from_post", "转岗前岗位只能是工勤技能岗位或管理岗位；未转岗的不选。")
            values["moved_from_post"] = match or ""
    for key in ("post_changed_on", "appointed_with_pay_on"):
        if key in fields:
            values[key] = None if is_empty(fields[key]) else check_start(key)
    if any(key in errors.errors for key in ("moved_from_post", "post_changed_on", "appointed_with_pay_on")):
        return
    moved = values.get("moved_from_post", dossier.moved_from_post)
    changed = values.get("post_changed_on", dossier.post_changed_on)
    appointed = values.get("appointed_with_pay_on", dossier.appointed_with_pay_on)
    if not moved:
        if changed is not None or appointed is not None:
            errors.add(
                "moved_from_post",
                "填写了岗位变更时间或受聘并享有相应职务工资时间的，请选择转岗前岗位；未转岗的请清空这两个时间。",
            )
        return
    if changed is None:
        errors.add(
            "post_changed_on",
            "由工勤技能岗位或管理岗位转到专业技术岗位的，请填写单位行文确定的岗位变更时间。",
        )
        return
    work_start = values.get("work_start_date", dossier.work_start_date)
    if work_start and changed < work_start and "work_start_date" not in errors.errors:
        errors.add("post_changed_on", "单位行文确定的岗位变更时间不能早于参加工作时间。")
    if appointed is not None and appointed < changed:
        errors.add(
            "appointed_with_pay_on",
            "取得职称资格受聘并享有相应职务工资时间不能早于单位行文确定的岗位变更时间。",
        )


def _clean_major(dossier: Dossier, fields: dict, errors: FieldErrors, values: dict) -> None:
    """Rule 12: 所学专业 相符 / 不相符 and, only when 不相符, what made it good: months of specialty
    training, course-completion certificates, months of college study (whole numbers from 0 up to
    a sane bound; "" clears) and the city-level business training (是 / 否)."""
    if "major_matches" in fields and not is_empty(fields["major_matches"]):  # empty: unchanged
        raw = fields["major_matches"]
        answer = _yes_no(raw, yes=("相符", "match"), no=("不相符", "mismatch"))
        if answer is None:
            errors.add("major_matches", "所学专业与从事、申报专业是否相符应选择“相符”或“不相符”。")
        else:
            values["major_matches"] = answer
    for key, maximum in MISMATCH_NUMBERS.items():
        if key not in fields:
            continue
        raw = fields[key]
        if is_empty(raw):
            values[key] = None
            continue
        label = BASIC_FIELDS[key]
        text = str(raw).strip() if isinstance(raw, str | int) and not isinstance(raw, bool) else ""
        if not re.fullmatch(r"-?\d+", text):
            errors.add(key, f"{label}应为整数，如 6。")
            continue
        number = int(text)
        if number < 0:
            errors.add(key, f"{label}不能为负数。")
        elif number > maximum:
            errors.add(key, f"{label}最多为 {maximum}，请核对。")
        else:
            values[key] = number
    if "mismatch_city_training" in fields:
        raw = fields["mismatch_city_training"]
        answer = False if is_empty(raw) else _yes_no(raw)
        if answer is None:
            errors.add("mismatch_city_training", "参加市级行业主管部门统一组织的业务培训应选择“是”或“否”。")
        else:
            values["mismatch_city_training"] = answer
    if "major_matches" in errors.errors:
        return
    if values.get("major_matches", dossier.major_matches):
        for key in MISMATCH_DETAILS:
            value = values.get(key, getattr(dossier, key))
            if key not in errors.errors and value not in (None, False):
                errors.add(key, f"所学专业与从事、申报专业相符的，不填写“{BASIC_FIELDS[key]}”。")


def _clean_skill_grade(
    dossier: Dossier, fields: dict, errors: FieldErrors, values: dict, check_start
) -> None:
    """Rule 16: 高级工, 技师 or 高级技师 with the date obtained, both given or both empty ("" clears)."""
    if "skill_grade" in fields:
        raw = fields["skill_grade"]
        if is_empty(raw):
            values["skill_grade"] = ""
        else:
            text = str(raw).strip()
            match = next((v for v, label in SkillGrade.choices if text in (v, label)), None)
            if match is None:
                errors.add("skill_grade", "职业资格（职业技能等级）只能是高级工、技师或高级技师。")
            values["skill_grade"] = match or ""
    if "skill_grade_obtained_on" in fields:
        if is_empty(fields["skill_grade_obtained_on"]):
            values["skill_grade_obtained_on"] = None
        else:
            values["skill_grade_obtained_on"] = check_start("skill_grade_obtained_on")
    if "skill_grade" in errors.errors or "skill_grade_obtained_on" in errors.errors:
        return
    grade = values.get("skill_grade", dossier.skill_grade)
    obtained = values.get("skill_grade_obtained_on", dossier.skill_grade_obtained_on)
    if grade and obtained is None:
        errors.add("skill_grade_obtained_on", "选择了职业资格（职业技能等级）的，请填写取得等级时间。")
    elif obtained is not None and not grade:
        errors.add("skill_grade", "填写了取得等级时间的，请选择职业资格（职业技能等级）。")
