"""Every change makes the next anonymous request show it: on the page, its parent listing, the home
page's latest list, the catalogue, sitemap.xml, the 网站地图 and the feeds, and purges nothing else."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.cache.conftest import SEED_URL, anonymous_get, body

pytestmark = pytest.mark.django_db

HOME, SITE_MAP, CATALOGUE = "/", "/wzdt/", "/zwgk/zfxxgk/xxgkml/"
GFXWJ, FLFG, UNRELATED = "/zwgk/zfxxgk/gfxwj/", "/zwgk/zfxxgk/flfg/", "/zwgk/pfxc/"


def column(slug):
    from disclosure.models import ColumnPage

    return ColumnPage.objects.get(slug=slug)


def feed(slug):
    return reverse("disclosure:column_feed", args=[column(slug).pk])


def page_url(page):
    page.refresh_from_db()
    return page.get_url_parts()[2]


def warm(*urls):
    """Fill the cache and prove each URL is now served from it."""
    for url in urls:
        anonymous_get(url)
        assert anonymous_get(url)["X-Page-Cache"] == "hit", url


def everywhere(*extra):
    return [HOME, GFXWJ, f"{GFXWJ}?page=1", CATALOGUE, f"{CATALOGUE}?sort=date_asc", "/sitemap.xml",
            feed("gfxwj"), feed("xxgkml"), SITE_MAP, *extra]


def new_document(committed, title, slug, parent="gfxwj", publish=True):
    from disclosure.models import NormativeDocumentPage, Organisation

    org, _ = Organisation.objects.get_or_create(name="武冈市司法局")
    page = NormativeDocumentPage(title=title, slug=slug, publisher=org, doc_number="武司发〔2026〕1号",
                                 published_on=timezone.localdate(), body=[("paragraph", "<p>正文。</p>")])
    column(parent).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        committed(revision.publish)
    page.refresh_from_db()
    return page


def test_publishing_shows_on_every_listing_and_purges_nothing_else(demo_site, page_cache, committed):
    warm(*everywhere(UNRELATED, SEED_URL))
    page = new_document(committed, "关于新设停车泊位的通知", "tingche-tongzhi")
    url = page_url(page)
    for listing in (HOME, GFXWJ, f"{GFXWJ}?page=1", CATALOGUE, f"{CATALOGUE}?sort=date_asc",
                    feed("gfxwj"), feed("xxgkml")):
        assert "关于新设停车泊位的通知" in body(anonymous_get(listing)), listing
    assert url in body(anonymous_get("/sitemap.xml"))
    # Unrelated: a sibling column and a page in another column are still served from the cache.
    assert anonymous_get(UNRELATED)["X-Page-Cache"] == "hit"
    assert anonymous_get(SEED_URL)["X-Page-Cache"] == "hit"

    warm(url)
    page.title = "关于新设停车泊位的通知（修订）"
    committed(page.save_revision().publish)
    for where in (url, HOME, GFXWJ, CATALOGUE, feed("gfxwj"), feed("xxgkml")):
        assert "关于新设停车泊位的通知（修订）" in body(anonymous_get(where)), where


def test_unpublishing_takes_it_off_everywhere(demo_site, page_cache, committed):
    page = new_document(committed, "即将撤下的通知", "cheng-xia")
    url = page_url(page)
    warm(url, *everywhere())
    committed(page.unpublish)
    assert anonymous_get(url).status_code == 404
    for listing in everywhere():
        assert "即将撤下的通知" not in body(anonymous_get(listing)), listing
    assert url not in body(anonymous_get("/sitemap.xml"))


def test_moving_updates_both_columns_and_both_urls(demo_site, page_cache, committed):
    page = new_document(committed, "搬到法律法规的文件", "ban-jia")
    old_url = page_url(page)
    warm(old_url, FLFG, feed("flfg"), *everywhere())
    committed(page.move, column("flfg"), pos="last-child")
    new_url = page_url(page)
    assert new_url.startswith(FLFG)
    moved = anonymous_get(old_url)  # Wagtail's automatic redirect, no longer the cached page
    assert moved.status_code == 301 and moved["Location"] == new_url
    assert "搬到法律法规的文件" in body(anonymous_get(new_url))
    assert "搬到法律法规的文件" not in body(anonymous_get(GFXWJ))
    assert "搬到法律法规的文件" not in body(anonymous_get(feed("gfxwj")))
    assert "搬到法律法规的文件" in body(anonymous_get(FLFG))
    assert "搬到法律法规的文件" in body(anonymous_get(feed("flfg")))
    sitemap = body(anonymous_get("/sitemap.xml"))
    assert new_url in sitemap and old_url not in sitemap


def test_deleting_takes_it_off_everywhere(demo_site, page_cache, committed):
    page = new_document(committed, "将被删除的通知", "shan-chu")
    url = page_url(page)
    warm(url, *everywhere())
    committed(page.delete)
    assert anonymous_get(url).status_code == 404
    for listing in everywhere():
        assert "将被删除的通知" not in body(anonymous_get(listing)), listing


def test_scheduled_publishing_purges_like_a_manual_one(demo_site, page_cache, committed):
    page = new_document(committed, "定时发布前的标题", "ding-shi")
    url = page_url(page)
    warm(url, *everywhere())
    page.title = "定时发布后的标题"
    revision = page.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(hours=1))
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    assert "定时发布前的标题" in body(anonymous_get(url))
    committed(call_command, "publish_scheduled", stdout=io.StringIO())
    for where in (url, HOME, GFXWJ, CATALOGUE, feed("gfxwj"), feed("xxgkml")):
        assert "定时发布后的标题" in body(anonymous_get(where)), where


def test_scheduled_expiry_purges_like_a_manual_unpublish(demo_site, page_cache, committed):
    page = new_document(committed, "定时下线的通知", "ding-shi-xia-xian")
    url = page_url(page)
    warm(url, *everywhere())
    from wagtail.models import Page

    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    committed(call_command, "publish_scheduled", stdout=io.StringIO())
    assert anonymous_get(url).status_code == 404
    for listing in everywhere():
        assert "定时下线的通知" not in body(anonymous_get(listing)), listing


def test_expire_documents_purges_the_expired_and_the_withdrawn(demo_site, page_cache, committed):
    from disclosure.models import EnforcementDecisionPage, Organisation

    today = timezone.localdate()
    document = new_document(committed, "有效期将满的办法", "you-xiao-qi")
    document.expires_on = today - datetime.timedelta(days=1)
    committed(document.save_revision().publish)
    org, _ = Organisation.objects.get_or_create(name="武冈市城市管理和综合执法局")
    decision = EnforcementDecisionPage(
        title="公示将满的处罚决定", slug="gong-shi-jiang-man", doc_number="罚字〔2026〕9号", party_name="某公司",
        party_type="organisation", credit_code="91430581MA4L000000", facts="事实", basis="依据",
        penalty_category="罚款", penalty_content="罚款1000元", fine_amount=Decimal("1000"),
        decided_on=today - datetime.timedelta(days=20), publicity_on=today - datetime.timedelta(days=19),
        publicity_until=today + datetime.timedelta(days=5), published_on=today, publisher=org)
    column("xzzfgs").add_child(instance=decision)
    committed(decision.save_revision().publish)
    document_url, decision_url = page_url(document), page_url(decision)
    xzzfgs = "/zwgk/zfxxgk/xzzfgs/"
    warm(document_url, decision_url, xzzfgs, feed("xzzfgs"), *everywhere())
    assert "公示将满的处罚决定" in body(anonymous_get(xzzfgs))

    later = (today + datetime.timedelta(days=10)).isoformat()
    committed(call_command, "expire_documents", "--date", later, stdout=io.StringIO())
    assert "本文件失效" in body(anonymous_get(document_url))
    assert anonymous_get(decision_url).status_code == 404
    for listing in (xzzfgs, feed("xzzfgs"), HOME, CATALOGUE, feed("xxgkml"), "/sitemap.xml"):
        assert "公示将满的处罚决定" not in body(anonymous_get(listing)), listing
    assert decision_url not in body(anonymous_get("/sitemap.xml"))


def test_a_footer_change_purges_every_page(demo_site, page_cache, committed):
    from home.models import SiteIdentitySettings

    urls = [SEED_URL, UNRELATED, *everywhere()]
    warm(*urls)
    identity = SiteIdentitySettings.objects.get()
    identity.contact = "0739-9999999"
    committed(identity.save)
    for url in urls:
        if not url.endswith(".xml"):
            assert "0739-9999999" in body(anonymous_get(url)), url


def test_renaming_a_menu_column_updates_the_navigation_and_the_site_map(demo_site, page_cache, committed):
    warm(SEED_URL, SITE_MAP, UNRELATED, HOME)
    section = column("pfxc")
    section.title = "普法宣传教育"
    committed(section.save_revision().publish)
    for url in (SEED_URL, SITE_MAP, UNRELATED, HOME):
        assert "普法宣传教育" in body(anonymous_get(url)), url
