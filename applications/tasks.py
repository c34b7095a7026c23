"""Side effects of transitions, queued with core.tasks.enqueue (they run after commit, with plain
JSON arguments so a queue backend can carry them)."""

from __future__ import annotations

from accounts.models import Role, User
from messaging.services import site_message_send

from .models import Application


def application_submitted_notify(*, application_id: int) -> int:
    """站内消息 to the admins of the applicant's unit: an application waits for the unit's review.
    Returns how many were sent."""
    application = (
        Application.objects.defer("snapshot")
        .select_related("applicant", "unit", "title", "committee")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return 0
    admins = User.objects.filter(role=Role.UNIT_ADMIN, organisation=application.unit, is_active=True)
    sent = 0
    for admin in admins:
        site_message_send(
            sender=None,
            sender_org=application.unit,
            recipient=admin,
            title=f"{application.applicant.name}提交了职称申报",
            body=(
                f"本单位{application.applicant.name}已提交{application.year}年"
                f"{application.title.name}（{application.get_level_display()}）申报，"
                f"评审委员会：{application.committee.name}。请登录单位账号进行单位审核。"
            ),
        )
        sent += 1
    return sent
