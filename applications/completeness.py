"""申报: every unfinished item of an application, each with a 去完善 link to the exact form where
it is fixed (seed part 五 (二) 3: 点击“申报”可查看未完成填写材料项，点击右侧去完善可跳转至该项
信息填写处): 附件管理's upload form with the category chosen and the file input focused, the
基本信息 input, a section's 新增 form or an entry's 编辑 form, the cover's field. Only an
application with nothing missing can be submitted.

Sections are required only where a rule or the committee requires them (dossier/requirements.py,
seed part 五 (二) 2: 如没有无需填写); a scan uploaded under a section's entry counts as the
category its section names (dossier.sections `attachment_kinds`, issue 11 item 4).

A constant number of queries whatever the size of the dossier (a test asserts it)."""

from __future__ import annotations

from django.urls import reverse

from attachments.models import AttachmentKind
from attachments.selectors import current_kinds
from dossier.completeness import Missing, basic_anchor
from dossier.requirements import ApplicationFacts, required_sections
from dossier.sections import sections_taking

from .defaults import DEFAULT_REQUIRED
from .eligibility.skilled import skilled_route
from .kinds import committee_free_kind
from .models import (
    COMMITTEE_KINDS,
    COMMITTEE_LESS_KINDS,
    EDITABLE_STATUSES,
    Application,
    ApplicationKind,
    CommitteeRequiredAttachment,
)

# What proves a title held: asked only of someone who holds one or must (rule 16's skilled
# route and the first titles have none to show).
TITLE_PROOFS = (AttachmentKind.TITLE_CERTIFICATE, AttachmentKind.APPOINTMENT)


def required_kinds(*, committee) -> list[str]:
    """The committee's required attachment kinds (its admin list, else the defaults)."""
    configured = list(
        CommitteeRequiredAttachment.objects.filter(committee=committee)
        .order_by("order", "id")
        .values_list("kind", flat=True)
    )
    return configured or list(DEFAULT_REQUIRED)


# A 去完善 link that focuses a field carries no #fragment: by the HTML standard a document opened at
# a fragment's target ignores `autofocus`; the focused field is scrolled into view all the same.


def attachment_url(kind: str) -> str:
    """附件管理 with the category chosen and the file input focused (the upload form's, or the
    photo's own for the photo)."""
    return f"{reverse('attachments:manage')}?kind={kind}"


def cover_url(*, application: Application | None = None, field: str = "") -> str:
    """The cover (its year and kind, so the right form opens), with `field` focused, else at #cover."""
    params = []
    if application is not None:
        params += [f"year={application.year}", f"kind={application.kind}"]
    if field:
        params.append(f"focus={field}")
    query = f"?{'&'.join(params)}" if params else ""
    return f"{reverse('applications:cover')}{query}" + ("" if field else "#cover")


# The pledge is the system's own document: downloaded from the saved cover (documents app, the
# block #pledge of 职称申报), signed and stamped, scanned and uploaded under its kind (issue 11.3).
PLEDGE_MESSAGE = "请下载承诺书（职称申报页“下载承诺书”），签字盖章后扫描上传到附件管理“承诺书”。"


def pledge_missing(*, application: Application) -> Missing:
    url = f"{reverse('applications:cover')}?year={application.year}&kind={application.kind}#pledge"
    return Missing("attachments", PLEDGE_MESSAGE, url)


def kind_label(kind: str, *, unit=None) -> str:
    """An attachment kind as the applicant's unit names it: the hiring record is the
    “云南省事业单位聘用人员审批表” of a public institution and the “云南省招工录用登记表” of an
    enterprise (seed question 20 (3))."""
    if kind == AttachmentKind.HIRING_FORM:
        from orgs.sectors import hiring_record_name

        return hiring_record_name(unit)
    return AttachmentKind(kind).label


def upload_message(kind: str, *, label: str = "") -> str:
    """请在附件管理中上传“…”, and where else it may go: a category a section names may be uploaded
    under that section's entries instead (it counts the same)."""
    label = label or dict(AttachmentKind.choices).get(kind, kind)
    message = f"请在附件管理中上传“{label}”。"
    sections = [section.label for section in sections_taking(kind)]
    if len(sections) == 1:
        message += f"也可在“{sections[0]}”的条目下上传。"
    elif sections:
        message += f"也可在“{sections[0]}”等{len(sections)}个栏目的条目下上传。"
    return message


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
    url = cover_url(application=application)
    # No unit at all is reported by dossier_missing (基本信息); a changed unit needs a new cover.
    if applicant.organisation_id is not None and applicant.organisation_id != application.unit_id:
        items.append(Missing("cover", "您的工作单位已变更，请重新保存封面。", url))
    if not application.committee.is_active:
        items.append(
            Missing(
                "cover",
                f"{application.committee.name}已停止受理申报，请重新选择评委会并保存封面。",
                cover_url(application=application, field="committee_id"),
            )
        )
    if application.title.track_id != application.track_id or application.title.level != application.level:
        items.append(
            Missing(
                "cover",
                "申报职称与所选方向、层级不一致，请重新保存封面。",
                cover_url(application=application, field="level"),
            )
        )
    if not application.specialty:
        items.append(
            Missing(
                "cover", "请填写申报专业并保存封面。", cover_url(application=application, field="specialty")
            )
        )
    employment = employment_unit_problems(unit=application.unit, employment_form=dossier.employment_form)
    basic_url = basic_anchor("unit_id")
    items += [Missing("basic", message, basic_url) for message in employment]
    items += [
        Missing("cover", message, url)
        for message in route_problems(
            unit=application.unit, committee=application.committee, employment_form=dossier.employment_form
        )
    ]
    return items


def basic_kinds(
    *, dossier, kind: str | None = None, level: str | None = None, skilled: bool = False
) -> list[str]:
    """The uploads what 基本信息 declares asks of an application with a committee (申报 and the
    required marks of 基本信息 alike): the approval of a delayed retirement (rule 9); applying by a
    skill grade (`skilled`, rule 16), its certificate; for 评审晋升 and 转系列评审, the unit's
    document of a post change (工勤技能 or management staff moved to a professional post) and, for
    中级 and above, the pay approval form (question 10), and the proof that a mismatched major was
    made good (rule 12). Without `kind` and `level` (no cover being edited): what any such
    application asks, whatever its kind and level."""
    from dossier.facts import major_made_good, moved_to_professional
    from rules.facts import JUNIOR_LEVELS

    kinds = []
    if dossier.delayed_retirement_until:
        kinds.append(AttachmentKind.DELAYED_RETIREMENT)
    if skilled:
        kinds.append(AttachmentKind.SKILL_CERTIFICATE)
    if kind not in (None, ApplicationKind.PROMOTION, ApplicationKind.SERIES_CHANGE):
        return kinds
    if moved_to_professional(dossier):
        kinds.append(AttachmentKind.POST_CHANGE_DOCUMENT)
        if level is not None and level not in JUNIOR_LEVELS:
            kinds.append(AttachmentKind.PAY_APPROVAL_FORM)
    if not dossier.major_matches and major_made_good(dossier):
        kinds.append(AttachmentKind.MISMATCH_EVIDENCE)
    return kinds


def attachments_missing(
    *,
    application: Application,
    dossier=None,
    kinds: list[str] | None = None,
    holds_title: bool = True,
    skilled: bool = False,
) -> list[Missing]:
    """The committee's required attachments (`kinds` when the caller read them), those the facts
    of 基本信息 ask for, and the rule 23 photo. `holds_title` False: the person neither holds nor
    needs a title, so 现有职称证书 and 聘任文件 are not asked for; `skilled`: the application goes
    by a skill grade (rule 16, as application_facts found)."""
    from attachments.rules import photo_problems
    from attachments.selectors import current_photo

    user = application.applicant
    present = current_kinds(user=user)
    kinds = list(kinds) if kinds is not None else required_kinds(committee=application.committee)
    if not holds_title:
        kinds = [kind for kind in kinds if kind not in TITLE_PROOFS]
    if dossier is not None:
        declared = basic_kinds(
            dossier=dossier,
            kind=application.kind,
            level=application.level,
            skilled=skilled,
        )
        kinds += [kind for kind in declared if kind not in kinds]
    items = [
        pledge_missing(application=application)
        if kind == AttachmentKind.PLEDGE
        else Missing("attachments", upload_message(kind), attachment_url(kind))
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
            upload_message(kind, label=kind_label(kind, unit=application.unit)),
            attachment_url(kind),
        )
        for kind in required
        if kind not in present
    ]
    applicant = application.applicant
    url = cover_url(application=application)
    if applicant.organisation_id is not None and applicant.organisation_id != application.unit_id:
        items.append(Missing("cover", f"您的工作单位已变更，请重新保存{label}。", url))
    items += [
        Missing("cover", message, url)
        for message in route_problems(unit=application.unit, level=application.level)
    ]
    return items


def application_missing(*, application: Application) -> list[Missing]:
    """Every unfinished item: the dossier (basic information and sections), the committee's
    required attachments (and the rule 23 photo for a provincial committee), and the cover. A
    考核认定 has no committee: 基本信息 and the attachments of seed question 20
    (recognition.recognition); 职称确认 and 博士后认定 likewise with their own attachments (each
    asked of its registration, applications/kinds.py)."""
    if application.kind in COMMITTEE_LESS_KINDS:
        return committee_free_kind(application.kind).missing(application=application)
    from dossier.completeness import dossier_missing
    from dossier.selectors import dossier_get_or_create, dossier_sections

    dossier = dossier_get_or_create(user=application.applicant)
    entries = {section.key: section_entries for section, section_entries in dossier_sections(dossier=dossier)}
    kinds = required_kinds(committee=application.committee)
    facts = application_facts(application=application, dossier=dossier, kinds=kinds)
    required = required_sections(facts)
    holds_title = bool(entries.get("current_titles")) or "current_titles" in required
    return [
        *dossier_missing(dossier=dossier, entries_by_section=entries, required=required),
        *attachments_missing(
            application=application,
            dossier=dossier,
            kinds=kinds,
            holds_title=holds_title,
            skilled=facts.skilled,
        ),
        *cover_missing(application=application, dossier=dossier),
    ]


def _skilled(*, application: Application, dossier) -> bool:
    """Rule 16: the application is a promotion by a skill grade."""
    return application.kind == ApplicationKind.PROMOTION and skilled_route(
        dossier=dossier, level=application.level
    )


def application_facts(*, application: Application, dossier, kinds: list[str]) -> ApplicationFacts:
    """What dossier.requirements asks of an application under review: its kind and level, whether
    it goes by a skill grade (rule 16), the committee's required attachment kinds."""
    return ApplicationFacts(
        kind=application.kind,
        level=application.level,
        skilled=_skilled(application=application, dossier=dossier),
        committee_kinds=frozenset(kinds),
        committee_name=application.committee.name,
    )


def _editing_application(*, user) -> Application | None:
    """The user's application being edited (a draft or a returned committee review), if any."""
    return (
        Application.objects.filter(
            applicant=user, status__in=EDITABLE_STATUSES, kind__in=COMMITTEE_KINDS, committee__isnull=False
        )
        .select_related("committee")
        .order_by("-created_at", "-id")
        .first()
    )


def editing_requirements(*, user) -> dict[str, str]:
    """The sections the user's application being edited (a draft or a returned committee review)
    requires, with the message naming the rule (for the section pages); empty without one."""
    from dossier.selectors import dossier_get_or_create

    application = _editing_application(user=user)
    if application is None:
        return {}
    dossier = dossier_get_or_create(user=user)
    kinds = required_kinds(committee=application.committee)
    return required_sections(application_facts(application=application, dossier=dossier, kinds=kinds))


def editing_basic_kinds(*, user, dossier) -> set[str]:
    """The uploads of 基本信息 that 申报 asks of the user's application being edited (basic_kinds;
    without one, those any application asks): the required marks of the 基本信息 page."""
    application = _editing_application(user=user)
    if application is None:
        return set(basic_kinds(dossier=dossier))
    return set(
        basic_kinds(
            dossier=dossier,
            kind=application.kind,
            level=application.level,
            skilled=_skilled(application=application, dossier=dossier),
        )
    )
