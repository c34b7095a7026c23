"""The queue's 评委会 select also offers the kinds no committee decides (考核认定, 职称确认, decision
0007), in the page and the API; a committee office is not offered them."""

from __future__ import annotations

import pytest

from applications.tests.factories import make_series, make_unit, make_unit_admin
from applications.tests.review_factories import make_submitted
from orgs.models import Ownership
from recognition.tests.confirmation_factories import make_transferee, submitted_confirmation
from recognition.tests.recognition_factories import ALL_MONTHS, make_graduate, submitted_recognition
from tests.factories import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_queue(settings):
    settings.RECOGNITION_MONTHS = ALL_MONTHS
    unit = make_unit(Ownership.NON_PUBLIC)
    series = make_series()
    recognition = submitted_recognition(make_graduate(unit=unit), series=series)
    confirmation = submitted_confirmation(make_transferee(unit=unit), series=series)
    promotion = make_submitted(unit=unit, series=series)
    return make_unit_admin(unit), {
        "recognition": recognition,
        "confirmation": confirmation,
        "promotion": promotion,
    }


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.context["rows"]}


def test_the_select_offers_each_kind_and_filters_by_it(client, unit_queue):
    admin, apps = unit_queue
    client.force_login(admin)
    everything = client.get("/reviews/")
    assert _ids(everything) == {app.pk for app in apps.values()}
    html = everything.content.decode()
    assert '<option value="recognition">考核认定</option>' in html
    assert '<option value="confirmation">职称确认</option>' in html
    assert _ids(client.get("/reviews/", {"committee": "recognition"})) == {apps["recognition"].pk}
    assert _ids(client.get("/reviews/", {"committee": "confirmation"})) == {apps["confirmation"].pk}
    promotion = apps["promotion"]
    assert _ids(client.get("/reviews/", {"committee": promotion.committee_id})) == {promotion.pk}


def test_an_unknown_kind_is_explained_in_chinese(client, unit_queue):
    admin, _ = unit_queue
    client.force_login(admin)
    response = client.get("/reviews/", {"committee": "postdocx"})
    assert "评委会应为编号" in response.content.decode()


def test_the_api_filters_by_kind_too(client, unit_queue):
    admin, apps = unit_queue
    response = client.get("/api/v1/reviews/", {"committee": "confirmation"}, **bearer(admin))
    assert response.status_code == 200, response.content[:300]
    assert [row["id"] for row in response.json()["results"]] == [apps["confirmation"].pk]
