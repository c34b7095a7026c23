"""All review forms of a set of applications as one ZIP (the committee office's "all review forms"
export, called by exports/). One PDF at a time: each form is generated, written into the archive
and dropped before the next, so memory stays that of one form whatever the count."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable

from attachments.selectors import safe_file_stem

from .review_form import review_form_pdf


def entry_name(application, used: set[str]) -> str:
    """`<身份证号><姓名>.pdf` (as rule 23 names the photo); a repeated name gets "(2)", "(3)"…"""
    applicant = application.applicant
    stem = safe_file_stem(f"{applicant.id_number or ''}{applicant.name}") or f"申报{application.pk}"
    name, n = f"{stem}.pdf", 1
    while name in used:
        n += 1
        name = f"{stem}({n}).pdf"
    used.add(name)
    return name


def review_forms_zip(
    *, applications: Iterable, fileobj, on_progress: Callable[[int], None] | None = None
) -> int:
    """Writes one review form per application into a ZIP opened on `fileobj` (left open, the caller
    owns it); calls on_progress(done) after each; returns the count. PDFs are already compressed,
    so the entries are STORED (deflating them again would cost time and save little)."""
    used: set[str] = set()
    done = 0
    with zipfile.ZipFile(fileobj, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for application in applications:
            content = review_form_pdf(application=application)
            archive.writestr(entry_name(application, used), content)
            del content
            done += 1
            if on_progress is not None:
                on_progress(done)
    return done
