"""The disclosure metadata of a saved legacy page: the metadata block (two-column table,
label/value list, 【索引号】 bracket labels or a pipe grid), the meta line under the title
(来源:… 发布时间:…), the breadcrumb, the government-site <meta> tags and the title.

Shapes follow ../shared/corpus/gov-pages/README.md. Labels damaged by migrations (索号, 有性)
and labels spaced out for alignment (索 引 号) are recognised too.
"""

import re

LABEL_FIELDS = {
    "索引号": "index_number", "索号": "index_number",
    "文号": "doc_number", "发文字号": "doc_number", "发文文号": "doc_number", "文件编号": "doc_number",
    "发布机构": "publisher", "发文机关": "publisher", "发文单位": "publisher", "发布单位": "publisher",
    "制发机关": "publisher", "发文机构": "publisher",
    "主题分类": "subject", "体裁分类": "genre", "组配分类": None, "公文目录": None, "公文种类": None,
    "成文日期": "written_on", "发文日期": "written_on", "成文时间": "written_on", "生成日期": None,
    "发布日期": "published_at", "发布时间": "published_at", "公开日期": "published_at",
    "生效时间": None, "生效日期": None, "废止时间": None, "废止日期": None,
    "有效性": "validity", "有性": "validity", "时效性": "validity", "效力状态": "validity",
    "公开方式": None, "公开范围": None, "公开属性": None, "关键词": "keywords", "主题词": "keywords",
    "内容概述": "summary", "摘要": "summary", "浏览次数": None, "访问量": None, "点击数": None,
    "阅读次数": None, "来源": "site", "信息来源": "site", "文章来源": "site", "作者": "author",
    "更新时间": "updated_at", "统一登记号": None, "登记号": None, "所属机构": None, "字号": None,
    "名称": "title", "标题": "title", "文件名称": "title",
}
SPACE = r"[\s\u3000\u00a0]*"


def _label_pattern(label):
    return SPACE.join(re.escape(char) for char in label)


_ALTERNATION = "|".join(_label_pattern(label) for label in sorted(LABEL_FIELDS, key=len, reverse=True))
# A label counts when bracketed (【索引号】), followed by a colon, or alone in its cell.
LABEL_RE = re.compile(
    rf"【{SPACE}(?P<bracketed>{_ALTERNATION}){SPACE}】"
    rf"|(?P<colon>{_ALTERNATION}){SPACE}[:：]"
    rf"|(?<![\u4e00-\u9fff])(?P<cell>{_ALTERNATION})(?=[ \u3000]*[\t\n])"
)
VALUE_MAX = 120
SUMMARY_MAX = 400  # 内容概述 may run to a few sentences
META_BLOCK_MAX = 900
BREADCRUMB_RE = re.compile(r"^\s*(您当前所在的?位置|您当前的位置|您的位置|当前位置是|当前位置|所在位置)\s*[:：]?\s*")
BREADCRUMB_SPLIT_RE = re.compile(r"\s*(?:>>|>|»|›|→|/)\s*")
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "dl", "tr", "table", "tbody", "thead", "section", "article",
              "h1", "h2", "h3", "h4", "h5", "h6", "br", "form", "header", "footer", "center", "blockquote"}
CELL_TAGS = {"td", "th", "dt", "dd"}
SITE_META = {"articletitle": "title", "pubdate": "published_at", "contentsource": "site",
             "author": "author", "keywords": "keywords", "description": "summary", "url": "url",
             "columnname": "column"}


def canonical_label(raw):
    return re.sub(r"[\s\u3000\u00a0]+", "", raw)


def cell_text(element):
    """Text with cell boundaries as tabs and block boundaries as newlines."""
    parts = []

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in BLOCK_TAGS:
            parts.append("\n")
        elif tag in CELL_TAGS:
            parts.append("\t")
        if node.text and tag not in ("script", "style"):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in BLOCK_TAGS:
            parts.append("\n")
        elif tag in CELL_TAGS:
            parts.append("\t")

    walk(element)
    return "".join(parts).replace("\u00a0", " ")


def parse_labels(text):
    """[(field or None, label, value)] for every label in `text`; a value runs to the next label
    or the end of its line (a label alone in a cell takes the next cell's text)."""
    matches = list(LABEL_RE.finditer(text))
    found = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = re.sub(r"^[\s:：|｜]+", "", text[match.end():end]).split("\n")[0]
        value = re.sub(r"[\s|｜]+$", "", value)
        label = canonical_label(match.group("bracketed") or match.group("colon") or match.group("cell"))
        found.append((LABEL_FIELDS.get(label), label, value))
    return found


def _squeeze(text):
    return re.sub(r"[\s|｜:：【】]+", "", text)


def _is_metadata(text, found):
    """At least two labels, short values, and hardly any text that is neither label nor value."""
    labels = {label for _field, label, _value in found}
    if len(labels) < 2 or any(len(value) > (SUMMARY_MAX if field == "summary" else VALUE_MAX)
                              for field, _l, value in found):
        return False
    # A value that reads as a sentence means the element holds prose, not only a metadata block.
    if any("。" in value for field, _l, value in found if field != "summary"):
        return False
    covered = sum(len(_squeeze(label)) + len(_squeeze(value)) for _f, label, value in found)
    leftover = len(_squeeze(text)) - covered
    return leftover <= max(40, covered // 3)


def extract_metadata(root):
    """Find the metadata elements (top-down, largest first), read their fields and remove them.

    An element qualifies when its text is short, names at least two known labels, and every
    value is short — so a body paragraph that mentions 来源 is never mistaken for one.
    """
    fields, blocks = {}, []

    def visit(element):
        if not isinstance(element.tag, str):
            return
        text = cell_text(element)
        if len(text.strip()) <= META_BLOCK_MAX:
            found = parse_labels(text)
            if _is_metadata(text, found):
                blocks.append(element)
                for field, _label, value in found:
                    previous = fields.get(field)
                    # The meta line often repeats a date with its time: keep the more precise one.
                    if field and value and (not previous or (value.startswith(previous) and len(value) > len(previous))):
                        fields[field] = value
                return
        for child in list(element):
            visit(child)

    for child in list(root):  # never the <body> itself
        visit(child)
    for element in blocks:
        _drop(element)
    return fields


def _drop(element):
    """Remove an element but keep the text that follows it."""
    if element.getparent() is not None:
        element.drop_tree()


def extract_breadcrumb(root):
    """The breadcrumb items (当前位置: 首页 > … > 栏目); the breadcrumb element is removed."""
    best, best_length = None, None
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "head", "title", "script", "style"):
            continue
        text = " ".join(element.text_content().split())
        if len(text) > 200 or not BREADCRUMB_RE.match(text) or not BREADCRUMB_RE.sub("", text, count=1):
            continue
        if best is None or len(text) < best_length:  # the innermost element holding the whole trail
            best, best_length = element, len(text)
    if best is None:
        return []
    text = BREADCRUMB_RE.sub("", " ".join(best.text_content().split()), count=1)
    cleaned = []
    for item in BREADCRUMB_SPLIT_RE.split(text):
        if item and (not cleaned or cleaned[-1] != item):  # empty links, a doubled 首页
            cleaned.append(item)
    _drop(best)
    return cleaned


def site_meta(root):
    """The government-site <meta> tags (ArticleTitle, PubDate, ContentSource, Url, …)."""
    values = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower().replace("og:", "")
        content = (meta.get("content") or "").strip()
        key = SITE_META.get(name) or {"title": "title"}.get(name)
        if key and content and key not in values:
            values[key] = content
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            values.setdefault("url", link.get("href").strip())
    return values


SAVED_FROM_RE = re.compile(r"saved from url=\(\d+\)(\S+)", re.IGNORECASE)


def saved_from_url(text):
    """The original address browsers write when saving a page (<!-- saved from url=(0071)… -->)."""
    match = SAVED_FROM_RE.search(text[:2000])
    return match.group(1).strip(" -") if match else ""


TITLE_CLASS_RE = re.compile(r"(^|[\s_-])(title|tit|bt|biaoti|article-title|art_title|xxgk_title)([\s_-]|$)|title",
                            re.IGNORECASE)
TITLE_SUFFIX_RE = re.compile(r"\s*[_|｜\-—–]\s*[^_|｜\-—–]*$")


def find_title(root, meta):
    """(title text, element to remove or None)."""
    page_title = ""
    title_element = root.find(".//title")
    if title_element is not None and title_element.text:
        page_title = " ".join(title_element.text.split())
    candidates = []
    for element in root.iter("h1", "h2", "h3", "div", "p", "td", "span"):
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if element.tag in ("h1", "h2") or TITLE_CLASS_RE.search(marker):
            text = " ".join(element.text_content().split())
            if 4 <= len(text) <= 200:
                candidates.append((element, text))
    wanted = meta.get("title") or TITLE_SUFFIX_RE.sub("", page_title) or page_title
    for element, text in candidates:
        if wanted and (text == wanted or text.replace(" ", "") == wanted.replace(" ", "")):
            return text, element
    for element, text in candidates:
        if wanted and len(wanted) >= 6 and (wanted in text or text in wanted):
            return (meta.get("title") or text), element
    for element, text in candidates:
        if element.tag == "h1" and len(text) >= 6 and text not in page_title[len(wanted):]:
            return text, element  # <title> is only the site's name or an abbreviation
    if wanted:
        return wanted, None
    if candidates:
        return candidates[0][1], candidates[0][0]
    return "", None
