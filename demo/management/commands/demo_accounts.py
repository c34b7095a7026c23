"""manage.py demo_accounts: the table of demo accounts (`make run` prints it at start-up), and
which demo applicant's application is in which state."""

from django.core.management.base import BaseCommand

from demo.account_table import demo_account_rows, demo_application_rows, format_table
from demo.common import DEMO_PASSWORD, is_production
from demo.evaluation_round import round_notes
from demo.paths import path_notes
from orgs.windows import current_year


class Command(BaseCommand):
    help = "列出演示账号（角色、用户名、说明、密码）和演示申报人的申报状态。"

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
        applications = demo_application_rows()
        if applications:
            self.stdout.write(
                f"\n演示申报（{current_year()}年；以申报人身份登录后，在“职称申报”“申报记录”中查看）："
            )
            self.stdout.write(format_table(applications, ("申报人", "用户名", "手机", "申报", "状态")))
        for note in [*path_notes(), *round_notes()]:
            self.stdout.write(f"说明：{note}")
