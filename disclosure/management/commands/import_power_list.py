"""manage.py import_power_list FILE --list <page id or path>"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, Site

from disclosure.models import PowerListPage
from disclosure.power_list_io import PowerListFileError, parse_file, replace_items


def find_list_page(reference):
    reference = str(reference).strip()
    if reference.isdigit():
        page = Page.objects.filter(pk=int(reference)).first()
    else:
        path = "/" + reference.strip("/") + "/"
        page = None
        for site in Site.objects.all():
            candidate = Page.objects.filter(url_path=site.root_page.url_path + path.lstrip("/")).first()
            if candidate is not None:
                page = candidate
                break
        if page is None:
            page = Page.objects.filter(url_path__endswith=path).first()
    if page is None or not isinstance(page.specific, PowerListPage):
        raise CommandError(f"找不到权责清单页面“{reference}”（请填写页面 ID 或路径，如 zwgk/zfxxgk/qzqd/qzqd-2024）")
    return page.specific


class Command(BaseCommand):
    help = "从 CSV、XLSX 或 JSON 文件导入权责清单事项；文件有任何错误时不导入任何数据。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--list", required=True, dest="list_page", help="权责清单页面的 ID 或路径")
        parser.add_argument("--dry-run", action="store_true", help="只检查文件，不写入")

    def handle(self, *args, **options):
        page = find_list_page(options["list_page"])
        try:
            items = parse_file(options["file"])
        except FileNotFoundError:
            raise CommandError(f"文件不存在：{options['file']}") from None
        except PowerListFileError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"文件有{len(exc.errors)}处错误，未导入任何事项。") from None
        if options["dry_run"]:
            self.stdout.write(f"检查通过：{len(items)}项（未写入）。")
            return
        replace_items(page, items)
        page.refresh_from_db()
        self.stdout.write(self.style.SUCCESS(f"已导入{len(items)}项到“{page.title}”。{page.count_sentence()}"))
