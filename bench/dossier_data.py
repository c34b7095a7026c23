"""Benchmark data for bench/dossier_submit.py: the catalogue, one unit with its admin, an open window
for a city committee covering 工程技术 / 中级, and applicants each with a complete dossier (基本信息,
13 sections × N entries, the committee's required attachments, optionally one scan per entry) and a
saved cover (draft application).

Writes go through the project's services where a person would act (基本信息, uploads, 保存封面).
The entries are checked with the same `clean_entry` the 新增 service uses and then bulk-inserted:
thousands of 新增 calls would only measure the set-up. Runs inside a configured Django process."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw
from stdnum import ean
from stdnum.cn import ric, uscc

from accounts.models import Role, User
from applications.completeness import required_kinds
from applications.models import Application, ApplicationKind
from applications.services import application_save_cover
from attachments.models import AttachmentKind
from attachments.services import attachment_upload
from catalog.models import Level, Series
from dossier.models import DossierEntry
from dossier.sections import SECTIONS
from dossier.selectors import dossier_get_or_create
from dossier.services import dossier_basic_update
from dossier.validation import clean_entry
from orgs.models import Committee, CommitteeWindow, Organisation, OrgKind, Ownership
from orgs.windows import current_year

SERIES_NAME = "工程技术"
LEVEL = Level.INTERMEDIATE


@dataclass
class BenchData:
    committee: Committee
    unit: Organisation
    applicants: list[User]
    applications: list[Application]
    entries_per_section: dict[str, int]


# --- Files ------------------------------------------------------------------------------------------


def png_bytes(n: int) -> bytes:
    """A small scan-like PNG (about 300×420 px, a few KB); re-encoded by the upload checks."""
    image = Image.new("RGB", (300, 420), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    for row in range(12):
        y = 30 + row * 30
        draw.rectangle((20, y, 280 - (n * 7 + row * 13) % 120, y + 8), fill=(40, 40, 60))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def pdf_bytes(n: int) -> bytes:
    """A minimal one-page PDF (a few hundred bytes) that passes the PDF checks."""
    text = f"BT /F1 12 Tf 72 720 Td (bench scan {n}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def upload_file(n: int) -> SimpleUploadedFile:
    """Every other upload a PNG, the rest PDFs."""
    if n % 2:
        return SimpleUploadedFile(f"scan{n}.png", png_bytes(n), content_type="image/png")
    return SimpleUploadedFile(f"scan{n}.pdf", pdf_bytes(n), content_type="application/pdf")


# --- Identity numbers --------------------------------------------------------------------------------


def id_number(*, birth: str, seq: int, female: bool) -> str:
    order = (seq * 2 + (0 if female else 1)) % 1000
    body = f"530102{birth}{order:03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code(seq: int) -> str:
    body = f"91530100MA{seq:07d}"[:17]
    return body + uscc.calc_check_digit(body)


# --- Entries ------------------------------------------------------------------------------------------

SUMMARY = (
    "任现职以来，本人主要从事企业信息系统的需求分析、架构设计与开发管理工作。"
    "负责公司核心业务平台的总体设计，组织团队完成数据治理、系统集成与性能优化，"
    "在项目中承担技术负责人职责，解决了多项关键技术难题。"
)


def entry_data(key: str, i: int, *, year: int) -> dict:
    """The i-th (0-based) entry of a section, as a page or API client would send it; all valid."""
    n = i + 1
    if key == "current_titles":
        return {
            "series": "工程技术",
            "title_name": "助理工程师",
            "level": "assistant",
            "obtained_on": "2012-12-20",
            "certificate_no": f"YN2012-{n:04d}",
            "issuer": "昆明市工程技术初级职称评审委员会",
            "appointed": "true",
            "appointed_on": "2013-01-10",
        }
    if key == "education":
        return {
            "school": "云南大学",
            "major": f"计算机科学与技术（第{n}段）",
            "education": "本科",
            "degree": "学士",
            "study_mode": "全日制",
            "start": "2004-09",
            "end": "2008-07",
            "technical_class": "无",
        }
    if key == "study":
        return {
            "start": "2015-03",
            "end": "2015-09",
            "institution": "昆明理工大学",
            "content": f"软件工程进修第{n}期",
            "witness": "李老师",
        }
    if key == "work":
        return {
            "start": "2008-07",
            "end": "" if i == 0 else "2010-06",
            "employer": f"昆明测试科技有限公司第{n}分公司",
            "post": "软件工程师",
            "professional": "true",
            "seconded": "false",
            "seconded_own_duties": "",
            "witness": "王经理",
        }
    if key == "work_summary":
        return {"summary": (SUMMARY * 20)[:2000]}
    if key == "main_work":
        return {
            "start": "2019-01",
            "end": "2020-06",
            "name": f"智慧园区管理平台（{n}期）",
            "role": "项目负责人，负责总体设计",
            "results": ("平台上线后服务企业 200 余家，年处理业务 30 万笔，系统可用率 99.9%。" * 5)[:300],
        }
    if key == "projects":
        return {
            "name": f"高原特色农业数据平台研究（课题{n}）",
            "source": "云南省科技厅重点研发计划（省级）",
            "start": "2020-01",
            "end": "2022-12",
            "rank": str(i % 5 + 1),
            "funds": "12.5",
            "conclusion": "已结题",
        }
    if key == "patents":
        return {
            "name": f"一种数据同步方法（{n}）",
            "number": f"ZL2020101{n:05d}.7",
            "kind": "发明",
            "granted_on": "2022-05-10",
            "rank": "1",
        }
    if key == "awards":
        return {
            "name": f"昆明市科学技术进步奖（项目{n}）",
            "grade": "二等奖",
            "grantor": "昆明市人民政府",
            "awarded_on": "2021-12-01",
            "rank": "3",
        }
    if key == "books":
        body = f"978711140{n % 1000:03d}"
        return {
            "title": f"软件测试实践（第{n}版）",
            "publisher": "机械工业出版社",
            "isbn": body + ean.calc_check_digit(body),
            "published_on": "2018-06",
            "own_part": "第 3–5 章，约 12 万字",
        }
    if key == "papers":
        return {
            "title": f"基于微服务的政务系统设计（{n}）",
            "journal": "计算机应用",
            "journal_number": "ISSN 1001-9081，CN 51-1307/TP",
            "published_on": "2019-08",
            "rank": "1",
        }
    if key == "continuing_education":
        return {
            "start": "2023-05-08",
            "end": "2023-05-12",
            "name": f"专业技术人员继续教育公需科目（{n}）",
            "organiser": "昆明市人力资源和社会保障局",
            "hours": "24",
            "kind": "继续教育培训",
        }
    if key == "annual_assessments":
        return {"year": str(year - 1 - i), "result": "合格", "unit": "昆明测试科技有限公司"}
    raise KeyError(key)


def section_counts(entries: int) -> dict[str, int]:
    """Entries per section: `entries` everywhere, one where the section allows only one (专业技术工作总结)."""
    return {s.key: (1 if s.single else entries) for s in SECTIONS}


def add_entries(*, user, counts: dict[str, int], year: int) -> list[DossierEntry]:
    dossier = dossier_get_or_create(user=user)
    rows = []
    for section in SECTIONS:
        for i in range(counts[section.key]):
            cleaned, errors = clean_entry(
                section=section, data=entry_data(section.key, i, year=year), birth_date=dossier.birth_date
            )
            if errors:
                raise RuntimeError(f"bench data for {section.key} #{i + 1} is invalid: {errors.errors}")
            rows.append(DossierEntry(dossier=dossier, section=section.key, data=cleaned, position=i + 1))
    return DossierEntry.objects.bulk_create(rows)


# --- The whole set ----------------------------------------------------------------------------------


def load_catalogue() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_catalog", verbosity=0, stdout=io.StringIO())


def open_committee(*, now) -> tuple[Committee, Series]:
    """A city committee of the catalogue covering 工程技术 / 中级, with this year's window open now."""
    series = Series.objects.get(name=SERIES_NAME)
    committee = (
        Committee.objects.filter(
            coverages__series=series, coverages__level=LEVEL, is_provincial=False, is_active=True
        )
        .order_by("number", "id")
        .first()
    )
    if committee is None:
        raise RuntimeError("the catalogue has no city committee for 工程技术 / 中级")
    CommitteeWindow.objects.update_or_create(
        committee=committee,
        year=current_year(now),
        defaults={"opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=10)},
    )
    return committee, series


def make_unit() -> Organisation:
    district = Organisation.objects.filter(kind=OrgKind.DISTRICT_BUREAU).order_by("sort_order", "id").first()
    unit = Organisation.objects.create(
        kind=OrgKind.UNIT,
        name="昆明性能测试科技有限公司",
        credit_code=credit_code(1),
        ownership=Ownership.NON_PUBLIC,
        district=district,
        head_name="张主任",
        head_phone="13900005001",
        phone="0871-62000000",
    )
    User.objects.create_user(
        username=unit.credit_code, password=None, role=Role.UNIT_ADMIN, organisation=unit, name="单位管理员"
    )
    return unit


def make_applicant(
    *, seq: int, unit: Organisation, counts: dict[str, int], entry_attachments: int, year: int
) -> User:
    # Born 1970–1976: old enough for 50 distinct 年度考核 years, far enough from the statutory
    # retirement age (rule 9) to be eligible in the committee's month.
    female = seq % 2 == 0
    birth = f"{1976 if female else 1970 + seq % 6}0{seq % 9 + 1}15"
    number = id_number(birth=birth, seq=seq, female=female)
    user = User.objects.create_user(
        username=number,
        password=None,  # unusable: the benchmark signs in with force_login
        role=Role.APPLICANT,
        id_number=number,
        name=f"测试申报人{seq}",
        phone=f"139{seq:08d}",
        organisation=unit,
    )
    dossier_basic_update(
        user=user,
        work_start_date="2008-07-01",
        professional_start_date="2008-07-01",
        employment_form="on_staff",
        current_post="软件工程师",
        is_civil_servant="false",
        original_retirement_age="55" if female else "60",
    )
    entries = add_entries(user=user, counts=counts, year=year)
    n = 0
    for entry in entries:
        for _ in range(entry_attachments):
            n += 1
            attachment_upload(
                user=user, kind="", title=f"条目附件{n}", uploaded_file=upload_file(n), entry_id=entry.pk
            )
    return user


def upload_required(*, user, committee) -> None:
    labels = dict(AttachmentKind.choices)
    for n, kind in enumerate(required_kinds(committee=committee), start=1):
        attachment_upload(user=user, kind=kind, title=labels[kind], uploaded_file=upload_file(n))


def build(*, applicants: int, entries: int, entry_attachments: int) -> BenchData:
    """Everything the benchmark measures against, in a fresh (migrated) database."""
    load_catalogue()
    now = timezone.now()
    year = current_year(now)
    committee, series = open_committee(now=now)
    track = series.tracks.order_by("order", "id").first()
    counts = section_counts(entries)
    with transaction.atomic():
        unit = make_unit()
    users, drafts = [], []
    for seq in range(1, applicants + 1):
        with transaction.atomic():
            user = make_applicant(
                seq=seq, unit=unit, counts=counts, entry_attachments=entry_attachments, year=year
            )
            upload_required(user=user, committee=committee)
            drafts.append(
                application_save_cover(
                    user=user,
                    year=year,
                    kind=ApplicationKind.PROMOTION,
                    series_id=series.pk,
                    track_id=track.pk,
                    specialty="软件工程",
                    level=LEVEL,
                    committee_id=committee.pk,
                )
            )
        users.append(user)
    return BenchData(
        committee=committee, unit=unit, applicants=users, applications=drafts, entries_per_section=counts
    )
