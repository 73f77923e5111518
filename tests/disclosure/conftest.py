import datetime

import pytest
from wagtail.models import Site

from disclosure.models import ColumnPage, Organisation, SubjectCategory
from disclosure.placement import COLUMN_TREE
from home.models import HomePage


class Tree:
    def __init__(self, home):
        self.home = home

    def column(self, slug):
        return ColumnPage.objects.get(slug=slug)


def build_tree():
    """Home page, default site and the column tree of DESIGN.md §2, without the seed report
    (the full demo build is several times slower and other engineers' tests cover it)."""
    from home.demo import ensure_root

    root = ensure_root()  # transactional tests elsewhere flush Wagtail's root page
    home = HomePage(title="首页", slug="home-gov")
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, home, "武冈市人民政府"
    site.save()

    def add(parent, nodes):
        for slug, title, column_type, children in nodes:
            column = ColumnPage(slug=slug, title=title, column_type=column_type)
            parent.add_child(instance=column)
            add(column, children)

    add(home, COLUMN_TREE)
    return home


@pytest.fixture
def tree(db):
    return Tree(build_tree())


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
