import pytest

from catalog.models import Level

from .factories import make_open_committee, make_ready_applicant, make_series


@pytest.fixture
def series(db):
    return make_series()


@pytest.fixture
def committee(series):
    return make_open_committee(series, Level.INTERMEDIATE)


@pytest.fixture
def applicant(db):
    return make_ready_applicant()
