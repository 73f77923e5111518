"""The one door to Wagtail's internals: everything here relies on something Wagtail does not
promise to keep (a private method, a module global looked up at call time, a view class
attribute, the names of the admin's POST fields).

Checked against Wagtail 8.0.1 (`CHECKED_WAGTAIL_VERSIONS`: 8.0.x). On an upgrade, run
tests/test_wagtail_compat.py first: it fails, naming the internal, when any of them has moved,
and also when the installed version is not one listed here, so that this file is read again.

Why each is used rather than a public API:
- The importer places new pages with `place_as_last_child` + `save_placed_child` and records
  their first revision with `record_first_revision`, instead of `add_child` +
  `save_revision().publish()`: one page save instead of three, measured about twice as fast
  per record (docs/benchmarks.md, "Import: lean insertion against Wagtail's public API").
  Updates of existing pages use the public `save_revision()` and `revision.publish()`.
- disclosure.slugs gives a page its short slug just before Wagtail fills and checks the slug,
  which needs a hook in `Page._set_core_field_defaults` (`CoreFieldDefaultsHook`) and whether
  the page's parent is known yet (`parent_is_known`).
- review.denied answers a real 403 where Wagtail redirects to the dashboard; Wagtail has no
  setting or hook for either (`replace_admin_permission_denied`, `replace_page_explorer_index_view`).
- review.guards and review.wagtail_hooks downgrade a publish, submit or approve request to a plain
  save by dropping its button field from `request.POST` before Wagtail's view reads it
  (`drop_post_fields`); the before_* hooks can only return a response, not change the action.

Only Wagtail and Django are imported here, so every app may use this module (the importer in
`disclosure`, the bottom layer, and the admin guards in `review`).
"""

from django.db.models import F
from wagtail.models import Page, Revision
from wagtail.signals import page_published, published

CHECKED_WAGTAIL_VERSIONS = ((8, 0),)

# --- the page admin's POST fields (wagtail/admin/action_menu.py, workflow-action.js, CopyForm) ---

PUBLISH_BUTTON = "action-publish"
SUBMIT_BUTTONS = ("action-submit", "action-restart-workflow")
WORKFLOW_ACTION_BUTTON = "action-workflow-action"
WORKFLOW_ACTION_NAME = "workflow-action-name"
WORKFLOW_ACTION_EXTRA_DATA = "workflow-action-extra-data"
COPY_PUBLISHING_FIELDS = ("publish_copies", "alias")
COPY_DESTINATION_FIELD = "new_parent_page"


def drop_post_fields(request, names):
    """Remove `names` from the request's POST data. Wagtail's create, edit and copy views read
    `request.POST` after the before_create_page / before_edit_page / before_copy_page hooks run,
    so without its button field the view does only what is left (save a draft, copy unpublished)."""
    data = request.POST.copy()
    for name in names:
        data.pop(name, None)
    request.POST = data


# --- admin views replaced -------------------------------------------------------------------
# wagtail.admin imports are inside the functions: they are called from an AppConfig.ready(), and
# importing the admin's views while the app registry is loading fails.


def replace_admin_permission_denied(view):
    """Make `view(request)` the admin's answer to a user without permission. Wagtail's
    `require_admin_access` calls `wagtail.admin.auth.permission_denied` looked up in its module
    at call time, so replacing the module attribute is enough."""
    from wagtail.admin import auth

    auth.permission_denied = view


def replace_page_explorer_index_view(make_view_class):
    """Replace the page explorer's listing view with `make_view_class(current_view_class)`;
    the class's `get(self, request, parent_page_id=None)` answers the explorer's URLs."""
    from wagtail.admin.viewsets.pages import base_page_viewset

    base_page_viewset.index_view_class = make_view_class(base_page_viewset.index_view_class)


# --- pages: core field defaults ---------------------------------------------------------------


class CoreFieldDefaultsHook:
    """Page mixin: `before_core_field_defaults()` runs just before Wagtail fills in and checks the
    core fields (slug, draft title, translation key), which `Page.full_clean()` and `Page.save()`
    do in the private `_set_core_field_defaults()`."""

    def before_core_field_defaults(self):
        pass

    def _set_core_field_defaults(self):
        self.before_core_field_defaults()
        super()._set_core_field_defaults()


def parent_is_known(page):
    """True when `page` has its tree position, or a parent attached by treebeard's `add_child`
    or by `place_as_last_child` (cached on the page as `_cached_parent_obj`)."""
    return bool(page.path or getattr(page, "_cached_parent_obj", None))


# --- importer: a new page and its first revision ---------------------------------------------


# A page type's fields that Wagtail (or `place_as_last_child`) sets, never an importer's data: the
# importer skips them in `clean_fields()`, which would ask a query for each foreign key.
PAGE_CORE_FIELDS = ["locale", "content_type", "owner", "live_revision", "latest_revision", "locked_by", "alias_of",
                    "path", "depth", "numchild", "url_path", "translation_key", "page_ptr"]


def place_as_last_child(parent, page):
    """Give an unsaved `page` the tree position of `parent`'s new last child (what `add_child`
    computes), and the core defaults `Page.save()` would fill, without saving. The parent is
    cached on the page, so the slug check in `page.clean()` asks no query for it."""
    last = (Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path").values_list("path", flat=True).first())
    page.depth = parent.depth + 1
    page.path = Page(path=last)._inc_path() if last else Page._get_path(parent.path, page.depth, 1)
    page.numchild = 0
    page._cached_parent_obj = parent
    page._set_core_field_defaults()


def save_placed_child(parent, page):
    """Insert a page placed by `place_as_last_child` (validated by the caller) under `parent`."""
    page.save(clean=False)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    parent.numchild += 1


def record_first_revision(page, *, live):
    """The revision `save_revision()` would write for a page just inserted, set as its latest
    (and, when `live`, its live) revision, without saving the page again."""
    revision = Revision.objects.create(
        content_object=page, base_content_type=page.get_base_content_type(),
        content=page.serializable_data(), object_str=str(page),
    )
    live_revision = revision if live else None
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision, live_revision=live_revision, latest_revision_created_at=revision.created_at)
    page.latest_revision, page.live_revision = revision, live_revision
    page.latest_revision_created_at = revision.created_at
    return revision


def announce_publication(page, revision):
    """The signals `revision.publish()` sends for a page, in its order: `page_published`
    (PublishPageRevisionAction), then `published` (PublishRevisionAction)."""
    model = type(page)
    page_published.send(sender=model, instance=page, revision=revision)
    published.send(sender=model, instance=page, revision=revision)
