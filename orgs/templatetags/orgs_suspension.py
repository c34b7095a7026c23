"""`{% load orgs_suspension %}{% suspension_notice application %}`: why the unit cannot recommend
(seed 必读 (一)2: 暂停该单位下一年度职称申报推荐工作限期整改), for the applicant's 职称申报, 申报记录
and home (applications/includes/status.html) and the unit admin's home. With an application: the
suspension of its unit for its year; without: the signed-in user's unit, this year and later.
Renders nothing when there is none. One query."""

from django import template

from accounts.models import Role

from ..suspension import applicant_notice, applicant_notices, unit_message

register = template.Library()


@register.inclusion_tag("orgs/includes/suspension_notice.html", takes_context=True)
def suspension_notice(context, application=None) -> dict:
    user = getattr(context.get("request"), "user", None)
    if application:
        rows = applicant_notices(unit_id=application.unit_id, year=application.year)
    else:
        rows = applicant_notices(unit_id=getattr(user, "organisation_id", None)) if user else []
    for_unit = getattr(user, "role", "") == Role.UNIT_ADMIN
    messages = [unit_message(row) if for_unit else applicant_notice(row) for row in rows]
    return {"messages": messages}
