"""Second-stage ranking of the embedded engine's candidates.

bm25 alone ranks a long regulation that mentions 劳动法 forty times above
《中华人民共和国劳动法》 itself. Citizens mostly look for a document by what
its title says, so the rerank adds evidence from the title (coverage of the
query's segments, the whole query as a phrase, an exact title), an exact
文号/令号 key, the whole query as a phrase anywhere, and a slight preference
for the newest version of a document. The weights are general, not tuned
to particular queries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search.analysis import AnalysedQuery, compact
from search.analysis.dictionary import NATIONAL_PREFIX

# A trailing version note in a title: (2018年修正), （试行）, [失效]…
_VERSION_NOTE = re.compile(r"[(\[（【][^()\[\]（）【】]{0,20}[)\]）】]$")

W_EXACT_DOC_NUMBER = 100.0
W_EXACT_TITLE = 40.0
W_TITLE_PHRASE = 20.0
W_TITLE_COVERAGE = 30.0
W_PHRASE_ANYWHERE = 12.0
W_ALL_SEGMENTS = 15.0
W_BM25 = 10.0
W_CONCISE = 6.0
W_PROXIMITY = 8.0
W_RECENT = 1.5


@dataclass
class Candidate:
    page_id: int
    bm25: float                    # positive, larger is better
    title: str
    date: str | None               # ISO date
    exact_doc_number: bool = False
    phrase_anywhere: bool = False
    matched_segments: int = 0


def title_core(title: str) -> str:
    """The compact title without the national prefix or a trailing version note."""
    text = compact(_VERSION_NOTE.sub("", (title or "").strip()))
    if text.startswith(NATIONAL_PREFIX):
        text = text[len(NATIONAL_PREFIX):]
    return text


def _strip_prefix(text: str) -> str:
    return text[len(NATIONAL_PREFIX):] if text.startswith(NATIONAL_PREFIX) else text


def exact_title_forms(aq: AnalysedQuery) -> set[str]:
    """What the whole query may spell as a title: as typed, or with a one-segment expansion."""
    forms = {_strip_prefix(aq.phrase)}
    if len(aq.segments) == 1:
        forms |= {_strip_prefix(a) for a in aq.segments[0].alternatives}
    # A corrected typo spells the title too.
    if any(s.corrected for s in aq.segments):
        forms.add(_strip_prefix("".join(s.corrected or s.text for s in aq.segments)))
    return {f for f in forms if f}


def _proximity(segments, title: str) -> float:
    """How tightly the segments sit together in the title: matched chars / span (0–1]."""
    spans = []
    for seg in segments:
        found = [(title.find(a), len(a)) for a in seg.alternatives if a in title]
        if found:
            spans.append(min(found))
    if len(spans) < 2:
        return 0.0
    start = min(p for p, _ in spans)
    end = max(p + n for p, n in spans)
    return min(1.0, sum(n for _, n in spans) / max(1, end - start))


def score(aq: AnalysedQuery, cand: Candidate, max_bm25: float, forms: set[str]) -> float:
    required = aq.required
    title = compact(cand.title)
    core = title_core(cand.title)
    s = 0.0
    if cand.exact_doc_number:
        s += W_EXACT_DOC_NUMBER
    if core in forms:
        s += W_EXACT_TITLE
    whole = aq.phrase
    if whole and whole in title:
        s += W_TITLE_PHRASE
    if required:
        covered = sum(1 for seg in required if any(a in title for a in seg.alternatives))
        s += W_TITLE_COVERAGE * covered / len(required)
        s += W_ALL_SEGMENTS * min(cand.matched_segments, len(required)) / len(required)
        # Titles that say little besides the query are what a known-item search wants.
        if covered == len(required) and core:
            s += W_CONCISE * min(1.0, len(whole) / len(core))
            if len(required) > 1:
                s += W_PROXIMITY * _proximity(required, title)
    if cand.phrase_anywhere:
        s += W_PHRASE_ANYWHERE
    if max_bm25 > 0:
        s += W_BM25 * cand.bm25 / max_bm25
    if cand.date:
        try:
            year = int(cand.date[:4])
            s += W_RECENT * max(0.0, min(1.0, (year - 1980) / 45))
        except ValueError:
            pass
    return s


def rerank(aq: AnalysedQuery, candidates: list[Candidate]) -> list[Candidate]:
    if not candidates:
        return []
    max_bm25 = max(c.bm25 for c in candidates)
    forms = exact_title_forms(aq)
    scored = [(score(aq, c, max_bm25, forms), c) for c in candidates]
    scored.sort(key=lambda sc: (-sc[0], -(sc[1].bm25), sc[1].page_id))
    return [c for _, c in scored]
