"""The demo data set (`manage.py load_demo`; its account list, `manage.py demo_accounts`, is
demo.account_table): the parts of the season, loaded in order inside one transaction.

Fixed data, no randomness: the same run gives the same rows. Idempotent: rows are matched by
username, credit code or name, and an existing row is never changed. Never in production.

1. demo.people: the staff accounts, the units and their admins, the applicants;
2. demo.windows: the notices, and open windows for this year for several committees;
3. demo.routes (issue 11): a 初级 committee with its window, and a freelancer recommended by the
   户口所在地人社部门;
4. demo.promotions (issue 3): three applicants whose applications show the applicant's pages in
   three states — a complete draft ready to 提交, a half-filled draft whose 申报 page lists several
   去完善 items, and one submitted and waiting at 单位审核;
5. demo.paths (issue 6): the kinds no committee decides (考核认定, 职称确认, 博士后认定) and a unit
   with the province's delegated senior authority;
6. demo.experts (issue 13): the demo committee's expert pool (expert1 … expert15) and a second
   committee's (昆明市机电工程高级工程师评审委员会, office `committee_senior`, expert16 … expert26);
7. demo.evaluation_round (issue 13 item 12): four applicants brought to 电子材料审核通过, the
   评前公示 filed, a round with its draw done and the experts' opinions written, its meeting left
   for the newcomer to open as `committee` and vote in as expert1 and expert2.

Everything is written through the real services (dossier, attachments, applications and its state
machine, windows), so every rule holds; the files (scans, PDFs, the rule 23 photo) are drawn by
demo.files and stored through the storage API, and deleted again if the load fails."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from attachments.models import Attachment
from orgs.models import Committee
from orgs.windows import current_year

from .common import DemoRefused, DemoResult, demo_today, is_production
from .evaluation_round import load_evaluation_round
from .experts import load_experts
from .paths import load_paths
from .people import (
    DEPT_EDUCATION,
    DEPT_HEALTH,
    DEPT_INDUSTRY,
    UNITS,
    WUHUA_OFFICE,
    city_bureau,
    find_department,
    find_office,
    load_people,
)
from .promotions import load_promotions
from .routes import load_routes
from .windows import WINDOW_COMMITTEES, load_notices, load_windows, window_times


def check_catalogue() -> list[str]:
    """What load_demo needs from `load_catalog`; returns the missing items (empty: all there)."""
    missing = []
    if city_bureau() is None:
        missing.append("市人社局（city-bureau）")
    offices = {unit.office for unit in UNITS} | {WUHUA_OFFICE}
    for name, branch in sorted(offices):
        if find_office(name, branch) is None:
            missing.append(name)
    for name in (DEPT_INDUSTRY, DEPT_HEALTH, DEPT_EDUCATION):
        if find_department(name) is None:
            missing.append(name)
    for name in (*WINDOW_COMMITTEES,):
        if not Committee.objects.filter(name=name).exists():
            missing.append(name)
    return missing


def demo_load() -> DemoResult:
    """Create the demo data set (see the module docstring). Raises DemoRefused when it cannot run."""
    if is_production():
        raise DemoRefused("当前为生产环境配置，禁止加载演示数据（演示账号的密码是公开的）。")
    missing = check_catalogue()
    if missing:
        raise DemoRefused(
            "基础数据尚未加载，缺少："
            + "、".join(missing)
            + "。请先运行 python manage.py load_catalog，再运行 load_demo。"
        )
    result = DemoResult()
    stored: list[str] = []  # files written to the storage (deleted again if the load fails)
    try:
        with transaction.atomic():
            _load(result, stored)
    except BaseException:
        storage = Attachment._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise
    return result


def _load(result: DemoResult, stored: list[str]) -> None:
    units = load_people(result)
    support = User.objects.get(username="support")
    year = current_year()
    load_notices(result, year=year, support=support)
    opens_at, closes_at = window_times(demo_today())
    load_windows(result, year=year, support=support, opens_at=opens_at, closes_at=closes_at)
    load_routes(result, year=year, support=support, opens_at=opens_at, closes_at=closes_at)
    load_promotions(result, year=year, stored=stored)
    load_paths(result, units=units, year=year, stored=stored)
    load_experts(result, year=year)
    load_evaluation_round(result, year=year, stored=stored)
