"""What a notice shows of one applicant beyond name, unit and title (seed 必读 (三)1: "须将申报人员的
学历、资历条件及学术、业绩成果等在本单位进行公示"), read from the application's submitted snapshot
(applications/snapshot.py, dossier/snapshot.py), so the notice shows what the unit reviewed.

Short on purpose (titles, not texts) and without personal data beyond what a notice needs: no
phone, no ID number, no certificate numbers, no witnesses. Plain functions over the snapshot dict."""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.models import LEVEL_ORDER
from core.dates import iso_month_label
from dossier.rules import counted_as_label, highest_education_entry

# At most this many lines per kind of achievement; the rest is counted ("等共 N 项").
PER_KIND_MAX = 10
LINE_MAX = 120
# The most recent annual assessments shown (the dossier asks for the last five years).
ASSESSMENTS_SHOWN = 5


@dataclass(frozen=True)
class EntryDetails:
    education: str = ""
    qualifications: list[str] = field(default_factory=list)
    achievements: list[str] = field(default_factory=list)


def _entries(snapshot: dict, key: str) -> list[dict]:
    """The section's entries as {field key: (value, text)} in the applicant's order."""
    for section in (snapshot.get("dossier") or {}).get("sections") or []:
        if section.get("key") == key:
            rows = []
            for entry in section.get("entries") or []:
                rows.append(
                    {f.get("key"): (f.get("value"), f.get("text") or "") for f in entry.get("fields") or []}
                )
            return rows
    return []


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    return (value[1] if value else "").strip()


def _value(row: dict, key: str):
    value = row.get(key)
    return value[0] if value else None


def _short(text: str, limit: int = LINE_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join(*parts: str) -> str:
    return "，".join(p for p in parts if p)


def education_line(snapshot: dict) -> str:
    """The highest 学历 (rule 10: a 技工院校 class counts as the level it equals), with degree,
    school, major and graduation month; the latest one when two are equally high."""
    best, level = highest_education_entry(
        _entries(snapshot, "education"), lambda row: {k: v[0] for k, v in row.items()}
    )
    if best is None:
        return ""
    education = _text(best, "education")
    technical = _text(best, "technical_class")
    if not education and technical and technical != "无":
        education = counted_as_label(technical, level) if level else technical
    degree = _text(best, "degree")
    head = f"{education}（{degree}）" if degree and degree != "无" else education
    mode = "非全日制" if _text(best, "study_mode") == "非全日制" else ""
    where = f"{_text(best, 'school')} {_text(best, 'major')}专业".strip()
    graduated = f"{iso_month_label(_value(best, 'end'))}毕业" if iso_month_label(_value(best, "end")) else ""
    return _short(_join(head, where, graduated, mode), 200)


def _level_rank(row: dict) -> int:
    """The place of a title's level, senior_full first; an unknown level after all others."""
    level = _value(row, "level")
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


def qualification_lines(snapshot: dict) -> list[str]:
    """资历条件: the titles held (highest first), the years of professional work counted to the
    committee's month (as the cover shows them), the skill grade and the recent annual assessments."""
    lines = []
    titles = sorted(
        _entries(snapshot, "current_titles"),
        key=lambda r: (
            _level_rank(r),
            str(_value(r, "obtained_on") or ""),
        ),
    )
    for row in titles[:3]:
        appointed = iso_month_label(_value(row, "appointed_on"))
        lines.append(
            _short(
                "现有职称："
                + _join(
                    f"{_text(row, 'title_name')}（{_text(row, 'level')}）",
                    f"{iso_month_label(_value(row, 'obtained_on'))}取得"
                    if _value(row, "obtained_on")
                    else "",
                    f"{appointed}聘任" if appointed else "",
                )
            )
        )
    cover = snapshot.get("cover") or {}
    basic = (snapshot.get("dossier") or {}).get("basic_values") or {}
    if cover.get("service_years"):
        month = cover.get("committee_month_label") or ""
        lines.append(f"从事专业技术工作：{cover['service_years']}" + (f"（计算至{month}）" if month else ""))
    elif basic.get("professional_start_date"):
        lines.append(f"从事专业技术工作时间：{iso_month_label(basic['professional_start_date'])}起")
    skill = {row.get("key"): row for row in (snapshot.get("dossier") or {}).get("basic") or []}
    grade = (skill.get("skill_grade") or {}).get("text") or ""
    if grade:
        obtained = iso_month_label(basic.get("skill_grade_obtained_on"))
        lines.append(f"职业资格（职业技能等级）：{grade}" + (f"，{obtained}取得" if obtained else ""))
    assessments = sorted(
        _entries(snapshot, "annual_assessments"), key=lambda r: str(_value(r, "year") or ""), reverse=True
    )[:ASSESSMENTS_SHOWN]
    if assessments:
        shown = "、".join(
            f"{_text(r, 'year')}年度{_text(r, 'result')}"
            for r in sorted(assessments, key=lambda r: str(_value(r, "year")))
        )
        lines.append(f"年度考核：{shown}")
    return lines


def _rank(row: dict) -> str:
    rank = _text(row, "rank")
    return f"排名第{rank}" if rank else ""


# Each kind of achievement: (section key, label, how one entry reads).
ACHIEVEMENT_KINDS = (
    (
        "papers",
        "论文",
        lambda r: (
            f"《{_text(r, 'title')}》（"
            + _join(f"《{_text(r, 'journal')}》", iso_month_label(_value(r, "published_on")), _rank(r))
            + "）"
        ),
    ),
    (
        "books",
        "著作",
        lambda r: (
            f"《{_text(r, 'title')}》（"
            + _join(_text(r, "publisher"), iso_month_label(_value(r, "published_on")), _text(r, "own_part"))
            + "）"
        ),
    ),
    (
        "projects",
        "课题（项目）",
        lambda r: (
            f"{_text(r, 'name')}（" + _join(_text(r, "source"), _rank(r), _text(r, "conclusion")) + "）"
        ),
    ),
    (
        "patents",
        "专利",
        lambda r: (
            f"{_text(r, 'name')}（"
            + _join(
                f"{_text(r, 'kind')}专利",
                _text(r, "number"),
                iso_month_label(_value(r, "granted_on")) + "授权",
                _rank(r),
            )
            + "）"
        ),
    ),
    (
        "awards",
        "获奖",
        lambda r: (
            f"{_text(r, 'name')}{_text(r, 'grade')}（"
            + _join(_text(r, "grantor"), iso_month_label(_value(r, "awarded_on")), _rank(r))
            + "）"
        ),
    ),
    (
        "main_work",
        "主要专业技术工作",
        lambda r: (
            f"{_text(r, 'name')}（"
            + _join(
                _text(r, "role"),
                f"{iso_month_label(_value(r, 'start'))}—{iso_month_label(_value(r, 'end')) or '至今'}"
                if _value(r, "start")
                else "",
            )
            + "）"
        ),
    ),
)


def achievement_lines(snapshot: dict) -> list[str]:
    """学术、业绩成果: papers, books, projects, patents, awards and main work, one short line each
    (at most PER_KIND_MAX of a kind, then the count)."""
    lines = []
    for key, label, line in ACHIEVEMENT_KINDS:
        rows = _entries(snapshot, key)
        for row in rows[:PER_KIND_MAX]:
            lines.append(_short(f"{label}：{line(row)}"))
        if len(rows) > PER_KIND_MAX:
            lines.append(f"{label}：……等共 {len(rows)} 项")
    return lines


def entry_details(snapshot: dict | None) -> EntryDetails:
    """The three parts a notice shows, from a submitted snapshot (empty without one)."""
    if not snapshot:
        return EntryDetails()
    return EntryDetails(
        education=education_line(snapshot),
        qualifications=qualification_lines(snapshot),
        achievements=achievement_lines(snapshot),
    )
