"""Template tags of the public site: breadcrumb, government meta tags, QR code, body outline."""

from django import template
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from home.context_processors import LINK_FIELDS
from home.qr import QR_CAPTION, qr_svg

register = template.Library()

HOME_LABEL = "首页"


def _site_root(context):
    root = context.get("site_root")
    if root:
        return root
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()
    return site.root_page if site else None


def is_item_page(page):
    """Disclosure items end their breadcrumb at their column; columns and others at themselves."""
    from disclosure.models import DisclosurePage

    return isinstance(page, DisclosurePage)


def page_trail(context, page):
    """Ancestors of `page` from the site root, memoised on the page object: one query, with each
    ancestor's `column_type` annotated (None for pages that are not columns)."""
    from disclosure.models import ColumnPage

    cached = getattr(page, "_govsite_trail", None)
    if cached is not None:
        return cached
    root = _site_root(context)
    if root is None or not page.path.startswith(root.path):
        trail = []
    else:
        column_type = ColumnPage.objects.filter(pk=OuterRef("pk")).values("column_type")[:1]
        trail = list(Page.objects.ancestor_of(page).filter(depth__gte=root.depth).only(*LINK_FIELDS)
                     .annotate(column_type=Subquery(column_type)).order_by("depth"))
    page._govsite_trail = trail
    return trail


def page_column(context, page):
    """(title, column type label) of the column a page belongs to: itself for a column, the
    nearest column ancestor otherwise; None outside columns."""
    from disclosure.models import ColumnPage
    from disclosure.models.column import COLUMN_TYPE_CHOICES

    if isinstance(page, ColumnPage):
        return page.title, page.get_column_type_display()
    for ancestor in reversed(page_trail(context, page)):
        if ancestor.column_type is not None:
            return ancestor.title, dict(COLUMN_TYPE_CHOICES).get(ancestor.column_type, "")
    return None


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page=None):
    """[(label, url or None for the current page)] from 首页 to the page's column or the page."""
    page = page or context.get("page")
    if page is None or not isinstance(page, Page):
        return [(HOME_LABEL, "/")]
    request = context.get("request")
    root = _site_root(context)
    items = []
    for ancestor in page_trail(context, page):
        label = HOME_LABEL if root is not None and ancestor.pk == root.pk else ancestor.title
        items.append((label, ancestor.get_url(request)))
    if not is_item_page(page):
        label = HOME_LABEL if root is not None and page.pk == root.pk else page.title
        items.append((label, None))
    return items


@register.simple_tag(takes_context=True)
def page_absolute_url(context, page=None):
    """The absolute URL of the page being shown: from the request host when there is a request,
    from the Site's hostname otherwise. Non-page views use the request path. Memoised per
    request (the <head> and the QR code both need it)."""
    page = page or context.get("page")
    request = context.get("request")
    is_page = isinstance(page, Page)
    memo = getattr(request, "_govsite_absolute_urls", None) if request is not None else None
    key = page.pk if is_page else None
    if memo is not None and key in memo:
        return memo[key]
    if is_page:
        url = request.build_absolute_uri(page.get_url(request)) if request is not None else page.get_full_url()
    elif request is not None:
        url = request.build_absolute_uri(request.path)
    else:
        url = ""
    url = url or ""
    if request is not None:
        if memo is None:
            memo = request._govsite_absolute_urls = {}
        memo[key] = url
    return url


@register.inclusion_tag("includes/qr_code.html", takes_context=True)
def qr_code(context, page=None):
    url = page_absolute_url(context, page)
    return {"svg": mark_safe(qr_svg(url)) if url else "", "caption": QR_CAPTION, "url": url}


def _format_datetime(value):
    if value is None:
        return ""
    if hasattr(value, "hour"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def pub_date(page):
    """发布日期 with its time when the first publication happened that day."""
    first = page.first_published_at
    if first and (not page.published_on or timezone.localtime(first).date() == page.published_on):
        return _format_datetime(first)
    return _format_datetime(page.published_on)


@register.simple_tag(takes_context=True)
def gov_meta_tags(context):
    """The government-site meta tags (SiteName … Url): page-level ones only where they apply."""
    identity = context.get("settings") and context["settings"]["home"]["SiteIdentitySettings"]
    page = context.get("page")
    tags = []
    if identity:
        tags += [("SiteName", identity.site_name), ("SiteDomain", identity.site_domain),
                 ("SiteIDCode", identity.site_code)]
    if isinstance(page, Page):
        column = page_column(context, page)
        if column is not None:
            tags += [("ColumnName", column[0]), ("ColumnType", column[1])]
        if is_item_page(page):
            tags += [
                ("ArticleTitle", page.title),
                ("PubDate", pub_date(page)),
                ("ContentSource", page.source_name),
                ("Keywords", page.keywords),
                ("Author", page.author),
            ]
        description = page.search_description or getattr(page, "summary", "") or getattr(page, "intro_text", "")
        tags += [("Description", description), ("Url", page_absolute_url(context, page))]
    return [(name, value) for name, value in tags if value]


@register.filter
def is_column(page):
    from disclosure.models import ColumnPage

    return isinstance(page, ColumnPage) or getattr(getattr(page, "specific_class", None), "__name__", "") == "ColumnPage"


class Section:
    def __init__(self, heading=None, anchor=""):
        self.heading = heading
        self.anchor = anchor
        self.blocks = []


@register.simple_tag
def document_outline(body):
    """Group a DocumentBodyBlock stream into level-2 sections, with anchors for a table of contents.

    Returns {"sections": [Section], "toc": [(level, text, anchor)], "signature": [blocks]}:
    the 落款 stays outside the sections because it closes the whole document.
    """
    sections = [Section()]
    toc = []
    signature = []
    counters = [0, 0]
    for block in body or []:
        if block.block_type == "heading":
            level = str(block.value.get("level") or "2")
            if level == "2":
                counters = [counters[0] + 1, 0]
                anchor = f"s{counters[0]}"
                sections.append(Section(block, anchor))
                if not block.value.get("visually_hidden"):
                    toc.append((2, block.value["text"], anchor))
                continue
            if level == "3":
                counters[1] += 1
                anchor = f"s{counters[0]}-{counters[1]}"
                sections[-1].blocks.append((block, anchor))
                if not block.value.get("visually_hidden"):
                    toc.append((3, block.value["text"], anchor))
                continue
        if block.block_type == "signature":
            signature.append(block)
            continue
        sections[-1].blocks.append((block, ""))
    if sections[0].heading is None and not sections[0].blocks:
        sections.pop(0)
    return {"sections": sections, "toc": toc, "signature": signature}


@register.simple_tag(takes_context=True)
def column_tree(context, root=None):
    """Every live column under the site root in tree order, nested: [(page, [children…])]."""
    from disclosure.models import ColumnPage

    root = root or _site_root(context)
    if root is None:
        return []
    columns = list(ColumnPage.objects.live().public().descendant_of(root).order_by("path")
                   .only("id", "title", "path", "depth", "url_path", "slug", "column_type"))
    nodes = {}
    tree = []
    for column in columns:
        node = (column, [])
        nodes[column.path] = node
        parent = nodes.get(column.path[: -Page.steplen])
        (parent[1] if parent else tree).append(node)
    return tree


@register.simple_tag(takes_context=True)
def newest_items(context, root=None, limit=10):
    """The newest live disclosure items under the root, for the home page."""
    from disclosure.models import ColumnPage
    from disclosure.models.enforcement import withdrawn_decisions
    from home.models import HomePage, SiteMapPage

    root = root or _site_root(context)
    if root is None:
        return []
    return list(Page.objects.live().public().descendant_of(root)
                .not_type(ColumnPage, SiteMapPage, HomePage)
                .exclude(id__in=withdrawn_decisions().values("pk"))
                .order_by("-first_published_at", "-id")[:limit])


@register.filter
def has_non_column(pages):
    """True when a listing holds at least one item that is not a column (section columns)."""
    return any(not is_column(page) for page in pages or [])


@register.filter
def contains_page(column, page):
    """True when `page` lies below `column` in the tree (to mark the current section in menus)."""
    return isinstance(page, Page) and page.path.startswith(column.path) and page.depth > column.depth
