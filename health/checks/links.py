"""dead_link: links in live pages and in the site's navigation that lead nowhere.

- References (rich-text page/document links, StreamField choosers, attachment and page foreign
  keys): Wagtail's ReferenceIndex drops its rows when a target is deleted, so the stored index
  can't show a deleted document; instead each live page is scanned with the same extractor the
  index uses, in batches, and the targets are checked with one query per batch.
- Written-out links (`<a href="...">` in rich text, imported bodies): a relative link or one to
  the site's own host is resolved like a request would be (page by its URL path, document by
  id); a link to another host is handed to the external check (health/checks/external.py), which
  only runs when a 站点管理员 enabled it.
- Navigation: URL fields of the site settings shown in the header and footer (navigation.py).
"""

import re
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404, resolve
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex

from . import BLOCKING, Finding

BATCH = 200
HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "#", "sms:")


def page_models():
    return [m for m in apps.get_models() if issubclass(m, Page) and m is not Page and not m._meta.abstract]


def _content_fields(model):
    return [f for f in model._meta.get_fields() if isinstance(f, RichTextField | StreamField)]


def written_links(page, fields):
    """(href, field label) for each `<a href>` in the page's rich text and StreamField content."""
    for field in fields:
        value = getattr(page, field.name)
        data = value.raw_data if isinstance(field, StreamField) and value else value
        for text in _strings(data):
            for href in HREF.findall(text):
                yield href.strip(), field.verbose_name


def _strings(data):
    """Every string inside stored StreamField data (blocks, struct values, table cells)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, Sequence):
        for value in data:
            yield from _strings(value)


class LinkClassifier:
    """Sorts written-out links into the site's own paths and other sites' URLs."""

    def __init__(self, own_hosts):
        self.own_hosts = {h.lower() for h in own_hosts if h}

    def classify(self, href):
        """("internal", path), ("external", url) or None for links that aren't web addresses."""
        if not href or href.lower().startswith(SKIPPED_SCHEMES):
            return None
        if href.startswith("//"):
            href = "https:" + href  # scheme-relative: a browser on the https site asks this
        try:
            parts = urlsplit(href)
            parts.port  # noqa: B018 (raises ValueError on a bad port)
        except ValueError:
            return "external", href  # malformed: the external check reports it as invalid
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return None
        if not parts.scheme and not parts.netloc:
            if not parts.path.startswith("/"):
                return None  # relative to the page: rare in CMS content, and ambiguous
            return "internal", parts.path
        if parts.scheme and parts.netloc and (parts.hostname or "").lower() in self.own_hosts:
            return "internal", parts.path or "/"
        if parts.scheme and parts.netloc:
            return "external", href
        return None


def check_dead_links(context, external=None, classifier=None, navigation=()):
    """Findings for dead internal links; external links go to `external` (an ExternalLinks
    collector) when given. `navigation` is (place, href) pairs from the site's settings."""
    classifier = classifier or LinkClassifier(())
    page_type = ContentType.objects.get_for_model(Page)
    document_model = get_document_model()
    document_type = ContentType.objects.get_for_model(document_model)
    wanted = {page_type.id, document_type.id}
    resolver = PathResolver(context, document_model)
    findings = []
    for model in page_models():
        fields = _content_fields(model)
        pages = model.objects.live().filter(path__startswith=context.root_path).order_by("path")
        batch, written = [], []
        for page in pages.iterator(chunk_size=BATCH):
            for type_id, object_id, model_path, _ in ReferenceIndex._extract_references_from_object(page):
                if type_id in wanted:
                    batch.append((page.title, page.url_path, page.path, type_id, object_id, model_path))
            for href, place in written_links(page, fields):
                kind = classifier.classify(href)
                if kind is None:
                    continue
                source = (page.title, context.url(page.url_path), page.path, place)
                if kind[0] == "internal":
                    written.append((href, kind[1], source))
                elif external is not None:
                    external.add(kind[1], source)
            if len(batch) >= BATCH or len(written) >= BATCH:
                findings += _verify(context, batch, page_type.id, document_model)
                findings += resolver.findings(written)
                batch, written = [], []
        findings += _verify(context, batch, page_type.id, document_model)
        findings += resolver.findings(written)
    nav_internal = []
    for place, href in navigation:
        kind = classifier.classify(href)
        source = ("网站导航", "/", context.root_path, place)
        if kind and kind[0] == "internal":
            nav_internal.append((href, kind[1], source))
        elif kind and external is not None:
            external.add(kind[1], source)
    findings += resolver.findings(nav_internal)
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


class PathResolver:
    """Whether a path on this site leads somewhere, decided the way a request would be routed:
    Wagtail's page route by URL path (one query per batch), documents by id, other views as is."""

    def __init__(self, context, document_model):
        self.context = context
        self.document_model = document_model

    def _route(self, path):
        """("page", url_path) | ("document", id) | ("missing", None) | ("ok", None)."""
        path = unquote(path or "/")
        try:
            match = resolve(path)
        except Resolver404:
            if path.endswith("/"):
                return "missing", None
            try:  # CommonMiddleware's APPEND_SLASH redirects such a link to the path with a slash
                path += "/"
                match = resolve(path)
            except Resolver404:
                return "missing", None
        if match.url_name == "wagtail_serve":
            from home.models import default_routing_everywhere

            if not default_routing_everywhere():
                return "ok", None  # a page type routes its own sub-paths: only a request can tell
            relative = path.strip("/")
            return "page", self.context.root_url_path + (relative + "/" if relative else "")
        if match.url_name == "wagtaildocs_serve":
            document_id = (match.args or [None])[0] or match.kwargs.get("document_id")
            if str(document_id).isdigit():
                return "document", int(document_id)
        return "ok", None

    def findings(self, written):
        if not written:
            return []
        routes = [(href, self._route(path), source) for href, path, source in written]
        url_paths = {target for _, (kind, target), _ in routes if kind == "page"}
        slugs = {target.rstrip("/").rsplit("/", 1)[-1] for target in url_paths}  # slug is indexed, url_path not
        live = dict(Page.objects.filter(slug__in=slugs, url_path__in=url_paths).values_list("url_path", "live"))
        document_ids = {target for _, (kind, target), _ in routes if kind == "document"}
        documents = set(self.document_model.objects.filter(pk__in=document_ids).values_list("pk", flat=True))
        findings = []
        for href, (kind, target), (title, url, path, place) in routes:
            if kind == "page" and not live.get(target):
                problem = "页面未发布" if target in live else "页面不存在"
            elif kind == "document" and target not in documents:
                problem = "文件已删除"
            elif kind == "missing":
                problem = "页面不存在"
            else:
                continue
            findings.append(Finding("dead_link", BLOCKING, url, title,
                                    f"链接“{href}”指向的{problem}，位置：{place}。", None, path))
        return findings
