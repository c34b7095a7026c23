"""The submitted snapshot (Application.snapshot, see applications/snapshot.py and
dossier/snapshot.py) arranged for the review page (申报表) and the API. Labels come from the
snapshot itself, so the page shows what was submitted even after the live dossier or the field
declarations change."""

from __future__ import annotations

from core.dates import iso_label
from core.people import for_people
from core.validators import mask_id_number
from dossier.sections import SECTIONS_BY_KEY

# The field kinds whose text may be a date or month stored as ISO text (a snapshot taken before
# issue 11), shown in the one date style; any other text (a certificate number "2020-01") as is.
DATE_KINDS = ("date", "month")


def _attachment(item: dict) -> dict:
    return {
        "id": item.get("id"),
        "kind": item.get("kind", ""),
        "kind_label": item.get("kind_label", ""),
        "title": item.get("title", "") or item.get("kind_label", ""),
        "entry_id": item.get("entry_id"),
        "content_type": item.get("content_type", ""),
        "size": item.get("size") or 0,
        "download_name": item.get("download_name", ""),
    }


def _date_keys(section: dict) -> set[str]:
    """The keys of a snapshot section's date and month fields, by the declarations the snapshot
    took with it (dossier.sections at submission), else by today's."""
    declared = section.get("fields")
    if declared is None:
        live = SECTIONS_BY_KEY.get(section.get("key", ""))
        declared = [{"key": f.key, "kind": f.kind} for f in live.fields] if live else []
    return {f.get("key") for f in declared if isinstance(f, dict) and f.get("kind") in DATE_KINDS}


def _field_text(field: dict, dates: set[str]) -> str:
    """A field's submitted text; a date or month field's in the one date style."""
    text = field.get("text", "")
    if field.get("key") in dates:
        return iso_label(text)
    return "" if text is None else str(text)


def snapshot_view(snapshot: dict | None, *, full_id_number: bool = True) -> dict:
    """{cover, basic, sections, other_attachments, attachments, taken_at} from a snapshot; each
    section's entries carry the attachments that name them. Empty parts when there is none."""
    snapshot = snapshot or {}
    dossier = snapshot.get("dossier") or {}
    attachments = [_attachment(a) for a in snapshot.get("attachments") or [] if isinstance(a, dict)]
    by_entry: dict[object, list[dict]] = {}
    for item in attachments:
        if item["entry_id"] is not None:
            by_entry.setdefault(item["entry_id"], []).append(item)

    placed: set = set()
    sections = []
    for section in dossier.get("sections") or []:
        dates = _date_keys(section)
        entries = []
        for number, entry in enumerate(section.get("entries") or [], start=1):
            files = by_entry.get(entry.get("id"), [])
            placed.update(a["id"] for a in files)
            entries.append(
                {
                    "id": entry.get("id"),
                    "number": number,
                    "fields": [
                        {
                            "key": f.get("key", ""),
                            "label": for_people(f.get("label", "")),
                            "text": _field_text(f, dates),
                        }
                        for f in entry.get("fields") or []
                    ],
                    "attachments": files,
                }
            )
        sections.append(
            {
                "key": section.get("key", ""),
                "label": section.get("label", ""),
                "entries": entries,
            }
        )

    basic = []
    for row in dossier.get("basic") or []:
        text = iso_label(row.get("text", ""))  # a date of a snapshot taken before issue 11
        if row.get("key") == "id_number" and not full_id_number:
            text = mask_id_number(text or "")
        basic.append({"key": row.get("key", ""), "label": for_people(row.get("label", "")), "text": text})

    cover = dict(snapshot.get("cover") or {})
    applicant = dict(cover.get("applicant") or {})
    if applicant and not full_id_number:
        applicant["id_number"] = mask_id_number(applicant.get("id_number") or "")
    cover["applicant"] = applicant

    return {
        "taken_at": snapshot.get("taken_at", ""),
        "cover": cover,
        "basic": basic,
        "sections": sections,
        "attachments": attachments,
        "other_attachments": [a for a in attachments if a["id"] not in placed],
    }
