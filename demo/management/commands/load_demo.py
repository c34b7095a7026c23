"""manage.py load_demo: the demo accounts, units, applicants, notices, open windows for several
committees and three applications in three states (issue 3); a 考核认定, two 职称确认 (one at a unit
with the province's delegated senior authority) and a 博士后认定 draft (issue 6, demo/paths.py);
two committees' expert pools and an evaluation round drawn, with opinions, whose meeting the
newcomer opens (issue 13, demo/evaluation_round.py).

Idempotent (a second run creates and changes nothing); refuses production settings; needs
`manage.py load_catalog` first."""

from django.core.management.base import BaseCommand, CommandError

from demo.account_table import demo_application_rows
from demo.common import DEMO_PASSWORD, DemoRefused
from demo.evaluation_round import round_notes
from demo.paths import path_notes
from demo.people import UNITS
from demo.season import demo_load


class Command(BaseCommand):
    help = (
        "加载演示数据（演示账号、单位、申报人、通知、开放中的网上申报时间、三份演示申报，"
        "考核认定、职称确认和博士后认定各类演示申报，以及评审专家库和已抽取专家的演示评审批次）。"
        "生产环境禁止运行。"
    )

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
        for label in result.skipped:
            self.stdout.write(self.style.WARNING(f"  ! {label}"))
        self.stdout.write(f"演示账号密码均为 {DEMO_PASSWORD}。单位账号：")
        for spec in UNITS:
            self.stdout.write(f"  {spec.username}：{spec.name}（{spec.ownership.label}）")
        rows = demo_application_rows()
        if rows:
            self.stdout.write("演示申报：")
            for name, _username, phone, _what, state in rows:
                self.stdout.write(f"  {name}（手机 {phone}）：{state}")
        for note in [*path_notes(), *round_notes()]:
            self.stdout.write(f"说明：{note}")
        self.stdout.write("运行 python manage.py demo_accounts 查看全部演示账号。")
