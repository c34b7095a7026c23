import pytest

from applications.models import StepKind
from reviews.tests.factories import advance_to, make_world, pass_step, submit


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def at_committee(world):
    """An application of the world's non-public unit, in review at the committee's step."""
    return advance_to(world, submit(world, unit=world.unit2, name="赵六"), StepKind.COMMITTEE)


@pytest.fixture
def at_unit(world):
    return submit(world, name="钱七")


@pytest.fixture
def screened(world):
    """An application of the world's non-public unit that passed 资格审查 (the committee office's
    electronic review): approved, to be publicised before the committee (评前公示)."""
    return pass_step(
        world, advance_to(world, submit(world, unit=world.unit2, name="赵六"), StepKind.COMMITTEE)
    )
