"""Plain-text pages in the seed's shape (breadcrumb, title, 来源/作者/更新时间, body, 落款).

Parsing is the foundation's `seed_text.parse_seed_text`; this module only turns its result into
an ImportRecord (kind from the breadcrumb or the title, publisher from the metadata or the 落款).
"""

from pathlib import Path

from disclosure.doc_numbers import normalise_doc_number
from disclosure.importers.encoding import decode_bytes
from disclosure.importers.kinds import guess_kind
from disclosure.importers.records import (
    ImportRecord,
    ImportRecordError,
    check_body,
    normalise_validity,
    parse_when,
)


def record_from_text(text, *, kind=None, max_body_chars):
    from disclosure.importers.seed_text import parse_seed_text

    check_body(text, max_body_chars)
    parsed = parse_seed_text(text)
    if not parsed.title:
        raise ImportRecordError("没有找到标题（第一行应为标题）")
    meta = parsed.metadata
    published_at = parse_when(meta.get("published_at"), "发布时间") or parsed.updated_at
    signature = parsed.signature
    publisher = meta.get("publisher") or (signature["organisation"] if signature else "")
    written = parsed.written_on
    return ImportRecord(
        title=parsed.title[:255],
        kind=guess_kind(breadcrumb=parsed.breadcrumb, title=parsed.title, hint=kind),
        blocks=parsed.blocks,
        site=parsed.source[:100],
        author=parsed.author[:100],
        publisher=publisher[:100],
        published_at=published_at,
        written_on=written,
        updated_at=parsed.updated_at,
        doc_number=normalise_doc_number(meta.get("doc_number", ""))[:100],
        index_number=meta.get("index_number", "")[:60],
        subject=meta.get("subject", "")[:50],
        validity=normalise_validity(meta.get("validity")),
        breadcrumb=parsed.breadcrumb,
    )


def read_text_page(path, *, kind=None, max_body_chars):
    text, _encoding = decode_bytes(Path(path).read_bytes())
    return record_from_text(text, kind=kind, max_body_chars=max_body_chars)
