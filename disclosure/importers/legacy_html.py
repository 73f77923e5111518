"""Saved article pages from legacy government platforms (TRS, Hanweb, the Hunan GUID .shtml
platform, …) → ImportRecord.

Steps: decode (importers.encoding) → parse with lxml → drop scripts, styles, forms' controls and
comments → read the metadata block, breadcrumb, <meta> tags and title (importers.html_meta) →
find the main text (known content containers, else text density) → turn its paragraphs,
headings, tables and links into stream blocks. Every paragraph's HTML passes through nh3 with a
short allow-list, so scripts and event-handler attributes never reach a public page.
"""

import re
from html import escape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import nh3
from lxml import etree

from disclosure.doc_numbers import normalise_doc_number
from disclosure.importers.body import text_to_blocks
from disclosure.importers.encoding import decode_bytes
from disclosure.importers.html_meta import (
    extract_breadcrumb,
    extract_metadata,
    find_title,
    saved_from_url,
    site_meta,
)
from disclosure.importers.kinds import guess_kind, kind_from_breadcrumb
from disclosure.importers.records import (
    ImportRecord,
    ImportRecordError,
    check_body,
    normalise_validity,
    parse_when,
)

DROP_TAGS = ("script", "style", "noscript", "iframe", "object", "button", "input", "select",
             "textarea", "svg", "canvas", "template", "audio", "video", "map")
# HTML void elements that libxml2's HTML parser treats as containers: `a<embed src=x>b` parses as
# a<embed>b</embed>, so dropping the element would drop "b" and everything after it.
VOID_TAGS_UNKNOWN_TO_LIBXML2 = ("embed", "source", "track", "wbr", "keygen")
CONTENT_XPATHS = [
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_UEDITOR ')]",
    "//*[@id='UCAP-CONTENT']", "//*[@id='zoom']", "//*[@id='fontzoom']", "//*[@id='Zoom']",
    "//*[@id='j-show-body']", "//*[@id='art_content']", "//*[@id='article_content']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' art_con ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' xxgk_content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' bt_content ')]",
    "//*[@id='content']",
]
CONTAINER_TAGS = {"div", "td", "article", "section", "main", "body", "center", "font", "span"}
PARAGRAPH_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dd", "dt"}
BLOCK_TAGS = PARAGRAPH_TAGS | CONTAINER_TAGS - {"font", "span"} | {"ul", "ol", "dl", "tr", "table", "br", "hr",
                                                                    "form", "header", "footer", "nav", "tbody"}
ATTACHMENT_RE = re.compile(r"\.(pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z|txt|rtf|pptx?|ceb)(\?|#|$)", re.IGNORECASE)
BOILERPLATE_RE = re.compile(
    r"^[【\[]?\s*(打印(本页|此页)?|关闭(窗口|本页)?|收藏|分享到?[:：]?|返回顶部|顶部|"
    r"字[体号][:：]?\s*[【\[]?\s*大\s*中\s*小|扫一扫在手机打开当前页|扫一扫|"
    r"视力保护色|默认|上一篇|下一篇|相关链接|责任编辑|【?\s*我要纠错)"
)
DOC_NUMBER_PREFIX_RE = re.compile(
    r"^([\u4e00-\u9fff]{1,12}\s*[〔\[【(（［]\s*(?:19|20)\d{2}\s*[〕\]】)）］]\s*(?:第\s*)?\d{1,5}\s*号)\s*(.+)$")
DOC_NUMBER_LINE_RE = re.compile(
    r"^[\u4e00-\u9fff]{1,12}\s*[〔\[【(（［]\s*(?:19|20)\d{2}\s*[〕\]】)）］]\s*(?:第\s*)?\d{1,5}\s*号$")
RED_HEADER_LINES = 6
ALLOWED_TAGS = {"p", "a", "b", "strong", "i", "em", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "ftp"}


def sanitise(html):
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=None, strip_comments=True)


def parse_document(text):
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise ImportRecordError(f"不是可解析的 HTML 网页：{error}") from error
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *DROP_TAGS, with_tail=False)
    # What libxml2 put inside these void elements is the text that followed them: keep it.
    etree.strip_tags(root, *VOID_TAGS_UNKNOWN_TO_LIBXML2)
    return root


def _text_length(element):
    return len(re.sub(r"\s+", "", element.text_content()))


def main_content(root):
    """The element holding the article text (searched within <body>)."""
    root = root.find("body") if root.find("body") is not None else root
    for xpath in CONTENT_XPATHS:
        for element in root.xpath(xpath):
            if _text_length(element) >= 20:
                return element
    scores = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag == "a":
            continue
        own = len(re.sub(r"\s+", "", (element.text or "") + "".join(
            (child.tail or "") for child in element)))
        if not own or any(ancestor.tag == "a" for ancestor in element.iterancestors()):
            continue
        holder = element
        while holder is not None and holder.tag not in PARAGRAPH_TAGS | CONTAINER_TAGS:
            holder = holder.getparent()
        if holder is None:
            continue
        target = holder.getparent() if holder.tag in PARAGRAPH_TAGS else holder
        weight = 1.0
        while target is not None and weight >= 0.5:
            scores[target] = scores.get(target, 0) + own * weight
            target, weight = target.getparent(), weight / 2
    best, best_score = root, 0
    for element, score in scores.items():
        total = _text_length(element) or 1
        links = sum(_text_length(a) for a in element.iter("a"))
        adjusted = score * (1 - links / total)
        if adjusted > best_score:
            best, best_score = element, adjusted
    return best


class LineCollector:
    """Walk the content element into lines of inline segments, plus table blocks."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.items = []       # ("line", [(text, href, bold)]) or ("table", block)
        self.segments = []

    def flush(self):
        if any(text.strip() for text, _href, _bold in self.segments):
            self.items.append(("line", self.segments))
        self.segments = []

    def text(self, value, href=None, bold=False):
        if value:
            self.segments.append((value, href, bold))

    def walk(self, element, bold=False):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            self.flush()
            return
        if tag == "img":
            return
        if tag == "table" and is_data_table(element):
            self.flush()
            self.items.append(("table", table_block(element)))
            return
        if tag == "a":
            href = (element.get("href") or "").strip()
            if href and not href.startswith("#"):
                self.text(element.text_content(), urljoin(self.base_url, href) if self.base_url else href, bold)
            else:
                self.text(element.text_content(), None, bold)
            return
        is_block = tag in BLOCK_TAGS
        if is_block:
            self.flush()
        bold = bold or tag in ("b", "strong")
        self.text(element.text, None, bold)
        for child in element:
            self.walk(child, bold)
            self.text(child.tail, None, bold)
        if is_block:
            self.flush()


def is_data_table(table):
    rows = table.xpath("./tr|./tbody/tr|./thead/tr")
    if len(rows) < 2 or table.xpath(".//table"):
        return False
    widths = [len(row.xpath("./td|./th")) for row in rows]
    if max(widths) < 2:
        return False
    return all(_text_length(cell) <= 300 for cell in table.xpath(".//td|.//th"))


def table_block(table):
    """A TableBlock value; rowspan/colspan become merged cells, covered cells stay empty."""
    grid, merges, occupied = [], [], {}
    rows = table.xpath("./tr|./tbody/tr|./thead/tr")
    for r, row in enumerate(rows):
        c = 0
        for cell in row.xpath("./td|./th"):
            while (r, c) in occupied:
                c += 1
            rowspan = max(1, min(int(cell.get("rowspan", "1") or 1) if str(cell.get("rowspan", "1")).isdigit() else 1, 50))
            colspan = max(1, min(int(cell.get("colspan", "1") or 1) if str(cell.get("colspan", "1")).isdigit() else 1, 50))
            text = " ".join(cell.text_content().split())
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied[(r + dr, c + dc)] = text if (dr, dc) == (0, 0) else None
            if rowspan > 1 or colspan > 1:
                merges.append({"row": r, "col": c, "rowspan": rowspan, "colspan": colspan})
            c += colspan
    height = max((r for r, _c in occupied), default=-1) + 1
    width = max((c for _r, c in occupied), default=-1) + 1
    for r in range(height):
        grid.append([occupied.get((r, c)) or None for c in range(width)])
    header = bool(rows and rows[0].xpath("./th"))
    caption = table.find("caption")
    value = {"data": grid, "first_row_is_table_header": header, "first_col_is_header": False,
             "table_caption": "", "mergeCells": merges,
             "cell": [{"row": r, "col": c, "hidden": True} for (r, c), v in occupied.items()
                      if v is None and not any(m["row"] == r and m["col"] == c for m in merges)]}
    return {"type": "table", "value": {
        "caption": " ".join(caption.text_content().split()) if caption is not None else "", "table": value}}


def segments_html(segments):
    parts = []
    for text, href, bold in segments:
        html = escape(" ".join(text.split()) if not text.strip() else re.sub(r"\s+", " ", text), quote=False)
        if href:
            html = f'<a href="{escape(href)}">{html}</a>'
        if bold:
            html = f"<b>{html}</b>"
        parts.append(html)
    return sanitise("".join(parts).strip())


def segments_text(segments):
    return re.sub(r"[ \t\u00a0]+", " ", "".join(text for text, _h, _b in segments)).strip(" \u3000")


def body_blocks(items, title, extra_links):
    blocks, run = [], []

    def close_run():
        if run:
            blocks.extend(text_to_blocks(list(run), punctuation=True))
            run.clear()

    first = True
    for kind, value in items:
        if kind == "table":
            close_run()
            blocks.append(value)
            continue
        text = segments_text(value)
        if not text or BOILERPLATE_RE.match(text):
            continue
        if first and title and text.replace(" ", "") == title.replace(" ", ""):
            first = False
            continue  # the title repeated at the top of the text
        first = False
        if any(href for _t, href, _b in value):
            close_run()
            blocks.append({"type": "paragraph", "value": f"<p>{segments_html(value)}</p>"})
        else:
            run.append(text)
    close_run()
    linked = {href for _kind, value in items if _kind == "line" for _t, href, _b in value if href}
    for text, href in extra_links:
        if href not in linked:
            link = f'<a href="{escape(href)}">{escape(text, quote=False)}</a>'
            blocks.append({"type": "paragraph", "value": f"<p>{sanitise('附件：' + link)}</p>"})
    return blocks


def outside_attachments(root, content, base_url):
    """Attachment links listed outside the main text (e.g. an 附件 list under it)."""
    inside = {id(a) for a in content.iter("a")}
    found, seen = [], set()
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if id(link) in inside or not href or not ATTACHMENT_RE.search(href):
            continue
        url = urljoin(base_url, href) if base_url else href
        if url not in seen:
            seen.add(url)
            found.append((" ".join(link.text_content().split()) or Path(href).name, url))
    return found


# Attachments saved beside a page (a browser's "save complete page" folder, a wget mirror) are
# copied into Wagtail documents so the links outlive the old site. Larger files stay links.
MAX_LOCAL_ATTACHMENT_BYTES = 200 * 1024 * 1024


def local_attachment_files(root, base_url, source_path, refused=None):
    """{link as written into the blocks: saved file} for attachment links that point to a file
    in the page's own folder. Only relative links count, and never outside that folder: a
    hostile page must not be able to publish a file such as ../../etc/secret.txt.

    The link's own ending says nothing (`evil.svg#.pdf` is the file evil.svg): the saved file's
    name and content must be an allowed type (disclosure.file_types). A refused file stays a
    link to the old site, and (link, reason) is added to `refused` for the import summary."""
    from disclosure.file_types import file_problem

    if source_path is None:
        return {}
    folder = Path(source_path).resolve().parent
    found = {}
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        parts = urlsplit(href)
        if not href or parts.scheme or parts.netloc or href.startswith("/") or not ATTACHMENT_RE.search(href):
            continue
        try:
            candidate = (folder / unquote(parts.path)).resolve()
        except (OSError, ValueError):
            continue
        if folder not in candidate.parents or not candidate.is_file():
            continue
        if candidate.stat().st_size > MAX_LOCAL_ATTACHMENT_BYTES:
            continue
        problem = file_problem(candidate)
        if problem:
            if refused is not None:
                refused.append((href, problem))
            continue
        found[urljoin(base_url, href) if base_url else href] = candidate
    return found


def record_from_html(text, *, kind=None, max_body_chars, location_url="", source_path=None):
    root = parse_document(text)
    meta = site_meta(root)
    url = saved_from_url(text) or meta.get("url", "") or location_url
    url = url if url.startswith(("http://", "https://")) else ""
    body = root.find("body") if root.find("body") is not None else root
    breadcrumb = extract_breadcrumb(body)
    fields = extract_metadata(body)
    title, title_element = find_title(root, {"title": meta.get("title") or fields.get("title", "")})
    if title_element is not None and title_element.getparent() is not None:
        title_element.drop_tree()
    title = " ".join(title.split())
    doc_number = fields.get("doc_number", "")
    match = DOC_NUMBER_PREFIX_RE.match(title)
    if match:  # "朝交发 [2022] 97号关于印发……的通知"
        doc_number = doc_number or match.group(1)
        title = match.group(2).strip()
    if not title:
        raise ImportRecordError("没有找到标题（<title>、<h1> 或 ArticleTitle 均为空）")
    content = main_content(root)
    collector = LineCollector(url)
    collector.walk(content)
    collector.flush()
    blocks = body_blocks(collector.items, title, outside_attachments(root, content, url))
    check_body("".join(str(b["value"]) for b in blocks), max_body_chars)
    if not doc_number:
        doc_number = red_header_doc_number(blocks)
    published_at = _when(fields.get("published_at") or meta.get("published_at"))
    updated_at = _when(fields.get("updated_at"))
    written = _when(fields.get("written_on"))
    signature = next((b["value"] for b in reversed(blocks) if b["type"] == "signature"), None)
    if written is None and signature and signature.get("signed_on"):
        written = _when(signature["signed_on"])
    hints = breadcrumb + [meta.get("column", ""), fields.get("genre", "")]
    refused_files = []
    return ImportRecord(
        title=title[:255],
        kind=kind or kind_from_breadcrumb(hints) or guess_kind(title=title),
        blocks=blocks,
        url=url[:500],
        site=(fields.get("site") or meta.get("site", ""))[:100],
        author=(fields.get("author") or meta.get("author", ""))[:100],
        publisher=fields.get("publisher", "")[:100],
        published_at=published_at or updated_at,
        written_on=written.date() if written else None,
        updated_at=updated_at,
        doc_number=normalise_doc_number(doc_number)[:100],
        index_number=fields.get("index_number", "")[:60],
        subject=fields.get("subject", "")[:50],
        genre=fields.get("genre", "")[:50],
        validity=normalise_validity(fields.get("validity")),
        breadcrumb=breadcrumb,
        keywords=(fields.get("keywords") or meta.get("keywords", ""))[:200],
        summary=fields.get("summary", ""),
        local_files=local_attachment_files(root, url, source_path, refused_files),
        refused_files=refused_files,
    )


def red_header_doc_number(blocks):
    """A red-header document prints its 文号 on a line of its own above the title."""
    for block in blocks[:RED_HEADER_LINES]:
        if block["type"] == "paragraph":
            text = re.sub(r"<[^>]+>", "", block["value"]).strip()
            if DOC_NUMBER_LINE_RE.match(text):
                return text
    return ""


def _when(value):
    try:
        return parse_when(value, "日期") if value else None
    except ImportRecordError:
        return None  # a damaged date in a legacy page is left empty, not fatal


def read_html_page(path, *, kind=None, max_body_chars):
    data = Path(path).read_bytes()
    text, _encoding = decode_bytes(data)
    return record_from_html(text, kind=kind, max_body_chars=max_body_chars, source_path=path)
