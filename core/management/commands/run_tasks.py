import json

from django.core.management.base import BaseCommand

from core.tasks import RedisQueueBackend, run_one


class Command(BaseCommand):
    help = "运行后台任务队列（TASKS_BACKEND=core.tasks.RedisQueueBackend 时使用）"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="处理完队列中现有任务后退出")

    def handle(self, *args, **options):
        backend = RedisQueueBackend()
        while True:
            item = backend.client.blpop([backend.key], timeout=1 if options["once"] else 5)
            if item is None:
                if options["once"]:
                    return
                continue
            run_one(json.loads(item[1]))
