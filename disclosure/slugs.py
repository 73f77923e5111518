"""Short ASCII page addresses, for every route a page is created by.

Every page prints a QR code of its own address. Wagtail would make the slug from the title:
a Chinese title becomes about 300 characters once percent-encoded, and a denser QR code that
phones scan badly from paper. So a page whose title isn't ASCII gets `YYYYMMDD-<10 hex>`
(the date, then a short digest), unique among its siblings and never longer than 40 characters.

- The importer calls `short_slug()` with the record's own identity (stable across re-imports).
- Pages created in the admin, by the API or in a shell get it in the model layer
  (`ShortSlugMixin`), just before Wagtail validates and saves them.
- A slug an editor types (ASCII) is kept; an existing page's slug never changes, whatever it
  is, since printed QR codes point at it. See docs/operations.md.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import TitleFieldPanel

from govsite import wagtail_compat

MAX_SHORT_SLUG = 40
DIGEST_CHARS = 10


def short_slug(key: str, day: date | None = None) -> str:
    """`20241009-3fa2b1c4e5` for a page dated 2024-10-09 (`doc-3fa2b1c4e5` undated)."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:DIGEST_CHARS]
    return f"{day:%Y%m%d}-{digest}" if day else f"doc-{digest}"


def free_slug(parent, slug: str, page=None) -> str:
    """`slug`, or `slug-2`, `slug-3`… : the first one no other child of `parent` has."""
    from wagtail.models import Page

    siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    candidate, n = slug, 1
    while siblings.filter(slug=candidate).exists():
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def needs_short_slug(page) -> bool:
    """True when Wagtail would otherwise derive a long or empty slug from a non-ASCII title.

    A page that already exists keeps its slug, whatever it is; a new one keeps an ASCII slug
    someone chose. A new page given a non-ASCII slug (a title pasted into it by a script) and
    any page without a slug whose title doesn't make an ASCII slug get the short form.
    """
    if page.slug:
        return page.pk is None and not page.slug.isascii()
    title = page.title or ""
    return not title.isascii() or not slugify(title)


def page_day(page) -> date:
    return getattr(page, "published_on", None) or timezone.localdate()


def assign_short_slug(page) -> bool:
    """Give `page` a short slug if it needs one and its parent is known; True if it did."""
    if not wagtail_compat.parent_is_known(page) or not needs_short_slug(page):
        return False
    parent = page.get_parent()
    # A random part: two pages with the same title on the same day still differ, and the
    # address reveals nothing of the title.
    key = f"{page.title}|{parent.path}|{secrets.token_hex(8)}"
    page.slug = free_slug(parent, short_slug(key, page_day(page)), page)
    return True


class ShortSlugMixin(wagtail_compat.CoreFieldDefaultsHook):
    """Page mixin: a short ASCII slug before Wagtail fills or checks the slug (full_clean, save)."""

    def before_core_field_defaults(self):
        assign_short_slug(self)
        super().before_core_field_defaults()


# The title no longer writes the slug as the editor types (Wagtail's sync would copy the
# ASCII bits of a Chinese title, such as "2024"); an empty slug is filled in on save.
TITLE_PANEL = TitleFieldPanel("title", targets=[])

SLUG_HELP_TEXT = ("页面地址的最后一段，只能使用英文字母、数字、连字符。留空则保存时自动生成简短地址"
                  "（如 20251009-3fa2b1c4e5），便于二维码扫描；已发布页面的地址请勿修改。")


class OptionalSlugFormMixin:
    """Admin page form mixin: the slug may be left empty (the model fills it in)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("slug")
        if isinstance(field, forms.Field):
            field.required = False
            field.help_text = SLUG_HELP_TEXT


class ShortSlugPageForm(OptionalSlugFormMixin, WagtailAdminPageForm):
    """The admin form of page types that have no form of their own."""
