"""Issue 16 parts 4–5: menu entries, user list, feedback after workflow actions, editor defaults.

Every test drives the real admin views (real forms, real database) as the roles use them.
"""

import json
import re
import sys
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import constants as message_levels
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, get_page_models

from review.roles import ROLE_SITE_ADMIN, add_user_to_role
from tests.review.conftest import create_page, login, page_form, workflow_action


@pytest.fixture
def site_admin(tree):
    account = get_user_model().objects.create_user(username="site_admin", password="x")
    add_user_to_role(account, ROLE_SITE_ADMIN)
    return account


def messages_on(response):
    # Wagtail appends its message buttons' markup after the text
    return [(m.level, str(m).strip()) for m in response.context["messages"]] if response.context else []


def follow(client, response):
    """Follow a redirect (or a modal's JSON redirect) and return the messages shown there."""
    if response.get("Content-Type", "").startswith("application/json"):
        target = response.json().get("redirect") or reverse("wagtailadmin_home")
    elif response.status_code == 200:
        return messages_on(response)
    else:
        target = response["Location"]
    return messages_on(client.get(target))


# --- part 5: feedback -------------------------------------------------------------------

@pytest.mark.django_db
def test_each_workflow_action_is_confirmed_once(client, tree):
    login(client, tree["drafter"])
    response, page = create_page(client, tree["dept_a"].root_page)
    shown = follow(client, response)
    submitted = [text for level, text in shown if level == message_levels.SUCCESS]
    assert len(submitted) == 1 and "提交审核" in submitted[0], shown

    # cancel from the editor, then submit again from the editor: one message each
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = page_form(page.title, page.slug)
    shown = follow(client, client.post(edit_url, {**data, "action-cancel-workflow": "1"}))
    assert len([t for lv, t in shown if lv == message_levels.SUCCESS]) == 1, shown
    shown = follow(client, client.post(edit_url, data))  # a plain draft save
    assert len([t for lv, t in shown if lv == message_levels.SUCCESS]) == 1, shown
    shown = follow(client, client.post(edit_url, {**data, "action-submit": "1"}))
    submitted = [t for lv, t in shown if lv == message_levels.SUCCESS]
    assert len(submitted) == 1 and "审核" in submitted[0], shown

    login(client, tree["reviewer"])
    shown = follow(client, workflow_action(client, page, "approve", comment="内容属实", secrecy_confirmed="on"))
    assert [t for lv, t in shown if lv == message_levels.SUCCESS] == [
        f"“{page.title}”已通过科室审核，已转交领导审批。"], shown

    login(client, tree["leader"])
    shown = follow(client, workflow_action(client, page, "reject", comment="第二段数据有误"))
    assert [t for lv, t in shown if lv == message_levels.SUCCESS] == [
        f"“{page.title}”已在领导审批退回修改，信息员修改后可重新提交。"], shown


@pytest.mark.django_db
def test_final_approval_says_the_page_is_published(client, tree):
    login(client, tree["drafter"])
    response, page = create_page(client, tree["dept_a"].root_page)
    follow(client, response)
    login(client, tree["reviewer"])
    follow(client, workflow_action(client, page, "approve", secrecy_confirmed="on"))
    login(client, tree["leader"])
    shown = follow(client, workflow_action(client, page, "approve", comment="同意"))
    assert [t for lv, t in shown if lv == message_levels.SUCCESS] == [
        f"“{page.title}”已通过领导审批，审核流程完成，页面已发布。"], shown
    page.refresh_from_db()
    assert page.live
    # shown once: the next page has no leftover copy
    assert not messages_on(client.get(reverse("wagtailadmin_home")))


@pytest.mark.django_db
def test_refused_approval_gets_no_success_message(client, tree):
    login(client, tree["drafter"])
    response, page = create_page(client, tree["dept_a"].root_page)
    follow(client, response)
    login(client, tree["reviewer"])
    shown = follow(client, workflow_action(client, page, "approve", comment="同意"))  # 保密审查 not ticked
    assert not [t for lv, t in shown if lv == message_levels.SUCCESS]


@pytest.mark.django_db
def test_dashboard_and_listing_write_out_the_review_step(client, tree):
    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page)
    login(client, tree["reviewer"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    text = re.sub(r"<[^>]+>|\s+", "", html)
    assert "科室审核（待您审核）" in text, text
    assert "领导审批（" in text
    listing = client.get(reverse("wagtailadmin_explore", args=[tree["dept_a"].root_page.pk])).content.decode()
    assert "审核步骤：科室审核" in listing


@pytest.mark.django_db
def test_live_page_link_says_it_opens_the_live_page(client, tree):
    login(client, tree["leader"])
    column = tree["dept_a"].root_page
    html = client.get(reverse("wagtailadmin_pages:edit", args=[column.pk])).content.decode()
    assert "查看已发布页面" in html
    assert re.search(r'<a\s[^>]*href="%s"[^>]*aria-label="所有人可见。在新窗口查看已发布页面"' % re.escape(column.url),
                     html)


@pytest.mark.django_db
def test_new_page_gets_publisher_and_source_from_the_department(client, tree):
    login(client, tree["drafter"])
    org_a = tree["org_a"]
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "normativedocumentpage",
                                                  tree["dept_a"].root_page.pk])
    form = client.get(url).context["form"]
    assert form.initial["publisher"] == org_a.pk
    assert form.initial["source_name"] == org_a.name
    html = client.get(url).content.decode()
    assert re.search(r'name="source_name"[^>]*value="%s"' % org_a.name, html)
    # the posted form (as the browser sends it, with the prefilled values) keeps them
    response, page = create_page(client, tree["dept_a"].root_page, publisher=str(org_a.pk),
                                 source_name=org_a.name, action="")
    assert page is not None, response.content.decode()[:500]
    assert page.publisher == org_a and page.source_name == org_a.name
    # editing an existing page never overwrites what is stored
    page.publisher, page.source_name = tree["org_b"], "其他来源"
    page.save_revision().publish()
    form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).context["form"]
    assert form.initial["publisher"] == tree["org_b"].pk and form.initial["source_name"] == "其他来源"


@pytest.mark.django_db
def test_publisher_list_offers_the_departments_own_bodies_first(client, tree):
    from disclosure.models import Organisation

    Organisation.objects.create(name="国务院")
    Organisation.objects.create(name="阿拉善盟行政公署")  # sorts before 武冈 by name
    bureau = Organisation.objects.create(name="武冈市城市管理和综合执法局执法大队", parent=tree["org_a"])
    login(client, tree["drafter"])
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "articlepage", tree["dept_a"].root_page.pk])
    html = client.get(url).content.decode()
    select = re.search(r'<select name="publisher".*?</select>', html, re.S).group(0)
    names = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert names[1:3] == [tree["org_a"].name, bureau.name], names
    assert re.search(r'<optgroup label="本部门">.*%s.*%s.*</optgroup>\s*<optgroup label="其他机构">' % (
        re.escape(tree["org_a"].name), re.escape(bureau.name)), select, re.S)
    assert names.index("国务院") > names.index(bureau.name)


@pytest.mark.django_db
def test_every_page_type_says_what_it_is_for():
    for model in get_page_models():
        if model is Page:
            continue
        description = model.get_page_description()
        assert description, f"{model.__name__} has no page_description"
        assert re.search(r"[\u4e00-\u9fff]", description), description
        assert not description.endswith("类型的页面") and model._meta.verbose_name not in {description}, description
        assert len(description) <= 60, f"{model.__name__}: one line, please"


# --- part 4: menu entries, user list --------------------------------------------------

MENU_URLS = {
    "部门": "wagtailsnippets_review_department:list",
    "敏感词": "wagtailsnippets_review_sensitiveword:list",
    "检索状态": "search_admin:index_status",
}


def top_level_menu(client):
    """{label: url} of the sidebar's top-level links (submenus such as 片段 are not entered)."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = json.loads(re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
                                 html, re.S).group(1))
    main_menu = next(m for m in props["modules"] if m["_type"] == "wagtail.sidebar.MainMenuModule")
    items = main_menu["_args"][0]
    return {item["_args"][0]["label"]: item["_args"][0].get("url") for item in items
            if item["_type"] == "wagtail.sidebar.LinkMenuItem"}


@pytest.mark.django_db
def test_menu_entries_exist_and_work_for_the_site_administrator_only(client, tree, site_admin):
    login(client, site_admin)
    menu = top_level_menu(client)
    for label, url_name in MENU_URLS.items():
        assert menu.get(label) == reverse(url_name), menu
        assert client.get(reverse(url_name)).status_code == 200, label
    for role_user in (tree["drafter"], tree["reviewer"], tree["leader"]):
        login(client, role_user)
        menu = top_level_menu(client)
        for label, url_name in MENU_URLS.items():
            assert label not in menu, (role_user.username, menu)
            assert client.get(reverse(url_name)).status_code == 403, (role_user.username, label)


@pytest.mark.django_db
def test_departments_and_words_are_no_longer_under_snippets(client, site_admin):
    login(client, site_admin)
    html = client.get(reverse("wagtailsnippets:index")).content.decode()
    assert "敏感词" not in html and ">部门<" not in html


@pytest.mark.django_db
def test_index_status_page_shows_queue_and_last_error(client, site_admin):
    from search.models import IndexQueueEntry, IndexQueueState

    IndexQueueEntry.objects.create(page_id=424242, action="index")
    IndexQueueState.objects.create(last_error="ConnectionError: 检索引擎无法连接")
    login(client, site_admin)
    html = client.get(reverse("search_admin:index_status")).content.decode()
    text = re.sub(r"<[^>]+>|\s+", "", html)
    assert re.search(r"积压更新\d+条（最早入队：\d{4}-", text), text
    assert "ConnectionError:检索引擎无法连接" in text
    assert 'action="%s"' % reverse("search_admin:rebuild") in html and "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_rebuild_button_needs_post_csrf_and_the_site_administrator(tree, site_admin, settings, tmp_path):
    from search import admin_views

    settings.SEARCH_REBUILD_LOG = tmp_path / "rebuild.log"
    # A stand-in process so the test doesn't rebuild the developer's own index from the
    # developer's database (the child can't see the test database); see the next test for
    # the real command line.
    settings.SEARCH_REBUILD_COMMAND = [sys.executable, "-c", "import time; print('重建完成'); time.sleep(1.5)"]
    url = reverse("search_admin:rebuild")

    drafter = Client(enforce_csrf_checks=True)
    drafter.force_login(tree["drafter"])
    assert drafter.post(url).status_code == 403

    admin = Client(enforce_csrf_checks=True)
    admin.force_login(site_admin)
    assert admin.get(url).status_code == 405
    assert admin.post(url).status_code == 403  # no CSRF token
    page = admin.get(reverse("search_admin:index_status"))
    token = page.cookies["csrftoken"].value
    response = admin.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert admin_views.rebuild_running()
    again = admin.post(url, {"csrfmiddlewaretoken": token}, follow=True)
    assert "检索索引正在重建" in again.content.decode()
    deadline = time.monotonic() + 30
    while admin_views.rebuild_running() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not admin_views.rebuild_running()
    html = admin.get(reverse("search_admin:index_status")).content.decode()
    assert "重建完成" in html


def test_rebuild_runs_the_same_command_an_operator_runs(settings):
    from search import admin_views

    settings.SEARCH_REBUILD_COMMAND = None
    command = admin_views.rebuild_command()
    assert command[0] == sys.executable
    assert command[1].endswith("manage.py") and command[2:] == ["search_index", "--rebuild"]


@pytest.mark.django_db
def test_user_list_shows_department_and_role(client, tree, site_admin):
    login(client, site_admin)
    html = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert re.search(r"<th[^>]*>\s*(<[^>]+>\s*)*部门", html) and re.search(r"<th[^>]*>\s*(<[^>]+>\s*)*角色", html)

    def row_of(username):
        start = re.search(r'<td class="username">\s*%s\s*</td>' % username, html).start()
        return re.sub(r"\s+", "", html[start:html.index("</tr>", start)])

    assert "市城管局" in row_of("a_drafter") and "信息员" in row_of("a_drafter")
    assert "市司法局" in row_of("b_reviewer") and "审核员" in row_of("b_reviewer")
    assert "站点管理员" in row_of("site_admin")


@pytest.mark.django_db
def test_approval_from_the_editor_footer_is_confirmed_once(client, tree):
    login(client, tree["drafter"])
    response, page = create_page(client, tree["dept_a"].root_page)
    follow(client, response)
    login(client, tree["reviewer"])
    data = page_form(page.title, page.slug)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve",
                 "workflow-action-extra-data": json.dumps({"comment": "内容属实", "secrecy_confirmed": True})})
    shown = follow(client, client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data))
    confirmed = [t for lv, t in shown if lv == message_levels.SUCCESS]
    # Wagtail's "页面已更新" is replaced, not added to; the form re-saved the content, so the
    # review restarts (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT) and the message says so.
    assert len(confirmed) == 1 and confirmed[0].startswith(f"“{page.title}”已通过科室审核"), shown
    assert "已更新" not in confirmed[0]
