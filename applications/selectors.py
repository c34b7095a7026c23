"""Reads for applications."""

from __future__ import annotations

from .models import Application, ApplicationStatus

# While an application is in one of these states its attachments are frozen (附件管理 refuses
# changes); in a draft or after a return they may be added or replaced.
FROZEN_STATUSES = (ApplicationStatus.IN_REVIEW, ApplicationStatus.APPROVED)


def dossier_frozen(*, user) -> bool:
    return Application.objects.filter(applicant=user, status__in=FROZEN_STATUSES).exists()
