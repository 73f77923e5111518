"""Highlighted snippets: escaped text with <em>…</em> around the query's words.

Works on normalised text, so a term matches whatever width or bracket form the
document used. Everything outside the <em> tags is HTML-escaped.
"""

from __future__ import annotations

import re
from html import escape

from .analysis import normalise

SNIPPET_CHARS = 120


def _term_pattern(terms: list[str]) -> re.Pattern | None:
    # Longest first, so 醉酒驾驶 wins over 醉酒; ASCII terms may span a space (pm 2).
    parts = [re.escape(t).replace(r"\ ", r"\s?") for t in sorted(set(terms), key=len, reverse=True) if t]
    if not parts:
        return None
    return re.compile("|".join(parts))


def highlight(text: str, terms: list[str], length: int = SNIPPET_CHARS) -> str:
    """A window of `text` around the densest hit, escaped, with hits in <em>."""
    text = normalise(text)
    if not text:
        return ""
    pattern = _term_pattern(terms)
    matches = list(pattern.finditer(text)) if pattern else []
    if not matches:
        return escape(text[:length]) + ("…" if len(text) > length else "")
    # Start at the hit whose window covers the most distinct terms.
    best, best_score = matches[0].start(), -1
    for m in matches[:200]:
        window_end = m.start() + length
        found = {x.group(0) for x in matches if m.start() <= x.start() < window_end}
        if len(found) > best_score:
            best, best_score = m.start(), len(found)
    start = max(0, best - 20)
    # Begin at a sentence or clause boundary when one is near.
    boundary = max(text.rfind(p, start, best) for p in "。；;，, ")
    if boundary >= 0 and best - boundary <= 20:
        start = boundary + 1
    end = min(len(text), start + length)
    out = ["…" if start > 0 else ""]
    pos = start
    for m in pattern.finditer(text, start, end):
        if m.end() > end:
            break
        out.append(escape(text[pos:m.start()]))
        out.append(f"<em>{escape(m.group(0))}</em>")
        pos = m.end()
    out.append(escape(text[pos:end]))
    if end < len(text):
        out.append("…")
    return "".join(out)
