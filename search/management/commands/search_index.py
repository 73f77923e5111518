"""manage.py search_index --rebuild | --status | --drain

--rebuild  builds a fresh index from every searchable page and swaps it in
           atomically (search keeps answering from the old one meanwhile);
           queued changes made before the rebuild started are then dropped.
--status   shows the engine, its document count, the queue backlog and the last error.
--drain    applies the queued backlog now (oldest first).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from search import queue
from search.backends import get_backend
from search.backends.base import SearchUnavailable
from search.models import IndexQueueEntry


def _fmt(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else "无"


class Command(BaseCommand):
    help = "重建检索索引、查看索引队列状态或立即同步积压的更新"

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true", help="从数据库重建全部索引并原子切换")
        group.add_argument("--status", action="store_true", help="显示索引文档数、积压条数和最近错误")
        group.add_argument("--drain", action="store_true", help="立即同步积压的索引更新")

    def handle(self, *args, **options):
        if options["rebuild"]:
            return self.rebuild()
        if options["drain"]:
            return self.drain()
        return self.status()

    def rebuild(self):
        from tqdm import tqdm

        from search.indexing import all_documents

        backend = get_backend()
        started_id = IndexQueueEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        began = time.monotonic()
        docs = tqdm(all_documents(), desc="索引", unit="篇", disable=not self.stdout.isatty())
        try:
            count = backend.rebuild(docs)
        except SearchUnavailable as exc:
            raise CommandError(f"检索引擎不可用，重建未完成，原索引保持不变：{exc}") from exc
        # Changes queued before the rebuild read the database are already in the new index.
        IndexQueueEntry.objects.filter(id__lte=started_id).delete()
        self.stdout.write(self.style.SUCCESS(
            f"已重建 {backend.name} 索引：{count} 篇，用时 {time.monotonic() - began:.1f} 秒"))
        self.drain()

    def drain(self):
        before = IndexQueueEntry.objects.count()
        done = queue.flush()
        left = IndexQueueEntry.objects.count()
        self.stdout.write(f"已同步 {done} 条，剩余 {left} 条（同步前 {before} 条）")
        if left:
            state = queue.status()
            raise CommandError(f"仍有 {left} 条未同步，最近错误：{state['last_error'] or '无'}")

    def status(self):
        backend = get_backend()
        state = queue.status()
        try:
            documents = f"{backend.count()} 篇"
        except SearchUnavailable as exc:
            documents = f"不可用（{exc}）"
        self.stdout.write(f"检索引擎：{backend.name}")
        self.stdout.write(f"索引文档：{documents}")
        self.stdout.write(f"积压更新：{state['backlog']} 条（最早入队：{_fmt(state['oldest_queued_at'])}）")
        self.stdout.write(f"最近同步：{_fmt(state['last_drained_at'])}，累计 {state['drained_total']} 条")
        self.stdout.write(f"最近错误：{state['last_error'] or '无'}（{_fmt(state['last_error_at'])}）")
