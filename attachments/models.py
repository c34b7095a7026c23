"""Uploaded files. A row is never changed after upload: replacing a file adds a new row and
archives the old one, and a row that a submitted application's snapshot names is never deleted,
so reviewers always see what was submitted. Files go through Django's storage API under
generated names, outside any public path."""

import uuid

from django.conf import settings
from django.db import models


class AttachmentKind(models.TextChoices):
    ID_CARD = "id_card", "身份证"
    DIPLOMA = "diploma", "学历学位证书"
    TITLE_CERTIFICATE = "title_certificate", "现有职称证书"
    APPOINTMENT = "appointment", "聘任文件"
    ANNUAL_ASSESSMENT = "annual_assessment", "年度考核材料"
    CONTINUING_EDUCATION = "continuing_education", "继续教育证明"
    ACHIEVEMENTS = "achievements", "论文或业绩成果"
    PLEDGE = "pledge", "承诺书"
    PHOTO = "photo", "1寸电子照片"
    DELAYED_RETIREMENT = "delayed_retirement", "延迟退休批准文件"
    # Rule 16 (seed question 21): a skilled worker's 职业资格 or 职业技能等级 certificate.
    SKILL_CERTIFICATE = "skill_certificate", "职业资格（职业技能等级）证书"
    # Rule 14 (seed question 20 (3)): the hiring record of a graduate's recognition (考核认定) —
    # 企业的“云南省招工录用登记表”, 事业单位的“云南省事业单位聘用人员审批表”; one kind, named per
    # unit where it is asked for (orgs.sectors.hiring_record_name).
    HIRING_FORM = "hiring_form", "招工录用登记表/事业单位聘用人员审批表"
    # Rule 17 (seed question 16): the trial assessment of a confirmation (职称确认).
    TRIAL_ASSESSMENT = "trial_assessment", "试用期考核材料"
    # Seed question 10: 工勤技能 or management staff moved to a professional post — the unit's
    # document fixing the post change, and for 中级 and above the pay approval form.
    POST_CHANGE_DOCUMENT = "post_change_document", "单位岗位变更文件"
    PAY_APPROVAL_FORM = "pay_approval_form", "事业单位工作人员岗位（职务）变动工资审批表"
    # Rule 12 (seed question 12): proof that a degree in another major was made good.
    MISMATCH_EVIDENCE = "mismatch_evidence", "专业培训或进修证明"
    # Rule 13 (seed question 13): an enterprise postdoc's certificate of leaving the station and
    # the foundation's funding certificate or the project's approval document.
    POSTDOC_CERTIFICATE = "postdoc_certificate", "博士后出站证明"
    POSTDOC_ACHIEVEMENT = "postdoc_achievement", "博士后科学基金资助证书或科研项目立项文件"
    ENTRY = "entry", "条目附件"
    OTHER = "other", "其他材料"


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A generated name: nothing of the uploaded file name reaches the storage."""
    ext = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(
        instance.content_type, "bin"
    )
    return f"attachments/{instance.owner_id}/{uuid.uuid4().hex}.{ext}"


class Attachment(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attachments")
    entry = models.ForeignKey(
        "dossier.DossierEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    kind = models.CharField("类别", max_length=30, choices=AttachmentKind.choices)
    title = models.CharField("材料名称", max_length=100, help_text="按材料内容命名，如“学历证书-本科”")
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    content_type = models.CharField("文件类型", max_length=40)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    width = models.PositiveIntegerField("宽（像素）", null=True, blank=True)
    height = models.PositiveIntegerField("高（像素）", null=True, blank=True)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    archived_at = models.DateTimeField("替换/删除时间", null=True, blank=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "kind", "archived_at"])]

    def __str__(self) -> str:
        return self.title
