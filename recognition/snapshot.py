"""What the rest of the system reads of the facts of the kinds no committee decides: the summary
frozen into the snapshot's cover for reviewers (applications/snapshot.py; the 申报信息 page shows
it, reviews/templates/reviews/includes/snapshot.html) and the office that recognises or confirms
(`Application.deciding_office`). Registered per kind in recognition/apps.py."""

from __future__ import annotations

from applications.models import Application

from .models import Confirmation, PostdocRecognition, Recognition


def postdoc_summary(application: Application) -> dict:
    """The facts of a 博士后认定 (rule 13) for reviewers: the station and its exit date, the funding
    or the project led, staying in the enterprise, and the recognising office."""
    if application.kind != "postdoc":
        return {}
    facts = PostdocRecognition.objects.filter(application=application).select_related("office").first()
    if facts is None:
        return {}
    return {
        "postdoc": {
            "exit_on": facts.exit_on.isoformat(),
            "station": facts.station,
            "funded": facts.funded,
            "funding_reference": facts.funding_reference,
            "led_project": facts.led_project,
            "project_name": facts.project_name,
            "stays": facts.stays,
            "office": facts.office_name,
        }
    }


def confirmation_summary(application: Application) -> dict:
    """The facts of a 职称确认 (rule 17) for reviewers: the title held, the transfer date, the trial
    assessment and the confirming office."""
    if application.kind != "confirmation":
        return {}
    confirmation = Confirmation.objects.filter(application=application).select_related("office").first()
    if confirmation is None:
        return {}
    return {
        "confirmation": {
            "held_series": confirmation.held_series,
            "held_title": confirmation.held_title,
            "obtained_on": confirmation.obtained_on.isoformat(),
            "issuer": confirmation.issuer,
            "source": confirmation.source,
            "source_label": confirmation.get_source_display(),
            "certificate_no": confirmation.certificate_no,
            "transferred_on": confirmation.transferred_on.isoformat(),
            "assessment_passed": confirmation.assessment_passed,
            "exam_only": confirmation.exam_only,
            "earliest": confirmation.earliest.isoformat(),
            "office": confirmation.office_name,
        }
    }


def recognition_summary(application: Application) -> dict:
    """The facts of a 考核认定 (rule 14) for reviewers: schooling, hiring date and document."""
    if application.kind != "recognition":
        return {}
    recognition = Recognition.objects.filter(application=application).select_related("office").first()
    if recognition is None:
        return {}
    return {
        "recognition": {
            "schooling": recognition.schooling,
            "schooling_label": recognition.get_schooling_display(),
            "hired_on": recognition.hired_on.isoformat(),
            "hiring_document": recognition.hiring_document,
            "hiring_document_label": recognition.get_hiring_document_display(),
            "earliest": recognition.earliest.isoformat(),
            "office": recognition.office.name if recognition.office_id else "",
        }
    }


def recognition_office_name(application: Application) -> str:
    """The recognising office of a 考核认定 ("" while its facts are not saved or it has none)."""
    try:
        recognition = application.recognition
    except Recognition.DoesNotExist:
        return ""
    return recognition.office.name if recognition.office_id else ""


def confirmation_office_name(application: Application) -> str:
    """The confirming office of a 职称确认 (the province for 高级; "" while its facts are not saved)."""
    try:
        return application.confirmation.office_name or ""
    except Confirmation.DoesNotExist:
        return ""


def postdoc_office_name(application: Application) -> str:
    """The recognising office of a 博士后认定 (the province unless delegated; "" while its facts are
    not saved)."""
    try:
        return application.postdoc.office_name or ""
    except PostdocRecognition.DoesNotExist:
        return ""
