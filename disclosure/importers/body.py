"""Plain body text → DocumentBodyBlock raw stream data.

Laws and regulations (第一章 / 第一条 structure) get one heading per 编/章/节 and one paragraph
block per 条 (its 款 and 项 as further <p> inside the same block): a 100,000-character law
becomes a few hundred blocks instead of thousands, which keeps saving and rendering cheap.
Every other text goes through the seed parser's `body_to_blocks` (一、/(一)/1. headings and
the 落款), so there is one set of rules for official-document prose.
"""

import re
from html import escape

CN_NUMERAL = "一二三四五六七八九十百千零〇两"
UNIT_RE = re.compile(rf"^第[{CN_NUMERAL}\d]+(编|分编|章|节)(?:[\s\u3000]+(.*)|$)")
ARTICLE_RE = re.compile(rf"^第[{CN_NUMERAL}\d]+条(?:之[{CN_NUMERAL}]+)?(?:[\s\u3000]|$)")
UNIT_ORDER = ("编", "分编", "章", "节")
HEADING_MAX = 60
STATUTE_MIN_ARTICLES = 2


def split_lines(text):
    """Non-empty lines with edge whitespace (ASCII, nbsp, full-width) removed."""
    lines = []
    for line in text.splitlines():
        line = line.replace("\u00a0", " ").strip(" \t\u3000\r\n")
        if line:
            lines.append(line)
    return lines


def is_statute(lines):
    count = 0
    for line in lines:
        if ARTICLE_RE.match(line):
            count += 1
            if count >= STATUTE_MIN_ARTICLES:
                return True
    return False


def _unit(line):
    if len(line) > HEADING_MAX:
        return None
    match = UNIT_RE.match(line)
    return match.group(1) if match else None


def statute_blocks(lines):
    units_present = {unit for unit in map(_unit, lines) if unit}
    levels = {}
    for unit in UNIT_ORDER:
        if unit in units_present:
            levels[unit] = str(min(2 + len(levels), 4))
    blocks = []
    article = None  # the <p> list of the 条 being collected

    def close_article():
        nonlocal article
        if article:
            blocks.append({"type": "paragraph", "value": "".join(article)})
        article = None

    for line in lines:
        unit = _unit(line)
        if unit:
            close_article()
            # "第一章  总则" reads better with one space between number and name.
            text = re.sub(r"[\s\u3000]+", " ", line)
            blocks.append({"type": "heading", "value": {"level": levels[unit], "text": text}})
            continue
        html = f"<p>{escape(line, quote=False)}</p>"
        if ARTICLE_RE.match(line):
            close_article()
            article = [html]
        elif article is not None:
            article.append(html)
        else:
            blocks.append({"type": "paragraph", "value": html})
    close_article()
    return blocks


def text_to_blocks(text_or_lines, *, punctuation=False):
    """Body text (or its lines) → raw stream data.

    `punctuation` repairs half-width punctuation in scraped prose; data files keep their text.
    """
    lines = split_lines(text_or_lines) if isinstance(text_or_lines, str) else list(text_or_lines)
    if not lines:
        return []
    if is_statute(lines):
        return statute_blocks(lines)
    from disclosure.importers.seed_text import body_to_blocks

    return body_to_blocks(lines, punctuation=punctuation)


PARAGRAPH_SPLIT_RE = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>", re.IGNORECASE)
TAG_RE = re.compile(r"<[^>]+>")


def html_to_lines(html):
    from html import unescape

    parts = PARAGRAPH_SPLIT_RE.split(html)
    lines = []
    for part in parts:
        text = unescape(TAG_RE.sub("", part)).strip()
        if text:
            lines.append(text)
    return lines


def blocks_to_text(stream_data):
    """Raw (or prepared) stream data → body text in the import format: one paragraph per line,
    paragraphs separated by a blank line. Hidden headings (added by the parser) are left out,
    so exporting and re-importing a body gives the same blocks."""
    lines = []
    for block in stream_data:
        kind, value = block["type"], block["value"]
        if kind == "heading":
            if not value.get("visually_hidden"):
                lines.append(value.get("text", ""))
        elif kind == "paragraph":
            lines.extend(html_to_lines(value or ""))
        elif kind == "signature":
            lines.append(value.get("organisation") or "")
            if value.get("date_text"):
                lines.append(value["date_text"])
            elif value.get("signed_on"):
                year, month, day = str(value["signed_on"]).split("-")
                lines.append(f"{int(year)}年{int(month)}月{int(day)}日")
        elif kind == "table":
            table = (value or {}).get("table") or {}
            if value.get("caption"):
                lines.append(value["caption"])
            for row in table.get("data") or []:
                cells = [str(cell).strip() for cell in row if cell not in (None, "")]
                if cells:
                    lines.append(" | ".join(cells))
        elif kind == "image" and value.get("caption"):
            lines.append(value["caption"])
    return "\n\n".join(line for line in lines if line)
