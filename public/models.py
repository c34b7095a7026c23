from django.conf import settings
from django.db import models
from django.utils import timezone


class Notice(models.Model):
    """A notice on the home page (申报通知, 公告)."""

    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    published_at = models.DateTimeField("发布时间", default=timezone.now, db_index=True)
    is_published = models.BooleanField("已发布", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "通知公告"
        verbose_name_plural = "通知公告"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title
