"""The submitted snapshot (Application.snapshot, see applications/snapshot.py and
dossier/snapshot.py) arranged for the review page (申报表) and the API. Labels come from the
snapshot itself, so the page shows what was submitted even after the live dossier or the field
declarations change."""

from __future__ import annotations

from core.dates import iso_label
from core.people import for_people
from core.validators import mask_id_number


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
                            "text": iso_label(f.get("text", "")),
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
