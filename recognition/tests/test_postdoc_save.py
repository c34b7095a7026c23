"""博士后认定: saving the draft (rule 13's conditions alone and together, the exit date at its
boundary, the enterprise, the doctorate, retirement, 副高级 held, rules 1 / 9 / 19, the fields, the
draft changed in place, another person's draft) through the service and the postdoc_apply endpoint."""

from __future__ import annotations

from datetime import timedelta

import pytest

from applications.models import PROVINCE_NAME, Application, ApplicationKind, IntegrityRecord
from applications.services import POSTDOC_KIND_MESSAGE, application_save_cover
from applications.tests.factories import cover_values, make_open_committee, make_series, make_unit
from catalog.models import Level, Title
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from dossier.selectors import dossier_get_or_create
from dossier.tests.factories import add_entries
from orgs.models import Ownership
from recognition.models import PostdocRecognition
from recognition.postdoc import DOCTORATE_PROBLEM, RETIRED_PROBLEM, enterprise_problem
from rules.facts import POSTDOC_ACHIEVEMENT_PROBLEM, POSTDOC_STAYS_PROBLEM
from tests import factories
from tests.factories import bearer, id_number

from .postdoc_factories import DOCTORATE, make_postdoc, postdoc_values, save_postdoc, set_education
from .recognition_factories import today, years_ago

pytestmark = pytest.mark.django_db
URL = "/api/v1/applications/postdoc"


def test_a_valid_postdoc_recognition_is_saved_at_senior_associate():
    user = make_postdoc()
    series = make_series()
    application = save_postdoc(user, series=series)
    assert application.kind == ApplicationKind.POSTDOC and application.committee is None
    assert application.level == Level.SENIOR_ASSOCIATE
    assert application.title.level == Level.SENIOR_ASSOCIATE and application.title.track.series == series
    facts = PostdocRecognition.objects.get(application=application)
    assert facts.funded and facts.funding_reference == "2023M731234"
    assert not facts.led_project and facts.project_name == "" and facts.stays
    assert facts.station == "昆明测试科技有限公司博士后科研工作站"
    assert facts.office is None  # 高级: the province
    assert application.committee_label == f"博士后认定（{PROVINCE_NAME}）"


# Rule 13 at its boundary: either achievement is enough, staying is always needed.
@pytest.mark.parametrize(
    ("funded", "led", "stays", "errors"),
    [
        ("yes", "no", "yes", {}),
        ("no", "yes", "yes", {}),
        ("yes", "yes", "yes", {}),
        ("no", "no", "yes", {"funded": POSTDOC_ACHIEVEMENT_PROBLEM}),
        ("yes", "no", "no", {"stays": POSTDOC_STAYS_PROBLEM}),
        ("no", "yes", "no", {"stays": POSTDOC_STAYS_PROBLEM}),
        ("no", "no", "no", {"funded": POSTDOC_ACHIEVEMENT_PROBLEM, "stays": POSTDOC_STAYS_PROBLEM}),
    ],
)
def test_rule_13_each_condition(funded, led, stays, errors):
    user = make_postdoc()
    changes = {"funded": funded, "led_project": led, "stays": stays, "project_name": "云南省重点研发计划项目"}
    if not errors:
        assert save_postdoc(user, **changes).level == Level.SENIOR_ASSOCIATE
        return
    with pytest.raises(ServiceError) as exc:
        save_postdoc(user, **changes)
    assert exc.value.detail == "博士后认定未保存，请按提示修改。"
    assert exc.value.errors == {field: [message] for field, message in errors.items()}
    assert not Application.objects.filter(applicant=user).exists()


def test_the_exit_date_may_be_today_not_tomorrow():
    user = make_postdoc()
    with pytest.raises(ServiceError) as exc:
        save_postdoc(user, exit_on=(today() + timedelta(days=1)).isoformat())
    assert exc.value.errors == {"exit_on": ["出站后方可申报博士后认定：出站日期不能晚于今天。"]}
    assert save_postdoc(user, exit_on=today().isoformat()).postdoc.exit_on == today()


def test_the_fields_are_checked_each_with_its_message():
    user = make_postdoc()
    with pytest.raises(ServiceError) as exc:
        save_postdoc(
            user,
            exit_on="2025-02-30",
            station="",
            funded="",
            led_project="maybe",
            stays="",
            series_id="",
            track_id="",
            specialty="",
        )
    errors = exc.value.errors
    assert errors["exit_on"] == ["出站日期格式应为 YYYY-MM-DD，如 2025-07-01。"]
    assert errors["station"] == ["请填写博士后工作站（流动站）名称。"]
    assert errors["funded"] == ["请选择是否获得中国博士后科学基金资助（是或否）。"]
    assert errors["led_project"] == ["请选择是否主持省部级以上科研项目（是或否）。"]
    assert errors["stays"] == ["请选择出站后是否继续留在企业（是或否）。"]
    assert errors["series_id"] == ["请选择系列。"]
    assert errors["specialty"] == ["请填写申报专业。"]


def test_the_certificate_or_the_project_name_is_required_with_its_answer():
    user = make_postdoc()
    with pytest.raises(ServiceError) as exc:
        save_postdoc(user, funded="yes", funding_reference="", led_project="yes", project_name=" ")
    assert exc.value.errors == {
        "funding_reference": ["请填写资助证书编号或资助年度。"],
        "project_name": ["请填写主持的省部级以上科研项目名称。"],
    }
    with pytest.raises(ServiceError) as exc:
        save_postdoc(user, station="站" * 101)
    assert exc.value.errors == {"station": ["博士后工作站（流动站）名称最多 100 个字，当前 101 个字。"]}
    # An answer "no" needs no text, and a text given with "no" is not kept.
    application = save_postdoc(
        user, funded="no", funding_reference="X", led_project="yes", project_name="课题"
    )
    assert application.postdoc.funding_reference == "" and application.postdoc.project_name == "课题"


def test_a_series_without_a_senior_associate_title_is_refused():
    user = make_postdoc()
    series = make_series()
    Title.objects.filter(track__series=series, level=Level.SENIOR_ASSOCIATE).delete()
    with pytest.raises(ServiceError) as exc:
        save_postdoc(user, series=series)
    assert exc.value.errors["track_id"] == [f"{series.tracks.first()}没有副高级职称，请选择其他系列或方向。"]


# The unit must be an enterprise: its ownership, then its credit code (GB 32100: 91 = enterprise).
@pytest.mark.parametrize(
    ("ownership", "code_body", "ok"),
    [
        (Ownership.NON_PUBLIC, "91530100MA0000001", True),
        (Ownership.CITY_STATE, "91530100MA0000002", True),
        (Ownership.DISTRICT_STATE, "91530112MA0000003", True),
        (Ownership.CITY_STATE, "12530100MB0000004", False),  # a public institution (事业单位)
        (Ownership.SOCIAL, "52530100MJ0000005", False),
        (Ownership.NON_PUBLIC, "52530100MJ0000006", False),  # 民办非企业单位 registered as non-public
    ],
)
def test_only_an_enterprise_may_apply(ownership, code_body, ok):
    from stdnum.cn import uscc

    unit = make_unit(ownership, credit_code=code_body + uscc.calc_check_digit(code_body))
    user = make_postdoc(unit=unit)
    if ok:
        assert enterprise_problem(unit) is None
        assert save_postdoc(user).unit == unit
        return
    with pytest.raises(ServiceError) as exc:
        save_postdoc(user)
    assert exc.value.errors == {"unit": [enterprise_problem(unit)]}
    assert exc.value.errors["unit"][0].startswith(
        f"博士后直接认定副高级仅适用于企业博士后：工作单位“{unit.name}”"
    )


def test_an_agency_is_not_an_enterprise():
    unit = make_unit(Ownership.AGENCY)
    assert enterprise_problem(unit) == (
        f"博士后直接认定副高级仅适用于企业博士后：工作单位“{unit.name}”为人事代理机构，不是企业。"
    )


@pytest.mark.parametrize(
    ("education", "ok"),
    [
        (DOCTORATE, True),
        ({**DOCTORATE, "education": "硕士研究生"}, True),  # 博士学位 on a master's diploma line
        ({**DOCTORATE, "degree": "无"}, True),  # 博士研究生 without the degree recorded
        ({**DOCTORATE, "education": "硕士研究生", "degree": "硕士"}, False),
        (None, False),
    ],
)
def test_a_doctorate_in_education_is_required(education, ok):
    user = make_postdoc(doctorate=False)
    set_education(user, **(education or {}))
    if ok:
        assert save_postdoc(user).kind == ApplicationKind.POSTDOC
        return
    with pytest.raises(ServiceError) as exc:
        save_postdoc(user)
    assert exc.value.errors == {"__all__": [DOCTORATE_PROBLEM]}


def _retire(user) -> None:
    """Born in 1950: past the statutory retirement age (the birth date comes from the ID number)."""
    user.id_number = id_number(birth="19500101")
    user.save(update_fields=["id_number"])


def _civil_servant(user) -> None:
    dossier = dossier_get_or_create(user=user)
    dossier.is_civil_servant = True
    dossier.save()


def _held(level):
    def prepare(user):
        add_entries(user, "current_titles", 1, level=level, title_name="高级工程师")

    return prepare


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (_retire, RETIRED_PROBLEM),
        (_civil_servant, "公务员（含参照公务员法管理人员）不能申报职称评审。"),
        (
            _held(Level.SENIOR_ASSOCIATE),
            "您的现有职称情况中已有副高级职称，不需要再申报博士后认定副高级职称。",
        ),
        (_held(Level.SENIOR_FULL), "您的现有职称情况中已有正高级职称，不需要再申报博士后认定副高级职称。"),
    ],
)
def test_the_person_is_refused(prepare, message):
    user = make_postdoc()
    prepare(user)
    with pytest.raises(ServiceError) as exc:
        save_postdoc(user)
    assert exc.value.errors == {"__all__": [message]}


def test_an_intermediate_title_held_does_not_refuse():
    user = make_postdoc()
    _held(Level.INTERMEDIATE)(user)
    assert save_postdoc(user).level == Level.SENIOR_ASSOCIATE


def test_integrity_record_and_another_senior_application_of_the_year_refuse():
    user = make_postdoc()
    IntegrityRecord.objects.create(
        id_number=user.id_number,
        name=user.name,
        reason="伪造学历",
        recorded_on=years_ago(1),
        expires_on=years_ago(-2),
    )
    with pytest.raises(ServiceError) as exc:
        save_postdoc(user)
    assert "诚信档案" in exc.value.errors["__all__"][0]
    other = make_postdoc()
    series = make_series()
    committee = make_open_committee(series, Level.SENIOR_ASSOCIATE)
    application_save_cover(user=other, **cover_values(committee, series, Level.SENIOR_ASSOCIATE))
    with pytest.raises(ServiceError) as exc:  # rule 19: one application per level and year
        save_postdoc(other)
    assert "同一年度同一层级" in exc.value.errors["level"][0]


def test_every_reason_together_is_reported_at_once():
    user = make_postdoc(unit=make_unit(Ownership.SOCIAL), doctorate=False)
    set_education(user)
    _retire(user)
    with pytest.raises(ServiceError) as exc:
        save_postdoc(
            user, funded="no", led_project="no", stays="no", exit_on=(today() + timedelta(days=3)).isoformat()
        )
    errors = exc.value.errors
    assert errors["funded"] == [POSTDOC_ACHIEVEMENT_PROBLEM] and errors["stays"] == [POSTDOC_STAYS_PROBLEM]
    assert errors["exit_on"] and errors["unit"][0].endswith("为社会组织，不是企业。")
    assert DOCTORATE_PROBLEM in errors["__all__"] and RETIRED_PROBLEM in errors["__all__"]


def test_only_applicants_and_only_their_own_draft():
    with pytest.raises(Forbidden):
        save_postdoc(factories.make_unit_admin())
    owner = make_postdoc()
    application = save_postdoc(owner)
    stranger = make_postdoc()
    with pytest.raises(NotFound):
        save_postdoc(stranger, application_id=application.pk)
    with pytest.raises(NotFound):
        save_postdoc(owner, application_id="abc")
    assert PostdocRecognition.objects.get(application=application).station.startswith("昆明测试")


def test_the_draft_is_changed_in_place_until_submitted():
    from applications.state import application_submit

    user = make_postdoc()
    application = save_postdoc(user)
    again = save_postdoc(
        user, application_id=application.pk, funded="no", led_project="yes", project_name="省级课题"
    )
    assert again.pk == application.pk and Application.objects.filter(applicant=user).count() == 1
    assert again.postdoc.led_project and not again.postdoc.funded
    application_submit(application_id=application.pk, actor=user)
    with pytest.raises(Conflict) as exc:
        save_postdoc(user, application_id=application.pk)
    assert "不能修改" in exc.value.detail


def test_the_cover_refuses_the_postdoc_kind():
    user = make_postdoc()
    series = make_series()
    committee = make_open_committee(series, Level.SENIOR_ASSOCIATE)
    with pytest.raises(ServiceError) as exc:
        application_save_cover(
            user=user, **cover_values(committee, series, Level.SENIOR_ASSOCIATE, kind="postdoc")
        )
    assert exc.value.errors["kind"] == [POSTDOC_KIND_MESSAGE]


def test_postdoc_apply_endpoint(client):
    user = make_postdoc()
    values = postdoc_values()
    response = client.post(
        URL,
        {**values, "funded": True, "led_project": False, "stays": True},
        content_type="application/json",
        **bearer(user),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "postdoc" and body["kind_label"] == "博士后认定" and body["committee"] is None
    assert body["level"] == Level.SENIOR_ASSOCIATE and body["level_label"] == "副高级"
    assert body["committee_label"] == f"博士后认定（{PROVINCE_NAME}）"
    changed = client.post(
        URL,
        {**values, "application_id": body["id"], "specialty": "冶金工程"},
        content_type="application/json",
        **bearer(user),
    )
    assert changed.status_code == 200 and changed.json()["specialty"] == "冶金工程"
    bad = client.post(
        URL,
        {**values, "application_id": body["id"], "stays": False, "exit_on": "2025-13-01"},
        content_type="application/json",
        **bearer(user),
    )
    assert bad.status_code == 400
    assert bad.json()["errors"] == {
        "exit_on": ["出站日期格式应为 YYYY-MM-DD，如 2025-07-01。"],
        "stays": [POSTDOC_STAYS_PROBLEM],
    }
    # Another person's draft does not exist for them; a unit admin may not apply.
    stranger = make_postdoc()
    other = client.post(
        URL, {**values, "application_id": body["id"]}, content_type="application/json", **bearer(stranger)
    )
    assert other.status_code == 404
    admin = client.post(URL, values, content_type="application/json", **bearer(factories.make_unit_admin()))
    assert admin.status_code == 403
    assert "postdoc_apply" in client.get("/api/v1/openapi.json").content.decode()
