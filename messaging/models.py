from django.conf import settings
from django.db import models
from django.utils import timezone

from core.dates import datetime_label


class SmsOutbox(models.Model):
    """Every SMS the system sends, whatever the backend; support reads the latest ones."""

    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    phone = models.CharField("手机号码", max_length=11, db_index=True)
    purpose = models.CharField("用途", max_length=30)
    text = models.TextField("内容")
    backend = models.CharField("发送方式", max_length=100)
    status = models.CharField("状态", max_length=20, default="sent")
    error = models.CharField("错误", max_length=200, blank=True)

    class Meta:
        verbose_name = "短信发件箱"
        verbose_name_plural = "短信发件箱"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{datetime_label(self.created_at)} {self.phone} {self.purpose}"


class SiteMessage(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="收件人",
        on_delete=models.CASCADE,
        related_name="site_messages",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发送人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sender_org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="发送单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField("标题", max_length=100)
    body = models.TextField("内容")
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "站内消息"
        verbose_name_plural = "站内消息"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
