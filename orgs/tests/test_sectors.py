"""Which kind of employer a unit is, and the hiring record it issues (seed question 20 (3):
企业需提供“云南省招工录用登记表”，事业单位需提供“云南省事业单位聘用人员审批表”)."""

from __future__ import annotations

import pytest
from stdnum.cn import uscc

from attachments.models import Attachment, AttachmentKind
from orgs.models import OrgKind, Ownership
from orgs.sectors import Sector, hiring_record_name, unit_sector
from recognition.recognition import recognition_missing
from recognition.tests.recognition_factories import ALL_MONTHS, make_graduate, save_recognition
from tests import factories

pytestmark = pytest.mark.django_db


def code(prefix: str, n: int) -> str:
    body = f"{prefix}MA{n:07d}"[:17]
    return body + uscc.calc_check_digit(body)


@pytest.mark.parametrize(
    ("fields", "sector", "record"),
    [
        (
            {"credit_code": code("12530100", 1), "ownership": Ownership.CITY_STATE},
            Sector.INSTITUTION,
            "云南省事业单位聘用人员审批表",
        ),
        (
            {"credit_code": code("11530100", 2), "ownership": Ownership.DISTRICT_STATE},
            Sector.INSTITUTION,
            "云南省事业单位聘用人员审批表",
        ),
        (
            {"credit_code": code("91530100", 3), "ownership": Ownership.CITY_STATE},
            Sector.ENTERPRISE,
            "云南省招工录用登记表",
        ),
        (
            {"credit_code": code("91530100", 4), "ownership": Ownership.NON_PUBLIC},
            Sector.ENTERPRISE,
            "云南省招工录用登记表",
        ),
        ({"credit_code": code("51530100", 5), "ownership": Ownership.SOCIAL}, Sector.SOCIAL, None),
        ({"credit_code": None, "ownership": Ownership.NON_PUBLIC}, Sector.ENTERPRISE, "云南省招工录用登记表"),
        ({"credit_code": None, "ownership": Ownership.CITY_STATE}, Sector.UNKNOWN, None),
        ({"kind": OrgKind.AGENCY, "ownership": Ownership.AGENCY}, Sector.UNKNOWN, None),
    ],
)
def test_sector_and_hiring_record(fields, sector, record):
    unit = factories.make_unit(**fields)
    assert unit_sector(unit) == sector
    expected = record or "云南省招工录用登记表（企业）或云南省事业单位聘用人员审批表（事业单位）"
    assert hiring_record_name(unit) == expected


def test_a_recognition_at_an_institution_asks_for_its_hiring_record_by_name(settings):
    settings.RECOGNITION_MONTHS = ALL_MONTHS  # the recognition months have their own tests
    unit = factories.make_unit(
        credit_code=code("12530100", 9),
        ownership=Ownership.CITY_STATE,
        department=factories.make_department(),
    )
    user = make_graduate(unit=unit, hiring_form=False)
    application = save_recognition(user)
    messages = [item.message for item in recognition_missing(application=application)]
    assert "请在附件管理中上传“云南省事业单位聘用人员审批表”。" in messages
    # One kind of upload for both (old uploads stay valid), labelled with both names.
    assert AttachmentKind.HIRING_FORM.label == "招工录用登记表/事业单位聘用人员审批表"
    assert not Attachment.objects.filter(owner=user).filter(kind="hiring_form").exists()
