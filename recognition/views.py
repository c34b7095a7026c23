"""The forms of the kinds no committee decides on 职称申报 (applications:cover with kind=…; decision
0007): 考核认定, 职称确认 and 博士后认定. Thin like every page: collect input, call the kind's save,
show its messages; 申报 and 提交 then work as for any application. applications.views dispatches to
`recognition_page`, `confirmation_page` and `postdoc_page` through their registration
(applications/kinds.py, recognition/apps.py)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from applications import selectors
from applications.models import ApplicationKind
from applications.views import own_application, page_context, unless_ended
from attachments.models import AttachmentKind
from core.errors import ServiceError
from core.forms import add_service_error

from .confirmation import confirmation_save
from .forms import ConfirmationForm, PostdocForm, RecognitionForm
from .postdoc import REQUIRED_ATTACHMENTS as POSTDOC_ATTACHMENTS
from .postdoc import postdoc_save
from .recognition import evaluate_for, recognition_save

RECOGNITION_FIELDS = ("schooling", "hired_on", "hiring_document", "series_id", "track_id", "specialty")
RECOGNITION = ApplicationKind.RECOGNITION
CONFIRMATION = ApplicationKind.CONFIRMATION
CONFIRMATION_FIELDS = (
    "series_id",
    "track_id",
    "level",
    "title_name",
    "obtained_on",
    "issuer",
    "source",
    "certificate_no",
    "transferred_on",
    "assessment_passed",
    "exam_only",
    "specialty",
)
POSTDOC = ApplicationKind.POSTDOC
POSTDOC_FIELDS = (
    "exit_on",
    "station",
    "funded",
    "funding_reference",
    "led_project",
    "project_name",
    "stays",
    "series_id",
    "track_id",
    "specialty",
)


def _recognition_initial(application, data: dict) -> dict:
    if application is None:
        # From the promotion form switched to 考核认定: what was typed there is kept.
        return {k: data.get(k, "") for k in ("series_id", "track_id", "specialty")}
    facts = getattr(application, "recognition", None)
    return {
        "application_id": str(application.pk),
        "schooling": facts.schooling if facts else "",
        "hired_on": facts.hired_on.isoformat() if facts else "",
        "hiring_document": facts.hiring_document if facts else "",
        "series_id": str(application.series_id),
        "track_id": str(application.track_id),
        "specialty": application.specialty,
    }


def _recognition_evaluation(*, user, values: dict):
    """rules.recognition's levels and dates for what is typed so far (None until it can say)."""
    try:
        hired_on = date.fromisoformat(str(values.get("hired_on") or "").strip())
    except ValueError:
        return None
    if not values.get("schooling"):
        return None
    try:
        return evaluate_for(
            schooling=values["schooling"], hired_on=hired_on, unit=user.organisation, now=timezone.now()
        )
    except ServiceError:
        return None


def _kind_page(
    request: HttpRequest, *, year: int, kind: str, form_class, fields, save, initial, extra
) -> HttpResponse:
    """The form of a kind without a committee on 职称申报 (考核认定, 职称确认, 博士后认定): `save(user=, ...,
    application_id=)` keeps the draft, then 申报 / 提交 work as for any application; `initial(
    application, carried)` fills the form; `extra(user=, values=)` adds to the page's context."""
    user = request.user
    label = ApplicationKind(kind).label
    application, ended = unless_ended(selectors.application_current(user=user, year=year, kinds=(kind,)))
    if request.method == "POST" and request.POST.get("form") == kind:
        form = form_class(request.POST)
        form.is_valid()
        data = form.cleaned_data
        posted_id = data.get("application_id") or None
        if posted_id and (application is None or str(application.pk) != str(posted_id)):
            application = own_application(user, posted_id)
        if request.POST.get("action") != "refresh":
            try:
                saved = save(
                    user=user, **{name: data.get(name, "") for name in fields}, application_id=posted_id
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, f"{label}已保存。点击“申报”可查看未完成填写材料项。")
                return redirect(f"{reverse('applications:cover')}?year={saved.year}&kind={kind}#check")
        values = data
    else:
        carried = request.POST if request.method == "POST" else {}
        form = form_class(initial=initial(application, carried))
        values = form.initial
    options = selectors.cover_options(
        year=year, series_id=values.get("series_id"), track_id=values.get("track_id"), level=None, user=user
    )
    form.set_choices(series=options["series"], tracks=options["tracks"])
    context = page_context(request, form, options, application, year)
    context.update(
        kinds=[(k.value, k.label) for k in ApplicationKind],
        save_label=f"保存{label}",
        ended=ended,
        **extra(user=user, values=values),
    )
    return render(request, "applications/cover.html", context)


def recognition_page(request: HttpRequest, *, year: int) -> HttpResponse:
    """考核认定 (rule 14) on 职称申报: schooling, hiring date and document, series / track /
    specialty; the level and earliest dates shown from rules.recognition."""
    return _kind_page(
        request,
        year=year,
        kind=RECOGNITION,
        form_class=RecognitionForm,
        fields=RECOGNITION_FIELDS,
        save=recognition_save,
        initial=_recognition_initial,
        extra=lambda *, user, values: {
            "kind_form": "recognition/includes/recognition_form.html",
            "evaluation": _recognition_evaluation(user=user, values=values),
        },
    )


def _confirmation_initial(application, data: dict) -> dict:
    if application is None:
        # From the promotion form switched to 职称确认: what was typed there is kept.
        return {k: data.get(k, "") for k in ("series_id", "track_id", "level", "specialty")}
    facts = getattr(application, "confirmation", None)
    if facts is None:
        return {"application_id": str(application.pk)}
    return {
        "application_id": str(application.pk),
        "series_id": str(application.series_id),
        "track_id": str(application.track_id),
        "level": application.level,
        "title_name": facts.held_title,
        "obtained_on": facts.obtained_on.isoformat(),
        "issuer": facts.issuer,
        "source": facts.source,
        "certificate_no": facts.certificate_no,
        "transferred_on": facts.transferred_on.isoformat(),
        "assessment_passed": "yes" if facts.assessment_passed else "no",
        "exam_only": "yes" if facts.exam_only else "no",
        "specialty": application.specialty,
    }


def confirmation_page(request: HttpRequest, *, year: int) -> HttpResponse:
    """职称确认 (rule 17) on 职称申报: the title held (series / track / level from the catalogue,
    where and when obtained), the transfer date and the trial assessment."""
    return _kind_page(
        request,
        year=year,
        kind=CONFIRMATION,
        form_class=ConfirmationForm,
        fields=CONFIRMATION_FIELDS,
        save=confirmation_save,
        initial=_confirmation_initial,
        extra=lambda *, user, values: {"kind_form": "recognition/includes/confirmation_form.html"},
    )


def _postdoc_initial(application, data: dict) -> dict:
    if application is None:
        # From the promotion form switched to 博士后认定: what was typed there is kept.
        return {k: data.get(k, "") for k in ("series_id", "track_id", "specialty")}
    facts = getattr(application, "postdoc", None)
    if facts is None:
        return {"application_id": str(application.pk)}
    yes_no = {True: "yes", False: "no"}
    return {
        "application_id": str(application.pk),
        "exit_on": facts.exit_on.isoformat(),
        "station": facts.station,
        "funded": yes_no[facts.funded],
        "funding_reference": facts.funding_reference,
        "led_project": yes_no[facts.led_project],
        "project_name": facts.project_name,
        "stays": yes_no[facts.stays],
        "series_id": str(application.series_id),
        "track_id": str(application.track_id),
        "specialty": application.specialty,
    }


def postdoc_page(request: HttpRequest, *, year: int) -> HttpResponse:
    """博士后认定 (rule 13, seed question 13) on 职称申报: the station and its exit date, the
    foundation's funding or the project led, staying in the enterprise; always 副高级."""
    return _kind_page(
        request,
        year=year,
        kind=POSTDOC,
        form_class=PostdocForm,
        fields=POSTDOC_FIELDS,
        save=postdoc_save,
        initial=_postdoc_initial,
        extra=lambda *, user, values: {
            "kind_form": "recognition/includes/postdoc_form.html",
            "postdoc_attachments": [AttachmentKind(kind).label for kind in POSTDOC_ATTACHMENTS],
        },
    )
