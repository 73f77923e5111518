"""The demo tree and seed page, built once per test module inside a transaction that is
rolled back afterwards, so other test folders never see them and each test still runs in
its own savepoint."""

import io
import re

import pytest
from django.db import transaction
from lxml import html as lxml_html

SEED_URL = "/zwgk/zfxxgk/yfxz/2024-fzzfjs-gzbg/"


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    from home.demo import build_site

    with django_db_blocker.unblock():
        with transaction.atomic():
            home = build_site(io.StringIO(), hostname="127.0.0.1", port=8000)
            yield home
            transaction.set_rollback(True)


@pytest.fixture
def seed(demo_site, db):
    from disclosure.models import ReportPage

    return ReportPage.objects.get(slug="2024-fzzfjs-gzbg")


def parse_html(response):
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode("utf-8"))


def text_of(element):
    return re.sub(r"\s+", " ", element.text_content()).strip()
