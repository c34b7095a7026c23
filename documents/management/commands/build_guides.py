"""`manage.py build_guides [--out DIR]`: lays out the two guides of the home page's 服务窗口 as PDF
(`make guides` runs it after taking the screenshots), so a writer can read them before they ship."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from documents.guides import GUIDES, build_guide


class Command(BaseCommand):
    help = "生成系统使用指南和用户手册的 PDF（默认写入 build/guides/）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", default="build/guides", help="输出目录")

    def handle(self, *args, out: str, **options) -> None:
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for guide in GUIDES.values():
            path = folder / guide.filename
            path.write_bytes(build_guide(guide=guide))
            self.stdout.write(f"{guide.title}：{path}（{path.stat().st_size // 1024} KB）")
