"""A JSON-safe copy of a dossier for a submitted application (applications stores it).

Every value carries its label and its readable text, so a reviewer reads the submitted dossier as
it was even after the field declarations change. Entries keep their id (attachments name it)."""

from __future__ import annotations

from django.utils import timezone

from core.dates import iso_label
from core.sources import cite

from .display import entry_display
from .selectors import dossier_sections

SNAPSHOT_VERSION = 1


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _basic(dossier) -> list[dict]:
    user = dossier.user
    unit = user.organisation
    delayed = dossier.delayed_retirement_until

    def row(key: str, label: str, value, text: str | None = None) -> dict:
        shown = text if text is not None else ("" if value in (None, "") else iso_label(value))
        return {"key": key, "label": label, "value": value, "text": shown}

    age = dossier.original_retirement_age
    return [
        row("name", "姓名", user.name),
        row("id_number", "身份证号", user.id_number or ""),
        row("sex", "性别", dossier.sex, dossier.get_sex_display() if dossier.sex else ""),
        row("birth_date", "出生日期", _iso(dossier.birth_date)),
        row("phone", "手机号码", user.phone),
        row("unit", "工作单位", unit.pk if unit else None, unit.name if unit else ""),
        row(
            "unit_civil_servant_managed",
            "单位是否参照公务员法管理（参公）",
            unit.civil_servant_managed if unit else None,
            ("是" if unit.civil_servant_managed else "否") if unit else "",
        ),
        row("work_start_date", "参加工作时间", _iso(dossier.work_start_date)),
        row("professional_start_date", "从事专业技术工作时间", _iso(dossier.professional_start_date)),
        row(
            "employment_form",
            "用工形式",
            dossier.employment_form,
            dossier.get_employment_form_display() if dossier.employment_form else "",
        ),
        row("current_post", "现任专业技术岗位", dossier.current_post),
        row(
            "is_civil_servant",
            "本人为公务员或参公人员",
            dossier.is_civil_servant,
            "是" if dossier.is_civil_servant else "否",
        ),
        row(
            "original_retirement_age",
            "原法定退休年龄",
            age,
            dossier.get_original_retirement_age_display() if age else "",
        ),
        row(
            "delayed_retirement_until", "批准延迟退休至（月）", delayed.strftime("%Y-%m") if delayed else None
        ),
        row(
            "skill_grade",
            "职业资格（职业技能等级）",
            dossier.skill_grade,
            dossier.get_skill_grade_display() if dossier.skill_grade else "",
        ),
        row("skill_grade_obtained_on", "取得等级时间", _iso(dossier.skill_grade_obtained_on)),
        *_fact_rows(dossier, row),
    ]


def _fact_rows(dossier, row) -> list[dict]:
    """Seed question 10 (a move from a 工勤技能 or management post) and rule 12 (the major)."""
    from .facts import major_made_good

    moved = dossier.moved_from_post
    rows = [
        row(
            "moved_from_post",
            "转岗前岗位（工勤技能人员或管理人员转岗）",
            moved,
            dossier.get_moved_from_post_display() if moved else "未转岗",
        ),
        row("post_changed_on", "单位行文确定的岗位变更时间", _iso(dossier.post_changed_on)),
        row(
            "appointed_with_pay_on",
            "取得职称资格受聘并享有相应职务工资时间",
            _iso(dossier.appointed_with_pay_on),
        ),
        row(
            "major_matches",
            "所学专业与从事、申报专业",
            dossier.major_matches,
            "相符" if dossier.major_matches else "不相符",
        ),
    ]
    if not dossier.major_matches:
        made_good = major_made_good(dossier)
        rows += [
            row(
                "mismatch_training_months",
                "参加所从事专业的专业培训累计（月）",
                dossier.mismatch_training_months,
            ),
            row(
                "mismatch_course_certificates",
                "大专院校本专业主要科目进修结业证书（门）",
                dossier.mismatch_course_certificates,
            ),
            row("mismatch_study_months", "参加大专院校本专业学习累计（月）", dossier.mismatch_study_months),
            row(
                "mismatch_city_training",
                "参加市级行业主管部门统一组织的业务培训",
                dossier.mismatch_city_training,
                "是" if dossier.mismatch_city_training else "否",
            ),
            row(
                "mismatch_made_good",
                f"视为具备同专业能力要求（{cite(12)}）",
                made_good,
                "是" if made_good else "否",
            ),
        ]
    return rows


def dossier_snapshot(*, dossier) -> dict:
    """basic: list of {key, label, value, text}; sections: the 13 sections in order, each with its
    field labels and its entries ({id, position, fields: [{key, label, value, text}]})."""
    sections = []
    for section, entries in dossier_sections(dossier=dossier):
        sections.append(
            {
                "key": section.key,
                "label": section.label,
                "fields": [{"key": f.key, "label": f.label, "kind": f.kind} for f in section.fields],
                "entries": [
                    {
                        "id": entry.pk,
                        "position": entry.position,
                        "updated_at": entry.updated_at.isoformat(),
                        "fields": entry_display(section, entry.data),
                    }
                    for entry in entries
                ],
            }
        )
    basic = _basic(dossier)
    return {
        "version": SNAPSHOT_VERSION,
        "taken_at": timezone.now().isoformat(),
        "dossier_id": dossier.pk,
        "user_id": dossier.user_id,
        "basic": basic,
        "basic_values": {row["key"]: row["value"] for row in basic},
        "sections": sections,
    }
