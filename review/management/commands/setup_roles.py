from django.core.management.base import BaseCommand

from review.roles import setup_roles


class Command(BaseCommand):
    help = "创建或更新角色用户组（信息员、审核员、领导、站点管理员）及三审发布流程，可重复运行。"

    def handle(self, *args, **options):
        setup_roles(self.stdout)
