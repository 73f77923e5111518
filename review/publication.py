"""Nothing goes live outside the 三审 workflow: one rule in Wagtail's page permission tester.

Every Wagtail route that makes a page live asks the page's `PagePermissionTester` first:
the edit view's publish button, the admin API's `publish`, `copy` (with `keep_live`),
`create_alias` and `move` actions, bulk publish and bulk move, the copy view's "publish
copies" and alias options, revisions revert-and-publish, and privacy changes
(`can_set_view_restrictions` is `can_publish`). So the rule lives in the tester — where
every route meets it — and not in a hook per route:

- under the workflow (the page, or the parent a page is created, copied or aliased under,
  has an active workflow), `can_publish` and `can_publish_subpage` are false for anyone
  but a 站点管理员 or a superuser, whatever their group permissions say;
- a page that is live, or has live descendants, may not be moved into, out of or within a
  workflow section by them either (the move would put it live at a place nobody reviewed);
  reordering among its siblings stays open.

Unpublishing, deleting and reordering don't make anything live and keep Wagtail's rules.
Cancelling a scheduled publication (`can_unschedule`) keeps them too.

The workflow's own final approval publishes through
`review.workflow_publish.publish_approved_revision` (settings.WAGTAIL_FINISH_WORKFLOW_ACTION),
which skips the tester: reaching it means every
task — 科室审核 with 保密审查, then 领导审批 by someone holding the department's `publish`
permission (review.models.tasks) — has approved the latest revision. See docs/security.md.

`Page.permissions_for_user` looks `PagePermissionTester` up in its module on every call, so
replacing it there (`install`, from ReviewConfig.ready) covers every page type, including ones
added later; tests/review/test_publish_routes.py checks that it stays so.
"""

from wagtail.models.pages import PagePermissionTester

from review.guards import is_site_admin


def may_publish_outside_workflow(user, page):
    """True if `user` may make `page` (or a new child of it) live without the workflow."""
    # is_site_admin is cached per user; has_workflow costs a query per page.
    return is_site_admin(user) or not page.has_workflow


class WorkflowPagePermissionTester(PagePermissionTester):
    def _outside_workflow_allowed(self, page):
        cache = self.__dict__.setdefault("_outside_workflow_cache", {})
        if page.pk not in cache:
            cache[page.pk] = may_publish_outside_workflow(self.user, page)
        return cache[page.pk]

    def can_publish(self):
        return super().can_publish() and self._outside_workflow_allowed(self.page)

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self._outside_workflow_allowed(self.page)

    def can_unschedule(self):
        # Cancelling a scheduled publication takes nothing live: the base publish right is enough.
        return super().can_publish()

    def can_move_to(self, destination):
        if not super().can_move_to(destination):
            return False
        if self.page.is_child_of(destination):
            return True  # reordering among siblings
        if not (self.page.live or self.page.get_descendants().filter(live=True).exists()):
            return True  # drafts stay drafts wherever they go
        return self._outside_workflow_allowed(self.page) and self._outside_workflow_allowed(destination)


def install():
    from wagtail.models import pages

    pages.PagePermissionTester = WorkflowPagePermissionTester
