"""申报: every unfinished item of an application, each with a 去完善 link to the exact place where
it is fixed (seed part 五 (二) 3: 点击“申报”可查看未完成填写材料项，点击右侧去完善可跳转至该项
信息填写处). Only an application with nothing missing can be submitted.

A constant number of queries whatever the size of the dossier (a test asserts it)."""

from __future__ import annotations

from django.urls import reverse

from attachments.models import Attachment, AttachmentKind
from dossier.completeness import Missing

from .defaults import DEFAULT_REQUIRED
from .eligibility import skilled_route
from .models import Application, ApplicationKind, CommitteeRequiredAttachment


def required_kinds(*, committee) -> list[str]:
    """The committee's required attachment kinds (its admin list, else the defaults)."""
    configured = list(
        CommitteeRequiredAttachment.objects.filter(committee=committee)
        .order_by("order", "id")
        .values_list("kind", flat=True)
    )
    return configured or list(DEFAULT_REQUIRED)


def attachment_url(kind: str) -> str:
    return f"{reverse('attachments:manage')}#kind-{kind}"


def kind_label(kind: str, *, unit=None) -> str:
    """An attachment kind as the applicant's unit names it: the hiring record is the
    “云南省事业单位聘用人员审批表” of a public institution and the “云南省招工录用登记表” of an
    enterprise (seed question 20 (3))."""
    if kind == AttachmentKind.HIRING_FORM:
        from orgs.sectors import hiring_record_name

        return hiring_record_name(unit)
    return AttachmentKind(kind).label


def cover_url() -> str:
    return f"{reverse('applications:cover')}#cover"


def current_kinds(*, user) -> set[str]:
    """The kinds of the user's current (not archived) attachments, in one query."""
    return set(
        Attachment.objects.filter(owner=user, archived_at__isnull=True)
        .order_by()  # the default ordering would make DISTINCT cover created_at and id too
        .values_list("kind", flat=True)
        .distinct()
    )


def cover_missing(*, application: Application, dossier=None) -> list[Missing]:
    """What is wrong with the saved cover now (the unit changed, the committee stopped, the unit's
    information cannot give a route, the 用工形式 does not go with the unit: questions 5 and 14,
    fixed in 基本信息)."""
    from dossier.employment import employment_unit_problems
    from dossier.selectors import dossier_get_or_create

    from .routing import route_problems

    dossier = dossier or dossier_get_or_create(user=application.applicant)
    items: list[Missing] = []
    applicant = application.applicant
    url = cover_url()
    # No unit at all is reported by dossier_missing (基本信息); a changed unit needs a new cover.
    if applicant.organisation_id is not None and applicant.organisation_id != application.unit_id:
        items.append(Missing("cover", "您的工作单位已变更，请重新保存封面。", url))
    if not application.committee.is_active:
        items.append(
            Missing("cover", f"{application.committee.name}已停止受理申报，请重新选择评委会并保存封面。", url)
        )
    if application.title.track_id != application.track_id or application.title.level != application.level:
        items.append(Missing("cover", "申报职称与所选方向、层级不一致，请重新保存封面。", url))
    if not application.specialty:
        items.append(Missing("cover", "请填写申报专业并保存封面。", url))
    employment = employment_unit_problems(unit=application.unit, employment_form=dossier.employment_form)
    basic_url = f"{reverse('dossier:basic')}#unit"
    items += [Missing("basic", message, basic_url) for message in employment]
    for message in route_problems(
        unit=application.unit, committee=application.committee, employment_form=dossier.employment_form
    ):
        if message not in employment:
            items.append(Missing("cover", message, url))
    return items


def facts_kinds(*, dossier, level: str) -> list[str]:
    """The uploads the seed's other facts ask for: the unit's document of the post change (always,
    for 工勤技能 or management staff moved to a professional post) and the pay approval form (for
    中级 and above) by question 10; the proof that a mismatched major was made good (rule 12)."""
    from dossier.facts import major_made_good, moved_to_professional
    from rules.facts import JUNIOR_LEVELS

    kinds = []
    if moved_to_professional(dossier):
        kinds.append(AttachmentKind.POST_CHANGE_DOCUMENT)
        if level not in JUNIOR_LEVELS:
            kinds.append(AttachmentKind.PAY_APPROVAL_FORM)
    if not dossier.major_matches and major_made_good(dossier):
        kinds.append(AttachmentKind.MISMATCH_EVIDENCE)
    return kinds


def attachments_missing(*, application: Application, dossier=None) -> list[Missing]:
    from attachments.rules import photo_problems
    from attachments.selectors import current_photo

    user = application.applicant
    present = current_kinds(user=user)
    labels = dict(AttachmentKind.choices)
    kinds = required_kinds(committee=application.committee)
    if (
        dossier is not None
        and dossier.delayed_retirement_until
        and AttachmentKind.DELAYED_RETIREMENT not in kinds
    ):
        # Rule 9: an approved delayed retirement counts only with its approval document.
        kinds.append(AttachmentKind.DELAYED_RETIREMENT)
    if (
        dossier is not None
        and application.kind == ApplicationKind.PROMOTION
        and AttachmentKind.SKILL_CERTIFICATE not in kinds
        and skilled_route(dossier=dossier, level=application.level)
    ):
        # Rule 16: applying by a skill grade needs its certificate.
        kinds.append(AttachmentKind.SKILL_CERTIFICATE)
    if dossier is not None and application.kind in (ApplicationKind.PROMOTION, ApplicationKind.SERIES_CHANGE):
        kinds += [kind for kind in facts_kinds(dossier=dossier, level=application.level) if kind not in kinds]
    items = [
        Missing("attachments", f"请在附件管理中上传“{labels.get(kind, kind)}”。", attachment_url(kind))
        for kind in kinds
        if kind not in present
    ]
    if application.committee.is_provincial:
        # Rule 23: the 1-inch photo for a provincial committee.
        photo = current_photo(user=user)
        url = attachment_url(AttachmentKind.PHOTO)
        if photo is None:
            items.append(Missing("attachments", "省级评委会须上传1寸电子照片，请在附件管理中上传。", url))
        else:
            items += [
                Missing("attachments", f"1寸电子照片：{problem}", url)
                for problem in photo_problems(attachment=photo)
            ]
    return items


def committee_free_missing(
    *, application: Application, required, label: str, route_problems
) -> list[Missing]:
    """申报 for a kind without a committee (考核认定, 职称确认): 基本信息 with the unit, the kind's
    `required` attachments, and the cover (`label` names the kind; `route_problems(unit=, level=)`
    says why no route can be computed)."""
    from dossier.completeness import dossier_missing
    from dossier.selectors import dossier_get_or_create

    dossier = dossier_get_or_create(user=application.applicant)
    items = [item for item in dossier_missing(dossier=dossier) if item.section == "basic"]
    present = current_kinds(user=application.applicant)
    items += [
        Missing(
            "attachments",
            f"请在附件管理中上传“{kind_label(kind, unit=application.unit)}”。",
            attachment_url(kind),
        )
        for kind in required
        if kind not in present
    ]
    applicant = application.applicant
    if applicant.organisation_id is not None and applicant.organisation_id != application.unit_id:
        items.append(Missing("cover", f"您的工作单位已变更，请重新保存{label}。", cover_url()))
    items += [
        Missing("cover", message, cover_url())
        for message in route_problems(unit=application.unit, level=application.level)
    ]
    return items


def application_missing(*, application: Application) -> list[Missing]:
    """Every unfinished item: the dossier (basic information and sections), the committee's
    required attachments (and the rule 23 photo for a provincial committee), and the cover. A
    考核认定 has no committee: 基本信息 and the attachments of seed question 20
    (applications.recognition); 职称确认 and 博士后认定 likewise with their own attachments."""
    if application.kind == ApplicationKind.CONFIRMATION:
        from .confirmation import confirmation_missing

        return confirmation_missing(application=application)
    if application.kind == ApplicationKind.POSTDOC:
        from .postdoc import postdoc_missing

        return postdoc_missing(application=application)
    if application.committee_id is None:
        from .recognition import recognition_missing

        return recognition_missing(application=application)
    from dossier.completeness import dossier_missing
    from dossier.selectors import dossier_get_or_create

    dossier = dossier_get_or_create(user=application.applicant)
    return [
        *dossier_missing(dossier=dossier),
        *attachments_missing(application=application, dossier=dossier),
        *cover_missing(application=application, dossier=dossier),
    ]
