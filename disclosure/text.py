"""Plain-text views of StreamField bodies."""

import re
from html import unescape

BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|tr)>|<br\s*/?>", re.IGNORECASE)
# Stored rich text is Wagtail's own well-formed HTML, so a tag regex is exact here and is
# several times faster than Django's parser-based strip_tags (it dominated index rebuilds).
TAG = re.compile(r"<[^>]*>")


def rich_text_to_text(html):
    """One line per paragraph, list item or row, so words of adjacent paragraphs don't run together."""
    text = unescape(TAG.sub("", BLOCK_END.sub("\n", html)))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def stream_to_text(stream):
    lines = []
    for block in stream:
        value = block.value
        if block.block_type == "heading":
            if not value.get("visually_hidden"):  # a screen-reader landmark, not the document's words
                lines.append(value["text"])
        elif block.block_type == "paragraph":
            lines.append(rich_text_to_text(value.source if hasattr(value, "source") else str(value)))
        elif block.block_type == "signature":
            lines.append(value["organisation"])
            if value.get("date_text"):
                lines.append(value["date_text"])
            elif value.get("signed_on"):
                d = value["signed_on"]
                lines.append(f"{d.year}年{d.month}月{d.day}日")
        elif block.block_type == "table":
            data = (value.get("table") or {}).get("data") or []
            for row in data:
                lines.append(" ".join(str(c) for c in row if c))
        elif block.block_type == "image":
            if value.get("caption"):
                lines.append(value["caption"])
        elif block.block_type == "statistics":
            lines.extend(statistics_lines(value))
        elif block.block_type == "attachment":
            lines.append(value.get("title") or (value["document"].title if value.get("document") else ""))
    return "\n".join(line for line in lines if line)


def statistics_lines(value):
    """Embedded 执法统计 as sentences, so search finds the figures of a report."""
    stats = value.get("statistics")
    if stats is None:
        return []
    lines = [value.get("heading") or str(stats)]
    for group in stats.groups().values():
        items = "，".join(f"{row.label}{row.count}" for row in group["rows"])
        lines.append(f"{group['label']}共{group['total']}：{items}")
    return lines
