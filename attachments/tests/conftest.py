import pytest

from tests.factories import make_applicant


@pytest.fixture
def applicant(db):
    return make_applicant()


def make_application(user, *, status="in_review"):
    """An application row in the given status, straight through the ORM (the state machine is not
    under test here: only the freeze it implies)."""
    from applications.models import Application
    from catalog.models import Level, Series, Title, Track
    from tests.factories import make_committee, make_unit

    series = Series.objects.create(
        number=900 + Series.objects.count(), name=f"测试系列{Series.objects.count()}"
    )
    track = Track.objects.create(series=series, name="测试方向")
    title = Title.objects.create(track=track, level=Level.INTERMEDIATE, name="工程师")
    return Application.objects.create(
        applicant=user,
        year=2026,
        kind="promotion",
        unit=make_unit(),
        series=series,
        track=track,
        specialty="测试",
        level=Level.INTERMEDIATE,
        title=title,
        committee=make_committee(),
        status=status,
    )


def make_entry(user, *, section="education", data=None):
    from dossier.models import DossierEntry
    from dossier.selectors import dossier_get_or_create

    dossier = dossier_get_or_create(user=user)
    return DossierEntry.objects.create(
        dossier=dossier,
        section=section,
        data=data
        or {
            "school": "云南大学",
            "major": "计算机科学与技术",
            "education": "本科",
            "degree": "学士",
            "study_mode": "全日制",
        },
    )
