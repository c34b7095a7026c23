"""Test data for the documents: a submitted application whose applicant has a full dossier (every
section filled, `entries` per section, a long work summary) and, optionally, the 1-inch photo —
built through the real cover service, photo upload and the state machine's submit."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from applications.models import Application
from applications.services import application_save_cover
from applications.state import application_submit
from applications.tests.factories import cover_values, make_ready_applicant
from attachments.services import photo_upload
from attachments.tests import corpus
from dossier.models import DossierEntry
from dossier.sections import SECTIONS
from dossier.tests.factories import add_entries

SUMMARY = (
    "任现职以来，本人主要从事企业信息系统的需求分析、架构设计与开发管理工作。"
    "负责公司核心业务平台的总体设计，组织团队完成数据治理、系统集成与性能优化。\n"
)


def fill_dossier(user, *, entries: int) -> None:
    """Every section with `entries` entries (专业技术工作总结: one, 5,000 characters long)."""
    DossierEntry.objects.filter(dossier__user=user).delete()
    for section in SECTIONS:
        if section.single:
            add_entries(user, section.key, 1, summary=(SUMMARY * 80)[:5000])
        else:
            add_entries(user, section.key, entries)


def add_photo(user):
    data = corpus.photo_in_range(12, 28, size=(296, 414))
    return photo_upload(user=user, uploaded_file=corpus.upload("photo.jpg", data, "image/jpeg"))


def submit_full(world, *, unit=None, name: str = "", entries: int = 3, photo: bool = True) -> Application:
    """A ready applicant of `unit` with a full dossier (and photo) saves the cover and submits."""
    fields = {"name": name} if name else {}
    applicant = make_ready_applicant(unit=unit or world.unit, **fields)
    fill_dossier(applicant, entries=entries)
    if photo:
        add_photo(applicant)
    draft = application_save_cover(user=applicant, **cover_values(world.committee, world.series))
    return application_submit(application_id=draft.pk, actor=applicant)


def pdf_text(content: bytes) -> str:
    """The text of every page (pypdf), as a viewer's search and copy see it."""
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def render_png(content: bytes, *, resolution: int = 40) -> list[Path]:
    """The pages rendered by pdftoppm into a temporary directory (kept until the process ends)."""
    out = Path(tempfile.mkdtemp(prefix="documents-png-"))
    source = out / "document.pdf"
    source.write_bytes(content)
    subprocess.run(  # noqa: S603 - a fixed command on our own file
        ["pdftoppm", "-r", str(resolution), "-png", str(source), str(out / "page")],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=120,
    )
    return sorted(out.glob("page-*.png"))
