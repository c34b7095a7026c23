"""How a stored value reads for a person: choice labels, 是 / 否, "至今" for an open end, dates
and months in the one date style ("2008年7月1日", "2008年7月"; stored as ISO text)."""

from __future__ import annotations

from core.dates import iso_label

from .sections import Field, Section

# A title revoked for fraud (人社部令第40号, rules 1, 35): the evaluation app marks the 现有职称情况
# entry its 核准（备案） wrote with {"document_number", "revoked_on"} under this key; the entry
# then reads "已撤销（文号）" and the applicant can no longer change or delete it.
REVOKED_KEY = "revoked"
# A title the system wrote at a committee's 核准（备案） (rule 33; evaluation/results.py) carries
# {"application", "document_number"} under this key: it stays as the committee office confirmed it,
# the applicant cannot change or delete it.
GRANTED_KEY = "granted"
HIDDEN_KEYS = (REVOKED_KEY, GRANTED_KEY)


def revoked_label(data: dict | None) -> str:
    """ "已撤销（云人社撤〔2026〕1号）" for a revoked title's entry, "" otherwise."""
    mark = (data or {}).get(REVOKED_KEY)
    if not mark:
        return ""
    number = mark.get("document_number", "") if isinstance(mark, dict) else ""
    return f"已撤销（{number}）" if number else "已撤销"


def locked_reason(data: dict | None) -> str:
    """Why the applicant may not change or delete an entry ("" when they may): a revoked title, or
    one the system wrote at a committee's 核准（备案）."""
    revoked = revoked_label(data)
    if revoked:
        return f"该职称{revoked}，撤销记录由撤销单位登记，不能修改或删除；如有异议，请向撤销单位提出。"
    granted = (data or {}).get(GRANTED_KEY)
    if granted:
        number = granted.get("document_number", "") if isinstance(granted, dict) else ""
        return (
            f"该职称经评审委员会评审并核准（备案）{f'（{number}）' if number else ''}后由系统记入，"
            "不能修改或删除；如有误，请联系评委会办事机构。"
        )
    return ""


def display_value(f: Field, value: object) -> str:
    if value is None or value == "":
        return f.blank_display
    if f.kind == "bool":
        return "是" if value else "否"
    if f.kind == "choice":
        return dict(f.choices).get(str(value), str(value))
    if f.kind in ("date", "month"):
        return iso_label(value)
    return str(value)


def entry_display(section: Section, data: dict) -> list[dict]:
    """Every declared field with its label and readable value, then any stored key that is no
    longer declared (kept, under its key, so nothing an applicant wrote disappears)."""
    rows = [
        {"key": f.key, "label": f.label, "value": data.get(f.key), "text": display_value(f, data.get(f.key))}
        for f in section.fields
    ]
    declared = section.field_map
    rows += [
        {"key": key, "label": key, "value": value, "text": "" if value is None else str(value)}
        for key, value in data.items()
        if key not in declared and key not in HIDDEN_KEYS
    ]
    revoked = revoked_label(data)
    if revoked:
        rows.append({"key": REVOKED_KEY, "label": "状态", "value": data[REVOKED_KEY], "text": revoked})
    return rows


def entry_summary(section: Section, data: dict) -> str:
    """One line naming an entry (for messages and confirmations)."""
    parts = [display_value(f, data.get(f.key)) for f in section.columns[:3]]
    text = "，".join(part for part in parts if part)
    text = text if len(text) <= 60 else text[:59] + "…"
    revoked = revoked_label(data)
    return f"{text}（{revoked}）" if revoked else text


def form_initial(section: Section, data: dict) -> dict:
    """A stored entry as the strings its form shows."""
    initial = {}
    for f in section.fields:
        value = data.get(f.key)
        if value is None:
            initial[f.key] = ""
        elif f.kind == "bool":
            initial[f.key] = "true" if value else "false"
        else:
            initial[f.key] = str(value)
    return initial
