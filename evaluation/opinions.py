"""评议 (人社部令第40号, rule 28): the experts of a 评议组 write an opinion on each application of
their group — a text, a recommendation (建议通过 / 建议不通过) and optional scores on the series'
criteria (evaluation/criteria.py) — after the draw and before the meeting opens. The opinions
inform the vote; they do not decide it.

Who sees what: an expert sees the applications of their group (not those they are recused from,
rule 31) read-only, and only their own opinion — never another expert's, before or after they
submit. The committee office of the round's committee sees every opinion and the group summary
(`opinion_summary`). Everyone else: 403 (a role that is not an expert or an office) or 404."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.db import IntegrityError, transaction

from accounts.models import Role
from applications.models import ReviewEvent
from applications.state import ACTION_LABELS
from core.audit import audit
from core.errors import Conflict, Forbidden, NotFound, ServiceError, id_or_not_found

from .conflicts import expert_of
from .criteria import Criterion, criteria_for
from .models import Assignment, Expert, Round, RoundApplication, RoundStatus
from .models import Conflict as Recusal
from .opinion_models import TEXT_MAX, Opinion, Recommendation
from .rounds import round_for_office

SCORE_PLACES = 1  # scores are given to one decimal place at most (e.g. 87.5)
WINDOW_CLOSED = {
    RoundStatus.PREPARING: "评审批次“{name}”尚未抽取专家，还不能提交评议意见。",
    RoundStatus.MEETING: "评审批次“{name}”的评审会议已开始，评议意见不能再提交或修改。",
    RoundStatus.CLOSED: "评审批次“{name}”的评审会议已结束，评议意见不能再提交或修改。",
}


# --- the expert's access --------------------------------------------------------------------------


@dataclass
class ExpertEntry:
    expert: Expert
    entry: RoundApplication
    assignment: Assignment


def expert_entry(*, actor, entry_id) -> ExpertEntry:
    """An application of the signed-in expert's group in a drawn round: 403 for anyone who is not
    an expert or who stepped aside from it (they know it); 404 for another group's application,
    a round not yet drawn, or an unknown id (the draw is confidential, rule 31)."""
    expert = expert_of(actor)
    pk = id_or_not_found(entry_id, "未找到该评审对象。")
    entry = (
        RoundApplication.objects.select_related(
            "round__committee",
            "group",
            "application__applicant",
            "application__unit",
            "application__series",
            "application__title",
        )
        .filter(pk=pk)
        .first()
    )
    if entry is None or entry.group_id is None:
        raise NotFound("未找到该评审对象。")
    assignment = (
        Assignment.objects.filter(round_id=entry.round_id, group_id=entry.group_id, expert=expert)
        .exclude(round__status=RoundStatus.PREPARING)
        .first()
    )
    if assignment is None:
        raise NotFound("未找到该评审对象。")
    if Recusal.objects.filter(entry=entry, expert=expert).exists():
        raise Forbidden(
            f"您已对申报人{entry.application.applicant.name}回避，不参加其评议和表决"
            "（见《职称评审管理暂行规定》（人社部令第40号））。"
        )
    return ExpertEntry(expert=expert, entry=entry, assignment=assignment)


def criteria_of(entry: RoundApplication) -> tuple[Criterion, ...]:
    return criteria_for(entry.application.series.name if entry.application.series_id else None)


# --- validation -----------------------------------------------------------------------------------


def _clean_scores(scores, criteria: tuple[Criterion, ...]) -> tuple[dict, dict[str, list[str]]]:
    """{key: number} on the criteria, each within 0..maximum and to SCORE_PLACES decimals; an
    empty value leaves that criterion unscored. Returns the clean scores and the field errors
    (keyed `score_<key>`, or `scores` for unknown criteria)."""
    errors: dict[str, list[str]] = {}
    if scores in (None, ""):
        return {}, errors
    if not isinstance(scores, dict):
        return {}, {"scores": ["评分格式不正确，应为“评分项: 分数”。"]}
    known = {c.key: c for c in criteria}
    unknown = [str(k) for k in scores if k not in known]
    if unknown:
        errors["scores"] = [
            f"没有评分项“{'、'.join(unknown)}”；本系列的评分项为："
            + "、".join(f"{c.label}（{c.key}）" for c in criteria)
            + "。"
        ]
    clean: dict = {}
    for key, raw in scores.items():
        criterion = known.get(key)
        if criterion is None or raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        if isinstance(raw, bool):
            value = None
        else:
            try:
                value = Decimal(str(raw).strip())
            except InvalidOperation:
                value = None
        if value is None or not value.is_finite():
            errors[f"score_{key}"] = [f"“{criterion.label}”的评分应为数字。"]
        elif value < 0 or value > criterion.max:
            errors[f"score_{key}"] = [f"“{criterion.label}”的评分应在0至{criterion.max}分之间。"]
        elif value != value.quantize(Decimal(1).scaleb(-SCORE_PLACES)):
            errors[f"score_{key}"] = [f"“{criterion.label}”的评分最多保留{SCORE_PLACES}位小数。"]
        else:
            clean[key] = int(value) if value == value.to_integral_value() else float(value)
    return clean, errors


# --- writing --------------------------------------------------------------------------------------


def opinion_put(
    *,
    actor,
    entry_id,
    text: str | None,
    recommendation: str | None,
    scores: dict | None = None,
    ip: str | None = None,
) -> tuple[Opinion, bool]:
    """Write or edit the signed-in expert's opinion on an application of their group. Returns the
    opinion and whether it was created. Refused before the draw and from the meeting's opening on."""
    found = expert_entry(actor=actor, entry_id=entry_id)
    entry, expert = found.entry, found.expert
    text = (text or "").strip()
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = ["请填写评议意见。"]
    elif len(text) > TEXT_MAX:
        errors["text"] = [f"评议意见不能超过{TEXT_MAX}个字（现有{len(text)}个字）。"]
    if recommendation not in Recommendation.values:
        errors["recommendation"] = ["请选择评议建议：建议通过或建议不通过。"]
    clean, score_errors = _clean_scores(scores, criteria_of(entry))
    errors.update(score_errors)
    if errors:
        raise ServiceError.fields(errors)
    with transaction.atomic():
        round_row = Round.objects.select_for_update().get(pk=entry.round_id)
        if round_row.status != RoundStatus.DRAWN:
            raise Conflict(WINDOW_CLOSED[round_row.status].format(name=round_row.name))
        # A recusal declared since the check above (it locks the round too) wins.
        if Recusal.objects.filter(entry=entry, expert=expert).exists():
            raise Forbidden(f"您已对申报人{entry.application.applicant.name}回避，不参加其评议和表决。")
        values = {"text": text, "recommendation": recommendation, "scores": clean}
        row = Opinion.objects.select_for_update().filter(entry=entry, expert=expert).first()
        created = row is None
        if created:
            try:
                with transaction.atomic():
                    row = Opinion.objects.create(
                        entry=entry, expert=expert, assignment=found.assignment, **values
                    )
            except IntegrityError:
                raise Conflict("您对该申报人的评议意见已由另一次提交保存，请刷新页面后再修改。") from None
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.save(update_fields=[*values, "updated_at"])
        audit(
            actor=actor,
            action="evaluation_opinion_create" if created else "evaluation_opinion_update",
            target=row,
            detail={"round": round_row.pk, "entry": entry.pk, "recommendation": recommendation},
            ip=ip,
        )
    return row, created


# --- reading: the expert --------------------------------------------------------------------------


def own_opinion(*, expert: Expert, entry: RoundApplication) -> Opinion | None:
    return Opinion.objects.filter(entry=entry, expert=expert).first()


def own_opinion_entry_ids(*, actor) -> set[int]:
    """The applications the signed-in expert has written an opinion on (for 我的评审任务)."""
    if getattr(actor, "role", None) != Role.EXPERT:
        return set()
    return set(Opinion.objects.filter(expert__user=actor).values_list("entry_id", flat=True))


def reviewers_opinions(*, application) -> list[dict]:
    """The reviewers' opinions on the route (审核记录 with an opinion), oldest first: the place and
    step, the action, the opinion and the time — not the reviewer's name."""
    rows = []
    for event in (
        ReviewEvent.objects.filter(application=application)
        .exclude(opinion="")
        .select_related("organisation", "step")
        .order_by("created_at", "pk")
    ):
        rows.append(
            {
                "created_at": event.created_at,
                "organisation": str(event.organisation) if event.organisation_id else "",
                "step_label": event.step.get_kind_display() if event.step_id else "",
                "action_label": ACTION_LABELS.get(event.action, event.action),
                "opinion": event.opinion,
            }
        )
    return rows


# --- attachments (attachments.hooks.reviewer_may_view) --------------------------------------------


def expert_may_view_attachment(*, actor, attachment) -> bool:
    """An expert may open a file that the submitted snapshot of an application of their group (in a
    drawn round, not recused from) names. Registered in EvaluationConfig.ready()."""
    if getattr(actor, "role", None) != Role.EXPERT:
        return False
    expert = Expert.objects.filter(user=actor).first()
    if expert is None:
        return False
    groups = Assignment.objects.filter(expert=expert).exclude(round__status=RoundStatus.PREPARING)
    listed = (
        RoundApplication.objects.filter(
            group_id__in=groups.values("group_id"),
            application__applicant_id=attachment.owner_id,
            application__snapshot__isnull=False,
        )
        .exclude(conflicts__expert=expert)
        .values_list("application__snapshot__attachments", flat=True)
    )
    return any(
        isinstance(items, list)
        and any(isinstance(item, dict) and item.get("id") == attachment.pk for item in items)
        for items in listed
    )


# --- the committee office's summary ---------------------------------------------------------------


@dataclass
class CriterionAverage:
    criterion: Criterion
    average: Fraction | None  # exact; None when nobody scored it
    scored: int

    @property
    def display(self) -> str:
        if self.average is None:
            return "—"
        return f"{float(self.average):.1f}"


@dataclass
class EntrySummary:
    entry: RoundApplication
    expected: int
    submitted: int
    passes: int
    fails: int
    averages: list[CriterionAverage] = field(default_factory=list)
    opinions: list[Opinion] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return max(self.expected - self.submitted, 0)


def opinion_summary(row: Round) -> list[EntrySummary]:
    """Per application of the round (in group order): how many opinions of how many experts
    expected (the group's drawn experts minus those recused from it), the 建议通过 / 建议不通过
    counts, the exact average score per criterion, and the opinions with their experts. For the
    committee office only (callers check). A constant number of queries."""
    entries = list(
        RoundApplication.objects.filter(round=row)
        .select_related("group", "application__applicant", "application__unit", "application__series")
        .order_by("group__position", "group_id", "pk")
    )
    drawn: dict[int, int] = {}
    for group_id in Assignment.objects.filter(round=row).values_list("group_id", flat=True):
        drawn[group_id] = drawn.get(group_id, 0) + 1
    recused: dict[int, set[int]] = {}
    for entry_id, expert_id in Recusal.objects.filter(entry__round=row).values_list("entry_id", "expert_id"):
        recused.setdefault(entry_id, set()).add(expert_id)
    assigned_to = {
        (a.group_id, a.expert_id) for a in Assignment.objects.filter(round=row).only("group_id", "expert_id")
    }
    by_entry: dict[int, list[Opinion]] = {}
    for opinion in Opinion.objects.filter(entry__round=row).select_related("expert").order_by("pk"):
        by_entry.setdefault(opinion.entry_id, []).append(opinion)
    result = []
    for entry in entries:
        out = recused.get(entry.pk, set())
        expected = drawn.get(entry.group_id, 0) - sum(1 for e in out if (entry.group_id, e) in assigned_to)
        opinions = [o for o in by_entry.get(entry.pk, []) if o.expert_id not in out]
        averages = []
        for criterion in criteria_of(entry):
            values = [
                Fraction(str(o.scores[criterion.key])) for o in opinions if criterion.key in (o.scores or {})
            ]
            averages.append(
                CriterionAverage(
                    criterion=criterion,
                    average=sum(values, Fraction(0)) / len(values) if values else None,
                    scored=len(values),
                )
            )
        result.append(
            EntrySummary(
                entry=entry,
                expected=expected,
                submitted=len(opinions),
                passes=sum(1 for o in opinions if o.recommendation == Recommendation.PASS),
                fails=sum(1 for o in opinions if o.recommendation == Recommendation.FAIL),
                averages=averages,
                opinions=opinions,
            )
        )
    return result


def opinions_for_office(*, actor, round_id) -> tuple[Round, list[EntrySummary]]:
    """The summary for the committee office of the round's committee (403 / 404 otherwise)."""
    row = round_for_office(actor=actor, round_id=round_id)
    return row, opinion_summary(row)
