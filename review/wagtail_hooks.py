from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.models import Page

from govsite.wagtail_compat import COPY_DESTINATION_FIELD, COPY_PUBLISHING_FIELDS, PUBLISH_BUTTON, drop_post_fields
from review import admin_menu, guards, views, workflow_feedback  # noqa: F401  (they register their own viewsets/hooks)
from review.models import Department


@hooks.register("register_admin_urls")
def review_admin_urls():
    return [path("review/check/<int:page_id>/", views.check_page, name="review_check")]


@hooks.register("before_edit_page")
def check_before_edit(request, page):
    specific_class = page.specific_class
    if request.method == "POST":
        guards.guard_post(request, page, specific_class, page.get_parent(),
                          lambda: page.get_latest_revision_as_object())
    elif request.method == "GET" and page.has_workflow:
        guards.show_findings(request, page)


@hooks.register("before_create_page")
def check_before_create(request, parent_page, page_class):
    if request.method == "POST":
        guards.guard_post(request, page_class(owner=request.user), page_class, parent_page,
                          lambda: page_class(owner=request.user))


@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items, request, context):
    page = context.get("page") or context.get("parent_page")
    if page is not None and guards.direct_publish_forbidden(request.user, page if page.pk else context["parent_page"]):
        menu_items[:] = [item for item in menu_items if getattr(item, "name", "") != PUBLISH_BUTTON]


@hooks.register("before_bulk_action")
def block_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    if any(guards.direct_publish_forbidden(request.user, obj) for obj in objects):
        messages.error(request, "政务公开栏目中的信息须经审核流程发布，不能批量发布。")
        return redirect(guards.safe_next_url(request, reverse("wagtailadmin_home")))
    return None


@hooks.register("before_copy_page")
def block_copy_and_publish(request, page):
    """A copy published at once, or an alias (always live like its original), skips review:
    under the workflow the copy is made as a draft. The permission tester refuses both anyway
    (review.publication); this keeps the editor's copy instead of failing the form."""
    if request.method != "POST" or not any(request.POST.get(name) for name in COPY_PUBLISHING_FIELDS):
        return
    parent_id = request.POST.get(COPY_DESTINATION_FIELD, "")
    destination = (Page.objects.filter(pk=int(parent_id)).first() if parent_id.isdigit() else None) or page.get_parent()
    if guards.direct_publish_forbidden(request.user, page) or guards.direct_publish_forbidden(
            request.user, destination):
        drop_post_fields(request, COPY_PUBLISHING_FIELDS)
        messages.warning(request, "复制的页面须经审核流程发布，已作为草稿复制。")


@hooks.register("register_log_actions")
def review_log_actions(actions):
    actions.register_action("review.secrecy_confirmed", "保密审查已确认", "保密审查已确认")
    actions.register_action("review.approval_refused", "审核未通过：保密审查或内容检查",
                            "审核未通过：保密审查或内容检查")
    # disclosure.importers.content_checks
    actions.register_action("review.import_held", "导入时内容检查未通过，存为草稿",
                            "导入时内容检查未通过，存为草稿")
    actions.register_action("review.import_published_anyway", "导入时内容检查未通过，站点管理员仍发布",
                            "导入时内容检查未通过，站点管理员仍发布")


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def setup_department_groups(request, instance):
    if isinstance(instance, Department):
        from review.roles import setup_department, setup_roles

        setup_roles()
        try:
            setup_department(instance.organisation, instance.short_name, instance.slug)
        except ValueError as error:
            messages.error(request, str(error))


@hooks.register("construct_admin_api")
def guard_admin_api_publish(router):
    """The admin API's publish action is a publication route too: same rule as the publish button."""
    from django.core.exceptions import PermissionDenied
    from wagtail.admin.api.actions.copy_for_translation import CopyForTranslationAPIAction
    from wagtail.admin.api.actions.publish import PublishPageAPIAction
    from wagtail.admin.api.views import PagesAdminAPIViewSet

    class GuardedPublishPageAPIAction(PublishPageAPIAction):
        def execute(self, instance, data):
            if guards.direct_publish_forbidden(self.request.user, instance):
                raise PermissionDenied(guards.DIRECT_PUBLISH_MESSAGE)
            return super().execute(instance, data)

    class GuardedCopyForTranslationAPIAction(CopyForTranslationAPIAction):
        """An alias made for a translation is live at once, and Wagtail creates it without
        asking the permission tester: under the workflow only a 站点管理员 may."""

        def execute(self, instance, data):
            if data.get("alias") and guards.direct_publish_forbidden(self.request.user, instance):
                raise PermissionDenied(guards.DIRECT_PUBLISH_MESSAGE)
            return super().execute(instance, data)

    class ReviewedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
        actions = {**PagesAdminAPIViewSet.actions, "publish": GuardedPublishPageAPIAction,
                   "copy_for_translation": GuardedCopyForTranslationAPIAction}

    router.register_endpoint("pages", ReviewedPagesAdminAPIViewSet)


@hooks.register("register_page_header_buttons")
def content_check_button(page, user, view_name, next_url=None):
    from wagtail.admin.ui.menus.pages import PageMenuItem

    class ContentCheckButton(PageMenuItem):
        label = "内容检查"
        icon_name = "glasses"
        url_name = "review_check"

        def is_shown(self, user):
            return self.page.has_workflow and self.page.permissions_for_user(user).can_edit()

    yield ContentCheckButton(page=page, priority=66)
