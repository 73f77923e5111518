"""Internal links (rich text page links or local hrefs) to missing or unpublished pages."""

import re
from urllib.parse import unquote, urlsplit

from wagtail.models import Page, Site

from .text import page_rich_html

PAGE_LINK = re.compile(r"<a\b[^>]*\blinktype=\"page\"[^>]*>", re.I)
HREF = re.compile(r"<a\b[^>]*\bhref=\"([^\"]+)\"[^>]*>(.*?)</a>", re.I | re.S)
ID_ATTR = re.compile(r"\bid=\"(\d+)\"")
# Local paths served by something other than a page.
NON_PAGE_PREFIXES = ("/documents/", "/media/", "/static/", "/admin/", "/search", "/api/", "/sitemap.xml",
                     "/robots.txt", "/django-admin/")


def _local_path(href):
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        site_hosts = set(Site.objects.values_list("hostname", flat=True))
        if parts.scheme not in ("http", "https") or parts.hostname not in site_hosts:
            return None
    path = unquote(parts.path or "")
    if not path.startswith("/") or path.startswith(NON_PAGE_PREFIXES):
        return None
    return path


def _page_for_path(path):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    url_path = site.root_page.url_path + path.lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    return Page.objects.filter(url_path=url_path).first()


def internal_link_findings(page, level, finding_class):
    findings = []
    for field, html in page_rich_html(page):
        for tag in PAGE_LINK.findall(html):
            match = ID_ATTR.search(tag)
            target = Page.objects.filter(id=int(match.group(1))).first() if match else None
            if target is None:
                findings.append(finding_class(level, field, tag, "内部链接指向的页面已不存在"))
            elif not target.live:
                findings.append(finding_class(level, field, target.title,
                                              f"内部链接指向未发布的页面“{target.title}”"))
        for href, _label in HREF.findall(html):
            path = _local_path(href)
            if path is None:
                continue
            target = _page_for_path(path)
            if target is None:
                findings.append(finding_class(level, field, href, f"内部链接“{href}”指向的页面不存在"))
            elif not target.live:
                findings.append(finding_class(level, field, href, f"内部链接“{href}”指向未发布的页面“{target.title}”"))
    return findings
