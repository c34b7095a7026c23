"""Delete export jobs (and their files) older than N days (default EXPORTS_KEEP_DAYS, 7): run it
daily from cron or the deployment's scheduler."""

from django.core.management.base import BaseCommand, CommandParser

from exports.services import KEEP_DAYS, export_cleanup


class Command(BaseCommand):
    help = "删除超过保留天数的导出文件"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=KEEP_DAYS, help=f"保留天数（默认 {KEEP_DAYS}）")

    def handle(self, *args, days: int, **options) -> None:
        if days < 0:
            self.stderr.write("保留天数不能为负数。")
            return
        removed = export_cleanup(days=days)
        self.stdout.write(f"已删除 {removed} 个导出文件（{days} 天前创建）。")
