"""manage.py load_demo, issue 11 (demo/routes.py): a 初级 committee — seed part 四 gives the
district offices 中小学教师初级职称评审 — with its window open and its meeting month, and a freelancer
whose 户口所在地人社部门 acts at the unit step; idempotent and listed by demo_accounts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Role, User
from applications.routing import route_for
from catalog.models import Level, Series
from demo.routes import FREELANCER_NAME, JUNIOR_COMMITTEE, freelancer_id
from dossier.models import Dossier
from orgs.models import Committee, CommitteeTier, CommitteeWindow, OrgKind
from orgs.windows import closing_month, committees_open, current_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("load_catalog", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())


def test_the_demo_has_an_open_junior_committee_organised_by_a_district_office(loaded):
    committee = Committee.objects.select_related("organiser").get(name=JUNIOR_COMMITTEE)
    assert committee.tier == CommitteeTier.JUNIOR and committee.get_tier_display() == "初级"
    assert (committee.organiser.kind, committee.organiser.name) == (
        OrgKind.DISTRICT_BUREAU,
        "五华区人力资源和社会保障局",
    )
    assert set(committee.coverages.values_list("series__name", "level")) == {
        ("中小学教师", Level.ASSISTANT),
        ("中小学教师", Level.JUNIOR),
    }
    window = CommitteeWindow.objects.get(committee=committee, year=current_year())
    assert window.meeting_month == closing_month(window.closes_at)
    teachers = Series.objects.get(name="中小学教师")
    for level in (Level.ASSISTANT, Level.JUNIOR):
        assert committee in committees_open(series_id=teachers.pk, level=level)
    office = User.objects.get(username="committee_junior")
    assert (office.role, office.committee) == (Role.COMMITTEE_OFFICE, committee)


def test_the_public_directory_lists_it_under_junior_committees(client, loaded):
    html = client.get("/committees/").content.decode()
    assert "初级职称评委会" in html and JUNIOR_COMMITTEE in html
    assert html.index("中级职称评委会") < html.index("初级职称评委会")


def test_the_demo_freelancer_is_recommended_by_her_household_office(loaded):
    person = User.objects.select_related("organisation").get(username=freelancer_id())
    assert person.name == FREELANCER_NAME
    assert person.organisation.kind == OrgKind.DISTRICT_BUREAU
    assert Dossier.objects.get(user=person).employment_form == "freelance"
    route = route_for(
        unit=person.organisation,
        committee=Committee.objects.get(name=JUNIOR_COMMITTEE),
        employment_form="freelance",
    )
    assert route[0].organisation == person.organisation


def test_a_second_load_changes_nothing_and_the_accounts_are_listed(loaded):
    counts = (Committee.objects.count(), CommitteeWindow.objects.count(), User.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (Committee.objects.count(), CommitteeWindow.objects.count(), User.objects.count()) == counts
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    listing = out.getvalue()
    assert "committee_junior" in listing and JUNIOR_COMMITTEE in listing
    assert freelancer_id() in listing and "户口所在地人社部门：五华区人力资源和社会保障局" in listing
