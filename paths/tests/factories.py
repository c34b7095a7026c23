"""Applicants with dossiers shaped for "我能申报什么": real rows through the dossier factories."""

from __future__ import annotations

from datetime import date

from applications.tests.factories import make_ready_applicant
from dossier.models import DossierEntry
from dossier.selectors import dossier_get_or_create
from dossier.tests.factories import add_entries


def applicant_with(
    *,
    education: dict | None = None,
    titles: tuple[dict, ...] = (),
    work_start: date | str | None = "keep",
    assessments: dict[int, str] | None = None,
    **fields,
):
    """A ready applicant (complete dossier, born 1985) whose 学历情况 is replaced by `education`,
    with `titles` as 现有职称情况, 参加工作时间 `work_start` and, when given, 年度考核情况 by year."""
    user = make_ready_applicant(**fields)
    dossier = dossier_get_or_create(user=user)
    if education is not None:
        DossierEntry.objects.filter(dossier=dossier, section="education").delete()
        if education:
            add_entries(user, "education", 1, **education)
    for title in titles:
        add_entries(user, "current_titles", 1, **title)
    if work_start != "keep":
        dossier.work_start_date = work_start
        dossier.save(update_fields=["work_start_date"])
    if assessments is not None:
        DossierEntry.objects.filter(dossier=dossier, section="annual_assessments").delete()
        DossierEntry.objects.bulk_create(
            DossierEntry(
                dossier=dossier,
                section="annual_assessments",
                data={"year": year, "result": result, "unit": "昆明测试科技有限公司"},
                position=i,
            )
            for i, (year, result) in enumerate(sorted(assessments.items()), start=1)
        )
    return user


def title(series: str, level: str, obtained_on: str, name: str = "工程师") -> dict:
    return {
        "series": series,
        "title_name": name,
        "level": level,
        "obtained_on": obtained_on,
        "appointed": "true",
        "appointed_on": obtained_on,
    }
