"""The government-term dictionary, synonyms and abbreviations.

They live as editable text files in `search/data/` (reviewed with the code) and,
for synonyms, also as rows administrators add in the admin (`SearchSynonym`).
Everything is normalised with the same `normalise()` as documents and queries.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .text import compact, word_list

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TERMS_FILE = DATA_DIR / "terms.txt"
SYNONYMS_FILE = DATA_DIR / "synonyms.txt"
ABBREVIATIONS_FILE = DATA_DIR / "abbreviations.txt"

# A law's short name is its full title without this prefix (劳动法 → 中华人民共和国劳动法).
NATIONAL_PREFIX = "中华人民共和国"


def _lines(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            yield line


@dataclass
class Dictionary:
    terms: dict[str, int] = field(default_factory=dict)       # word → frequency weight
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # word → other words of its groups
    abbreviations: dict[str, list[str]] = field(default_factory=dict)  # short → full names

    def add_synonym_group(self, words: list[str]) -> None:
        words = list(dict.fromkeys(words))
        if len(words) < 2:
            return
        for word in words:
            others = self.synonyms.setdefault(word, [])
            for other in words:
                if other != word and other not in others:
                    others.append(other)
            self.terms.setdefault(word, 5)

    def add_abbreviation(self, short: str, fulls: list[str]) -> None:
        targets = self.abbreviations.setdefault(short, [])
        for full in fulls:
            if full != short and full not in targets:
                targets.append(full)
            self.terms.setdefault(full, 5)
        self.terms.setdefault(short, 5)

    def expansions(self, word: str) -> list[str]:
        """Every other form of `word`: synonyms, full names, the national-law prefix."""
        out: list[str] = []
        for full in self.abbreviations.get(word, []):
            out.append(full)
        if word.endswith("法") and not word.startswith(NATIONAL_PREFIX) and 2 <= len(word) <= 12:
            for base in [word] + list(out):
                if base.endswith("法") and not base.startswith(NATIONAL_PREFIX):
                    out.append(NATIONAL_PREFIX + base)
        for base in [word] + list(out):
            out.extend(self.synonyms.get(base, []))
        seen = {word}
        return [w for w in out if not (w in seen or seen.add(w))]


def _load_files() -> Dictionary:
    d = Dictionary()
    for line in _lines(TERMS_FILE):
        parts = line.split()
        word = compact(parts[0])
        if not word:
            continue
        weight = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 5
        d.terms[word] = weight
    for line in _lines(SYNONYMS_FILE):
        d.add_synonym_group(word_list(line))
    for line in _lines(ABBREVIATIONS_FILE):
        words = word_list(line)
        if len(words) >= 2:
            d.add_abbreviation(words[0], words[1:])
    return d


def _load_admin_synonyms(d: Dictionary) -> None:
    """Merge synonym groups administrators maintain in the admin; the DB may not exist yet."""
    try:
        from django.db import transaction

        from search.models import SearchSynonym

        # A savepoint: a missing table must not break the caller's transaction (PostgreSQL).
        with transaction.atomic():
            groups = list(SearchSynonym.objects.filter(enabled=True).values_list("terms", flat=True))
        for terms in groups:
            d.add_synonym_group(word_list(terms))
    except Exception as exc:  # no table yet (before migrate), or no DB at all (scripts)
        log.debug("admin synonyms not loaded: %s", exc)


_lock = threading.Lock()
_cached: Dictionary | None = None
_stamp: object = None
_checked_at = 0.0
# How often a process looks for synonyms edited in the admin (one cheap query).
ADMIN_CHECK_SECONDS = 30


def _admin_stamp():
    try:
        from django.db import transaction
        from django.db.models import Count, Max

        from search.models import SearchSynonym

        with transaction.atomic():
            agg = SearchSynonym.objects.aggregate(n=Count("id"), last=Max("updated_at"))
        return (agg["n"], agg["last"])
    except Exception:
        return None


def get_dictionary() -> Dictionary:
    global _cached, _stamp, _checked_at
    with _lock:
        now = time.monotonic()
        if _cached is not None and now - _checked_at > ADMIN_CHECK_SECONDS:
            _checked_at = now
            if _admin_stamp() != _stamp:
                _cached = None
        if _cached is None:
            _checked_at = now
            _stamp = _admin_stamp()
            d = _load_files()
            _load_admin_synonyms(d)
            _cached = d
            _reset_segmenter()
        return _cached


def invalidate() -> None:
    """Drop the cached dictionary (after an administrator edits synonyms)."""
    global _cached
    with _lock:
        _cached = None


_segmenter = None


def _reset_segmenter():
    global _segmenter
    _segmenter = None


def segmenter():
    """An rjieba instance with our words added, kept apart from the global one."""
    global _segmenter
    d = get_dictionary()
    if _segmenter is None:
        import rjieba

        seg = rjieba.Jieba()
        for word in set(d.terms) | set(d.synonyms) | set(d.abbreviations):
            if len(word) >= 2:
                # A high frequency makes rjieba keep the term whole.
                seg.add_word(word, max(d.terms.get(word, 5), 1) * 2000, None)
        _segmenter = seg
    return _segmenter

