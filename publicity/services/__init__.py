"""Writes of public notices (公示, rules 2 and 3) and objections (异议, rule 4).

- `publicity_create`: the publisher (a unit for 单位公示; a committee office, or the city bureau,
  for 评前公示 and 评审结果公示) puts applications of its own jurisdiction on a notice whose period is
  at least PUBLICITY_MIN_WORKDAYS working days by the official calendar (workcal). A result
  notice is refused while any of its applicants has an unresolved objection. A unit notice also
  records each applicant's 单位公示 (recommend.UnitPublicity), so the unit types nothing twice.
- `objection_create`: anyone, without signing in, while the notice is open; one ReviewEvent
  ("objection") in the application's trail; the publisher's staff get a site message.
- `objection_handle`: only the publishing organisation records acceptance, verification and the
  outcome; resolving it (不予受理 / 已办结) releases the hold and writes "objection_handled"."""

from .fields import BODY_MAX, FACTS_MAX, NAME_MAX, NOTE_MAX, TITLE_MAX, period_check
from .notices import (
    UNIT_PLACE,
    publicity_create,
    unit_publicity_settle,
    unit_publicity_settle_closed,
)
from .objections import (
    HANDLE_CHOICES,
    OBJECTIONS_PER_IP_PER_HOUR,
    objection_create,
    objection_handle,
    objection_notify_publisher,
)

__all__ = [
    "BODY_MAX",
    "FACTS_MAX",
    "HANDLE_CHOICES",
    "NAME_MAX",
    "NOTE_MAX",
    "OBJECTIONS_PER_IP_PER_HOUR",
    "TITLE_MAX",
    "UNIT_PLACE",
    "objection_create",
    "objection_handle",
    "objection_notify_publisher",
    "period_check",
    "publicity_create",
    "unit_publicity_settle",
    "unit_publicity_settle_closed",
]
