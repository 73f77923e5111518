"""Build the demo site (the column tree in docs/architecture.md). Idempotent: running it twice changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from home.demo import build_site

# Each app contributes its demo content through a `load(stdout, options)` function,
# called in this order after the tree and the seed page exist.
DEMO_LOADERS = [
    "disclosure.demo.load",
    "review.demo.load",
    "applications.demo.load",
    "annual_report.demo.load",  # after the applications: its tables count them
    "health.demo.load",  # last: it looks at what the others made and fills only what is missing
]


class Command(BaseCommand):
    help = "创建演示站点（栏目树、种子报告、站点标识及各类示例数据），可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--corpus", help="从 regulations.jsonl 导入法律法规（可选）")
        parser.add_argument("--hostname", default="127.0.0.1", help="演示站点主机名")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, **options):
        with transaction.atomic():
            build_site(self.stdout, hostname=options["hostname"], port=options["port"])
        for dotted in DEMO_LOADERS:
            import_string(dotted)(self.stdout, options)
        self.stdout.write(self.style.SUCCESS("演示站点已就绪：http://%s:%s/" % (options["hostname"], options["port"])))
        if not getattr(settings, "GOVSITE_ALLOW_DEMO_USERS", False):
            self.stdout.write("（生产环境配置下不创建演示用户）")
