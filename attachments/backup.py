"""备份下载 (issue 3 item 10): one ZIP of the whole live dossier, for the applicant's own copy.

Contents: `index.html` (opens in any browser: basic information and every section's entries,
with links to the files), `index.txt` (the same as plain text), and every current attachment
under `附件/<类别>/<材料名称>.<扩展名>` (names deduplicated with "（2）", "（3）"…). The ZIP is
written into a SpooledTemporaryFile (memory up to BACKUP_SPOOL_BYTES, then disk) and streamed;
attachments are copied from the storage in chunks, never read whole."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from datetime import date
from html import escape
from urllib.parse import quote

from django.utils import timezone

from core.dates import datetime_label, iso_label

from .models import Attachment, AttachmentKind
from .responses import zip_response
from .selectors import attachment_extension, current_attachments, safe_file_stem

BACKUP_SPOOL_BYTES = 16 * 1024 * 1024
CHUNK = 1024 * 1024
INDEX_CSS = (
    "body{font-family:sans-serif;max-width:960px;margin:20px auto;padding:0 16px;line-height:1.6}"
    "table{border-collapse:collapse;width:100%;margin-bottom:12px}"
    "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
    "th{background:#eef4fb;width:30%}h2{border-bottom:2px solid #1f5fa8}.muted{color:#666}"
)


def _dedupe(path: str, used: set[str]) -> str:
    if path.lower() not in used:
        used.add(path.lower())
        return path
    stem, dot, ext = path.rpartition(".")
    if not dot:
        stem, ext = path, ""
    n = 2
    while True:
        candidate = f"{stem}（{n}）.{ext}" if ext else f"{stem}（{n}）"
        if candidate.lower() not in used:
            used.add(candidate.lower())
            return candidate
        n += 1


def attachment_zip_paths(attachments: list[Attachment]) -> dict[int, str]:
    """附件/<kind_label>/<title>.<ext> for each attachment, unique inside the ZIP."""
    used: set[str] = set()
    paths = {}
    for attachment in attachments:
        folder = safe_file_stem(attachment.get_kind_display())
        if attachment.kind == AttachmentKind.PHOTO:
            from .rules import photo_download_name

            name = safe_file_stem(photo_download_name(user=attachment.owner))
        else:
            name = f"{safe_file_stem(attachment.title) or folder}.{attachment_extension(attachment)}"
        paths[attachment.pk] = _dedupe(f"附件/{folder}/{name}", used)
    return paths


# --- the readable index ---------------------------------------------------------------------------


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):  # datetime included
        return iso_label(value)
    if isinstance(value, (list, tuple)):
        return "、".join(_text(v) for v in value) or "—"
    if isinstance(value, Mapping):
        if "label" in value and "value" in value:
            return _text(value.get("display", value["value"]))
        return "；".join(f"{k}：{_text(v)}" for k, v in value.items())
    return iso_label(value)  # a date kept as ISO text reads as one


def _pairs(data) -> list[tuple[str, str]]:
    """(label, text) pairs from a snapshot's basic info or an entry: a mapping of label → value,
    a list of {label, value}, or a mapping with a `fields` list."""
    if isinstance(data, Mapping) and isinstance(data.get("fields"), list):
        data = data["fields"]
    if isinstance(data, list):
        pairs = []
        for item in data:
            if isinstance(item, Mapping) and "label" in item:
                shown = item["text"] if item.get("text") not in (None, "") else item.get("value")
                pairs.append((str(item["label"]), _text(shown)))
        return pairs
    if isinstance(data, Mapping):
        return [(str(k), _text(v)) for k, v in data.items() if k not in ("id", "attachments", "position")]
    return []


def _sections(snapshot: Mapping) -> list[dict]:
    """[{label, entries: [{id, pairs}]}] from the snapshot's sections (a list or a mapping)."""
    raw = snapshot.get("sections") or []
    if isinstance(raw, Mapping):
        raw = [
            {"key": key, **(value if isinstance(value, Mapping) else {"entries": value})}
            for key, value in raw.items()
        ]
    sections = []
    for section in raw:
        entries = []
        for entry in section.get("entries", []) or []:
            source = entry.get("display") or entry.get("fields") or entry.get("data") or entry
            entries.append({"id": entry.get("id"), "pairs": _pairs(source)})
        sections.append(
            {
                "key": section.get("key", ""),
                "label": section.get("label") or section.get("key", ""),
                "entries": entries,
            }
        )
    return sections


def _basic(snapshot: Mapping) -> list[tuple[str, str]]:
    basic = snapshot.get("basic") or {}
    if isinstance(basic, Mapping) and isinstance(basic.get("display"), (list, Mapping)):
        basic = basic["display"]
    return _pairs(basic)


def build_index(
    *, user, snapshot: Mapping, attachments: list[Attachment], paths: dict[int, str]
) -> tuple[str, str]:
    """(index.html, index.txt)."""
    by_entry: dict[int, list[Attachment]] = {}
    loose: list[Attachment] = []
    for attachment in attachments:
        if attachment.entry_id:
            by_entry.setdefault(attachment.entry_id, []).append(attachment)
        else:
            loose.append(attachment)
    made = datetime_label(timezone.now())
    title = f"{user.name}的申报信息备份"

    def link(a: Attachment) -> str:
        href = quote(paths[a.pk])
        return f'<a href="{href}">{escape(a.title)}</a>（{escape(paths[a.pk])}）'

    html = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{INDEX_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">备份时间：{made}。本文件由职称申报评审系统生成，'
        "附件在同一压缩包的“附件”文件夹中。</p>",
        "<h2>基本信息</h2><table>",
    ]
    text = [title, f"备份时间：{made}", "", "【基本信息】"]
    for label, value in _basic(snapshot):
        html.append(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>")
        text.append(f"{label}：{value}")
    html.append("</table>")
    for section in _sections(snapshot):
        html.append(f"<h2>{escape(section['label'])}</h2>")
        text += ["", f"【{section['label']}】"]
        if not section["entries"]:
            html.append('<p class="muted">（无）</p>')
            text.append("（无）")
        for number, entry in enumerate(section["entries"], start=1):
            html.append(f"<h3>第 {number} 条</h3><table>")
            text.append(f"第 {number} 条")
            for label, value in entry["pairs"]:
                html.append(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>")
                text.append(f"  {label}：{value}")
            files = by_entry.get(entry["id"], []) if entry["id"] is not None else []
            if files:
                html.append("<tr><th>附件</th><td>" + "<br>".join(link(a) for a in files) + "</td></tr>")
                text.append("  附件：" + "；".join(paths[a.pk] for a in files))
            html.append("</table>")
    listed_entries = {entry["id"] for section in _sections(snapshot) for entry in section["entries"]}
    other = loose + [a for a in attachments if a.entry_id and a.entry_id not in listed_entries]
    html.append("<h2>其他附件</h2>")
    text += ["", "【其他附件】"]
    if other:
        html.append("<table>")
        for a in other:
            html.append(f"<tr><th>{escape(a.get_kind_display())}</th><td>{link(a)}</td></tr>")
            text.append(f"{a.get_kind_display()}：{a.title}（{paths[a.pk]}）")
        html.append("</table>")
    else:
        html.append('<p class="muted">（无）</p>')
        text.append("（无）")
    html.append("</body></html>")
    return "\n".join(html), "\r\n".join(text) + "\r\n"


# --- the ZIP --------------------------------------------------------------------------------------


def _dossier_snapshot(user) -> Mapping:
    from dossier.selectors import dossier_get_or_create
    from dossier.snapshot import dossier_snapshot

    return dossier_snapshot(dossier=dossier_get_or_create(user=user))


def dossier_backup_file(*, user):
    """(an open temporary file positioned at 0 holding the ZIP, the download file name)."""
    snapshot = _dossier_snapshot(user)
    attachments = current_attachments(user=user)
    paths = attachment_zip_paths(attachments)
    index_html, index_txt = build_index(user=user, snapshot=snapshot, attachments=attachments, paths=paths)
    # Not a context manager: the open file is handed to the streaming response, which closes it.
    spool = tempfile.SpooledTemporaryFile(max_size=BACKUP_SPOOL_BYTES)  # noqa: SIM115
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", index_html.encode("utf-8"))
        archive.writestr("index.txt", ("\ufeff" + index_txt).encode("utf-8"))
        for attachment in attachments:
            info = zipfile.ZipInfo(
                paths[attachment.pk], date_time=timezone.localtime(attachment.created_at).timetuple()[:6]
            )
            # Images and PDFs are compressed already.
            info.compress_type = zipfile.ZIP_STORED
            with (
                attachment.file.storage.open(attachment.file.name, "rb") as source,
                archive.open(info, "w") as target,
            ):
                shutil.copyfileobj(source, target, CHUNK)
    spool.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d")
    return spool, f"{user.id_number or ''}{user.name}-申报信息备份-{stamp}.zip"


def backup_response(*, user):
    handle, filename = dossier_backup_file(user=user)
    return zip_response(handle, filename=filename)
