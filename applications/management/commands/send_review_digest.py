"""Each reviewing organisation's users get a site message with their pending count."""

from django.core.management.base import BaseCommand

from applications.tasks import review_digest_send


class Command(BaseCommand):
    help = "向各审核机构发送待审核数量提醒（站内消息；没有待审核的机构不发送）"

    def handle(self, *args, **options):
        told = review_digest_send()
        self.stdout.write(f"已向 {told} 名审核人员发送待审核提醒。")
