"""`manage.py load_catalog [--check]`: load the seed's reference data (see catalog/loader.py)."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from catalog.loader import CatalogDataError, catalog_load


class Command(BaseCommand):
    help = "载入职称系列、政策问答、组织机构与评委会等基础数据（可重复执行）；--check 只比较不写入。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="只比较数据文件与数据库，列出全部差异，不写入；有差异时退出码为 1。",
        )

    def handle(self, *args, check: bool = False, **options):
        try:
            report = catalog_load(check=check)
        except CatalogDataError as exc:
            lines = [exc.detail]
            for where, messages in exc.errors.items():
                lines += [f"  {where}：{message}" for message in messages]
            raise CommandError("\n".join(lines)) from exc
        except IntegrityError as exc:
            raise CommandError(f"写入失败，已全部撤销（数据库中可能已有同名的手工记录）：{exc}") from exc

        if check:
            self.stdout.write("检查模式：只比较，未写入数据库。")
        for line in report.summary_lines():
            self.stdout.write(line)
        if check:
            if report.changed:
                self.stdout.write(f"发现 {len(report.differences)} 处差异：")
                for difference in report.differences:
                    self.stdout.write(f"  {difference}")
                sys.exit(1)
            self.stdout.write(self.style.SUCCESS("数据库与数据文件一致。"))
            return
        if report.changed:
            # A first load creates every row: new rows are then listed only with -v 2.
            creations = sum(1 for d in report.differences if d.action == "create")
            verbose = options.get("verbosity", 1) >= 2 or creations <= 30
            for difference in report.differences:
                if verbose or difference.action != "create":
                    self.stdout.write(f"  {difference}")
            changed = sum(t.changed for t in report.tables)
            self.stdout.write(self.style.SUCCESS(f"载入完成：共更改 {changed} 行。"))
        else:
            self.stdout.write(self.style.SUCCESS("数据已是最新，没有任何更改。"))
