"""dead_link for links written out as addresses (`<a href="/zwgk/...">`, imported bodies, the
site's own domain) and for the settings links in the footer; no request leaves the server."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from disclosure.models import ColumnPage, NewsPage
from health.checks import BLOCKING, run_checks
from home.models import SiteIdentitySettings
from tests.disclosure.conftest import add_page, d

pytestmark = pytest.mark.django_db

TODAY = d("2026-11-20")


@pytest.fixture
def site(tree):
    for column in ColumnPage.objects.filter(column_type="list"):
        add_page(column, NewsPage(title=f"{column.title}最新信息", published_on=TODAY))
    return tree


def dead(findings):
    return [f for f in findings if f.check == "dead_link"]


def test_written_out_links_to_own_pages_and_documents(site):
    column = site.column("gzdt")
    withdrawn = add_page(column, NewsPage(title="将撤下的稿件", published_on=TODAY))
    document = Document.objects.create(title="附件", file=ContentFile(b"x", name="a.txt"))
    good = ['/zwgk/gzdt/', '/zwgk/gzdt', f'http://localhost/zwgk/gzdt/{withdrawn.slug}/', f'/documents/{document.pk}/a.txt',
            '/search/?q=1', 'mailto:xx@wugang.gov.cn', '#top', 'tel:12345']
    bad = ['/zwgk/no-such-column/', f'/documents/{document.pk + 1000}/gone.pdf']
    links = "".join(f'<a href="{href}">链接</a>' for href in good + bad)
    source = add_page(column, NewsPage(title="含站内链接的稿件", published_on=TODAY,
                                       body=[("paragraph", f"<p>{links}</p>")]))
    found = dead(run_checks(today=TODAY))
    assert {(f.title, f.severity) for f in found} == {(source.title, BLOCKING)}
    assert len(found) == 2
    messages = " ".join(f.message for f in found)
    assert "/zwgk/no-such-column/" in messages and "页面不存在" in messages
    assert "gone.pdf" in messages and "文件已删除" in messages
    withdrawn.unpublish()
    found = dead(run_checks(today=TODAY))
    assert len(found) == 3
    assert any(withdrawn.slug in f.message and "页面未发布" in f.message for f in found)


def test_column_intro_rich_text_is_scanned(site):
    column = site.column("pfxc")
    column.intro = '<p>详见<a href="/zwgk/removed-column/">原栏目</a></p>'
    column.save_revision().publish()
    found = dead(run_checks(today=TODAY))
    assert [(f.title, f.url) for f in found] == [("普法宣传", "/zwgk/pfxc/")]
    assert "栏目说明" in found[0].message


def test_footer_link_to_an_own_page_that_is_gone(site):
    identity = SiteIdentitySettings.for_site(site.home.get_site())
    identity.site_domain = "www.wugang.gov.cn"
    identity.error_report_url = "https://www.wugang.gov.cn/zwgk/jiucuo/"
    identity.save()
    found = dead(run_checks(today=TODAY))
    assert [(f.title, f.url, f.severity) for f in found] == [("网站导航", "/", BLOCKING)]
    assert "站点标识 → 我为政府网站找错链接" in found[0].message and "页面不存在" in found[0].message
    identity.error_report_url = "https://www.wugang.gov.cn/zwgk/gzdt/"
    identity.save()
    assert dead(run_checks(today=TODAY)) == []
