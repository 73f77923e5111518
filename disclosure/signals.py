"""Signal handlers for disclosure pages.

The 索引号 itself is assigned in DisclosurePage.save() (so imports and scripted
publishing get one too); here we copy it into the published revision, so the
editor sees it and a later revert cannot drop it.
"""

from django.dispatch import receiver
from wagtail.signals import page_published

from disclosure.models.base import DisclosurePage


@receiver(page_published)
def stamp_revision_with_index_number(sender, instance, revision, **kwargs):
    if not isinstance(instance, DisclosurePage) or revision is None:
        return
    content = revision.content or {}
    changed = False
    for field in ("index_number", "published_on"):
        value = getattr(instance, field)
        serialised = value.isoformat() if hasattr(value, "isoformat") else value
        if serialised and content.get(field) != serialised:
            content[field] = serialised
            changed = True
    if changed:
        revision.content = content
        revision.save(update_fields=["content"])
