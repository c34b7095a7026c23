"""What people read (issue 11 items 17 and 19): no internal rule number anywhere a person reads it,
and one date style ("2026年7月1日", "2026年7月1日 14:30", deadlines "2026年12月31日 24:00").

- every non-test Python module: no string constant (f-string parts and strings joined with + included,
  docstrings excluded) carries "规则 N";
- every template and data file of the apps: likewise (template comments excluded);
- the OpenAPI document (its summaries and descriptions are read by the people who use the API);
- a walk of the pages each role reaches by following links from its menu (applicant, unit admin,
  department, district, city bureau, committee office, technical support, and anyone on the public
  pages), the PDFs and spreadsheets they link to included: no "规则 N", no ISO date (2026-07-01,
  2026-07) and no zero-padded Chinese date (2026年07月01日) in the visible text. ISO dates stay
  where machines read them: `datetime="…"` and `value="…"` attributes, input fields, the JSON API.
"""

from __future__ import annotations

import ast
import io
import re
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULE_NUMBER = re.compile(r"规则\s*[0-9０-９]")
ISO_DATE = re.compile(r"(?<![\d-])(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?(?![\d-])")
PADDED_CN_DATE = re.compile(r"\d{4}年0\d月|\d{1,2}月0\d日")
SKIPPED_DIRS = {".venv", "node_modules", "docs", "tests", "migrations", "test-artifacts", ".git", "media"}
DATA_SUFFIXES = {".html", ".yaml", ".yml", ".txt", ".md", ".json", ".csv"}


def _project_files(suffixes: set[str]) -> list[Path]:
    found = []
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts[:-1])
        if parts & SKIPPED_DIRS or any(p.startswith(".") for p in parts):
            continue
        if path.suffix in suffixes and path.is_file() and not path.name.startswith("test_"):
            found.append(path)
    return found


# --- the code and the data ---------------------------------------------------------------------


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _rendered(node: ast.AST) -> str | None:
    """A string expression as it could read: constants as written, anything computed as "0"
    (so "规则 " + str(n) and f"规则{n}" are caught like "规则 5")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "0" for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _rendered(node.left), _rendered(node.right)
        if left is None and right is None:
            return None
        return (left if left is not None else "0") + (right if right is not None else "0")
    return None


def rule_numbers_in_python(source: str) -> list[str]:
    tree = ast.parse(source)
    docstrings = _docstring_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in docstrings:
            continue
        text = _rendered(node)
        if text is not None and RULE_NUMBER.search(text):
            found.append(f"{getattr(node, 'lineno', '?')}: {text[:80]}")
    return found


def test_the_scan_catches_what_it_is_for():
    assert rule_numbers_in_python('x = "不能重复申报（规则 19）"')
    assert rule_numbers_in_python('x = f"{a}（规则19）{b}"')
    assert rule_numbers_in_python('x = "见规则 " + str(n)')
    assert rule_numbers_in_python('x = f"规则{n}"')
    assert not rule_numbers_in_python('"""Rule 19 (规则 19) lives here."""\nx = "见《职称知识25问》第25问"')
    assert not rule_numbers_in_python('def f():\n    """规则 5."""\n    return 1')
    assert ISO_DATE.search("截止 2026-12-31") and ISO_DATE.search("2026-07")
    assert not ISO_DATE.search("0871-2026")
    assert not ISO_DATE.search("2020-2021年") and not ISO_DATE.search("530102198503120118")


def test_no_python_string_shows_a_rule_number():
    offenders = []
    for path in _project_files({".py"}):
        for hit in rule_numbers_in_python(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}:{hit}")
    assert offenders == []


CJK = re.compile(r"[\u4e00-\u9fff]")
DATE_SPEC = re.compile(r"%[Ymd][-/年月日]|[-/]%[md]")  # not "%Y%m%d" of a file name, nor "{share:.0%}"


def hand_made_dates(source: str) -> list[str]:
    """Chinese text (an f-string with Chinese in it) that formats a date itself — a strftime-like
    spec ("{day:%Y-%m-%d}") or .isoformat() — instead of core.dates."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        words = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
        if not CJK.search(words):
            continue
        for value in node.values:
            if not isinstance(value, ast.FormattedValue):
                continue
            spec = ast.unparse(value.format_spec) if value.format_spec else ""
            call = ast.unparse(value.value)
            if DATE_SPEC.search(spec) or "isoformat" in call or "strftime" in call:
                found.append(f"{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_chinese_text_formats_dates_through_core_dates():
    assert hand_made_dates('x = f"公示期尚未结束（{end:%Y-%m-%d}结束）"')
    assert hand_made_dates('x = f"截止 {d.isoformat()}"')
    assert hand_made_dates('x = f"出生日期 {d:%Y年%m月%d日}"')  # zero-padded: not the one style either
    assert not hand_made_dates('x = f"{d:%Y-%m-%d}"')  # machine text (a form value)
    assert not hand_made_dates('x = f"花名册_{d:%Y%m%d}.xlsx"')  # a file name
    assert not hand_made_dates('x = f"截止 {date_label(d)}"')
    offenders = []
    for path in _project_files({".py"}):
        if "bench" in path.relative_to(ROOT).parts:
            continue
        offenders += [
            f"{path.relative_to(ROOT)}:{hit}" for hit in hand_made_dates(path.read_text(encoding="utf-8"))
        ]
    assert offenders == []


TEMPLATE_COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)


def test_no_template_or_data_file_shows_a_rule_number():
    offenders = []
    for path in _project_files(DATA_SUFFIXES):
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            text = TEMPLATE_COMMENT.sub("", text)
        for number, line in enumerate(text.splitlines(), start=1):
            if RULE_NUMBER.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert offenders == []


def _openapi_texts(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("summary", "description", "title") and isinstance(item, str):
                yield f"{path}/{key}", item
            else:
                yield from _openapi_texts(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _openapi_texts(item, f"{path}/{index}")


@pytest.mark.django_db
def test_the_api_document_names_no_rule_number(client):
    schema = client.get("/api/v1/openapi.json").json()
    english = re.compile(r"\brules?\s+\d", re.I)
    offenders = [
        (where, text[:100])
        for where, text in _openapi_texts(schema)
        if RULE_NUMBER.search(text) or english.search(text)
    ]
    assert offenders == []


# --- the pages people walk through ---------------------------------------------------------------


class _Page(HTMLParser):
    """The visible text of a page (no script, style or textarea content; attributes left out) and
    the links a person can follow (href, and hx-get of the parts htmx loads)."""

    HIDDEN = {"script", "style", "textarea", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN:
            self._hidden += 1
        for name in ("href", "hx-get"):
            if attrs.get(name) and (tag == "a" or name == "hx-get"):
                self.links.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.text.append(data.strip())


def page_problems(text: str) -> list[str]:
    problems = []
    for pattern, what in ((RULE_NUMBER, "规则编号"), (ISO_DATE, "ISO 日期"), (PADDED_CN_DATE, "补零日期")):
        for match in pattern.finditer(text):
            start = max(match.start() - 30, 0)
            problems.append(f"{what}: …{text[start : match.end() + 20]}…")
    return problems


SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/accounts/logout")
PER_PATTERN = 3
PER_ROLE = 160


def _pattern(url: str) -> str:
    parts = urlsplit(url)
    query = sorted((k, re.sub(r"\d+", "N", v)) for k, v in parse_qsl(parts.query))
    return re.sub(r"\d+", "N", parts.path) + "?" + urlencode(query)


def _internal(link: str, here: str) -> str | None:
    if not link or link.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path if parts.path.startswith("/") else here.rsplit("/", 1)[0] + "/" + parts.path
    if path.startswith(SKIP_PREFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        value
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    )


def walk(client, starts: list[str]) -> tuple[dict[str, list[str]], int]:
    """Follow every internal link from `starts` (at most PER_PATTERN pages of one URL pattern):
    {url: problems} for the pages with problems, and how many documents were read."""
    seen: set[str] = set()
    per_pattern: Counter[str] = Counter()
    queue = deque(starts)
    found: dict[str, list[str]] = {}
    read = 0
    while queue and read < PER_ROLE:
        url = queue.popleft()
        if url in seen or per_pattern[_pattern(url)] >= PER_PATTERN:
            continue
        seen.add(url)
        per_pattern[_pattern(url)] += 1
        response = client.get(url)
        if response.status_code in (301, 302):
            target = _internal(response["Location"], url)
            if target:
                queue.append(target)
            continue
        if response.status_code != 200:
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        kind = response.get("Content-Type", "")
        read += 1
        if kind.startswith("text/html"):
            page = _Page()
            page.feed(content.decode())
            text = "\n".join(page.text)
            queue.extend(link for link in (_internal(href, url) for href in page.links) if link)
        elif kind.startswith("application/pdf") and not url.startswith("/attachments/"):  # ours, not scans
            text = _pdf_text(content)
        elif "spreadsheetml" in kind:
            text = _xlsx_text(content)
        else:
            continue
        problems = page_problems(text)
        if problems:
            found[url] = problems
    return found, read


def test_the_page_reader_reads_what_people_see():
    page = _Page()
    page.feed(
        '<p>截止 <time datetime="2026-12-31">2026年12月31日 24:00</time></p>'
        '<input name="d" value="2026-07-01"><textarea>2026-07-01</textarea>'
        "<script>let d='2026-07-01'</script><td>2026-07-01</td>"
    )
    problems = page_problems("\n".join(page.text))
    assert len(problems) == 1 and problems[0].startswith("ISO 日期") and problems[0].endswith("2026-07-01…")
    kinds = [p.split(":")[0] for p in page_problems("2026年07月01日 见规则 5；2026年7月01日")]
    assert kinds == ["规则编号", "补零日期", "补零日期"]
    assert page_problems("2026年7月1日 14:05，2026年12月31日 24:00，见《职称知识25问》第25问") == []


@pytest.fixture
def season(db, django_capture_on_commit_callbacks):
    """Everything a season shows: applications at every step of two routes, one returned with a
    deadline, a draft, one at the city bureau; an online notice with an objection; a unit
    suspended; a public notice; a finished export; the site messages all of this sent."""
    from datetime import timedelta

    from django.utils import timezone

    from applications.models import StepKind
    from applications.tests.factories import city_bureau
    from exports.services import export_create
    from orgs.suspension import suspension_create
    from public.models import Notice
    from publicity.tests.factories import lodge, publish
    from reviews.tests.factories import (
        advance_to,
        city_reviewer,
        make_world,
        pass_step,
        populate,
        submit,
    )
    from tests import factories

    with django_capture_on_commit_callbacks(execute=True):
        city_bureau()
        world = populate(make_world("甲"))
        world.apps["provincial"] = _provincial(world)
        world.apps["provincial"] = advance_to(world, world.apps["provincial"], StepKind.CITY)
        screened = pass_step(
            world, advance_to(world, submit(world, unit=world.unit2, name="甲庚"), StepKind.COMMITTEE)
        )
        notice = publish(world.committee_office, [screened])
        lodge(notice, screened)
        city = city_reviewer()
        suspension_create(
            actor=city,
            unit_id=world.unit2.pk,
            year=timezone.localdate().year + 1,
            reason="推荐材料弄虚作假。",
            document="昆人社通〔2026〕1号",
            rectify_by=timezone.localdate() + timedelta(days=60),
        )
        Notice.objects.create(title="关于开展职称申报工作的通知", body="各单位：……", is_published=True)
        export_create(actor=world.committee_office, kind="roster", params={})
        support = factories.make_support()
    return world, city, support


def _provincial(world):
    from applications.services import application_save_cover
    from applications.state import application_submit
    from applications.tests.factories import cover_values, make_open_committee, make_ready_applicant
    from attachments.services import photo_upload
    from attachments.tests import corpus
    from catalog.models import Level

    committee = make_open_committee(
        world.series, Level.INTERMEDIATE, provincial=True, organiser=world.department, name="甲省级评委会"
    )
    applicant = make_ready_applicant(unit=world.unit, name="甲省")
    data = corpus.photo_in_range(12, 28, size=(296, 414))
    photo_upload(user=applicant, uploaded_file=corpus.upload("照片.jpg", data, "image/jpeg"))
    draft = application_save_cover(user=applicant, **cover_values(committee, world.series))
    return application_submit(application_id=draft.pk, actor=applicant)


def _starts(user) -> list[str]:
    from core.menu import menu_for

    return ["/"] + [item["url"] for group in menu_for(user, "") for item in group["items"]]


def test_every_role_reads_dates_in_one_style_and_no_rule_number(client, season):
    world, city, support = season
    roles = [
        ("申报人（返回修改）", world.applicants["returned"]),
        ("申报人（草稿）", world.applicants["draft"]),
        ("申报人（省级）", world.apps["provincial"].applicant),
        ("单位管理员", world.unit_admin),
        ("单位管理员（非公）", world.unit2_admin),
        ("主管部门", world.department_reviewer),
        ("县区人社局", world.district_reviewer),
        ("市人社局", city),
        ("评委会办事机构", world.committee_office),
        ("技术支持", support),
    ]
    problems = {}
    found, read = walk(client, ["/", "/notices/", "/committees/", "/help/", "/publicity/"])
    assert read >= 5
    problems.update({f"公众 {url}": p for url, p in found.items()})
    for label, user in roles:
        client.force_login(user)
        found, read = walk(client, _starts(user))
        assert read >= 5, label  # the walk really walked
        problems.update({f"{label} {url}": p for url, p in found.items()})
        client.logout()
    assert problems == {}


def test_a_refusal_on_a_page_links_its_source(client, db):
    """The unit's review page says why it has no 不通过 and where that is written; a refused post
    names its source next to the field, linked to the help entry."""
    from reviews.tests.factories import make_world, submit

    world = make_world("源")
    application = submit(world)
    client.force_login(world.unit_admin)
    html = client.get(f"/reviews/{application.pk}/").content.decode()
    assert '（见<a href="/help/filling-guide/">《系统填报说明》（三）</a>单位信息及申报审核）' in html
    response = client.post(
        f"/reviews/{application.pk}/act/",
        {"action": "reject", "opinion": "不符合条件。", "expected_step_id": application.current_step_id},
    )
    assert '<a href="/help/filling-guide/">《系统填报说明》（三）</a>' in response.content.decode()
    assert not RULE_NUMBER.search(response.content.decode())


def test_the_demo_reads_the_same_way(client, db, django_capture_on_commit_callbacks):
    """The demo season (manage.py load_catalog, load_demo) walked as every demo account: the help
    pages, the committee directory, 考核认定, 职称确认, 博士后认定 and the districts' routes."""
    from io import StringIO

    from django.core.management import call_command

    from demo.path_specs import PATH_APPLICANTS
    from demo.people import APPLICANTS, STAFF, UNITS

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_catalog", stdout=StringIO())
        call_command("load_demo", stdout=StringIO())
    from accounts.models import User

    problems = {}
    found, read = walk(
        client, ["/", "/help/", "/help/must-read/", "/help/filling-guide/", "/committees/", "/offices/"]
    )
    assert read >= 6
    problems.update({f"公众 {url}": p for url, p in found.items()})
    usernames = [s.username for s in STAFF] + [u.username for u in UNITS]
    # The applicants whose pages differ: submitted, ready, half filled, without a unit, and the
    # 考核认定 / 职称确认 / 博士后认定 / freelance ones.
    shown = {"张伟", "陈静", "李娜", "孙浩"}
    usernames += [a.id_number for a in APPLICANTS if a.name in shown]
    usernames += [a.id_number for a in PATH_APPLICANTS]
    for user in User.objects.filter(username__in=usernames).order_by("pk"):
        client.force_login(user)
        found, read = walk(client, _starts(user))
        assert read >= 5, user.username
        problems.update({f"{user.username} {url}": p for url, p in found.items()})
        client.logout()
    assert problems == {}
