"""“您是不是要找”: homophone typo correction by pinyin against a vocabulary.

The vocabulary is the government-term dictionary plus the words of indexed
titles, so a suggestion always names something the site has. A query word is
treated as a typo only when it is unknown to that vocabulary, a known word
sounds (almost) the same, shares at least one character with it, and — when
the backend can count — the typed form is much rarer in the index than the
known one (条列 → 条例, 登计 → 登记, 权则 → 权责).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable

from pypinyin import Style, lazy_pinyin

from .text import compact, is_cjk_char

MIN_LEN, MAX_LEN = 2, 6
# A typed word counts as a typo only if the fix is this many times more frequent.
RARITY_RATIO = 20


def syllables(word: str) -> list[str]:
    return lazy_pinyin(word, style=Style.NORMAL, errors="ignore", strict=False)


def _initial(syl: str) -> str:
    for two in ("zh", "ch", "sh"):
        if syl.startswith(two):
            return two
    return syl[:1]


def _close(a: str, b: str) -> bool:
    """Same syllable, or one letter apart with the same initial (lie/li, zheng/zhen)."""
    if a == b:
        return True
    if _initial(a) != _initial(b) or abs(len(a) - len(b)) > 1:
        return False
    # Edit distance ≤ 1.
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class Vocabulary:
    """Known words with a frequency; indexed by the initials of their pinyin."""

    def __init__(self, words: dict[str, int] | None = None):
        self.freq: Counter[str] = Counter()
        self._by_key: dict[tuple[str, ...], list[str]] = {}
        self._syl: dict[str, list[str]] = {}
        self._substrings: set[str] = set()
        for word, weight in (words or {}).items():
            self.add(word, weight)

    def add(self, word: str, weight: int = 1) -> None:
        if not (MIN_LEN <= len(word) <= MAX_LEN) or not all(is_cjk_char(c) for c in word):
            return
        if word not in self.freq:
            syl = syllables(word)
            if len(syl) != len(word):
                return
            self._syl[word] = syl
            self._by_key.setdefault(tuple(_initial(s) for s in syl), []).append(word)
        self.freq[word] += weight

    def add_titles(self, titles: Iterable[str], segment: Callable[[str], list[str]]) -> None:
        for title in titles:
            text = compact(title)
            for word in segment(text):
                self.add(word)
            # Every 2–4 character stretch of a title is "known": never a typo.
            for n in (2, 3, 4):
                for i in range(len(text) - n + 1):
                    self._substrings.add(text[i:i + n])

    def __contains__(self, word: str) -> bool:
        return word in self.freq or word in self._substrings

    def corrections(self, word: str) -> list[str]:
        """Known words that sound like `word`, most frequent first."""
        if not (MIN_LEN <= len(word) <= MAX_LEN) or word in self:
            return []
        if not all(is_cjk_char(c) for c in word):
            return []
        syl = syllables(word)
        if len(syl) != len(word):
            return []
        found = []
        for cand in self._by_key.get(tuple(_initial(s) for s in syl), []):
            csyl = self._syl[cand]
            same_chars = sum(a == b for a, b in zip(word, cand))
            if same_chars == 0 or same_chars == len(word):
                continue
            if len(word) - same_chars > max(1, len(word) // 2):
                continue
            if all(_close(a, b) for a, b in zip(syl, csyl)):
                found.append(cand)
        found.sort(key=lambda w: (-self.freq[w], w))
        return found


def correct(word: str, vocabulary: Vocabulary, count: Callable[[str], int] | None = None) -> str | None:
    """The best correction of `word`, or None if it doesn't look like a typo."""
    for cand in vocabulary.corrections(word)[:3]:
        if count is None:
            return cand
        typed, fixed = count(word), count(cand)
        if fixed > 0 and typed * RARITY_RATIO < fixed:
            return cand
    return None


# ---------------------------------------------------------------- default vocabulary

_lock = threading.Lock()
_default: tuple[float, Vocabulary] | None = None
TTL_SECONDS = 600


def build_vocabulary(titles: Iterable[str] = ()) -> Vocabulary:
    from .dictionary import get_dictionary, segmenter

    d = get_dictionary()
    vocab = Vocabulary()
    seg = segmenter()
    for word, weight in d.terms.items():
        vocab.add(word, weight)
        for part in seg.cut_for_search(word):
            vocab.add(part, 1)
    vocab.add_titles(titles, lambda text: seg.cut_for_search(text))
    return vocab


def _live_page_titles() -> list[str]:
    try:
        from django.db import transaction
        from wagtail.models import Page

        with transaction.atomic():
            return list(Page.objects.live().filter(depth__gt=2).values_list("title", flat=True))
    except Exception:  # no database (plain scripts) or tables not created yet
        return []


def default_vocabulary() -> Vocabulary:
    """Dictionary words plus the titles of live pages, rebuilt every few minutes."""
    global _default
    with _lock:
        now = time.monotonic()
        if _default is None or now - _default[0] > TTL_SECONDS:
            _default = (now, build_vocabulary(_live_page_titles()))
        return _default[1]


def invalidate_default_vocabulary() -> None:
    global _default
    with _lock:
        _default = None
