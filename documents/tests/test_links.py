"""The include the applicant's 申报记录 and the reviewer's review page show: both download buttons
and the printing note (rule 24) once the application has been submitted, nothing before."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from applications.services import application_save_cover
from applications.tests.factories import cover_values, make_ready_applicant
from reviews.tests.factories import make_world

from .factories import submit_full

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_world("链")


def test_the_links_include(world):
    application = submit_full(world, entries=1, photo=False)
    html = render_to_string("documents/includes/links.html", {"application": application})
    assert f"/documents/{application.pk}/review-form/" in html and "下载申报评审表（PDF）" in html
    assert f"/documents/{application.pk}/pledge/" in html and "下载承诺书（PDF）" in html
    assert "100%" in html and "公章" in html

    draft = application_save_cover(
        user=make_ready_applicant(unit=world.unit), **cover_values(world.committee, world.series)
    )
    assert render_to_string("documents/includes/links.html", {"application": draft}).strip() == ""
