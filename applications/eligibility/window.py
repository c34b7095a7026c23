"""Rules 6 and 7: the committee accepts applications and its online window for the year is open."""

from __future__ import annotations

from datetime import datetime

from core.dates import datetime_label
from orgs.windows import STATE_CLOSED, STATE_OPEN, STATE_PENDING, window_for, window_state

from .problem import Problem

CLOSED_MESSAGE = "该评委会网上申报已截止，无法重新开通。"


def window_problems(*, committee, year: int, now: datetime) -> list[Problem]:
    """Rules 6 and 7: the committee's window for the year must be open now."""
    if not committee.is_active:
        return [Problem("committee_id", f"{committee.name}已停止受理申报，请选择其他评委会。")]
    window = window_for(committee=committee, year=year)
    state = window_state(window=window, now=now)
    if state == STATE_OPEN:
        return []
    if state == STATE_CLOSED:
        return [Problem("committee_id", CLOSED_MESSAGE)]
    if state == STATE_PENDING:
        return [
            Problem(
                "committee_id",
                f"该评委会{year}年网上申报尚未开通，将于{datetime_label(window.opens_at)}开通，请届时申报。",
            )
        ]
    return [
        Problem(
            "committee_id",
            f"该评委会尚未公布{year}年的网上申报时间，请注意查看各系列各层级的评委会申报通知。",
        )
    ]
