"""Text normalisation shared by indexing and querying.

Everything that reaches an index, and every query, passes through
`normalise()` first, so full-width digits, bracket forms of 文号 and letter
case can never make the two sides disagree.
"""

from __future__ import annotations

import re
import unicodedata

# The 文号 bracket rule belongs to the content model; search applies the same one so that a
# query typed with any bracket finds the stored 〔〕 form.
from disclosure.doc_numbers import standard_year_brackets

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\ufff0-\uffff]")
_SPACES = re.compile(r"\s+")
# CJK ideographs (incl. extension A and compatibility ideographs) and 〇.
CJK_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{CJK_CLASS}]")
# What an index token is made of besides CJK ideographs.
_WORDISH = re.compile(f"[{CJK_CLASS}]|[0-9a-z]+")


def _surrogate_safe(text: str) -> str:
    # Lone surrogates (possible from broken input) can't be encoded for SQLite or HTTP.
    return text.encode("utf-8", "replace").decode("utf-8")


def normalise(text: str | None) -> str:
    """NFKC, one 文号 bracket form, lowercase, no control chars, single spaces."""
    if not text:
        return ""
    text = _surrogate_safe(str(text))
    # The quick check is much cheaper than NFKC on text that is already clean.
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)
    text = standard_year_brackets(text)
    text = text.lower()
    return _SPACES.sub(" ", text).strip()


def normalise_doc_number(value: str | None) -> str:
    """The exact-match search key of a 文号 / 令号: normalised, lowercased, without any spaces.

    武政发[2024]3号, 武政发（2024）3号 and 武政发〔２０２４〕３号 all give 武政发〔2024〕3号.
    """
    text = normalise(value)
    text = text.replace(" ", "")
    # A stray 第 before a 文号 serial (〔2024〕第3号) is a common variant of 〔2024〕3号.
    text = re.sub(r"(〔\d{4}〕)第(\d+号)", r"\1\2", text)
    return text


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def is_cjk_char(char: str) -> bool:
    return bool(_CJK.fullmatch(char))


def spaced(text: str) -> str:
    """Index form: normalised text with every CJK ideograph as its own token.

    Only tokens are kept (punctuation separates nothing a phrase query could
    see), so a phrase of single characters matches any word, known or not,
    across punctuation the citizen left out.
    """
    return " ".join(tokens(normalise(text)))


def tokens(text: str) -> list[str]:
    """The tokens of already-normalised text: single ideographs and ASCII letter/digit runs."""
    return _WORDISH.findall(text)


def join_tokens(toks: list[str]) -> str:
    out: list[str] = []
    for tok in toks:
        # Two ASCII runs in a row must stay apart (pm 2 ≠ pm2); ideographs join.
        if out and tok.isascii() and out[-1][-1:].isascii():
            out.append(" ")
        out.append(tok)
    return "".join(out)


def compact(text: str) -> str:
    """Normalised text reduced to its tokens, without separators.

    Used to compare a phrase with a title the way a phrase query would:
    punctuation and spaces don't count.
    """
    return join_tokens(tokens(normalise(text)))


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_numeral_to_int(text: str) -> int | None:
    """七十三 → 73, 一百零五 → 105, 二〇二二 → 2022 (digit by digit); None if not a numeral."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    if not any(c in _CN_UNITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        else:
            total += (current or 1) * _CN_UNITS[char]
            current = 0
    return total + current


def word_list(line: str) -> list[str]:
    """The words of one dictionary or synonym line, separated by spaces or commas (either width)."""
    parts = line.replace("，", ",").replace(",", " ").split()
    return [w for w in (compact(p) for p in parts) if w]
