"""Applications (职称申报) and their review trail: the models' home, `applications.models`.

`application.py`: the kinds, the statuses and the `Application` row; `review.py`: the route
(`ReviewStep`, computed at submission), the append-only `ReviewEvent`, the `ReturnRequest` of a
return and the names of steps; `records.py`: 诚信档案 and each committee's required attachments.
`Application.status` and `current_step` change only through the state machine (applications/
state.py): each transition locks the row, checks its guard and writes one ReviewEvent."""

from .application import (
    COMMITTEE_KINDS,
    COMMITTEE_LESS_KINDS,
    EDITABLE_STATUSES,
    ENDED_BEFORE_DECISION,
    Application,
    ApplicationKind,
    ApplicationStatus,
    committee_less_label,
    deciding_office_name,
)
from .records import CommitteeRequiredAttachment, IntegrityRecord
from .review import (
    PROVINCE_NAME,
    PROVINCE_STEP_LABEL,
    QUEUE_COLUMNS,
    ReturnRequest,
    ReviewEvent,
    ReviewStep,
    StepKind,
    StepState,
    event_stage,
    step_kind_label,
    step_label,
    step_place,
)

__all__ = [
    "COMMITTEE_KINDS",
    "COMMITTEE_LESS_KINDS",
    "EDITABLE_STATUSES",
    "ENDED_BEFORE_DECISION",
    "PROVINCE_NAME",
    "PROVINCE_STEP_LABEL",
    "QUEUE_COLUMNS",
    "Application",
    "ApplicationKind",
    "ApplicationStatus",
    "CommitteeRequiredAttachment",
    "IntegrityRecord",
    "ReturnRequest",
    "ReviewEvent",
    "ReviewStep",
    "StepKind",
    "StepState",
    "committee_less_label",
    "deciding_office_name",
    "event_stage",
    "step_kind_label",
    "step_label",
    "step_place",
]
