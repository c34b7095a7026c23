"""The route as data (domain.md "Review routing"): one test per ownership, provincial committees,
and the Chinese error when the unit lacks what its route needs."""

from __future__ import annotations

import pytest

from applications.models import StepKind
from applications.routing import RouteError, route_for
from orgs.models import Ownership
from tests import factories

from .factories import city_bureau, make_unit


def kinds(route):
    return [step.kind for step in route]


@pytest.mark.django_db
def test_city_state_unit_goes_unit_department_committee():
    unit = make_unit(Ownership.CITY_STATE)
    committee = factories.make_committee()
    route = route_for(unit=unit, committee=committee)
    assert kinds(route) == [StepKind.UNIT, StepKind.DEPARTMENT, StepKind.COMMITTEE]
    assert route[0].organisation == unit
    assert route[1].organisation == unit.department
    assert route[2].committee == committee and route[2].organisation is None


@pytest.mark.django_db
def test_district_state_unit_adds_its_district_office():
    unit = make_unit(Ownership.DISTRICT_STATE)
    route = route_for(unit=unit, committee=factories.make_committee())
    assert kinds(route) == [StepKind.UNIT, StepKind.DEPARTMENT, StepKind.DISTRICT, StepKind.COMMITTEE]
    assert route[1].organisation == unit.department
    assert route[2].organisation == unit.district


@pytest.mark.parametrize("ownership", [Ownership.NON_PUBLIC, Ownership.SOCIAL])
@pytest.mark.django_db
def test_non_public_and_social_go_through_the_district_office_of_their_location(ownership):
    unit = make_unit(ownership)
    route = route_for(unit=unit, committee=factories.make_committee())
    assert kinds(route) == [StepKind.UNIT, StepKind.DISTRICT, StepKind.COMMITTEE]
    assert route[1].organisation == unit.district


@pytest.mark.django_db
def test_personnel_agency_goes_straight_to_the_city():
    agency = make_unit(Ownership.AGENCY)
    route = route_for(unit=agency, committee=factories.make_committee())
    assert kinds(route) == [StepKind.UNIT, StepKind.COMMITTEE]
    assert route[0].organisation == agency


@pytest.mark.parametrize(
    ("ownership", "local"),
    [
        (Ownership.CITY_STATE, [StepKind.UNIT, StepKind.DEPARTMENT]),
        (Ownership.DISTRICT_STATE, [StepKind.UNIT, StepKind.DEPARTMENT, StepKind.DISTRICT]),
        (Ownership.NON_PUBLIC, [StepKind.UNIT, StepKind.DISTRICT]),
        (Ownership.AGENCY, [StepKind.UNIT]),
    ],
)
@pytest.mark.django_db
def test_a_provincial_committee_adds_the_city_bureau_then_the_province(ownership, local):
    bureau = city_bureau()
    committee = factories.make_committee(is_provincial=True)
    route = route_for(unit=make_unit(ownership), committee=committee)
    assert kinds(route) == [*local, StepKind.CITY, StepKind.PROVINCIAL]
    assert route[-2].organisation == bureau
    assert route[-1].committee == committee


@pytest.mark.parametrize("ownership", [Ownership.CITY_STATE, Ownership.DISTRICT_STATE])
@pytest.mark.django_db
def test_a_state_unit_without_its_department_gets_a_clear_error(ownership):
    unit = make_unit(ownership, department=None)
    unit.department = None
    unit.save()
    with pytest.raises(RouteError) as exc:
        route_for(unit=unit, committee=factories.make_committee())
    assert "未填写主管部门" in exc.value.detail
    assert "单位信息" in exc.value.detail


@pytest.mark.django_db
def test_a_unit_without_ownership_or_district_gets_a_clear_error():
    unit = make_unit(Ownership.NON_PUBLIC)
    unit.ownership = ""
    unit.save()
    with pytest.raises(RouteError) as exc:
        route_for(unit=unit, committee=factories.make_committee())
    assert "未填写单位性质" in exc.value.detail
    unit.ownership = Ownership.NON_PUBLIC
    unit.district = None
    unit.save()
    with pytest.raises(RouteError) as exc:
        route_for(unit=unit, committee=factories.make_committee())
    assert "属地县（市）区人社部门" in exc.value.detail


@pytest.mark.django_db
def test_a_provincial_committee_without_the_city_bureau_is_a_configuration_error():
    with pytest.raises(RouteError) as exc:
        route_for(unit=make_unit(), committee=factories.make_committee(is_provincial=True))
    assert "市人社局" in exc.value.detail
