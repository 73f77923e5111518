import datetime

import pytest
from wagtail.models import Page, Site

from disclosure.models import ColumnPage, Organisation, SubjectCategory
from home.demo import build_site


class Tree:
    def __init__(self, home):
        self.home = home

    def column(self, slug):
        return ColumnPage.objects.get(slug=slug)


@pytest.fixture
def tree(db):
    home = build_site(_Null())
    return Tree(home)


class _Null:
    def write(self, *args, **kwargs):
        pass


@pytest.fixture
def org(db):
    org, _ = Organisation.objects.get_or_create(name="武冈市城市管理和综合执法局")
    org.short_name, org.code = "武冈城管", "11430581MB1234567X"
    org.save()
    return org


@pytest.fixture
def subject(db):
    return SubjectCategory.objects.get_or_create(name="城乡建设、环境保护")[0]


def add_page(parent, page, publish=True):
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def d(text):
    return datetime.date.fromisoformat(text)
