import pytest

from applications.tests.factories import make_unit_admin

from .factories import make_in_review


@pytest.fixture
def application(db):
    return make_in_review()


@pytest.fixture
def unit_admin(application):
    return make_unit_admin(application.unit)
