"""The attachments a committee requires when its office has not configured its own list
(issue 3 item 5: ID, diplomas and degrees, current title certificate, appointment document,
annual assessments, continuing-education proof, papers or achievements, pledge). The office edits
its list in admin (CommitteeRequiredAttachment)."""

from attachments.models import AttachmentKind

DEFAULT_REQUIRED: tuple[str, ...] = (
    AttachmentKind.ID_CARD,
    AttachmentKind.DIPLOMA,
    AttachmentKind.TITLE_CERTIFICATE,
    AttachmentKind.APPOINTMENT,
    AttachmentKind.ANNUAL_ASSESSMENT,
    AttachmentKind.CONTINUING_EDUCATION,
    AttachmentKind.ACHIEVEMENTS,
    AttachmentKind.PLEDGE,
)
