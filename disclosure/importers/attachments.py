"""Attachments saved beside a legacy page become Wagtail documents.

A migrated page whose 附件 still point at the old site has dead links the day that site is
switched off, and auditors count dead links. When the saved page's folder holds the file (see
`legacy_html.local_attachment_files`), the file is copied into a Wagtail document and the link
becomes a rich-text document link, which Wagtail renders as /documents/<id>/<name> and tracks in
its reference index. The same file imported twice (a re-import, or two pages sharing an
attachment) is one document, found by its SHA-1 like Wagtail's own duplicate check.
"""

import re
from html import unescape
from urllib.parse import unquote

from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from disclosure.file_types import file_problem

LINK_RE = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
TAG_RE = re.compile(r"<[^>]+>")


def document_for_file(path, title, collection=None):
    """The document holding the file at `path`: an existing one with the same content, else a new
    one in `collection` (the publishing department's; the root collection when None). None when
    the file's real type may not be published (`legacy_html.local_attachment_files` already leaves
    such files out; this is the last gate before a document exists)."""
    if file_problem(path):
        return None
    Document = get_document_model()
    with open(path, "rb") as handle:
        digest = hash_filelike(handle)
    existing = Document.objects.filter(file_hash=digest).order_by("pk").first()
    if existing is not None:
        return existing
    document = Document(title=(title or path.stem)[:255])
    if collection is not None:
        document.collection = collection
    with open(path, "rb") as handle:
        document.file.save(path.name, File(handle), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def link_local_attachments(blocks, local_files, collection=None):
    """Stream data with each link to a saved attachment turned into a document link.
    Runs inside the record's transaction: a failing record leaves no document row behind."""
    wanted = {unquote(url): path for url, path in local_files.items()}
    documents = {}

    def replace(match):
        path = wanted.get(unquote(unescape(match.group(1))))
        if path is None:
            return match.group(0)
        text = match.group(2)
        if path not in documents:
            documents[path] = document_for_file(path, unescape(TAG_RE.sub("", text)).strip(), collection)
        if documents[path] is None:
            return match.group(0)
        return f'<a linktype="document" id="{documents[path].pk}">{text}</a>'

    linked = []
    for block in blocks:
        if block["type"] == "paragraph" and isinstance(block["value"], str) and "<a" in block["value"]:
            block = {**block, "value": LINK_RE.sub(replace, block["value"])}
        linked.append(block)
    return linked
