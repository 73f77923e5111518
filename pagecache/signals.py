"""The same signal points as search.signals: publish, unpublish, move, slug change and delete of a
page, plus view restrictions; and the settings and snippets that every page shows (footer,
organisations and categories) purge the whole site. `publish_scheduled` and `expire_documents`
publish and unpublish through Wagtail's revision.publish()/unpublish(), so they send these too."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, pre_page_move

from pagecache.purge import everything_changed, page_changed


def on_published(sender, instance, **kwargs):
    page_changed(instance)


def on_unpublished(sender, instance, **kwargs):
    page_changed(instance)


def on_slug_changed(sender, instance, instance_before, **kwargs):
    # The old URL (and everything below it) stops existing.
    page_changed(instance, url_path=instance_before.url_path, tree_path=instance_before.path)


def on_before_move(sender, instance, url_path_before, **kwargs):
    page_changed(instance, url_path=url_path_before, tree_path=instance.path)


def on_moved(sender, instance, url_path_after, **kwargs):
    tree_path = Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first() or instance.path
    page_changed(instance, url_path=url_path_after, tree_path=tree_path)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        page_changed(instance)


def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        page_changed(page)


def on_site_wide_change(sender, **kwargs):
    everything_changed()


def site_wide_models():
    from disclosure.models import EnforcementStatistics, GenreCategory, Organisation, SubjectCategory
    from disclosure.models.catalogue import DisclosureSettings
    from home.models import SiteIdentitySettings

    return [SiteIdentitySettings, DisclosureSettings, Site, Organisation, SubjectCategory, GenreCategory,
            EnforcementStatistics]


def connect():
    page_published.connect(on_published, dispatch_uid="pagecache_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="pagecache_unpublished")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="pagecache_slug_changed")
    pre_page_move.connect(on_before_move, dispatch_uid="pagecache_before_move")
    post_page_move.connect(on_moved, dispatch_uid="pagecache_moved")
    pre_delete.connect(on_deleted, dispatch_uid="pagecache_deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="pagecache_restricted")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="pagecache_unrestricted")
    for model in site_wide_models():
        post_save.connect(on_site_wide_change, sender=model, dispatch_uid=f"pagecache_saved_{model.__name__}")
        post_delete.connect(on_site_wide_change, sender=model, dispatch_uid=f"pagecache_deleted_{model.__name__}")
