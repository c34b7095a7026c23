"""撤销职称 (rules 1, 35, issue 13 item 10): the city bureau or the committee's organiser revokes a
confirmed 评审通过; the application reads 已撤销, an integrity record of 3 years bars the person,
the 现有职称情况 entry reads 已撤销（文号） and the applicant can no longer change or delete it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from applications.eligibility.checks import person_issues
from applications.models import ApplicationStatus, IntegrityRecord, ReviewEvent
from core.errors import Conflict, Forbidden, NotFound, ServiceError
from core.models import AuditLog
from dossier import services as dossier_services
from dossier.display import entry_display
from dossier.models import DossierEntry
from evaluation import revocation
from evaluation.meeting_models import Tally
from evaluation.result_models import ResultConfirmation, Revocation
from recognition.recognition import current_title_add, held_levels
from tests import factories

from .test_results_status import _close_one_pass_one_fail

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]

DOC = "昆人社撤〔2026〕3号"


def confirmed(capture, *, confirmed_on: date | None = None):
    """A closed meeting whose passing application is confirmed (built directly, as item 8 would)."""
    office, _row, _drawn, ok, ko = _close_one_pass_one_fail(capture)
    entry = current_title_add(
        application=ok, issuer=ok.committee.name, now=timezone.now(), action="evaluation_title_added"
    )
    confirmation = ResultConfirmation.objects.create(
        tally=Tally.objects.get(entry__application=ok),
        application=ok,
        document_number="昆职评〔2026〕1号",
        confirmed_on=confirmed_on or timezone.localdate() - timedelta(days=30),
        confirmed_by=office,
        title_entry=entry,
    )
    return office, ok, ko, confirmation


def city_user():
    return factories.make_user(role=Role.CITY_REVIEWER, organisation=factories.make_city_bureau())


def test_city_bureau_revokes_a_confirmed_title(django_capture_on_commit_callbacks):
    _office, ok, _ko, confirmation = confirmed(django_capture_on_commit_callbacks)
    city = city_user()
    today = timezone.localdate()
    assert ok.level in held_levels(user=ok.applicant)
    done = revocation.titles_revoke(
        actor=city,
        application_id=ok.pk,
        reason="伪造论文发表证明",
        document_number=DOC,
        revoked_on=today.isoformat(),
    )
    ok.refresh_from_db()
    assert ok.status == ApplicationStatus.REVOKED and ok.get_status_display() == "已撤销"
    assert (done.confirmation, done.revoked_by, done.document_number) == (confirmation, city, DOC)
    event = ReviewEvent.objects.get(application=ok, action="revoke")
    assert (event.from_status, event.to_status) == ("passed", "revoked")
    assert DOC in event.opinion and "伪造论文发表证明" in event.opinion
    # Rule 1: the integrity record, 3 years, bars the person from applying.
    record = IntegrityRecord.objects.get()
    assert done.integrity_record == record
    assert record.id_number == ok.applicant.id_number.upper() and record.recorded_on == today
    assert (record.expires_on - today).days in (365 * 3, 365 * 3 + 1)
    issues = [p.message for p in person_issues(user=ok.applicant, level=ok.level, year=today.year + 1)]
    assert any("您有诚信档案记录" in m and "期满前不能申报职称" in m for m in issues)
    # The title in 现有职称情况 reads 已撤销（文号）.
    entry = DossierEntry.objects.get(pk=confirmation.title_entry_id)
    assert entry.data["revoked"] == {"document_number": DOC, "revoked_on": today.isoformat()}
    from dossier.sections import SECTIONS_BY_KEY

    rows = entry_display(SECTIONS_BY_KEY["current_titles"], entry.data)
    # A revoked title is no longer one the person holds (recognition, paths, series change).
    assert ok.level not in held_levels(user=ok.applicant)
    assert {"label": "状态", "text": f"已撤销（{DOC}）"}.items() <= rows[-1].items()
    assert AuditLog.objects.filter(action="evaluation_title_revoke", target_id=str(done.pk)).exists()
    with pytest.raises(Conflict, match=r"职称已撤销.*不能重复撤销"):
        revocation.titles_revoke(
            actor=city, application_id=ok.pk, reason="再次", document_number=DOC, revoked_on=today
        )


def test_integrity_record_from_29_february_ends_28_february(django_capture_on_commit_callbacks):
    _office, ok, _ko, _c = confirmed(django_capture_on_commit_callbacks, confirmed_on=date(2024, 1, 15))
    revocation.titles_revoke(
        actor=city_user(),
        application_id=ok.pk,
        reason="材料造假",
        document_number=DOC,
        revoked_on="2024-02-29",
    )
    record = IntegrityRecord.objects.get()
    assert (record.recorded_on, record.expires_on) == (date(2024, 2, 29), date(2027, 2, 28))


def test_applicant_cannot_edit_or_delete_the_revoked_title(client, django_capture_on_commit_callbacks):
    _office, ok, _ko, confirmation = confirmed(django_capture_on_commit_callbacks)
    revocation.titles_revoke(
        actor=city_user(),
        application_id=ok.pk,
        reason="材料造假",
        document_number=DOC,
        revoked_on=timezone.localdate(),
    )
    applicant, entry_id = ok.applicant, confirmation.title_entry_id
    with pytest.raises(Conflict, match=f"已撤销（{DOC}）.*不能修改或删除"):
        dossier_services.dossier_entry_update(user=applicant, entry_id=entry_id, data={"series": "改"})
    with pytest.raises(Conflict, match="不能修改或删除"):
        dossier_services.dossier_entry_delete(user=applicant, entry_id=entry_id)
    assert DossierEntry.objects.filter(pk=entry_id).exists()
    client.force_login(applicant)
    page = client.get(reverse("dossier:section", args=["current_titles"])).content.decode()
    assert f"已撤销（{DOC}）" in page
    assert reverse("dossier:entry_edit", args=[entry_id]) not in page
    assert reverse("dossier:entry_delete", args=[entry_id]) not in page


def test_organiser_may_revoke_others_may_not(django_capture_on_commit_callbacks):
    office, ok, _ko, _c = confirmed(django_capture_on_commit_callbacks)
    args = {
        "application_id": ok.pk,
        "reason": "材料造假",
        "document_number": DOC,
        "revoked_on": timezone.localdate(),
    }
    for outsider in (
        ok.applicant,
        office,
        factories.make_user(role=Role.EXPERT),
        factories.make_user(role=Role.CITY_REVIEWER),  # no organisation: not the bureau
    ):
        with pytest.raises(Forbidden, match="只有市人社局或评委会组建单位可以撤销职称"):
            revocation.titles_revoke(actor=outsider, **args)
    other_department = factories.make_user(
        role=Role.DEPARTMENT_REVIEWER, organisation=factories.make_department()
    )
    with pytest.raises(Forbidden, match=r"不是.*的组建单位"):
        revocation.titles_revoke(actor=other_department, **args)
    assert not revocation.may_revoke_any(other_department)
    organiser = factories.make_user(role=Role.DEPARTMENT_REVIEWER, organisation=ok.committee.organiser)
    assert revocation.may_revoke_any(organiser)
    assert [c.application_id for c in revocation.confirmed_titles(actor=organiser)] == [ok.pk]
    assert list(revocation.confirmed_titles(actor=other_department)) == []
    revocation.titles_revoke(actor=organiser, **args)
    assert Revocation.objects.get().revoked_by == organiser


def test_revoke_refusals(django_capture_on_commit_callbacks):
    office, _row, _drawn, ok, ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    city = city_user()
    args = {"reason": "材料造假", "document_number": DOC, "revoked_on": timezone.localdate()}
    with pytest.raises(Conflict, match="评审结果（评审通过）尚未核准（备案），不能撤销职称"):
        revocation.titles_revoke(actor=city, application_id=ok.pk, **args)
    with pytest.raises(Conflict, match=r"评审未通过.*尚未核准（备案）"):
        revocation.titles_revoke(actor=city, application_id=ko.pk, **args)
    with pytest.raises(NotFound):
        revocation.titles_revoke(actor=city, application_id=999999, **args)
    with pytest.raises(ServiceError) as err:
        revocation.titles_revoke(
            actor=city, application_id=ok.pk, reason="", document_number="", revoked_on="2026-13-01"
        )
    assert set(err.value.errors) == {"reason", "document_number", "revoked_on"}
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ServiceError) as err:
        revocation.titles_revoke(actor=city, application_id=ok.pk, **{**args, "revoked_on": tomorrow})
    assert "不能晚于今天" in err.value.errors["revoked_on"][0]
    ok.refresh_from_db()
    assert ok.status == ApplicationStatus.PASSED
    assert not IntegrityRecord.objects.exists() and not Revocation.objects.exists()
    assert office  # the office confirmed nothing here


def test_revocation_date_not_before_the_confirmation(django_capture_on_commit_callbacks):
    _office, ok, _ko, confirmation = confirmed(django_capture_on_commit_callbacks)
    early = confirmation.confirmed_on - timedelta(days=1)
    with pytest.raises(Conflict, match="不能早于该职称的核准（备案）日期"):
        revocation.titles_revoke(
            actor=city_user(), application_id=ok.pk, reason="材料造假", document_number=DOC, revoked_on=early
        )
    ok.refresh_from_db()
    assert ok.status == ApplicationStatus.PASSED
