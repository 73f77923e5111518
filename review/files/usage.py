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


def pages_in_review_using(obj):
    """Pages in a workflow whose revision under review references `obj`.

    The reference index holds the page row, not the revision submitted for review, so this
    reads those revisions: a file must not change between 保密审查 and publication either.
    Only pages currently in a workflow are read (a handful), and only when an editor edits
    a file, never when a file is served.
    """
    from wagtail.models import WorkflowState

    target = (ReferenceIndex._get_base_content_type(obj).pk, str(obj.pk))
    in_review = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS,
                                             base_content_type=_page_content_type()).values_list("object_id", flat=True)
    pages = Page.objects.filter(pk__in=[int(pk) for pk in in_review if pk.isdigit()]).select_related("latest_revision")
    using = []
    for page in pages:
        if page.latest_revision is None:
            continue
        draft = page.latest_revision.as_object()
        if any((content_type_id, object_id) == target
               for content_type_id, object_id, *_ in ReferenceIndex._extract_references_from_object(draft)):
            using.append(page)
    return using
