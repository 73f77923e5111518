"""404 and 500 pages in Chinese."""

import pytest
from django.template import loader
from django.test import RequestFactory

from home.views import server_error
from tests.home.conftest import text_of

pytestmark = pytest.mark.django_db


def test_unknown_wagtail_url_gets_the_chinese_404(demo_site, client):
    from lxml import html

    response = client.get("/zwgk/zfxxgk/no-such-page/")
    assert response.status_code == 404
    doc = html.fromstring(response.content.decode())
    assert doc.get("lang") == "zh-CN"
    assert text_of(doc.cssselect("h1")[0]) == "页面不存在"
    assert "返回" in text_of(doc.cssselect("main")[0])
    # The chrome is still there, so the citizen can carry on from here.
    assert doc.cssselect("footer.site-footer") and doc.cssselect("form[role=search]")


def test_500_template_needs_no_context():
    content = loader.get_template("500.html").render()
    assert "服务暂时不可用" in content and 'lang="zh-CN"' in content
    assert "{{" not in content and "{%" not in content


def test_500_handler_answers_in_chinese_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/anything/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "服务暂时不可用" in response.content.decode()
