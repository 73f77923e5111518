from django.core.management.base import BaseCommand, CommandError

from review.roles import setup_department, setup_roles


class Command(BaseCommand):
    help = "为一个发布机构建立部门栏目（政府信息公开 > 部门信息公开 下）及其信息员、审核员、领导用户组，可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="发布机构全称，如 武冈市城市管理和综合执法局（不存在则创建）")
        parser.add_argument("--short-name", required=True, help="部门简称，如 市城管局")
        parser.add_argument("--slug", required=True, help="栏目路径，如 scgj")
        parser.add_argument("--code", default="", help="机构代码（新建机构时使用）")

    def handle(self, *args, **options):
        from disclosure.models import Organisation

        setup_roles()
        organisation, _ = Organisation.objects.get_or_create(
            name=options["organisation"], defaults={"short_name": options["short_name"], "code": options["code"]},
        )
        try:
            setup_department(organisation, options["short_name"], options["slug"], stdout=self.stdout)
        except ValueError as error:
            raise CommandError(str(error)) from error
