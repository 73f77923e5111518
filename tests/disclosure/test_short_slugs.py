"""Short ASCII addresses for pages with Chinese titles (disclosure/slugs.py)."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from disclosure.importers.writer import slug_for
from disclosure.slugs import MAX_SHORT_SLUG, short_slug
from tests.review.conftest import page_form, tree  # noqa: F401

pytestmark = pytest.mark.django_db

LONG_TITLE = ("关于印发《武冈市城市管理领域户外广告和招牌设施设置管理办法（试行）》及配套"
              "实施细则和行政处罚自由裁量权基准的通知")
SHORT_SLUG = re.compile(r"^\d{8}-[0-9a-f]{10}(-\d+)?$")


def assert_short_ascii(page):
    page.refresh_from_db()
    assert SHORT_SLUG.match(page.slug), page.slug
    assert len(page.slug) <= MAX_SHORT_SLUG
    assert page.url_path.isascii(), page.url_path
    return page.slug


def post_create(client, parent, title, slug, action=None, **extra):
    data = page_form(title, slug, **extra)
    if action:
        data[action] = "1"
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "articlepage", parent.pk])
    return client.post(url, data)


def test_admin_create_form_gives_a_chinese_title_a_short_ascii_address(client, tree):
    from disclosure.models import ArticlePage

    column = tree["dept_a"].root_page
    client.force_login(tree["drafter"])
    # Wagtail's title→slug sync is off, so the slug arrives empty (as without JavaScript).
    response = post_create(client, column, LONG_TITLE, "")
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(title=LONG_TITLE)
    slug = assert_short_ascii(page)
    assert slug[:8] == timezone.localdate().strftime("%Y%m%d")  # no 发布日期 yet: today
    # Submitting and later publishing never changes it.
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug == slug
    assert page.url.isascii() and len(page.url) < 120


def test_create_form_does_not_sync_title_into_slug_and_slug_is_optional(client, tree):
    column = tree["dept_a"].root_page
    client.force_login(tree["drafter"])
    response = client.get(reverse("wagtailadmin_pages:add", args=["disclosure", "articlepage", column.pk]))
    html = response.content.decode()
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', html).group(0)
    assert "slug" not in title_input
    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', html).group(0)
    assert "required" not in slug_input
    assert "留空则保存时自动生成简短地址" in html


def test_hand_set_ascii_slug_is_kept_in_the_admin(client, tree):
    from disclosure.models import ArticlePage

    column = tree["dept_a"].root_page
    client.force_login(tree["drafter"])
    response = post_create(client, column, LONG_TITLE, "hwgg-banfa")
    assert response.status_code == 302
    assert ArticlePage.objects.get(title=LONG_TITLE).slug == "hwgg-banfa"


def test_shell_created_pages_get_unique_short_slugs(tree):
    from disclosure.models import ArticlePage, ColumnPage

    column = tree["dept_a"].root_page
    first = ArticlePage(title=LONG_TITLE, item_kind="other", published_on=date(2024, 10, 9))
    column.add_child(instance=first)
    second = ArticlePage(title=LONG_TITLE, item_kind="other", published_on=date(2024, 10, 9))
    column.add_child(instance=second)
    assert assert_short_ascii(first).startswith("20241009-")
    assert assert_short_ascii(second).startswith("20241009-")
    assert first.slug != second.slug
    # A column made in a shell, too; and a Chinese slug given to a new page is replaced.
    sub = ColumnPage(title="户外广告专题", column_type="list")
    column.add_child(instance=sub)
    assert_short_ascii(sub)
    pasted = ArticlePage(title="城市管理通知", slug="城市管理通知", item_kind="other")
    column.add_child(instance=pasted)
    assert_short_ascii(pasted)


def test_shell_hand_set_and_ascii_titles_keep_wagtails_behaviour(tree):
    from disclosure.models import ArticlePage

    column = tree["dept_a"].root_page
    chosen = ArticlePage(title=LONG_TITLE, slug="zyj-2024", item_kind="other")
    column.add_child(instance=chosen)
    chosen.refresh_from_db()
    assert chosen.slug == "zyj-2024"
    english = ArticlePage(title="Open Government Guide", item_kind="other")
    column.add_child(instance=english)
    english.refresh_from_db()
    assert english.slug == "open-government-guide"


def test_existing_addresses_never_change(client, tree):
    from disclosure.models import ArticlePage

    column = tree["dept_a"].root_page
    page = ArticlePage(title="市城管局二〇二三年工作总结", slug="tmp", item_kind="other")
    column.add_child(instance=page)
    page.save_revision().publish()
    # An address from before this change: the title itself.
    legacy_slug = "市城管局二〇二三年工作总结"
    Page.objects.filter(pk=page.pk).update(slug=legacy_slug, url_path=column.url_path + legacy_slug + "/")
    page.refresh_from_db()
    old_url = page.url

    page.title = "市城管局二〇二三年工作总结（修订）"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug == legacy_slug and page.url == old_url

    # Saved through the real edit form by the department's leader.
    client.force_login(tree["leader"])
    data = page_form(page.title, page.slug)
    data["action-publish"] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.slug == legacy_slug and page.url == old_url
    assert client.get(old_url).status_code == 200


def test_importer_and_model_share_one_scheme():
    record = SimpleNamespace(url="http://www.wugang.gov.cn/a/1.html", source="", title="某通知",
                             published_on=date(2024, 10, 9))
    assert slug_for(record) == short_slug(record.url, date(2024, 10, 9))
    assert SHORT_SLUG.match(slug_for(record))
    # Stable: a re-import chooses the same address.
    assert slug_for(record) == slug_for(record)
