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


_WIDEN = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_NARROW_PUNCT = re.compile(r"(?<=[\u3400-\u9fff])[,;:!?()]|[,;:!?()](?=[\u3400-\u9fff])")


def _widen(text: str) -> str:
    """NFKC made Chinese punctuation half-width; give it back its width next to Chinese."""
    return _NARROW_PUNCT.sub(lambda m: _WIDEN[m.group(0)], text)


def _best_start(matches: list[re.Match], length: int) -> int:
    """Start of the window of `length` chars holding the most distinct terms (two pointers)."""
    counts: dict[str, int] = {}
    best, best_score, left = matches[0].start(), 0, 0
    for _right, m in enumerate(matches):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
        while matches[left].start() < m.start() - length + len(m.group(0)):
            term = matches[left].group(0)
            counts[term] -= 1
            if not counts[term]:
                del counts[term]
            left += 1
        if len(counts) > best_score:
            best, best_score = matches[left].start(), len(counts)
    return best


def highlight(text: str, terms: list[str], length: int = SNIPPET_CHARS, normalised: bool = False) -> str:
    """A window of `text` around the densest hits, escaped, with hits in <em>.

    Pass `normalised=True` when `text` already went through `normalise()` (the
    embedded index stores it that way), which saves normalising long bodies.
    """
    if not normalised:
        text = normalise(text)
    if not text:
        return ""
    pattern = _term_pattern(terms)
    matches = []
    if pattern:
        for m in pattern.finditer(text):
            matches.append(m)
            if len(matches) >= 500:
                break
    if not matches:
        return escape(_widen(text[:length])) + ("…" if len(text) > length else "")
    best = _best_start(matches, length)
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
        out.append(escape(_widen(text[pos:m.start()])))
        out.append(f"<em>{escape(m.group(0))}</em>")
        pos = m.end()
    out.append(escape(_widen(text[pos:end])))
    if end < len(text):
        out.append("…")
    return "".join(out)
