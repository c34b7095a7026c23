"""Rules 2 and 3: a notice lasts at least 5 working days by the official calendar; the system counts
them (Spring Festival and National Day holidays not counted, adjusted weekend working days counted)
and refuses a shorter period with the count; the state follows today's date."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ServiceError
from publicity.models import Publicity, PublicityState
from publicity.selectors import public_list

from .factories import publish

pytestmark = pytest.mark.django_db

PERIODS = [
    # Spring Festival 2026: 02-15..02-23 holidays; Saturday 02-14 and Saturday 02-28 working days.
    (date(2026, 2, 12), date(2026, 2, 24), 4),
    (date(2026, 2, 12), date(2026, 2, 25), 5),
    (date(2026, 2, 23), date(2026, 2, 27), 4),
    (date(2026, 2, 24), date(2026, 2, 28), 5),  # Saturday 02-28 counts
    # Mid-Autumn and National Day 2026: 09-25 and 10-01..10-07 holidays; Sunday 09-20, Saturday
    # 10-10 and Thursday 10-08 working days.
    (date(2026, 9, 28), date(2026, 10, 8), 4),
    (date(2026, 9, 28), date(2026, 10, 9), 5),
    (date(2026, 10, 8), date(2026, 10, 12), 4),
    (date(2026, 10, 8), date(2026, 10, 13), 5),  # Saturday 10-10 counts
    (date(2026, 9, 21), date(2026, 9, 25), 4),
    (date(2026, 9, 20), date(2026, 9, 24), 5),  # Sunday 09-20 counts
]


@pytest.mark.parametrize(("start", "end", "workdays"), PERIODS)
def test_the_period_is_counted_in_official_working_days(world, screened, start, end, workdays):
    if workdays >= 5:
        notice = publish(world.committee_office, [screened], start=start, end=end, today=start)
        assert notice.workdays == workdays
        assert Publicity.objects.get(pk=notice.pk).workdays == workdays
    else:
        with pytest.raises(ServiceError) as caught:
            publish(world.committee_office, [screened], start=start, end=end, today=start)
        message = caught.value.errors["end_date"][0]
        assert f"只有{workdays}个工作日" in message and "不少于5个工作日" in message
        assert not Publicity.objects.exists()


def test_a_period_may_not_start_before_today_nor_end_before_it_starts(world, screened):
    with pytest.raises(ServiceError) as caught:
        publish(
            world.committee_office,
            [screened],
            start=date(2026, 9, 28),
            end=date(2026, 9, 20),
            today=date(2026, 9, 29),
        )
    assert "不能早于今天" in caught.value.errors["start_date"][0]
    assert "不能早于公示开始日期" in caught.value.errors["end_date"][0]


def test_the_state_follows_the_date_and_the_public_list_puts_open_notices_first(world, screened):
    closed = publish(
        world.committee_office, [screened], start=date(2026, 9, 7), end=date(2026, 9, 11), title="已结束"
    )
    open_ = publish(
        world.committee_office, [screened], start=date(2026, 9, 14), end=date(2026, 9, 18), title="公示中"
    )
    upcoming = publish(
        world.committee_office, [screened], start=date(2026, 9, 21), end=date(2026, 9, 28), title="未开始"
    )
    today = date(2026, 9, 16)
    assert closed.state_on(today) == PublicityState.CLOSED
    assert open_.state_on(today) == PublicityState.OPEN
    assert upcoming.state_on(today) == PublicityState.UPCOMING
    # The first and last day belong to the period.
    assert open_.state_on(date(2026, 9, 14)) == open_.state_on(date(2026, 9, 18)) == PublicityState.OPEN
    assert [n.pk for n in public_list(today=today)] == [open_.pk, upcoming.pk, closed.pk]
    assert [n.pk for n in public_list(kind="unit", today=today)] == []
