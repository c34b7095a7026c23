"""manage.py load_demo: the demo accounts, units, applicants, notices and two open windows.

Idempotent (a second run creates and changes nothing); refuses production settings; needs
`manage.py load_catalog` first."""

from django.core.management.base import BaseCommand, CommandError

from orgs.demo import DEMO_PASSWORD, UNITS, DemoRefused, demo_load


class Command(BaseCommand):
    help = "加载演示数据（演示账号、单位、申报人、通知和开放中的网上申报时间）。生产环境禁止运行。"

    def handle(self, *args, **options):
        try:
            result = demo_load()
        except DemoRefused as exc:
            raise CommandError(str(exc)) from None
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"演示数据已加载：新建 {len(result.created)} 项。"))
            for label in result.created:
                self.stdout.write(f"  + {label}")
        else:
            self.stdout.write(f"演示数据已存在（{len(result.existing)} 项），未做任何修改。")
        self.stdout.write(f"演示账号密码均为 {DEMO_PASSWORD}。单位账号：")
        for spec in UNITS:
            self.stdout.write(f"  {spec.username}：{spec.name}（{spec.ownership.label}）")
        self.stdout.write("运行 python manage.py demo_accounts 查看全部演示账号。")
