import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_chromium_renders_a_live_page(live_server, page_at):
    page = page_at(375)
    page.goto(live_server.url + "/robots.txt")
    assert "Sitemap:" in page.content()
