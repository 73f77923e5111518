"""manage.py import_documents PATH... — see disclosure.importers (docs/architecture.md, "Stable interfaces")."""

import logging

from django.core.management.base import BaseCommand, CommandError

from disclosure.importers.records import DEFAULT_MAX_BODY_CHARS, ImportRecordError
from disclosure.importers.runner import ImportRun
from disclosure.kinds import KIND_CODES

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = ("导入 JSON/JSONL 记录、旧站点保存的 HTML 网页或纯文本网页（可指定文件夹），"
            "按类别放入对应栏目并发布；同一 url 重复导入时更新原页面。内容检查未通过的记录存为草稿，"
            "须经审核流程发布。")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help=".json/.jsonl/.html/.txt 文件或文件夹")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入数据库")
        parser.add_argument("--column", help="放入指定栏目（页面 ID 或 URL 路径，如 /zwgk/gzdt/），不按类别分栏")
        parser.add_argument("--kind", choices=KIND_CODES,
                            help="HTML/文本网页的信息类别（不指定则按元数据、面包屑和标题判断）；也用于缺少 kind 的 JSON 记录")
        parser.add_argument("--max-body-chars", type=int, default=DEFAULT_MAX_BODY_CHARS,
                            help=f"正文字数上限，超出的记录报错跳过（默认 {DEFAULT_MAX_BODY_CHARS}）")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
        parser.add_argument("--overwrite-edits", action="store_true",
                            help="覆盖编辑在后台修改过（有未发布修改）或已下线的页面；默认保留编辑的版本")
        parser.add_argument("--publish-anyway", action="store_true",
                            help="内容检查（身份证号、手机号码、敏感词）未通过的记录也直接发布；仅限站点管理员，"
                                 "须用 --user 指定本人账号，每条都记入审计日志")
        parser.add_argument("--user", metavar="USERNAME", help="执行 --publish-anyway 的站点管理员用户名")

    def publish_anyway_user(self, options):
        """The 站点管理员 answerable for --publish-anyway, or None without the option."""
        if not options["publish_anyway"]:
            return None
        from django.contrib.auth import get_user_model

        from review.guards import is_site_admin

        username = options["user"]
        if not username:
            raise CommandError("--publish-anyway 仅限站点管理员使用：请用 --user 指定本人的站点管理员用户名。")
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None or not is_site_admin(user):
            logger.warning("import_documents --publish-anyway refused for %r (not an active site administrator)",
                           username)
            raise CommandError(f"用户“{username}”不是有效的站点管理员，不能使用 --publish-anyway。")
        logger.warning("import_documents --publish-anyway used by %s", username)
        return user

    def handle(self, *args, **options):
        user = self.publish_anyway_user(options)
        try:
            run = ImportRun(
                options["paths"], dry_run=options["dry_run"], column=options["column"],
                kind=options["kind"], max_body_chars=options["max_body_chars"],
                progress=False if options["no_progress"] else None, stream=self.stderr._out,
                overwrite_edits=options["overwrite_edits"], publish_anyway_user=user,
            )
        except ImportRecordError as error:
            raise CommandError(error.reason) from error
        summary = run.run()
        self.stdout.write(summary.report())
        if summary.failed:
            raise CommandError(f"有 {summary.failed} 条记录导入失败，详见上方失败明细。")
