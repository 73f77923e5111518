"""The demo tree and seed page, built once per test module inside a transaction that is
rolled back afterwards, so other test folders never see them and each test still runs in
its own savepoint."""

import re

import pytest
from lxml import html as lxml_html

SEED_URL = "/zwgk/zfxxgk/yfxz/2024-fzzfjs-gzbg/"


@pytest.fixture
def seed(demo_site, db):
    from disclosure.models import ReportPage

    return ReportPage.objects.get(slug="2024-fzzfjs-gzbg")


def parse_html(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode("utf-8"))


def text_of(element):
    return re.sub(r"\s+", " ", element.text_content()).strip()
