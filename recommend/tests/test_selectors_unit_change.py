"""After a reset the applicant may change unit: the old unit's records do not count for the new one."""

import pytest

from recommend.selectors import unit_step_problems
from tests import factories

from .factories import add_publicity, add_recommendation, make_in_review


@pytest.mark.django_db
def test_records_of_a_unit_the_applicant_left_do_not_count():
    application = make_in_review()
    add_recommendation(application)
    add_publicity(application)
    assert unit_step_problems(application=application) == []
    application.unit = factories.make_unit()  # as after a reset and a new cover with another unit
    application.save(update_fields=["unit"])
    problems = unit_step_problems(application=application)
    assert any("基层意见" in p for p in problems)
    assert any("公示" in p for p in problems)
