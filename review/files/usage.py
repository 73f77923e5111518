"""Which documents and images live pages link, read from Wagtail's reference index.

The index records, for each page, the references in the page row. A page's row holds its
live content (drafts live in revisions), so "a live page whose row references the file" is
exactly "the public site links the file". Every place a page can link a file is indexed:
foreign keys (NormativeAttachment.document, PolicyInterpretationPage.video, NewsPage.image),
the AttachmentBlock and ImageWithCaptionBlock choosers and rich-text document links (which is
how `disclosure/importers/attachments.py` links imported attachments). Two indexed queries per
file, never a scan.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex


def _page_content_type():
    return ContentType.objects.get_for_model(Page)


def page_ids_linking(obj):
    """Ids of pages (live or not) whose stored content references `obj`."""
    ids = (ReferenceIndex.get_references_to(obj).filter(base_content_type=_page_content_type())
           .values_list("object_id", flat=True).distinct())
    return [int(pk) for pk in ids if pk.isdigit()]


def live_pages_using(obj):
    return Page.objects.filter(pk__in=page_ids_linking(obj), live=True).order_by("pk")


def is_used_by_live_page(obj):
    if obj.pk is None:
        return False
    ids = page_ids_linking(obj)
    return bool(ids) and Page.objects.filter(pk__in=ids, live=True).exists()
