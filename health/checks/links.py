"""dead_link: internal references (rich text, StreamField blocks, attachments, navigation snippets)
to pages that are missing or unpublished, or to documents that no longer exist.

Wagtail's ReferenceIndex already records every such reference when an object is saved, and it
keeps rows pointing to a deleted target, so no page body is parsed here. External links are not
checked (docs/health.md).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex

from . import BLOCKING, Finding


def check_dead_links(context):
    page_type = ContentType.objects.get_for_model(Page)
    document_model = get_document_model()
    document_type = ContentType.objects.get_for_model(document_model)
    refs = ReferenceIndex.objects.filter(to_content_type__in=[page_type, document_type])
    source_pages = set()
    targets = {page_type.id: set(), document_type.id: set()}
    for ref in refs.values("base_content_type_id", "object_id", "to_content_type_id", "to_object_id").iterator():
        targets[ref["to_content_type_id"]].add(ref["to_object_id"])
    live_pages = set(str(pk) for pk in Page.objects.live().filter(
        pk__in=[int(i) for i in targets[page_type.id] if i.isdigit()]).values_list("pk", flat=True))
    documents = set(str(pk) for pk in document_model.objects.filter(
        pk__in=[int(i) for i in targets[document_type.id] if i.isdigit()]).values_list("pk", flat=True))
    broken = (refs.exclude(to_content_type=page_type, to_object_id__in=live_pages)
              .exclude(to_content_type=document_type, to_object_id__in=documents))
    findings = []
    for ref in broken.values("base_content_type_id", "object_id", "to_content_type_id",
                             "to_object_id", "model_path").iterator():
        source = _source(ref, page_type, context, source_pages)
        if source is None:
            continue
        url, title, path = source
        what = "页面" if ref["to_content_type_id"] == page_type.id else "文件"
        state = "已删除" if what == "文件" or not Page.objects.filter(pk=_int(ref["to_object_id"])).exists() else "未发布"
        findings.append(Finding("dead_link", BLOCKING, url, title,
                                f"链接指向的{what}（编号{ref['to_object_id']}）{state}，位置：{ref['model_path']}。",
                                None, path))
    return findings


def _int(value):
    return int(value) if str(value).isdigit() else -1


def _source(ref, page_type, context, cache):
    """(url, title, path) of a live page holding the link, or the snippet/setting's name."""
    if ref["base_content_type_id"] == page_type.id:
        page = (Page.objects.live().filter(pk=_int(ref["object_id"]), path__startswith=context.root_path)
                .values("title", "url_path", "path").first())
        if page is None:
            return None
        return context.url(page["url_path"]), page["title"], page["path"]
    model = ContentType.objects.get_for_id(ref["base_content_type_id"]).model_class()
    if model is None:
        return None
    obj = model._default_manager.filter(pk=ref["object_id"]).first()
    if obj is None:
        return None
    return None, f"{model._meta.verbose_name}：{obj}", None
