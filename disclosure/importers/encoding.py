"""Decode saved pages whose encoding is UTF-8, GBK/GB2312/GB18030 or Big5 — declared or not,
and sometimes declared wrongly (a page saying charset=utf-8 while its bytes are GBK)."""

import re

from charset_normalizer import from_bytes

from disclosure.importers.records import ImportRecordError

DECLARED_RE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# GBK and GB2312 are subsets of GB18030: decoding with the superset loses nothing.
ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
           "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "utf8": "utf-8"}
CANDIDATES = ["gb18030", "big5hkscs"]


def declared_charset(data):
    match = DECLARED_RE.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    return ALIASES.get(name, name)


def looks_binary(data):
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(sample) > 0.01


def decode_bytes(data):
    """Return (text, encoding). Raises ImportRecordError for binary or undecodable input."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if looks_binary(data):
        raise ImportRecordError("文件是二进制内容，不是网页或文本")
    # Valid UTF-8 of any length is practically never GBK or Big5 by accident, so it wins even
    # over a declared GBK (pages re-saved by a newer CMS keep their old meta tag).
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared and declared not in ("utf-8", "utf-16"):
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None:
        raise ImportRecordError("无法识别文件编码（既不是 UTF-8，也不是 GBK/GB18030 或 Big5），可能是二进制内容")
    return str(best), best.encoding
