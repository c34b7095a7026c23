"""Writes of public notices (公示, rules 2 and 3) and objections (异议, rule 4).

- `publicity_create`: the publisher (a unit for 单位公示; a committee office, or the city bureau,
  for 评前公示 of applications that passed 资格审查) puts applications of its own jurisdiction on a
  notice whose period is at least PUBLICITY_MIN_WORKDAYS working days by the official calendar
  (workcal). A unit notice also records each applicant's 单位公示 (recommend.UnitPublicity), so the
  unit types nothing twice. A 评审结果公示 is refused here (RESULT_VIA_ROUND).
- `result_notice_publish`: the 评审结果公示 of a closed round's 评审通过 applications (issue 13 item
  8), called by evaluation/results.py only; same period check.
- `objection_create`: anyone, without signing in, while the notice is open; one ReviewEvent
  ("objection") in the application's trail; the publisher's staff get a site message.
- `objection_handle`: only the publishing organisation records acceptance, verification, the
  outcome and, when concluding, whether the objection is upheld (异议成立 / 不成立); resolving it
  (不予受理 / 已办结) releases the hold and writes "objection_handled"; an upheld one blocks the
  unit's recommendation (unit notice) or the filing (pre-review notice).
- `prereview_filing_create`: after a 评前公示 ends, its publisher records the filing with the
  provincial and city HR departments (报送省、市人社部门备案: department, date, document number,
  optional receipt) of every applicant without an unresolved or upheld objection (seed 必读 (三)2)."""

from .fields import BODY_MAX, FACTS_MAX, NAME_MAX, NOTE_MAX, TITLE_MAX, period_check
from .filings import default_authority, prereview_filing_create
from .notices import (
    RESULT_VIA_ROUND,
    UNIT_PLACE,
    publicity_create,
    result_notice_publish,
    unit_publicity_settle,
    unit_publicity_settle_closed,
)
from .objections import (
    FINDING_CHOICES,
    HANDLE_CHOICES,
    OBJECTIONS_PER_IP_PER_HOUR,
    objection_create,
    objection_handle,
    objection_notify_publisher,
)

__all__ = [
    "BODY_MAX",
    "FACTS_MAX",
    "FINDING_CHOICES",
    "HANDLE_CHOICES",
    "NAME_MAX",
    "NOTE_MAX",
    "OBJECTIONS_PER_IP_PER_HOUR",
    "RESULT_VIA_ROUND",
    "TITLE_MAX",
    "UNIT_PLACE",
    "default_authority",
    "objection_create",
    "objection_handle",
    "objection_notify_publisher",
    "period_check",
    "prereview_filing_create",
    "publicity_create",
    "result_notice_publish",
    "unit_publicity_settle",
    "unit_publicity_settle_closed",
]
