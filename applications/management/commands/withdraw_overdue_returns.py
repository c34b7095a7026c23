"""Daily: returned applications not resubmitted by their deadline are withdrawn (视为放弃, rule 5)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from applications.state import application_withdraw_overdue


class Command(BaseCommand):
    help = "将逾期未修改并重新提交的返回修改申报视为放弃（职称申报必读（二）2，每日运行）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按此日期计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args, **options):
        today = None
        if options.get("date"):
            try:
                today = parse_date(options["date"])
            except ValueError:
                today = None
            if today is None:
                raise CommandError("日期格式应为 YYYY-MM-DD，如 2026-10-08。")
        count = application_withdraw_overdue(today=today)
        self.stdout.write(f"已将 {count} 份逾期未重新提交的申报视为放弃。")
