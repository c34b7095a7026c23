"""manage.py load_demo / demo_accounts: idempotent, never in production, needs the catalogue;
the issue 3 demo applications are in the states promised, made through the real services."""

from __future__ import annotations

import io
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image
from stdnum.cn import ric, uscc

from accounts.models import Role, User
from applications.completeness import application_missing
from applications.eligibility.checks import eligibility_problems
from applications.models import Application, ApplicationStatus, ReviewEvent, ReviewStep, StepKind
from applications.state import application_submit
from attachments.checks import check_upload
from attachments.models import Attachment, AttachmentKind
from attachments.rules import photo_problems, photo_warnings
from attachments.selectors import current_photo
from core.errors import ServiceError
from core.models import AuditLog
from demo import promotions
from demo.common import DEMO_PASSWORD, demo_today
from demo.experts import EXPERTS, SENIOR_EXPERTS
from demo.files import demo_pdf, demo_photo, demo_scan
from demo.people import APPLICANTS, STAFF, UNITS
from demo.promotions import demo_applications
from demo.routes import JUNIOR_COMMITTEE
from demo.states import STATE_INCOMPLETE, STATE_READY, STATE_SUBMITTED
from demo.windows import WINDOW_COMMITTEES, window_times
from dossier.models import Dossier, DossierEntry
from dossier.sections import SECTIONS
from evaluation.models import Draw, Opinion, PoolMembership, Round
from messaging.models import SiteMessage
from orgs.models import Committee, CommitteeWindow, Organisation, OrgKind, Ownership
from orgs.windows import closing_month, current_year, window_is_open
from public.models import Notice
from publicity.models import PreReviewFiling, Publicity
from recognition.models import Confirmation, PostdocRecognition, Recognition
from tests.html import unlabelled_controls
from workcal.services import day_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    call_command("load_catalog", stdout=StringIO())


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def state() -> dict:
    return {
        "users": list(User.objects.order_by("pk").values()),
        "orgs": list(Organisation.objects.order_by("pk").values()),
        "notices": list(Notice.objects.order_by("pk").values()),
        "windows": list(CommitteeWindow.objects.order_by("pk").values()),
        "dossiers": list(Dossier.objects.order_by("pk").values()),
        "entries": list(DossierEntry.objects.order_by("pk").values()),
        "attachments": list(Attachment.objects.order_by("pk").values()),
        "applications": list(Application.objects.order_by("pk").values()),
        "steps": list(ReviewStep.objects.order_by("pk").values()),
        "events": list(ReviewEvent.objects.order_by("pk").values()),
        "audit": list(AuditLog.objects.order_by("pk").values()),
        "messages": list(SiteMessage.objects.order_by("pk").values()),
        # issue 6 (demo/paths.py): the kinds' facts and the delegation
        "recognitions": list(Recognition.objects.order_by("pk").values()),
        "confirmations": list(Confirmation.objects.order_by("pk").values()),
        "postdocs": list(PostdocRecognition.objects.order_by("pk").values()),
        "delegations": list(Organisation.senior_delegated_series.through.objects.order_by("pk").values()),
        # issue 13 (demo/experts.py, demo/evaluation_round.py): pools, publicity, the round
        "memberships": list(PoolMembership.objects.order_by("pk").values()),
        "publicity": list(Publicity.objects.order_by("pk").values()),
        "filings": list(PreReviewFiling.objects.order_by("pk").values()),
        "rounds": list(Round.objects.order_by("pk").values()),
        "draws": list(Draw.objects.order_by("pk").values()),
        "opinions": list(Opinion.objects.order_by("pk").values()),
    }


def applicant(name: str) -> User:
    person = next(p for p in APPLICANTS if p.name == name)
    return User.objects.select_related("organisation").get(username=person.id_number)


def application_of(name: str) -> Application:
    return Application.objects.select_related("committee", "current_step").get(applicant=applicant(name))


def stored_files() -> list[str]:
    def walk(path: str) -> list[str]:
        if not default_storage.exists(path):
            return []
        dirs, files = default_storage.listdir(path)
        return [f"{path}/{f}" for f in files] + [n for d in dirs for n in walk(f"{path}/{d}")]

    return walk("attachments")


def test_second_run_creates_and_changes_nothing(catalogue):
    first = load_demo()
    assert "新建" in first and "unit1：昆明市春城人民医院" in first
    assert f"陈静的{current_year()}年申报（{STATE_READY}）" in first
    before = state()
    files = stored_files()
    # issue 3's three and 23 files, issue 6's four (demo/paths.py) and 13 files, issue 13's four
    # (demo/evaluation_round.py) and 36 files
    assert len(before["applications"]) == 3 + 4 + 4 and len(before["attachments"]) == 23 + 13 + 36
    assert {a["file"] for a in before["attachments"]} <= set(files)
    second = load_demo()
    assert "未做任何修改" in second
    assert state() == before
    assert stored_files() == files
    statuses = dict(Application.objects.values_list("applicant__name", "status"))
    assert statuses == {
        "陈静": "draft",
        "李娜": "draft",
        "张伟": "in_review",
        "马晓宇": "in_review",
        "郭建平": "in_review",
        "罗佳": "in_review",
        "林博文": "draft",
        "周海涛": "approved",
        "何雪梅": "approved",
        "钱志远": "approved",
        "唐晓燕": "approved",
    }


def test_an_applicant_already_at_work_is_left_alone(catalogue):
    """After the newcomer pressed 提交 for 陈静, a new load_demo changes nothing of hers."""
    load_demo()
    application_submit(application_id=application_of("陈静").pk, actor=applicant("陈静"))
    before = state()
    assert "未做任何修改" in load_demo()
    assert state() == before


def test_accounts_roles_and_units(catalogue):
    load_demo()
    experts = [e.username for e in EXPERTS]
    usernames = [s.username for s in STAFF] + [u.username for u in UNITS] + [a.id_number for a in APPLICANTS]
    users = User.objects.filter(username__in=usernames + experts)
    assert users.count() == len(usernames) + len(experts) == 5 + 6 + 12 + 15
    for user in users:
        assert user.check_password(DEMO_PASSWORD), user.username
    assert set(users.values_list("role", flat=True)) == set(Role.values)
    support = users.get(username="support")
    assert support.is_staff and support.is_superuser and support.name == "技术支持"
    assert users.get(username="city").organisation.ref == "city-bureau"
    assert users.get(username="dept").organisation.name == "昆明市工业和信息化局"
    district = users.get(username="district").organisation
    assert district.kind == OrgKind.DISTRICT_BUREAU and district.name.startswith("五华区")
    assert users.get(username="committee").committee.name == "昆明市机电工程中级职称评审委员会"

    units = Organisation.objects.filter(kind__in=[OrgKind.UNIT, OrgKind.AGENCY])
    assert units.count() >= 6
    assert set(units.values_list("ownership", flat=True)) == set(Ownership.values)
    assert units.get(ownership=Ownership.AGENCY).kind == OrgKind.AGENCY
    assert units.get(credit_code=UNITS[0].credit_code).department.name == "昆明市卫生健康委员会"
    assert units.values("district").distinct().count() >= 4
    for unit in units:
        assert uscc.is_valid(unit.credit_code)
        assert unit.members.filter(role=Role.UNIT_ADMIN).exists()
        if unit.ownership in ("city_state", "district_state"):
            assert unit.department is not None
        else:
            assert unit.department is None

    applicants = users.filter(role=Role.APPLICANT)
    assert applicants.count() == 12
    assert applicants.filter(organisation__isnull=True).count() == 1
    assert all(ric.is_valid(a.id_number) for a in applicants)
    phones = list(applicants.values_list("phone", flat=True))
    assert len(set(phones)) == 12 and all(p.startswith("1390000") and len(p) == 11 for p in phones)


def test_open_windows_and_notices(catalogue):
    load_demo()
    now = timezone.now()
    year = current_year()
    today = demo_today()
    open_windows = CommitteeWindow.objects.filter(opens_at__lte=now, closes_at__gt=now, year=year)
    assert open_windows.count() == len(WINDOW_COMMITTEES) + 1 == 6  # + the 初级 committee (issue 11)
    assert {w.committee.name for w in open_windows} == {*WINDOW_COMMITTEES, JUNIOR_COMMITTEE}
    # 24:00 of the 30th day from today, but never past the end of the application year.
    closes = min(day_start(today + timedelta(days=31)), day_start(date(year + 1, 1, 1)))
    for window in open_windows:
        assert window.closes_at == closes
        assert window.opens_at >= day_start(date(year, 1, 1))
        assert window_is_open(committee=window.committee)
    # Set through windows.window_set, which writes one audit row per window.
    assert AuditLog.objects.filter(action="window_set").count() == 6
    # Rule 8: each with the month its committee meets (the demo's: the closing month).
    assert all(w.meeting_month == closing_month(w.closes_at) for w in open_windows)
    assert not Committee.objects.filter(name__in=WINDOW_COMMITTEES, is_provincial=True).exists()
    assert Notice.objects.filter(is_published=True).count() >= 3


def test_window_times_stay_inside_the_year():
    opens, closes = window_times(date(2026, 12, 20))
    assert opens == day_start(date(2026, 11, 20)) and closes == day_start(date(2027, 1, 1))
    opens, closes = window_times(date(2027, 1, 1))
    assert opens == day_start(date(2027, 1, 1)) and closes == day_start(date(2027, 2, 1))
    opens, closes = window_times(date(2027, 1, 20))
    assert opens == day_start(date(2027, 1, 1)) and closes == day_start(date(2027, 2, 20))
    opens, closes = window_times(date(2026, 11, 28))
    assert opens == day_start(date(2026, 10, 29)) and closes == day_start(date(2026, 12, 29))


def test_demo_accounts_sign_in_and_see_their_pages(client, catalogue):
    load_demo()
    assert client.login(username="unit1", password=DEMO_PASSWORD)
    html = client.get("/units/staff/").content.decode()
    assert "张伟" in html and "王芳" in html and "李娜" not in html
    assert "昆明市春城人民医院" in client.get("/units/info/").content.decode()
    client.logout()
    assert client.login(username="support", password=DEMO_PASSWORD)
    assert client.get("/messages/sms-outbox/").status_code == 200


def test_complete_draft_ready_to_submit(client, catalogue):
    load_demo()
    user = applicant("陈静")
    application = application_of("陈静")
    assert application.status == ApplicationStatus.DRAFT
    assert application.committee.name == "昆明市机电工程中级职称评审委员会"
    assert user.organisation.name == "昆明滇云机电科技有限公司"
    assert (application.title.name, application.unit_id) == ("工程师", user.organisation_id)
    assert application_missing(application=application) == []
    assert (
        eligibility_problems(
            user=user,
            committee=application.committee,
            level=application.level,
            year=application.year,
            series=application.series,
            application=application,
        )
        == []
    )
    dossier = Dossier.objects.get(user=user)
    assert dossier.current_post and dossier.work_start_date and dossier.original_retirement_age == 55
    sections = set(DossierEntry.objects.filter(dossier=dossier).values_list("section", flat=True))
    required = {s.key for s in SECTIONS if s.required}
    assert required <= sections and len(sections - required) >= 5  # a few optional ones too
    kinds = set(Attachment.objects.filter(owner=user).values_list("kind", flat=True))
    assert {"id_card", "diploma", "title_certificate", "appointment", "pledge", "photo", "entry"} <= kinds
    patent = Attachment.objects.get(owner=user, kind=AttachmentKind.ENTRY)
    assert patent.entry.section == "patents"

    assert client.login(username=user.username, password=DEMO_PASSWORD)
    response = client.get(f"/applications/?year={application.year}&check=1")
    html = response.content.decode()
    assert response.status_code == 200 and "已填写完整" in html and ">去完善</a>" not in html
    assert unlabelled_controls(html) == []
    # The newcomer presses 提交: it goes through.
    response = client.post("/applications/submit/", {"application_id": application.pk})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW


def test_the_photo_meets_rule_23(catalogue):
    load_demo()
    for name in ("陈静", "张伟"):
        photo = current_photo(user=applicant(name))
        assert photo_problems(attachment=photo) == []
        assert photo_warnings(attachment=photo) == []  # the background is blue
        with photo.file.open("rb") as handle:
            content = handle.read()
        assert 10 * 1024 <= len(content) <= 30 * 1024 and content[:3] == b"\xff\xd8\xff"
        with Image.open(io.BytesIO(content)) as image:
            assert image.format == "JPEG" and image.width > 295 and image.height > 413


def test_half_filled_draft_lists_several_items(client, catalogue):
    load_demo()
    user = applicant("李娜")
    application = application_of("李娜")
    assert application.status == ApplicationStatus.DRAFT
    assert application.committee.name == "官渡区中小学教师中级职称评审委员会"
    missing = application_missing(application=application)
    assert len(missing) >= 5
    # 专业技术工作总结 is 如没有无需填写 (issue 11 item 14): not among them.
    assert {item.section for item in missing} >= {"basic", "annual_assessments", "attachments"}
    assert "work_summary" not in {item.section for item in missing}
    assert all(item.url for item in missing)
    assert client.login(username=user.username, password=DEMO_PASSWORD)
    html = client.get(f"/applications/?year={application.year}&check=1").content.decode()
    assert html.count(">去完善</a>") == len(missing)
    with pytest.raises(ServiceError, match="未完成"):
        application_submit(application_id=application.pk, actor=user)


def test_submitted_application_waits_at_the_unit(client, catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    user = applicant("张伟")
    application = application_of("张伟")
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.snapshot and application.submitted_at
    steps = list(application.steps.order_by("order").values_list("kind", flat=True))
    assert steps == [StepKind.UNIT, StepKind.DEPARTMENT, StepKind.COMMITTEE]
    assert application.current_step.kind == StepKind.UNIT
    assert application.current_step.organisation == user.organisation
    assert list(application.events.values_list("action", flat=True)) == ["submit"]
    # The unit's admin was told (issue 4 reviews it).
    unit_admin = User.objects.get(username="unit1")
    assert SiteMessage.objects.filter(recipient=unit_admin, title__contains="张伟").count() == 1

    assert client.login(username=user.username, password=DEMO_PASSWORD)
    html = client.get("/applications/history/").content.decode()
    assert "单位审核" in html and "提交" in html and "昆明市春城人民医院" in html


def test_a_closed_window_skips_that_application(catalogue):
    Committee.objects.filter(name="官渡区中小学教师中级职称评审委员会").update(is_active=False)
    out = load_demo()
    assert "李娜" in out and "未创建" in out
    promotions = Application.objects.filter(kind="promotion").exclude(evaluation_entries__isnull=False)
    assert set(promotions.values_list("applicant__name", flat=True)) == {"陈静", "张伟"}
    assert not Dossier.objects.filter(user=applicant("李娜")).exists()


def test_a_failed_load_leaves_no_rows_and_no_files(catalogue, monkeypatch):
    def refuse(**kwargs):
        raise ServiceError("模拟失败。")

    monkeypatch.setattr(promotions, "application_submit", refuse)
    before = stored_files()  # the in-memory storage of the test settings outlives each test
    with pytest.raises(CommandError, match=r"张伟.*模拟失败"):
        load_demo()
    assert not User.objects.exists() and not Attachment.objects.exists()
    assert stored_files() == before


def test_the_drawn_files_are_fixed_and_accepted():
    photo = demo_photo(seed="x")
    assert photo == demo_photo(seed="x")
    scan = demo_scan(caption="DIPLOMA", fmt="png", seed="x")
    assert scan == demo_scan(caption="DIPLOMA", fmt="png", seed="x")
    pdf = demo_pdf(heading="承诺书", lines=("本人承诺。", "", "承诺人：张伟"))
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    for name, content, content_type in (
        ("photo.jpg", photo, "image/jpeg"),
        ("scan.png", scan, "image/png"),
        ("scan.jpg", demo_scan(caption="ID", fmt="jpeg", seed="x"), "image/jpeg"),
        ("doc.pdf", pdf, "application/pdf"),
    ):
        checked = check_upload(SimpleUploadedFile(name, content, content_type), photo=name == "photo.jpg")
        assert checked.content_type == content_type


def test_every_demo_application_names_a_demo_applicant_and_an_open_committee():
    names = {p.name for p in APPLICANTS}
    specs = demo_applications(2026)
    assert [s.promise for s in specs] == [STATE_READY, STATE_INCOMPLETE, STATE_SUBMITTED]
    for spec in specs:
        assert spec.applicant in names and spec.committee in WINDOW_COMMITTEES
        for demo_file in spec.files:
            assert not demo_file.entry or demo_file.entry in {key for key, _ in spec.entries}


def test_refuses_production_settings(catalogue, settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="生产环境"):
        load_demo()
    assert not User.objects.exists()


def test_refuses_the_production_settings_module(catalogue, settings):
    settings.SETTINGS_MODULE = "zhicheng.settings.production"
    with pytest.raises(CommandError, match="生产环境"):
        load_demo()
    assert not User.objects.exists()


def test_needs_the_catalogue_first():
    with pytest.raises(CommandError, match="load_catalog"):
        load_demo()
    assert not User.objects.exists()


def test_demo_accounts_prints_the_table(catalogue):
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "尚未加载演示数据" in out.getvalue()
    load_demo()
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    for heading in ("角色", "用户名", "说明", "密码"):
        assert heading in text
    for username in ("support", "city", "dept", "district", "committee", "unit1", "unit6"):
        assert f" {username} " in text
    assert "昆明春城人力资源服务有限公司（人事代理机构）" in text
    assert "账号已锁定" in text and DEMO_PASSWORD in text
    lines = text.splitlines()

    def line_of(name: str) -> str:
        return next(line for line in lines if line.startswith(f"| {name}"))

    assert "演示申报" in text
    assert STATE_READY in line_of("陈静") and "昆明市机电工程中级职称评审委员会" in line_of("陈静")
    assert STATE_INCOMPLETE in line_of("李娜") and "去完善" in line_of("李娜")
    assert STATE_SUBMITTED in line_of("张伟") and "13900000101" in line_of("张伟")


def test_the_demo_committee_has_a_pool_that_may_draw(catalogue):
    """Issue 13: the demo committee office's pool holds enough serving experts (rule 27), and
    expert1 signs in with the demo password without a forced password change."""
    from evaluation.models import Expert
    from evaluation.pool import pool_problems

    load_demo()
    office = User.objects.get(username="committee")
    assert pool_problems(committee=office.committee) == []
    expert = User.objects.get(username="expert1")
    assert expert.role == Role.EXPERT and expert.check_password(DEMO_PASSWORD)
    assert not expert.must_change_password
    assert Expert.objects.filter(memberships__pool__committee=office.committee).count() == len(EXPERTS)
    load_demo()  # idempotent: nothing added the second time
    assert Expert.objects.count() == len(EXPERTS) + len(SENIOR_EXPERTS)
