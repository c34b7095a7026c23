"""The 评审结果 page and API (issue 13 item 8): the office generates the 评审结果公示 from the round
(dates prefilled: the next working day, 5 working days), confirms (核准/备案) with checkboxes, a
document number and a date; refusals are shown next to the inputs; the city bureau confirms a
provincial committee's results through the API; the applicant's 现有职称情况 shows the title."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.menu import menu
from evaluation.result_models import ResultConfirmation
from publicity.models import Publicity, PublicityKind
from publicity.tests.factories import ensure_calendar
from tests import factories
from tests.factories import bearer
from workcal.services import add_workdays, workdays_between

from .results_helpers import DOCUMENT, closed_meeting, notice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pools")]

BASE = "/api/v1/evaluation"


def _text(response) -> str:
    return response.content.decode()


def _end_the_notice(row) -> None:
    """Move the notice's period into the past (the page works with today's date)."""
    today = timezone.localdate()
    Publicity.objects.filter(pk=row.result_notice_id).update(
        start_date=today - timedelta(days=20), end_date=today - timedelta(days=10)
    )


def test_the_office_generates_the_notice_and_confirms_through_the_page(client):
    office, row, ok, ko = closed_meeting()
    today = timezone.localdate()
    ensure_calendar(today, today + timedelta(days=30))
    client.force_login(office)
    url = f"{reverse('evaluation:results')}?round={row.pk}"
    page = client.get(url)
    html = _text(page)
    assert page.status_code == 200 and "生成评审结果公示" in html
    start = add_workdays(start=today, days=1)
    end = add_workdays(start=start, days=4)
    assert f'value="{start.isoformat()}"' in html and f'value="{end.isoformat()}"' in html
    assert workdays_between(start=start, end=end) == 5
    assert ok.applicant.name in html and ko.applicant.name in html and "未通过" in html
    # Too short a period: refused next to the end date, the input kept.
    short = client.post(
        reverse("evaluation:result_notice_create", args=[row.pk]),
        {"title": "评审结果公示", "start_date": start.isoformat(), "end_date": start.isoformat()},
    )
    assert short.status_code == 400 and "公示期不少于5个工作日" in _text(short)
    assert 'value="评审结果公示"' in _text(short)
    made = client.post(
        reverse("evaluation:result_notice_create", args=[row.pk]),
        {"title": "评审结果公示", "body": "", "start_date": start.isoformat(), "end_date": end.isoformat()},
    )
    assert made.status_code == 302
    row.refresh_from_db()
    assert row.result_notice.kind == PublicityKind.RESULT
    assert [e.application_id for e in row.result_notice.entries.all()] == [ok.pk]
    html = _text(client.get(url))
    assert "生成评审结果公示</button>" not in html and "公示期满后方可核准（备案）" in html
    assert 'name="application_ids"' not in html  # nothing to confirm yet
    _end_the_notice(row)
    html = _text(client.get(url))
    assert f'name="application_ids" value="{ok.pk}"' in html and f'value="{ko.pk}"' not in html
    # No document number: refused, nothing confirmed, the choice kept.
    missing = client.post(
        reverse("evaluation:results_confirm") + f"?round={row.pk}",
        {"application_ids": [ok.pk], "document_number": "", "confirmed_on": today.isoformat()},
    )
    assert missing.status_code == 400 and "请填写核准（备案）文号" in _text(missing)
    assert f'value="{ok.pk}" id="confirm-{ok.pk}" aria-label="选择{ok.applicant.name}" checked' in _text(
        missing
    )
    done = client.post(
        reverse("evaluation:results_confirm") + f"?round={row.pk}",
        {"application_ids": [ok.pk], "document_number": DOCUMENT, "confirmed_on": today.isoformat()},
    )
    assert done.status_code == 302
    assert ResultConfirmation.objects.get().application == ok
    html = _text(client.get(url))
    assert f"{DOCUMENT}（" in html
    # The applicant: the status box says 评审通过; 现有职称情况 lists the title with date and document.
    client.force_login(ok.applicant)
    titles = _text(client.get(reverse("dossier:section", args=("current_titles",))))
    assert ok.title.name in titles and DOCUMENT in titles and row.committee.name in titles


def test_the_round_page_and_the_menu_lead_to_the_results(client):
    office, row, _ok, _ko = closed_meeting()
    client.force_login(office)
    html = _text(client.get(reverse("evaluation:round", args=[row.pk])))
    assert f"{reverse('evaluation:results')}?round={row.pk}" in html
    assert "评审结果" in {item.label for item in menu.items_for(Role.COMMITTEE_OFFICE)}
    assert "评审结果核准（备案）" in {item.label for item in menu.items_for(Role.CITY_REVIEWER)}


def test_others_get_403_or_404(client):
    _office, row, _ok, _ko = closed_meeting()
    client.force_login(factories.make_user(role=Role.APPLICANT))
    assert client.get(reverse("evaluation:results")).status_code == 403
    other = factories.make_user(role=Role.COMMITTEE_OFFICE, committee=factories.make_committee())
    client.force_login(other)
    assert client.get(f"{reverse('evaluation:results')}?round={row.pk}").status_code == 404
    response = client.post(
        reverse("evaluation:result_notice_create", args=[row.pk]),
        {"title": "x", "start_date": "2026-12-01", "end_date": "2026-12-31"},
    )
    assert response.status_code == 404 and not Publicity.objects.filter(kind=PublicityKind.RESULT).exists()


# --- API -----------------------------------------------------------------------------------------------


def _post(client, user, url, body):
    return client.post(url, body, content_type="application/json", **bearer(user))


def test_results_through_the_api_and_the_city_bureau_for_a_provincial_committee(client):
    office, row, ok, ko = closed_meeting(committee_fields={"is_provincial": True})
    today = timezone.localdate()
    ensure_calendar(today, today + timedelta(days=30))
    start = add_workdays(start=today, days=1)
    short = _post(
        client,
        office,
        f"{BASE}/rounds/{row.pk}/result-notice",
        {"title": "评审结果公示", "start_date": start.isoformat(), "end_date": start.isoformat()},
    )
    assert short.status_code == 400 and "公示期不少于5个工作日" in short.json()["errors"]["end_date"][0]
    body = {
        "title": "评审结果公示",
        "start_date": start.isoformat(),
        "end_date": add_workdays(start=start, days=4).isoformat(),
    }
    made = _post(client, office, f"{BASE}/rounds/{row.pk}/result-notice", body)
    assert made.status_code == 201, made.json()
    assert made.json()["application_ids"] == [ok.pk] and made.json()["notice"]["workdays"] == 5
    again = _post(client, office, f"{BASE}/rounds/{row.pk}/result-notice", body)
    assert again.status_code == 409 and "每个评审批次只生成一次" in again.json()["detail"]

    listed = client.get(f"{BASE}/results?round_id={row.pk}", **bearer(office))
    assert listed.status_code == 200
    by_id = {r["application_id"]: r for r in listed.json()}
    assert by_id[ok.pk]["outcome_label"] == "通过" and by_id[ok.pk]["agree"] == 5
    assert by_id[ok.pk]["notice"]["state"] == "upcoming" and by_id[ok.pk]["objection"] == "none"
    assert by_id[ko.pk]["outcome"] == "failed" and by_id[ko.pk]["confirmable"] is False

    row.refresh_from_db()
    _end_the_notice(row)
    confirm_body = {
        "application_ids": [ok.pk],
        "document_number": DOCUMENT,
        "confirmed_on": today.isoformat(),
    }
    refused = _post(client, office, f"{BASE}/results/confirm", confirm_body)
    assert refused.status_code == 403 and "由市人社局核准（备案）" in refused.json()["detail"]
    city = factories.make_user(role=Role.CITY_REVIEWER, organisation=factories.make_city_bureau())
    both = _post(client, city, f"{BASE}/results/confirm", {**confirm_body, "application_ids": [ok.pk, ko.pk]})
    assert both.status_code == 409 and len(both.json()["errors"]["application_ids"]) == 1
    done = _post(client, city, f"{BASE}/results/confirm", confirm_body)
    assert done.status_code == 200, done.json()
    assert done.json()[0]["application_id"] == ok.pk and done.json()[0]["document_number"] == DOCUMENT
    twice = _post(client, city, f"{BASE}/results/confirm", confirm_body)
    assert twice.status_code == 409 and "不能重复核准（备案）" in twice.json()["detail"]
    seen = client.get(f"{BASE}/results", **bearer(city)).json()
    assert {r["application_id"] for r in seen} == {ok.pk, ko.pk}
    assert [r["confirmation"]["document_number"] for r in seen if r["confirmation"]] == [DOCUMENT]


def test_the_operation_ids_are_stable(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"results_list", "results_notice_create", "results_confirm"} <= ids


def test_the_helper_notice_is_the_one_the_api_lists(client):
    office, row, ok, _ko = closed_meeting()
    made = notice(office, row)
    listed = client.get(f"{BASE}/results", **bearer(office)).json()
    assert [r["notice"]["id"] for r in listed if r["application_id"] == ok.pk] == [made.pk]


def test_the_page_takes_a_constant_number_of_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from evaluation import meeting

    from .test_meeting import opened

    def counted(applications: int) -> int:
        _c, office, row, drawn, entries = opened(members=3, applications=applications)
        for entry in entries:
            for expert in drawn:
                meeting.ballots_cast(actor=expert.user, entry_id=entry.pk, choice="agree")
        meeting.meeting_close(actor=office, round_id=row.pk)
        client.force_login(office)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"{reverse('evaluation:results')}?round={row.pk}")
        assert page.status_code == 200 and page.content.decode().count('name="application_ids"') == 0
        return len(queries)

    assert counted(2) == counted(8)


def test_the_generic_publish_page_points_to_the_round_for_a_result_notice(client):
    office, _row, _ok, _ko = closed_meeting()
    client.force_login(office)
    html = _text(client.get(f"{reverse('publicity:manage_create')}?kind=result"))
    assert "请在“评审批次 → 评审结果”中生成评审结果公示" in html and 'name="application_ids"' not in html
    posted = client.post(
        reverse("publicity:manage_create"),
        {"kind": "result", "title": "评审结果公示", "start_date": "2026-12-01", "end_date": "2026-12-31"},
    )
    assert "请在“评审批次 → 评审结果”中生成评审结果公示" in _text(posted)
    assert not Publicity.objects.filter(kind=PublicityKind.RESULT).exists()
