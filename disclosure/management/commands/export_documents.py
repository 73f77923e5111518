"""manage.py export_documents [--output FILE] [--kind K] — JSONL in the import format."""

import sys

from django.core.management.base import BaseCommand, CommandError

from disclosure.importers.exporter import export_jsonl
from disclosure.kinds import KIND_CODES


class Command(BaseCommand):
    help = "把已发布的公开信息导出为 JSONL（与 import_documents 的导入格式相同）。"

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="输出文件（默认输出到标准输出）")
        parser.add_argument("--kind", choices=KIND_CODES, help="只导出该类别的信息")

    def handle(self, *args, **options):
        output = options["output"]
        if output:
            try:
                with open(output, "w", encoding="utf-8") as stream:
                    count = export_jsonl(stream, kind=options["kind"])
            except OSError as error:
                raise CommandError(f"无法写入 {output}：{error.strerror}") from error
            self.stderr.write(f"已导出 {count} 条记录到 {output}")
        else:
            count = export_jsonl(sys.stdout if self.stdout._out is sys.stdout else self.stdout._out,
                                 kind=options["kind"])
            self.stderr.write(f"已导出 {count} 条记录")
