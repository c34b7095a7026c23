"""Pages and API of 复查 (rule 34), 撤销职称 (rules 1, 35) and removing an expert (rule 35): each page
action is also an API operation calling the same service; refusals carry their Chinese message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from applications.models import ApplicationStatus
from core.menu import menu_for
from evaluation.meeting_models import Tally
from evaluation.models import MembershipStatus, PoolMembership
from evaluation.result_models import Appeal, ResultConfirmation, Revocation
from recognition.recognition import current_title_add
from tests import factories
from tests.factories import bearer

from .test_appeals import set_notice
from .test_results_status import _close_one_pass_one_fail

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]

BASE = "/api/v1/evaluation"


def _text(response) -> str:
    return response.content.decode()


def _labels(user) -> list[str]:
    return [item["label"] for group in menu_for(user, "/") for item in group["items"]]


def _post(client, user, url, body):
    return client.post(url, body, content_type="application/json", **bearer(user))


def _confirm(application, office):
    entry = current_title_add(
        application=application, issuer="评委会", now=timezone.now(), action="evaluation_title_added"
    )
    return ResultConfirmation.objects.create(
        tally=Tally.objects.get(entry__application=application),
        application=application,
        document_number="昆职评〔2026〕1号",
        confirmed_on=timezone.localdate() - timedelta(days=10),
        confirmed_by=office,
        title_entry=entry,
    )


def test_applicant_appeals_and_office_decides_through_the_pages(client, django_capture_on_commit_callbacks):
    office, row, _drawn, _ok, ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    applicant = ko.applicant
    assert "评审结果" in _labels(applicant)
    assert "评审结果" not in _labels(factories.make_applicant())
    client.force_login(applicant)
    page = _text(client.get(reverse("evaluation:my_results")))
    assert "同意 4 票，不同意 0 票，弃权 3 票" in page and "评审未通过" in page and "申请复查" in page
    empty = client.post(reverse("evaluation:appeal_create", args=[ko.pk]), {"reasons": ""}, follow=True)
    assert "请填写复查理由。" in _text(empty)
    done = client.post(
        reverse("evaluation:appeal_create", args=[ko.pk]), {"reasons": "评议意见有误"}, follow=True
    )
    assert "复查申请已提交" in _text(done) and "办理中" in _text(done)
    again = client.post(reverse("evaluation:appeal_create", args=[ko.pk]), {"reasons": "再次"}, follow=True)
    assert "每个评审结果只能申请一次复查" in _text(again)
    assert client.get(reverse("evaluation:appeals")).status_code == 403

    client.force_login(office)
    assert "复查申请" in _labels(office)
    listing = _text(client.get(reverse("evaluation:appeals")))
    assert "评议意见有误" in listing and "提交结论" in listing
    appeal = Appeal.objects.get()
    decided = client.post(
        reverse("evaluation:appeal_decide", args=[appeal.pk]),
        {"decision": "reconsider", "note": "重新评议"},
        follow=True,
    )
    assert "复查申请已办结：重新评议" in _text(decided)
    ko.refresh_from_db()
    assert ko.status == ApplicationStatus.APPROVED
    twice = client.post(
        reverse("evaluation:appeal_decide", args=[appeal.pk]),
        {"decision": "kept", "note": "维持"},
        follow=True,
    )
    assert "不能重复办理" in _text(twice)

    # After the notice's last day the applicant's page says the period is over.
    client.force_login(applicant)
    set_notice(row, end_offset=-1)
    assert "申请复查</button>" not in _text(client.get(reverse("evaluation:my_results")))


def test_revoke_and_remove_through_the_pages(client, django_capture_on_commit_callbacks):
    office, _row, drawn, ok, _ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    _confirm(ok, office)
    city = factories.make_user(role=Role.CITY_REVIEWER, organisation=factories.make_city_bureau())
    assert {"撤销职称", "评审专家（全市）"} <= set(_labels(city))
    organiser = factories.make_user(role=Role.DEPARTMENT_REVIEWER, organisation=ok.committee.organiser)
    assert "撤销职称" in _labels(organiser)
    assert "撤销职称" not in _labels(factories.make_user(role=Role.DEPARTMENT_REVIEWER))

    client.force_login(city)
    page = _text(client.get(reverse("evaluation:titles")))
    assert ok.applicant.name in page and "昆职评〔2026〕1号" in page
    bad = client.post(reverse("evaluation:title_revoke", args=[ok.pk]), {"reason": "造假"}, follow=True)
    assert "请填写撤销文号。" in _text(bad)
    done = client.post(
        reverse("evaluation:title_revoke", args=[ok.pk]),
        {
            "reason": "造假",
            "document_number": "昆人社撤〔2026〕1号",
            "revoked_on": timezone.localdate().isoformat(),
        },
        follow=True,
    )
    assert "职称已撤销（昆人社撤〔2026〕1号）" in _text(done) and "已撤销" in _text(done)

    experts = _text(client.get(reverse("evaluation:experts_all"), {"q": drawn[0].name}))
    assert drawn[0].name in experts and "取消全部专家库资格" in experts
    removed = client.post(
        reverse("evaluation:expert_remove", args=[drawn[0].pk]), {"reason": "违反纪律"}, follow=True
    )
    assert f"已取消{drawn[0].name}在全部评审专家库中的资格" in _text(removed)
    assert PoolMembership.objects.get(expert=drawn[0]).status == MembershipStatus.DISQUALIFIED

    client.force_login(office)
    assert client.get(reverse("evaluation:titles")).status_code == 403
    assert client.get(reverse("evaluation:experts_all")).status_code == 403


def test_the_api(client, django_capture_on_commit_callbacks):
    office, _row, drawn, ok, ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    ids = {op["operationId"] for item in paths.values() for op in item.values() if isinstance(op, dict)}
    assert {"appeals_create", "appeals_list", "appeals_decide", "titles_revoke", "experts_remove"} <= ids

    created = _post(client, ko.applicant, f"{BASE}/appeals", {"application_id": ko.pk, "reasons": "理由"})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["outcome"] == "failed" and body["decision_label"] == "待办理"
    other = _post(client, ok.applicant, f"{BASE}/appeals", {"application_id": ko.pk, "reasons": "理由"})
    assert other.status_code == 404
    listed = client.get(f"{BASE}/appeals", **bearer(office))
    assert listed.status_code == 200 and [a["id"] for a in listed.json()] == [body["id"]]
    url = f"{BASE}/appeals/{body['id']}/decision"
    bad = _post(client, office, url, {"decision": "", "note": ""})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"decision", "note"}
    kept = _post(client, office, url, {"decision": "kept", "note": "计票无误"})
    assert kept.status_code == 200 and kept.json()["decision"] == "kept"
    assert kept.json()["application_status_label"] == "评审未通过"
    assert _post(client, office, url, {"decision": "kept", "note": "再次"}).status_code == 409

    city = factories.make_user(role=Role.CITY_REVIEWER, organisation=factories.make_city_bureau())
    revoke = {
        "application_id": ok.pk,
        "reason": "造假",
        "document_number": "撤〔2026〕2号",
        "revoked_on": timezone.localdate().isoformat(),
    }
    early = _post(client, city, f"{BASE}/titles/revoke", revoke)
    assert early.status_code == 409 and "尚未核准（备案）" in early.json()["detail"]
    _confirm(ok, office)
    assert _post(client, office, f"{BASE}/titles/revoke", revoke).status_code == 403
    revoked = _post(client, city, f"{BASE}/titles/revoke", revoke)
    assert revoked.status_code == 201, revoked.json()
    assert revoked.json()["application_status_label"] == "已撤销"
    assert (
        revoked.json()["integrity_expires_on"]
        == Revocation.objects.get().integrity_record.expires_on.isoformat()
    )

    removal = _post(client, city, f"{BASE}/expert-removals", {"expert_id": drawn[0].pk, "reason": "违反纪律"})
    assert removal.status_code == 200 and removal.json()["pools"] == [ok.committee.name]
    assert (
        _post(
            client, office, f"{BASE}/expert-removals", {"expert_id": drawn[1].pk, "reason": "x"}
        ).status_code
        == 403
    )


def test_admin_reads_appeals_and_revocations_only(client, django_capture_on_commit_callbacks):
    _office, _row, _drawn, _ok, ko = _close_one_pass_one_fail(django_capture_on_commit_callbacks)
    from evaluation import appeals

    appeals.appeals_create(actor=ko.applicant, application_id=ko.pk, reasons="理由")
    client.force_login(factories.make_support(is_superuser=True))
    for model in ("appeal", "revocation"):
        assert client.get(reverse(f"admin:evaluation_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:evaluation_{model}_add")).status_code == 403
