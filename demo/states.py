"""Where a demo application stands, in the words load_demo and demo_accounts print (and the three
states the issue 3 applications promise)."""

from __future__ import annotations

from applications.completeness import application_missing
from applications.models import Application, ApplicationStatus, StepKind, step_kind_label
from dossier.models import Dossier

STATE_READY = "资料齐全，可直接提交"
STATE_INCOMPLETE = "资料未完成"
STATE_SUBMITTED = "已提交，单位审核中"
STATE_ASSESSMENT = "待用人单位考核"  # the unit step of 考核认定, 职称确认, 博士后认定 (decision 0007)


def demo_application_state(application: Application) -> str:
    """Where a demo application stands, in the words demo_accounts prints."""
    if application.status in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED):
        prefix = "返回修改，" if application.status == ApplicationStatus.RETURNED else ""
        if not Dossier.objects.filter(user=application.applicant_id).exists():
            return f"{prefix}{STATE_INCOMPLETE}"  # read only: no dossier is created here
        missing = application_missing(application=application)
        if not missing:
            return f"{prefix}{STATE_READY}"
        return f"{prefix}{STATE_INCOMPLETE}（申报页有 {len(missing)} 项“去完善”）"
    if application.status == ApplicationStatus.IN_REVIEW:
        step = application.current_step
        if step is None:
            return "已提交，审核中"
        if step.kind == StepKind.UNIT and application.committee_id is None:
            return f"已提交，{STATE_ASSESSMENT}"  # decision 0007: the employer's assessment
        # The step's name as shown everywhere (a 高级 confirmation's provincial step has no committee).
        return f"已提交，{step_kind_label(step.kind, has_committee=step.committee_id is not None)}中"
    return application.get_status_display()
