"""Walk a page's editable content as (field label, text) pairs, attachments included."""

import io
import re
import unicodedata
import zipfile
from html import unescape

from django.db import models
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

# Page fields that are bookkeeping, not content an editor writes.
SKIPPED_FIELDS = {
    "slug", "url_path", "path", "draft_title", "live_revision", "index_number", "original_url",
    "source_id", "locked_by", "owner", "content_type", "locale", "translation_key", "alias_of",
}
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024


def normalise(text):
    """Full-width digits and letters become ASCII so １３８… is caught like 138…"""
    return unicodedata.normalize("NFKC", text or "")


def html_to_text(html):
    return unescape(strip_tags(re.sub(r"<(br|/p|/li|/h\d|/td|/tr)[^>]*>", "\n", html or "")))


def document_text(document):
    """Plain text of an uploaded .txt/.csv/.docx/.pdf document; empty for anything else."""
    name = (document.file.name or "").lower()
    try:
        if document.file.size > ATTACHMENT_MAX_BYTES:
            return ""
        with document.file.open("rb") as fh:
            data = fh.read()
    except (OSError, ValueError):
        return ""
    if name.endswith((".txt", ".csv")):
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else ""
    if name.endswith(".docx"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                xml = archive.read("word/document.xml").decode("utf-8", "replace")
        except (zipfile.BadZipFile, KeyError):
            return ""
        xml = re.sub(r"</w:p>", "\n", xml)
        return unescape(re.sub(r"<[^>]+>", "", xml))
    if name.endswith(".pdf"):
        return pdf_text(data)
    return ""


def pdf_text(data):
    """Text layer of a PDF; a scanned or damaged file yields what it can (often nothing)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return ""


def _block_texts(value, label, out, attachments):
    from wagtail.blocks import StreamValue, StructValue
    from wagtail.blocks.list_block import ListValue
    from wagtail.documents.models import AbstractDocument

    if value is None:
        return
    if isinstance(value, RichText):
        out.append((label, html_to_text(value.source)))
    elif isinstance(value, str):
        out.append((label, value))
    elif isinstance(value, AbstractDocument):
        attachments.append((f"附件《{value.title}》", value))
    elif isinstance(value, StreamValue):
        for i, child in enumerate(value, start=1):
            _block_texts(child.value, f"{label}第{i}块（{child.block.label}）", out, attachments)
    elif isinstance(value, StructValue):
        for _key, child in value.items():
            if isinstance(child, dict) and "data" in child:  # a TableBlock value
                rows = child.get("data") or []
                out.append((label, "\n".join(" ".join(str(c) for c in row if c) for row in rows)))
            else:
                _block_texts(child, label, out, attachments)
    elif isinstance(value, (ListValue, list, tuple)):
        for child in value:
            _block_texts(child, label, out, attachments)
    elif isinstance(value, dict) and "data" in value:
        rows = value.get("data") or []
        out.append((label, "\n".join(" ".join(str(c) for c in row if c) for row in rows)))


def page_texts(page, include_attachments=True):
    """[(field label, text)] for every text the editor wrote, normalised with NFKC."""
    out, attachments = [], []
    for field in page._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.is_relation:
            continue
        owner = field.model
        if owner is Page and field.name not in {"title", "seo_title", "search_description"}:
            continue
        label = str(field.verbose_name)
        value = getattr(page, field.name, None)
        if isinstance(field, StreamField):
            _block_texts(value, label, out, attachments)
        elif isinstance(field, RichTextField):
            out.append((label, html_to_text(value)))
        elif isinstance(field, (models.CharField, models.TextField)) and value:
            out.append((label, value))
    if include_attachments:
        for label, document in attachments:
            out.append((label, document_text(document)))
    return [(label, normalise(text)) for label, text in out if text]


def page_rich_html(page):
    """[(field label, html)] of rich text, where internal links live."""
    from wagtail.blocks import StreamValue, StructValue

    found = []

    def walk(value, label):
        if isinstance(value, RichText):
            found.append((label, value.source))
        elif isinstance(value, StreamValue):
            for i, child in enumerate(value, start=1):
                walk(child.value, f"{label}第{i}块（{child.block.label}）")
        elif isinstance(value, StructValue):
            for child in value.values():
                walk(child, label)

    for field in page._meta.concrete_fields:
        value = getattr(page, field.name, None)
        if isinstance(field, StreamField):
            walk(value, str(field.verbose_name))
        elif isinstance(field, RichTextField) and value:
            found.append((str(field.verbose_name), value))
    return found
