"""dead_link: internal references (rich text, StreamField blocks, attachments and other foreign
keys) in live pages to pages that are missing or unpublished, or to documents that no longer exist.

Wagtail's ReferenceIndex drops its rows when a target is deleted, so the stored index can't show a
deleted document; instead each live page is scanned with the same extractor the index uses, in
batches, and the targets are checked with one query per batch. External links are not checked
(docs/health.md).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from . import BLOCKING, Finding

BATCH = 200


def page_models():
    return [m for m in apps.get_models() if issubclass(m, Page) and m is not Page and not m._meta.abstract]


def check_dead_links(context):
    page_type = ContentType.objects.get_for_model(Page)
    document_model = get_document_model()
    document_type = ContentType.objects.get_for_model(document_model)
    wanted = {page_type.id, document_type.id}
    findings = []
    for model in page_models():
        pages = model.objects.live().filter(path__startswith=context.root_path).order_by("path")
        batch = []
        for page in pages.iterator(chunk_size=BATCH):
            for type_id, object_id, model_path, _ in ReferenceIndex._extract_references_from_object(page):
                if type_id in wanted:
                    batch.append((page.title, page.url_path, page.path, type_id, object_id, model_path))
            if len(batch) >= BATCH:
                findings += _verify(context, batch, page_type.id, document_model)
                batch = []
        findings += _verify(context, batch, page_type.id, document_model)
    return findings


def _ids(batch, type_id):
    return {int(row[4]) for row in batch if row[3] == type_id and str(row[4]).isdigit()}


def _verify(context, batch, page_type_id, document_model):
    if not batch:
        return []
    page_ids = _ids(batch, page_type_id)
    live = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "live"))
    documents = set(document_model.objects.filter(
        pk__in={int(r[4]) for r in batch if r[3] != page_type_id and str(r[4]).isdigit()}
    ).values_list("pk", flat=True))
    findings = []
    for title, url_path, path, type_id, object_id, model_path in batch:
        key = int(object_id) if str(object_id).isdigit() else None
        if type_id == page_type_id:
            if live.get(key):
                continue
            problem = f"页面（编号{object_id}）{'未发布' if key in live else '已删除'}"
        else:
            if key in documents:
                continue
            problem = f"文件（编号{object_id}）已删除"
        findings.append(Finding("dead_link", BLOCKING, context.url(url_path), title,
                                f"链接指向的{problem}，位置：{model_path}。", None, path))
    return findings
