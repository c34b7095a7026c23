"""The issue 3 demo applications: open windows for this year let three applicants show the
applicant's pages in three states — a complete draft ready to 提交 (demo.promotion_ready), a
half-filled draft whose 申报 page lists several 去完善 items (demo.promotion_incomplete), and one
submitted and waiting at 单位审核 (demo.promotion_submitted). They are written only through the real
services (dossier, attachments, applications and its state machine), so every rule holds."""

from __future__ import annotations

from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from applications.models import ApplicationKind
from applications.services import application_save_cover
from applications.state import application_submit
from attachments.services import photo_upload
from catalog.models import Series, Title
from core.errors import ServiceError
from orgs.models import Committee
from orgs.windows import window_is_open

from .common import DemoRefused, DemoResult, service_error_text
from .dossiers import fill_dossier, touched
from .files import demo_photo
from .people import APPLICANTS, demo_user
from .promotion_incomplete import incomplete_application
from .promotion_ready import ready_application
from .promotion_specs import DemoApplication
from .promotion_submitted import submitted_application


def save_cover(user, spec: DemoApplication, *, year: int, committee: Committee, now: datetime | None = None):
    """保存封面 of a 评审晋升 as the applicant would: the spec's series, its first 方向, the title of
    the spec's level, the committee (`now`: when, for an application dated in the past)."""
    series = Series.objects.get(name=spec.series)
    track = series.tracks.order_by("order", "id").first()
    title = Title.objects.get(track=track, level=spec.level)
    return application_save_cover(
        user=user,
        year=year,
        kind=ApplicationKind.PROMOTION,
        series_id=series.pk,
        track_id=track.pk,
        specialty=spec.specialty,
        level=spec.level,
        title_id=title.pk,
        committee_id=committee.pk,
        now=now,
    )


def demo_applications(year: int) -> list[DemoApplication]:
    """The three demo applications of `year` (the current application year): fixed data, only the
    five years of 年度考核 follow the year."""
    return [ready_application(year), incomplete_application(year), submitted_application(year)]


def _load_application(result: DemoResult, spec: DemoApplication, *, year: int, stored: list[str]) -> None:
    """One demo application through the services, as the applicant would make it on the pages."""
    user = demo_user(next(p for p in APPLICANTS if p.name == spec.applicant))
    label = f"{spec.applicant}的{year}年申报（{spec.promise}）"
    if touched(user):
        result.existing.append(label)
        return
    committee = Committee.objects.get(name=spec.committee)
    if not window_is_open(committee=committee):
        result.skipped.append(f"{label}：{committee.name}{year}年网上申报时间未开放，未创建。")
        return
    try:
        fill_dossier(user, basic=spec.basic, entries=spec.entries, files=spec.files, stored=stored)
        if spec.photo:
            photo = demo_photo(seed=user.username, hair=spec.hair)
            attachment = photo_upload(
                user=user, uploaded_file=SimpleUploadedFile("photo.jpg", photo, content_type="image/jpeg")
            )
            stored.append(attachment.file.name)
        application = save_cover(user, spec, year=year, committee=committee)
        if spec.submit:
            application_submit(application_id=application.pk, actor=user)
    except ServiceError as exc:
        raise DemoRefused(f"演示申报“{label}”未能创建：{service_error_text(exc)}") from exc
    result.created.append(label)


def load_promotions(result: DemoResult, *, year: int, stored: list[str]) -> None:
    """The three applications of `year`, each left alone if its applicant has anything already, or
    skipped while its committee's window is closed (`stored` collects the files written)."""
    for spec in demo_applications(year):
        _load_application(result, spec, year=year, stored=stored)
