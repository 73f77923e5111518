from django.core.management.base import BaseCommand, CommandError

from pagecache import store
from pagecache.frontend import purge_frontend


class Command(BaseCommand):
    help = "清除页面缓存：--all 清除全部，或给出路径（如 /zwgk/）清除该页及其下所有页面。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="以 / 开头的路径，清除该路径及其下所有页面的缓存")
        parser.add_argument("--all", action="store_true", help="清除全部页面缓存")

    def handle(self, *args, paths, **options):
        if options["all"]:
            paths = ["/"]
        if not paths or any(not path.startswith("/") for path in paths):
            raise CommandError("请给出以 / 开头的路径，或使用 --all。")
        store.purge(tree_paths=paths)
        purge_frontend(set(), set(paths))
        self.stdout.write(self.style.SUCCESS(f"已清除：{'、'.join(paths)}"))
