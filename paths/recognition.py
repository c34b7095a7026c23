"""考核认定 (graduate recognition) for "我能申报什么": the level and earliest date from the highest
学历情况 entry and the hiring date (rules 10, 14), the recognition windows (rule 15), through
rules.recognition."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from catalog.models import LEVEL_ORDER
from core import rulebook
from core.dates import date_label
from core.sources import source
from rules.recognition import SCHOOLING_RANK, Schooling, recognition_evaluate, schooling_of

from .promotion import level_label
from .results import NEED, NEVER, RECOGNITION, Condition, PathResult
from .special import PathFacts, held_rank, query_link, section_link

# --- 考核认定 (rules 10, 14, 15) -------------------------------------------------------------------


def recognition_paths(
    *, user, dossier, education_entries, title_entries, facts: PathFacts, on: date
) -> list[PathResult]:
    schoolings = [s for s in (schooling_of(e) for e in education_entries) if s]
    if not schoolings:
        return [
            PathResult(
                RECOGNITION,
                conditions=[
                    Condition(
                        "申报信息“学历情况”中没有学历、学位或技工院校班次，无法确定可认定的层级。",
                        source(14),
                        kind=NEED,
                        **section_link("education", "去填写学历情况"),
                    )
                ],
            )
        ]
    schooling = max(schoolings, key=lambda c: SCHOOLING_RANK[c])
    hired_on, notes = facts.hired_on, []
    if hired_on is None and dossier.work_start_date:
        hired_on = dossier.work_start_date
        notes.append(
            f"录用（聘用）时间暂按基本信息中的“参加工作时间”（{date_label(hired_on)}）计算；认定以《云南省招工录用登记表》"
            "或《事业单位聘用通知书》上的记载时间为准，不同的请在本页填写录用（聘用）时间。"
        )
    if hired_on is None:
        return [
            PathResult(
                RECOGNITION,
                notes=[f"按学历情况，您的学历（学位）为{Schooling(schooling).label}。"],
                conditions=[
                    Condition(
                        "缺少录用（聘用）时间：认定时间以《云南省招工录用登记表》或《事业单位聘用通知书》上的记载时间为依据。"
                        "请在本页填写录用（聘用）时间，或在基本信息中填写参加工作时间。",
                        source(14),
                        kind=NEED,
                        **query_link(),
                    )
                ],
            )
        ]
    unit = user.organisation
    ownership = getattr(unit, "ownership", "") or None
    evaluation = recognition_evaluate(
        schooling=schooling,
        hired_on=hired_on,
        on=on,
        months=rulebook.recognition_months(),
        ownership=ownership,
    )
    schooling_note = f"按学历情况，您的学历（学位）为{evaluation.schooling_label}。"
    notes = [schooling_note, *notes, *evaluation.notes]
    held = held_rank(title_entries)
    open_levels = [i for i in evaluation.levels if held is None or held > LEVEL_ORDER.index(i.level)]
    if not open_levels:
        return [
            PathResult(
                RECOGNITION,
                notes=[schooling_note],
                conditions=[
                    Condition(
                        f"考核认定适用于初次取得职称的正规院校毕业生；您已取得{level_label(LEVEL_ORDER[held])}职称，"
                        "不低于按学历可认定的层级。",
                        source(14),
                        kind=NEVER,
                    )
                ],
            )
        ]
    if held is not None:
        notes.append(f"您已取得{level_label(LEVEL_ORDER[held])}职称，只列出更高的可认定层级。")
    results = []
    for item in open_levels:
        result = PathResult(
            RECOGNITION,
            level=item.level,
            level_label=item.level_label,
            authority=item.recogniser_label,
            notes=list(notes),
        )
        if item.earliest > on:
            result.conditions.append(
                Condition(
                    f"{item.level_label}须见习 1 年期满（自{date_label(hired_on)}录用起算）"
                    "并经用人单位考核合格。",
                    source(14),
                    met_on=item.earliest,
                )
            )
        window_from = item.apply_from if item.earliest > on else evaluation.next_window_start
        if window_from > on and window_from != item.earliest:
            months = "、".join(f"{m}月" for m in rulebook.recognition_months())
            result.conditions.append(
                Condition(
                    f"考核认定每年{months}受理，下一次受理自{date_label(window_from)}起。",
                    source(15),
                    met_on=window_from,
                )
            )
        if not result.conditions:
            result.link, result.link_label = (
                reverse("applications:cover") + "?kind=recognition",
                "去职称申报（申报类别：考核认定）",
            )
        results.append(result)
    return results
