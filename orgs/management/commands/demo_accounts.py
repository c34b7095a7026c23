"""manage.py demo_accounts: the table of demo accounts (`make run` prints it at start-up)."""

from django.core.management.base import BaseCommand

from orgs.demo import DEMO_PASSWORD, demo_account_rows, format_table, is_production


class Command(BaseCommand):
    help = "列出演示账号（角色、用户名、说明、密码）。"

    def handle(self, *args, **options):
        if is_production():
            self.stdout.write("生产环境没有演示账号。")
            return
        rows = demo_account_rows()
        if not rows:
            self.stdout.write(
                "尚未加载演示数据：请先运行 python manage.py load_catalog 和 python manage.py load_demo。"
            )
            return
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}；申报人也可用手机号码登录）：")
        self.stdout.write(format_table(rows, ("角色", "用户名", "说明", "密码")))
