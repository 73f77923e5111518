"""The “您是不是要找” vocabulary of a backend: dictionary words plus its indexed titles.

Building it reads up to MAX_VOCABULARY_TITLES titles from the index, so each process keeps it
for VOCABULARY_TTL seconds per key (the backend chooses the key: what identifies its index).
Both backends use one `VocabularyCache` each.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from search.analysis import build_vocabulary
from search.analysis.suggest import Vocabulary

VOCABULARY_TTL = 300
MAX_VOCABULARY_TITLES = 20000


class VocabularyCache:
    def __init__(self, *, keys_kept: int):
        # Past `keys_kept` keys the cache starts again: a key is an index generation or a test's
        # alias, and production searches one index.
        self.keys_kept = keys_kept
        self._lock = threading.Lock()
        self._entries: dict[Hashable, tuple[float, Vocabulary]] = {}

    def get(self, key: Hashable, titles: Callable[[], list[str]]) -> Vocabulary:
        """The vocabulary for `key`, built from `titles()` when missing or older than the TTL."""
        now = time.monotonic()
        with self._lock:
            cached = self._entries.get(key)
            if cached and now - cached[0] < VOCABULARY_TTL:
                return cached[1]
        vocabulary = build_vocabulary(titles())
        with self._lock:
            if len(self._entries) >= self.keys_kept:
                self._entries.clear()
            self._entries[key] = (now, vocabulary)
        return vocabulary

    def forget(self, key: Hashable) -> None:
        """Titles changed in this process: the next search rebuilds (other processes: the TTL)."""
        with self._lock:
            self._entries.pop(key, None)
