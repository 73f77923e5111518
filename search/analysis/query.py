"""Query analysis: the `AnalysedQuery` both backends turn into native queries.

A query is normalised, split into chunks at the citizen's spaces, and each
chunk is segmented (rjieba + the government-term dictionary). Each segment
carries its alternatives — itself, synonyms, abbreviation expansions and a
homophone correction — which a backend ORs together; segments are ANDed, and
the whole query as one phrase (`phrase`) is boosted. Runs of single characters
that the segmenter couldn't place (unknown words such as 接诉即办) are kept
together as one segment so they are matched as a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .dictionary import NATIONAL_PREFIX, get_dictionary, segmenter
from .suggest import Vocabulary, correct, default_vocabulary
from .text import (
    CJK_CLASS,
    chinese_numeral_to_int,
    compact,
    is_cjk_char,
    join_tokens,
    normalise,
    tokens,
)

MAX_QUERY_CHARS = 200
MAX_SEGMENTS = 24
MAX_ALTERNATIVES = 8
# Function words that carry no meaning alone: matched inside phrases, never required.
STOP_CHARS = set("的了和与及或之在是对把被为以于等从向将并而且其")


@dataclass(frozen=True)
class Segment:
    text: str                          # compact normalised form (see text.compact)
    alternatives: tuple[str, ...]      # text first, then other forms, all compact
    chunk: int = 0                     # index of the space-separated part it came from
    optional: bool = False             # a lone function word: never required
    corrected: str | None = None       # homophone fix, also among alternatives

    @property
    def is_cjk(self) -> bool:
        return any(is_cjk_char(c) for c in self.text)


@dataclass(frozen=True)
class DocNumber:
    """A 文号 (武政发〔2024〕3号) or 令号 (国务院令第721号) typed in a query."""

    text: str                          # normalised exact form as typed
    issuer: str                        # 武政发 / 国务院 (may be "")
    serial: int
    year: int | None = None            # 文号 only
    keys: tuple[str, ...] = ()         # exact-match keys, see doc_number_keys()


@dataclass
class AnalysedQuery:
    raw: str
    text: str                          # normalised, truncated
    chunks: list[str] = field(default_factory=list)   # compact, one per space-separated part
    segments: list[Segment] = field(default_factory=list)
    doc_numbers: list[DocNumber] = field(default_factory=list)
    suggestion: str | None = None      # corrected query for “您是不是要找”

    @property
    def phrase(self) -> str:
        """The whole query as one phrase (chunks joined), for the phrase boost."""
        return join_tokens([t for chunk in self.chunks for t in tokens(chunk)])

    @property
    def is_empty(self) -> bool:
        return not self.segments

    @property
    def required(self) -> list[Segment]:
        req = [s for s in self.segments if not s.optional]
        return req or list(self.segments)

    @property
    def doc_number_keys(self) -> list[str]:
        return list(dict.fromkeys(k for dn in self.doc_numbers for k in dn.keys))

    def terms(self) -> list[str]:
        """Every alternative of every segment, for highlighting."""
        return list(dict.fromkeys(a for s in self.segments for a in s.alternatives))


# ---------------------------------------------------------------- 文号 / 令号

_NUM = r"(\d+|[零〇一二两三四五六七八九十百千]+)"
_ISSUER = f"([{CJK_CLASS}、]{{0,40}}?)"
_FILE_NO = re.compile(f"{_ISSUER}〔(\\d{{4}})〕第?{_NUM}号")
_ORDER_NO = re.compile(f"{_ISSUER}令第?{_NUM}号")
_LEAD_NOISE = re.compile(r"^(?:根据|依据|按照|以|经|和|及|第[^令]*?号)+")


def _serial(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return chinese_numeral_to_int(text)


def _issuer_forms(issuer: str) -> list[str]:
    issuer = _LEAD_NOISE.sub("", issuer)
    forms = [issuer]
    if issuer.startswith(NATIONAL_PREFIX):
        forms.append(issuer[len(NATIONAL_PREFIX):])
    d = get_dictionary()
    for form in list(forms):
        forms.extend(d.synonyms.get(form, []))
        forms.extend(d.abbreviations.get(form, []))
    return [f for f in dict.fromkeys(forms)]


def find_doc_numbers(text: str, issuer_suffixes: bool = False) -> list[DocNumber]:
    """Every 文号 and 令号 in normalised `text`, each with its exact-match keys.

    With `issuer_suffixes` (index side) every tail of the issuer is a key too, so
    a header's 中华人民共和国国务院令第721号 answers a query for 国务院令第721号.
    """
    found: list[DocNumber] = []

    def issuers(raw: str) -> list[str]:
        forms = _issuer_forms(raw)
        if issuer_suffixes:
            forms += [raw[i:] for i in range(len(raw) - 1) if len(raw) - i <= 24]
        return list(dict.fromkeys(forms))

    for match in _FILE_NO.finditer(text):
        serial = _serial(match.group(3))
        if serial is None:
            continue
        year = int(match.group(2))
        keys = tuple(f"{iss}〔{year}〕{serial}号" for iss in issuers(match.group(1)))
        found.append(DocNumber(match.group(0), match.group(1), serial, year, keys))
    for match in _ORDER_NO.finditer(text):
        serial = _serial(match.group(2))
        if serial is None:
            continue
        keys = tuple(f"{iss}令第{serial}号" for iss in issuers(match.group(1)))
        found.append(DocNumber(match.group(0), match.group(1), serial, None, keys))
    return found


def doc_number_keys(*values: str) -> list[str]:
    """Index side: the exact-match keys of a page's 文号 / 令号 (doc_number, header…)."""
    keys: list[str] = []
    for value in values:
        for dn in find_doc_numbers(normalise(value), issuer_suffixes=True):
            keys.extend(dn.keys)
    return list(dict.fromkeys(k for k in keys if k))


# ---------------------------------------------------------------- segmentation

def _segment_chunk(chunk: str) -> list[str]:
    """Words of one compact chunk; runs of unplaced single characters stay together."""
    seg = segmenter()
    words: list[str] = []
    for tok_run in re.findall(f"[{CJK_CLASS}]+|[^{CJK_CLASS}]+", chunk):
        if not is_cjk_char(tok_run[0]):
            words.extend(t for t in tok_run.split(" ") if t)
            continue
        pending = ""
        for word in seg.cut(tok_run):
            if len(word) == 1 and word not in STOP_CHARS:
                pending += word
                continue
            if pending:
                words.append(pending)
                pending = ""
            words.append(word)
        if pending:
            words.append(pending)
    return words


def analyse(
    q: str | None,
    vocabulary: Vocabulary | None = None,
    count: Callable[[str], int] | None = None,
) -> AnalysedQuery:
    """Analyse a citizen's query. `count(phrase)` (optional) is the index's document frequency."""
    raw = q or ""
    text = normalise(raw)[:MAX_QUERY_CHARS]
    result = AnalysedQuery(raw=raw, text=text)
    if not text:
        return result
    d = get_dictionary()
    vocab = vocabulary if vocabulary is not None else default_vocabulary()
    result.doc_numbers = find_doc_numbers(text)
    result.chunks = [c for c in (compact(part) for part in text.split(" ")) if c]
    corrections: dict[str, str] = {}
    for index, chunk in enumerate(result.chunks):
        words = _segment_chunk(chunk)
        if len(words) > 1 and chunk not in vocab:
            # A typo can split a dictionary word (权则清单 → 权则 / 清单): fix the chunk whole.
            fixed_chunk = correct(chunk, vocab, count)
            if fixed_chunk:
                corrections[chunk] = fixed_chunk
                words = _segment_chunk(fixed_chunk)
        for word in words:
            if len(result.segments) >= MAX_SEGMENTS:
                break
            alternatives = [word] + d.expansions(word)
            fixed = None
            if word not in d.terms and word not in d.synonyms and word not in d.abbreviations:
                fixed = correct(word, vocab, count)
                if fixed:
                    corrections[word] = fixed
                    alternatives.append(fixed)
                    alternatives.extend(d.expansions(fixed))
            alternatives = list(dict.fromkeys(a for a in alternatives if a))[:MAX_ALTERNATIVES]
            optional = len(word) == 1 and word in STOP_CHARS
            result.segments.append(Segment(word, tuple(alternatives), index, optional, fixed))
    if corrections:
        suggestion = text
        for typed, fixed in corrections.items():
            suggestion = suggestion.replace(typed, fixed)
        result.suggestion = suggestion if suggestion != text else None
    return result
