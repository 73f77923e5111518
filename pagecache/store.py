"""Cached responses and their generation tokens, on Django's cache framework.

An entry is keyed by scheme, host, path, query string and 长者模式 variant. It is valid only while
the generation tokens it was stored with are still current: one per exact path (`p:`, which also
covers every query string of that path) and one per path prefix (`t:`, a subtree; `t:/` is the
whole site). A purge drops the tokens, so it never has to know which query strings or variants
were cached, and a render that began before a purge is stored under the old tokens and never
served. Every operation tolerates a failing backend: the caller renders instead.

Each process also keeps the entries it served last in memory, tagged with the purge epoch (`pc:epoch`,
rewritten by every purge after the tokens). While the epoch is unchanged no token can have changed,
so a hit costs one small read of the shared cache instead of one per token plus the entry.
"""

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger("pagecache")

ENTRY_PREFIX = "pc:e:"
PATH_PREFIX = "pc:p:"
TREE_PREFIX = "pc:t:"
EPOCH_KEY = "pc:epoch"
MAX_PATH_SEGMENTS = 12

_down_until = 0.0


def backend():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "pages")]


def _digest(text):
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def path_key(path):
    return PATH_PREFIX + _digest(path)


def tree_key(path):
    return TREE_PREFIX + _digest(path)


def path_prefixes(path):
    """'/a/b/c/' -> ['/', '/a/', '/a/b/', '/a/b/c/']; a file-like last segment is no prefix."""
    segments = [segment for segment in path.split("/") if segment]
    prefixes = ["/"]
    last = len(segments) if path.endswith("/") else len(segments) - 1
    for index in range(1, last + 1):
        prefixes.append("/" + "/".join(segments[:index]) + "/")
    return prefixes


def generation_keys(path):
    return [path_key(path)] + [tree_key(prefix) for prefix in path_prefixes(path)]


def entry_key(scheme, host, path, query, variant):
    return ENTRY_PREFIX + _digest("\n".join((scheme, host, path, query, variant)))


def available():
    return time.monotonic() >= _down_until


def mark_down(operation):
    """Stop using the backend for a few seconds, so an outage costs one failed call, not one
    per request (a blackholed Redis would otherwise add its timeout to every page)."""
    global _down_until
    _down_until = time.monotonic() + getattr(settings, "PAGE_CACHE_RETRY_AFTER", 5)
    logger.warning("page cache backend failed during %s; rendering without it", operation, exc_info=True)


class LocalEntries:
    """A small per-process LRU of (entry, epoch) by entry key."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = OrderedDict()

    def get(self, key, epoch):
        with self.lock:
            item = self.items.get(key)
            if item is None or epoch is None or item[1] != epoch:
                return None
            self.items.move_to_end(key)
            return item[0]

    def put(self, key, entry, epoch):
        size = getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 200)
        if epoch is None or size <= 0:
            return
        with self.lock:
            self.items[key] = (entry, epoch)
            self.items.move_to_end(key)
            while len(self.items) > size:
                self.items.popitem(last=False)

    def clear(self):
        with self.lock:
            self.items.clear()


local_entries = LocalEntries()


class Lookup:
    def __init__(self, key, gen_keys):
        self.key, self.gen_keys = key, gen_keys
        self.epoch = None
        self.tokens = None

    def find(self):
        """The valid entry for the key, or None; raises when the backend fails."""
        cache = backend()
        self.epoch = cache.get(EPOCH_KEY)
        entry = local_entries.get(self.key, self.epoch)
        if entry is not None:
            return entry
        found = cache.get_many([self.key] + self.gen_keys)
        self.tokens = {gen: found.get(gen) for gen in self.gen_keys}
        entry = found.get(self.key)
        if entry is not None and entry.get("gens") == [self.tokens[gen] for gen in self.gen_keys]:
            local_entries.put(self.key, entry, self.epoch)
            return entry
        # Tokens are fixed before the page is rendered, never after: a purge that lands during the
        # render then always leaves this entry behind.
        ensure_tokens(self.tokens)
        return None

    def save(self, entry, timeout):
        if self.epoch is None:
            # No epoch yet (a new or emptied cache): one, so that memory copies can be checked.
            self.epoch = uuid.uuid4().hex
            if not backend().add(EPOCH_KEY, self.epoch, timeout=None):
                self.epoch = None
        entry["gens"] = [self.tokens[gen] for gen in self.gen_keys]
        backend().set(self.key, entry, timeout=timeout)
        local_entries.put(self.key, entry, self.epoch)


def ensure_tokens(tokens):
    """Give every missing generation a token. A token is never absent while entries carry it:
    if one is evicted, a fresh token replaces it and the old entries stop matching."""
    cache = backend()
    for gen, value in tokens.items():
        if value is None:
            token = uuid.uuid4().hex
            if cache.add(gen, token, timeout=None):
                tokens[gen] = token
            else:
                # Another process added one first; if it vanished meanwhile the entry will just miss.
                tokens[gen] = cache.get(gen) or uuid.uuid4().hex
    return tokens


def purge(exact_paths=(), tree_paths=()):
    """Drop the tokens of these paths (every query string and variant) and subtrees: entries carry
    the old tokens, and the next request makes new ones. Deleting instead of writing new tokens
    creates nothing for paths nobody has visited."""
    keys = [path_key(path) for path in exact_paths] + [tree_key(path) for path in tree_paths]
    if keys:
        cache = backend()
        cache.delete_many(keys)
        # The epoch after the tokens: a process that sees the new epoch no longer finds the old tokens.
        cache.set(EPOCH_KEY, uuid.uuid4().hex, timeout=None)
    return len(keys)


def purge_everything():
    return purge(tree_paths=["/"])
