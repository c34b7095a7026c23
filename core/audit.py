from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditLog

FULL_ID_EXPORT = "export_full_id"  # AuditLog.action of every export with full ID numbers


def audit(
    *, actor: Any, action: str, target: models.Model, detail: dict | None = None, ip: str | None = None
) -> AuditLog:
    return AuditLog.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:200],
        detail=detail or {},
        ip=ip,
    )


def audit_full_id_export(
    *, actor: Any, target: models.Model, list_label: str, filters: dict, rows: int, via: str
) -> AuditLog:
    """The AuditLog row of an export that carries full ID numbers (a 花名册 with them, the photos,
    the review forms): who and when, which list and filters, how many rows, and how it was had
    (`via`: "download" for a page or the API, "job" for an export job)."""
    return audit(
        actor=actor,
        action=FULL_ID_EXPORT,
        target=target,
        detail={"list": list_label, "filters": filters, "rows": rows, "via": via},
    )
