"""Daily job: 规范性文件 past 有效期至 become 失效; decisions past their publicity period leave the site."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from disclosure.admin_views import EXPIRY_WINDOW_DAYS, expiring_documents
from disclosure.models import NormativeDocumentPage
from disclosure.models.enforcement import expired_decisions


def expire(today=None, stdout=None):
    today = today or timezone.localdate()
    expired_docs, withdrawn = [], []
    documents = NormativeDocumentPage.objects.filter(expires_on__lt=today).exclude(
        validity__in=["expired", "repealed", "amended"])
    for page in documents:
        with transaction.atomic():
            # The document stops being valid the day after 有效期至.
            page.mark_expired(page.expires_on + datetime.timedelta(days=1))
        expired_docs.append(page)
    for decision in expired_decisions(today).filter(live=True):
        with transaction.atomic():
            decision.status = "expired"
            revision = decision.save_revision(log_action=True)
            if decision.live:
                revision.publish(log_action=True)
                decision.refresh_from_db()
                decision.unpublish(log_action=True)
        withdrawn.append(decision)
    return expired_docs, withdrawn


class Command(BaseCommand):
    help = "每日运行：将超过有效期的规范性文件标记为失效，撤下公示期满的行政执法决定，并列出90天内到期的文件。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期运行（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        today = datetime.date.fromisoformat(options["date"]) if options.get("date") else timezone.localdate()
        expired_docs, withdrawn = expire(today)
        for page in expired_docs:
            self.stdout.write(f"已标记失效：{page.title}（有效期至{page.expires_on:%Y-%m-%d}）")
        for page in withdrawn:
            self.stdout.write(f"公示期满已撤下：{page.title}")
        upcoming = [p for p in expiring_documents(today) if p.expires_on >= today]
        if upcoming:
            self.stdout.write(f"{EXPIRY_WINDOW_DAYS}天内将到期：")
            for page in upcoming:
                self.stdout.write(f"  {page.expires_on:%Y-%m-%d} {page.title}")
        self.stdout.write(self.style.SUCCESS(
            f"完成：{len(expired_docs)}件文件标记失效，{len(withdrawn)}条公示撤下，{len(upcoming)}件即将到期。"))
