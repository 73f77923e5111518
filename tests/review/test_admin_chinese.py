"""No English on the admin screens a county's editors and administrator use (issue 16 part 4).

Every screen is fetched through the real views as a 站点管理员 (a member of the group, not a
superuser) and as a 信息员, and every piece of visible text is checked for Latin words.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow

from review.roles import ROLE_DRAFTER, ROLE_REVIEWER, ROLE_SITE_ADMIN, WORKFLOW_NAME, add_user_to_role
from tests.review.conftest import PASSWORD
from tests.review.english import english_words, html_fragments

TABLE_DATA = {"data": [["项目", "标准"], ["占道经营", "每日10元"]], "first_row_is_table_header": True,
              "first_col_is_header": False, "table_caption": ""}


def make_normative_document(parent, owner, title="武冈市户外广告设置管理规定", slug="hwgg"):
    from disclosure.models import NormativeDocumentPage

    page = NormativeDocumentPage(
        title=title, slug=slug, doc_number="武政发〔2024〕3号", owner=owner,
        body=[("paragraph", "<p>为规范户外广告设置，制定本规定。</p>"),
              ("table", {"caption": "收费标准", "table": TABLE_DATA})],
    )
    parent.add_child(instance=page)
    page.save_revision(user=owner)
    return page


@pytest.fixture
def screens(tree):
    User = get_user_model()
    site_admin = User.objects.create_user(username="管理员甲", password=PASSWORD, first_name="管理员")
    add_user_to_role(site_admin, ROLE_SITE_ADMIN)
    drafter = User.objects.create_user(username="信息员甲", password=PASSWORD, first_name="信息员")
    add_user_to_role(drafter, ROLE_DRAFTER, tree["dept_a"])
    reviewer = User.objects.create_user(username="审核员甲", password=PASSWORD, first_name="审核员")
    add_user_to_role(reviewer, ROLE_REVIEWER, tree["dept_a"])
    column = tree["dept_a"].root_page
    draft = make_normative_document(column, drafter)
    in_review = make_normative_document(column, drafter, "武冈市城市管理执法规定", "cgzf")
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    state = workflow.start(in_review, drafter)
    return {"site_admin": site_admin, "drafter": drafter, "reviewer": reviewer, "column": column,
            "draft": draft, "in_review": in_review, "workflow": workflow, "state": state}


def english_on(client, url, label):
    response = client.get(url)
    assert response.status_code == 200, f"{label}: {url} answered {response.status_code}"
    # The review fixture's own accounts have Latin usernames (a_drafter…): data, not interface.
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    found = [hit for fragment in html_fragments(response) for hit in english_words(fragment, usernames)]
    return [f"{label} {where}: {text}" for where, text in found]


def assert_chinese(client, screens):
    """Check every screen, then report all the English found at once."""
    found = [line for label, url in screens for line in english_on(client, url, label)]
    assert not found, "English shown:\n" + "\n".join(dict.fromkeys(found))


def site_admin_urls(s):
    draft, in_review, workflow = s["draft"], s["in_review"], s["workflow"]
    task = workflow.tasks.first()
    return [
        ("仪表板", reverse("wagtailadmin_home")),
        ("新建规范性文件", reverse("wagtailadmin_pages:add", args=["disclosure", "normativedocumentpage",
                                                             s["column"].pk])),
        ("编辑规范性文件", reverse("wagtailadmin_pages:edit", args=[draft.pk])),
        ("审核中的页面", reverse("wagtailadmin_pages:edit", args=[in_review.pk])),
        ("栏目页面列表", reverse("wagtailadmin_explore", args=[s["column"].pk])),
        ("栏目内搜索", reverse("wagtailadmin_explore", args=[s["column"].pk]) + "?q=规定"),
        ("页面搜索", reverse("wagtailadmin_pages:search") + "?q=武冈市户外广告设置管理规定"),
        ("用户组权限", reverse("wagtailusers_groups:edit", args=[Group.objects.get(name=ROLE_DRAFTER).pk])),
        ("审核流程列表", reverse("wagtailadmin_workflows:index")),
        ("审核流程编辑", reverse("wagtailadmin_workflows:edit", args=[workflow.pk])),
        ("审核任务列表", reverse("wagtailadmin_workflows:task_index")),
        ("审核任务编辑", reverse("wagtailadmin_workflows:edit_task", args=[task.pk])),
        ("审核历史", reverse("wagtailadmin_pages:workflow_history", args=[in_review.pk])),
        ("审核历史详情", reverse("wagtailadmin_pages:workflow_history_detail",
                                 args=[in_review.pk, s["state"].pk])),
        ("访问权限", reverse("wagtailadmin_pages:set_privacy", args=[draft.pk])),
        ("用户列表", reverse("wagtailusers_users:index")),
    ]


@pytest.mark.django_db
def test_site_administrator_sees_no_english(client, screens):
    client.force_login(screens["site_admin"])
    assert_chinese(client, site_admin_urls(screens))


@pytest.mark.django_db
def test_drafter_sees_no_english(client, screens):
    s = screens
    client.force_login(s["drafter"])
    assert_chinese(client, [
        ("仪表板", reverse("wagtailadmin_home")),
        ("新建规范性文件", reverse("wagtailadmin_pages:add", args=["disclosure", "normativedocumentpage",
                                                             s["column"].pk])),
        ("编辑规范性文件", reverse("wagtailadmin_pages:edit", args=[s["draft"].pk])),
        ("审核中的页面", reverse("wagtailadmin_pages:edit", args=[s["in_review"].pk])),
        ("栏目页面列表", reverse("wagtailadmin_explore", args=[s["column"].pk])),
        ("页面搜索", reverse("wagtailadmin_pages:search") + "?q=规定"),
        ("审核历史", reverse("wagtailadmin_pages:workflow_history", args=[s["in_review"].pk])),
    ])


@pytest.mark.django_db
def test_reviewer_dashboard_and_review_screen_have_no_english(client, screens):
    s = screens
    client.force_login(s["reviewer"])
    assert_chinese(client, [("审核员仪表板", reverse("wagtailadmin_home")),
                            ("审核员审核页面", reverse("wagtailadmin_pages:edit", args=[s["in_review"].pk]))])
