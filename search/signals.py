"""Queue index updates on publish, unpublish, move and delete — never on draft saves.

Handlers only write queue rows (in the publishing transaction); `search.queue`
applies them after commit, so a failing engine never blocks an editor.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import queue


def _descendant_ids(page):
    return list(Page.objects.descendant_of(page).values_list("id", flat=True))


def on_published(sender, instance, **kwargs):
    from disclosure.models import ColumnPage

    ids = [instance.pk]
    if isinstance(instance, ColumnPage):
        # Items show their column's title: a renamed column updates them too.
        ids += list(Page.objects.child_of(instance).values_list("id", flat=True))
    queue.enqueue(ids, "index")


def on_unpublished(sender, instance, **kwargs):
    # Unpublishing a column takes its whole subtree off the site.
    queue.enqueue([instance.pk] + _descendant_ids(instance), "delete")


def on_moved(sender, instance, **kwargs):
    # Every URL below the moved page changed.
    queue.enqueue([instance.pk] + _descendant_ids(instance), "index")


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        queue.enqueue([instance.pk], "delete")


def on_restriction_changed(sender, instance, **kwargs):
    # A password or login restriction hides the subtree from search; lifting it shows it again.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        queue.enqueue([page.pk] + _descendant_ids(page), "index")


def connect():
    page_published.connect(on_published, dispatch_uid="govsearch_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="govsearch_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="govsearch_moved")
    post_delete.connect(on_deleted, dispatch_uid="govsearch_deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="govsearch_restricted")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="govsearch_unrestricted")
