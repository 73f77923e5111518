import json

from django.core.management.base import BaseCommand, CommandError

from health.checks import BLOCKING, run_checks
from health.snapshots import store


class Command(BaseCommand):
    help = "按《政府网站与政务新媒体检查指标》检查网站（docs/health.md）；有严重问题时以非零状态退出。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="以 JSON 数组输出检查结果")
        parser.add_argument("--email", action="store_true",
                            help="向站点管理员及各部门用户发送与其相关的问题摘要邮件")

    def handle(self, *args, **options):
        findings = run_checks()
        store(findings)  # what the admin home and the report show until the next run
        if options["json"]:
            self.stdout.write(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
        else:
            for f in findings:
                where = f.url or ""
                self.stdout.write(f"[{f.severity_label}] {f.check_label} {f.title or ''} {where} {f.message}")
            self.stdout.write(f"共{len(findings)}项，其中严重{sum(f.severity == BLOCKING for f in findings)}项。")
        if options["email"]:
            from health.digest import send_digest

            sent = send_digest(findings)
            if not options["json"]:
                self.stdout.write(f"已发送{sent}封摘要邮件。")
        if any(f.severity == BLOCKING for f in findings):
            raise CommandError("存在严重问题（blocking）", returncode=2)
