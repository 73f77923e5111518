"""Cached responses and their generation tokens, on Django's cache framework.

An entry is keyed by scheme, host, path, query string and 长者模式 variant. It is valid only while
the generation tokens it was stored with are still current: one per exact path (`p:`, which also
covers every query string of that path) and one per path prefix (`t:`, a subtree; `t:/` is the
whole site). A purge writes new tokens, so it never has to know which query strings or variants
were cached, and a render that began before a purge is stored under the old tokens and never
served. Every operation tolerates a failing backend: the caller renders instead.
"""

import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger("pagecache")

ENTRY_PREFIX = "pc:e:"
PATH_PREFIX = "pc:p:"
TREE_PREFIX = "pc:t:"
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


def lookup(key, gen_keys):
    """Return (entry or None, {gen key: token}); raises when the backend fails."""
    found = backend().get_many([key] + gen_keys)
    tokens = {gen: found.get(gen) for gen in gen_keys}
    entry = found.get(key)
    if entry is not None and entry.get("gens") == [tokens[gen] for gen in gen_keys]:
        return entry, tokens
    return None, tokens


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


def save(key, gen_keys, tokens, entry, timeout):
    entry["gens"] = [tokens[gen] for gen in gen_keys]
    backend().set(key, entry, timeout=timeout)


def purge(exact_paths=(), tree_paths=()):
    """New tokens for these paths (every query string and variant) and subtrees."""
    tokens = {path_key(path): uuid.uuid4().hex for path in exact_paths}
    tokens.update({tree_key(path): uuid.uuid4().hex for path in tree_paths})
    if tokens:
        backend().set_many(tokens, timeout=None)
    return len(tokens)


def purge_everything():
    return purge(tree_paths=["/"])
