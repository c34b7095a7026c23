"""The reference data loaded once per test package (committed outside the per-test transaction,
removed again when the package's tests are done so other apps' tests start from an empty table)."""

from __future__ import annotations

import pytest

from catalog.loader import LoadReport, catalog_load
from catalog.models import Contact, FaqEntry, HelpPage, Series, Title, Track
from orgs.models import Committee, CommitteeCoverage, CommitteePlan, CommitteeWindow, Organisation


def unload() -> None:
    CommitteeWindow.objects.all().delete()
    CommitteePlan.objects.all().delete()
    CommitteeCoverage.objects.all().delete()
    Committee.objects.all().delete()
    Organisation.objects.filter(ref__isnull=False).delete()
    Title.objects.all().delete()
    Track.objects.all().delete()
    Series.objects.all().delete()
    FaqEntry.objects.all().delete()
    HelpPage.objects.all().delete()
    Contact.objects.all().delete()


def catalog_fixture():
    """A package-scoped fixture: use `catalog_data = catalog_fixture()` in a conftest.py."""

    @pytest.fixture(scope="package")
    def catalog_data(django_db_setup, django_db_blocker) -> LoadReport:
        with django_db_blocker.unblock():
            report = catalog_load()
        yield report
        with django_db_blocker.unblock():
            unload()

    return catalog_data
