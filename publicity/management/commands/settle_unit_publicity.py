"""Daily: store the result of every unit notice that has closed on its applicants' 单位公示 rows
(无异议, or 有异议，经核实不成立 / 经核实成立 once every objection is resolved). The pages read it
from the notice anyway; this keeps the stored rows (and the printed review form) in step."""

from django.core.management.base import BaseCommand

from publicity.services import unit_publicity_settle_closed


class Command(BaseCommand):
    help = "把已结束的网上单位公示结果写入各申报的单位公示记录"

    def handle(self, *args, **options):
        changed = unit_publicity_settle_closed()
        self.stdout.write(f"已更新 {changed} 条单位公示记录。")
