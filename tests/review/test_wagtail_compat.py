"""Each Wagtail internal that govsite.wagtail_compat relies on is still there and still works the
way the module says. These fail on a Wagtail upgrade that moves one of them, naming it, instead
of the guards or the importer going quietly wrong."""

import inspect

import pytest
import wagtail
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import resolve, reverse
from wagtail.admin import action_menu, auth
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import base_page_viewset, page_viewset_registry
from wagtail.models import Page, Revision
from wagtail.signals import page_published, published

from govsite import wagtail_compat
from review import denied
from tests.review.conftest import create_page, login, response_text

pytestmark = pytest.mark.django_db


def test_the_installed_wagtail_is_one_the_module_was_checked_against():
    assert wagtail.VERSION[:2] in wagtail_compat.CHECKED_WAGTAIL_VERSIONS, (
        f"Wagtail {wagtail.__version__} is not in CHECKED_WAGTAIL_VERSIONS: read govsite/wagtail_compat.py "
        "against it, run this file, then add the version")


# --- admin views replaced --------------------------------------------------------------------


def test_require_admin_access_looks_permission_denied_up_in_its_module_at_call_time():
    decorated = auth.require_admin_access(lambda request: None)
    assert "permission_denied" in decorated.__code__.co_names, \
        "require_admin_access no longer calls the module-level permission_denied"
    assert decorated.__globals__ is vars(auth)
    assert auth.permission_denied is denied.permission_denied


def test_a_view_refusing_an_admin_user_answers_the_403_page():
    def refuse(request):
        raise PermissionDenied

    request = RequestFactory().get("/admin/pages/1/edit/")
    request.user = get_user_model().objects.create_superuser(username="refused_admin", password="x")
    response = auth.require_admin_access(refuse)(request)
    assert response.status_code == 403
    assert response.template_name == "review/permission_denied.html"


def test_the_page_explorer_serves_its_listing_through_the_replaced_view_class(tree):
    """The explorer's URL routes by the parent page's type to a viewset's "index" view (and
    "index_results"); no page type has a viewset of its own, so base_page_viewset's replaced class
    answers for every column.
    The 403 itself: tests/review/test_permissions.py."""
    view_class = base_page_viewset.index_view_class
    assert view_class.__name__ == "DepartmentScopedIndexView"
    match = resolve(reverse("wagtailadmin_explore", args=[tree["zwgk"].pk]))
    assert list(match.kwargs) == ["parent_page_id"]
    assert page_viewset_registry.get_by_parent_page_id(tree["zwgk"].pk) is base_page_viewset
    for name in ("index", "index_results"):
        assert base_page_viewset.get_view_by_name(name).view_class is view_class, \
            f"the explorer's {name} no longer comes from base_page_viewset.index_view_class"
    wagtail_get = inspect.signature(view_class.__mro__[1].get)
    assert list(wagtail_get.parameters) == ["self", "request", "parent_page_id"]
    assert wagtail_get.parameters["parent_page_id"].default is None


# --- the POST fields the guards read and drop --------------------------------------------------


def test_the_action_menu_buttons_post_the_names_the_guards_read():
    names = {item.name for item in (action_menu.PublishMenuItem, action_menu.SubmitForModerationMenuItem,
                                    action_menu.RestartWorkflowMenuItem)}
    assert names == {wagtail_compat.PUBLISH_BUTTON, *wagtail_compat.SUBMIT_BUTTONS}


def test_the_create_form_renders_the_publish_and_submit_buttons(client, tree):
    admin = get_user_model().objects.create_superuser(username="compat_admin", password="x")
    login(client, admin)
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "articlepage", tree["gzdt"].pk])
    html = client.get(url).content.decode()
    assert f'name="{wagtail_compat.PUBLISH_BUTTON}"' in html
    assert f'name="{wagtail_compat.SUBMIT_BUTTONS[0]}"' in html


def test_workflow_actions_post_the_names_the_guards_read(client, tree):
    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page, title="兼容性检查通知", slug="compat")
    assert page is not None and page.current_workflow_state is not None
    login(client, tree["reviewer"])
    edit = response_text(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    assert 'data-workflow-action-name="approve"' in edit
    # The button's script posts these fields; the edit view reads them.
    script = open(finders.find("wagtailadmin/js/workflow-action.js"), encoding="utf-8").read()
    view_source = inspect.getsource(EditView)
    for name in (wagtail_compat.WORKFLOW_ACTION_BUTTON, wagtail_compat.WORKFLOW_ACTION_NAME,
                 wagtail_compat.WORKFLOW_ACTION_EXTRA_DATA):
        assert name in script, f"workflow-action.js no longer posts {name}"
        assert f'POST.get(\n            "{name}"' in view_source or f'POST.get("{name}")' in view_source, \
            f"Wagtail's edit view no longer reads {name}"


def test_the_copy_form_posts_the_names_the_copy_guard_reads(client, tree):
    admin = get_user_model().objects.create_superuser(username="compat_copier", password="x")
    login(client, admin)
    html = client.get(reverse("wagtailadmin_pages:copy", args=[tree["gzdt"].pk])).content.decode()
    for name in (*wagtail_compat.COPY_PUBLISHING_FIELDS, wagtail_compat.COPY_DESTINATION_FIELD):
        assert f'name="{name}"' in html, f"the copy form no longer posts {name}"


def test_drop_post_fields_leaves_the_rest_of_the_form():
    request = RequestFactory().post("/", {"title": "通知", wagtail_compat.PUBLISH_BUTTON: "1"})
    wagtail_compat.drop_post_fields(request, [wagtail_compat.PUBLISH_BUTTON])
    assert dict(request.POST.items()) == {"title": "通知"}


# --- the importer's insertion --------------------------------------------------------------


def article(title, slug):
    from disclosure.models import ArticlePage

    return ArticlePage(title=title, slug=slug, item_kind="other")


def test_the_core_fields_the_importer_skips_are_fields_of_a_page_type():
    from disclosure.models import ArticlePage

    for name in wagtail_compat.PAGE_CORE_FIELDS:
        ArticlePage._meta.get_field(name)  # FieldDoesNotExist names a field Wagtail renamed


def test_placing_and_saving_a_child_keeps_the_tree_valid(tree, django_assert_num_queries):
    column = Page.objects.get(pk=tree["gzdt"].pk)
    first = article("第一条", "first")
    column.add_child(instance=first)
    column.refresh_from_db()
    page = article("第二条", "second")
    wagtail_compat.place_as_last_child(column, page)
    with django_assert_num_queries(0):
        assert page.get_parent() is column  # the cached parent (_cached_parent_obj)
    wagtail_compat.save_placed_child(column, page)
    assert all(not problem for problem in Page.find_problems()), Page.find_problems()
    assert list(column.get_children().values_list("slug", flat=True)) == ["first", "second"]
    assert Page.objects.get(pk=column.pk).numchild == column.numchild == 2
    assert page.url_path == column.url_path + "second/"
    assert page.translation_key and page.locale_id and page.draft_title == "第二条"


def test_the_first_revision_matches_what_save_revision_writes(tree):
    column = tree["gzdt"]
    page = article("导入的信息", "imported")
    wagtail_compat.place_as_last_child(column, page)
    wagtail_compat.save_placed_child(column, page)
    revision = wagtail_compat.record_first_revision(page, live=True)
    stored = Page.objects.get(pk=page.pk)
    assert stored.latest_revision_id == stored.live_revision_id == revision.pk
    assert stored.latest_revision_created_at == revision.created_at

    public = article("编辑建立的信息", "edited")
    column.add_child(instance=public)
    reference = public.save_revision()
    assert set(revision.content) == set(reference.content)
    for field in ("content_type_id", "base_content_type_id", "object_id"):
        assert type(getattr(revision, field)) is type(getattr(reference, field)), field
    assert (revision.content_type_id, revision.base_content_type_id) == \
        (reference.content_type_id, reference.base_content_type_id)
    assert revision.object_str == "导入的信息"
    assert revision.as_object().title == "导入的信息"
    assert Revision.objects.for_instance(stored).count() == 1


def test_announcing_sends_the_signals_of_a_real_publication_in_its_order(tree):
    heard = []

    def on_page_published(sender, **kwargs):
        heard.append("page_published")

    def on_published(sender, **kwargs):
        heard.append("published")

    page_published.connect(on_page_published)
    published.connect(on_published)
    try:
        page = article("公开一条", "published-one")
        tree["gzdt"].add_child(instance=page)
        revision = page.save_revision()
        revision.publish()
        by_wagtail, heard[:] = list(heard), []
        wagtail_compat.announce_publication(page, revision)
    finally:
        page_published.disconnect(on_page_published)
        published.disconnect(on_published)
    assert by_wagtail == heard == ["page_published", "published"]


def test_wagtail_fills_core_fields_through_the_hooked_method():
    # save() fills them through full_clean(); the importer's save(clean=False) after
    # place_as_last_child, which called the method itself.
    for method in (Page.full_clean, Page.minimal_clean):
        assert "_set_core_field_defaults" in inspect.unwrap(method).__code__.co_names, \
            f"Page.{method.__name__} no longer calls _set_core_field_defaults (CoreFieldDefaultsHook)"
    assert "full_clean" in inspect.unwrap(Page.save).__code__.co_names


def test_a_page_added_with_add_child_knows_its_parent_before_saving(tree):
    column = tree["gzdt"]
    heard = []
    page = article("没有英文地址的通知", "")
    give_short_slug = page.before_core_field_defaults

    def listen():
        heard.append(wagtail_compat.parent_is_known(page))
        give_short_slug()

    page.before_core_field_defaults = listen
    column.add_child(instance=page)
    assert heard and all(heard)
    assert page.slug.isascii() and page.slug
