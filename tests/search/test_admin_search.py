"""Wagtail's admin search and choosers find Chinese text (search/admin_backend.py).

Runs on the database the suite runs on: SQLite by default, PostgreSQL with
DATABASE_URL=postgres://… (the admin index lives in the site's own database).
"""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.admin_backend import analyse_query, index_text, query_terms
from tests.review.conftest import PASSWORD, create_page, login, tree  # noqa: F401

pytestmark = pytest.mark.django_db

PUBLISHED_TITLE = "关于印发武冈市户外广告设置管理规定的通知"
DOC_NUMBER = "武城管发〔2024〕7号"
DRAFT_TITLE = "武冈市法治政府建设二〇二五年工作要点"
REVIEW_TITLE = "关于开展市容环境卫生专项整治行动的通知"
RENAMED_TITLE = "城区停车泊位收费标准调整说明"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def pages(tree, client):
    from disclosure.models import ArticlePage

    column = tree["dept_a"].root_page
    published = ArticlePage(title=PUBLISHED_TITLE, slug="hwgg", doc_number=DOC_NUMBER, item_kind="other")
    column.add_child(instance=published)
    publish(published)
    assert published.index_number  # given on first publication

    # A draft never published: only the admin knows it.
    draft = ArticlePage(title=DRAFT_TITLE, slug="fzzf-draft", doc_number="武城管发〔2025〕2号", item_kind="other")
    column.add_child(instance=draft)
    draft.save_revision()

    # Submitted by the 信息员 through the real create form: now in review.
    login(client, tree["drafter"])
    response, in_review = create_page(client, column, title=REVIEW_TITLE, slug="srhj", action="action-submit")
    assert response.status_code == 302, response.content[:500]
    in_review.refresh_from_db()
    assert in_review.workflow_in_progress and not in_review.live

    # Live under its old title; the newer revision (in progress) has another title and 文号.
    renamed = ArticlePage(title="停车收费说明", slug="tcsf", doc_number="武城管发〔2023〕1号", item_kind="other")
    column.add_child(instance=renamed)
    publish(renamed)
    renamed.title, renamed.doc_number = RENAMED_TITLE, "武城管发〔2025〕9号"
    renamed.save_revision()
    client.logout()
    return {"published": published, "draft": draft, "in_review": in_review, "renamed": renamed}


def admin_search(client, user, q):
    login(client, user)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def chooser_search(client, user, q):
    login(client, user)
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": q})
    assert response.status_code == 200
    return json.loads(response.content)["html"] if response["Content-Type"].startswith("application/json") \
        else response.content.decode()


def test_backend_is_the_analysed_one_for_this_database():
    backend = get_search_backend()
    assert type(backend).__name__.startswith("Analysed"), type(backend)


def test_analysis_pairs_and_normalises():
    assert index_text("户外广告") == "户 外 广 告 户外 外广 广告"
    assert query_terms("户外广告") == ["户外", "外广", "广告"]
    assert query_terms("法") == ["法"]
    # Every bracket form of a 文号 gives the same terms; full-width digits too.
    forms = ["武政发〔2024〕3号", "武政发[2024]3号", "武政发（2024）3号", "武政发【2024】3号", "武政发(２０２４)3号"]
    assert len({tuple(query_terms(f)) for f in forms}) == 1
    assert analyse_query("〔〕！") is None


@pytest.mark.parametrize("q", ["户外广告", "设置管理", "广告", "规定", "户外广告设置管理规定"])
def test_admin_page_search_finds_part_of_a_chinese_title(client, tree, pages, q):
    html = admin_search(client, tree["leader"], q)
    assert PUBLISHED_TITLE in html
    assert DRAFT_TITLE not in html and REVIEW_TITLE not in html


def test_admin_search_is_not_a_bag_of_characters(client, tree, pages):
    # 户 外 规 定 are all in the title, but 户外规定 is not.
    assert PUBLISHED_TITLE not in admin_search(client, tree["leader"], "户外规定")
    assert PUBLISHED_TITLE not in admin_search(client, tree["leader"], "法治政府")


@pytest.mark.parametrize("q", ["武城管发〔2024〕7号", "武城管发[2024]7号", "武城管发（2024）7号", "武城管发【2024】7号",
                               "武城管发(２０２４)７号"])
def test_admin_page_search_finds_doc_number_in_any_bracket_form(client, tree, pages, q):
    html = admin_search(client, tree["leader"], q)
    assert PUBLISHED_TITLE in html
    assert RENAMED_TITLE not in html  # 武城管发〔2023〕1号 / 〔2025〕9号


def test_admin_page_search_finds_index_number(client, tree, pages):
    index_number = pages["published"].index_number
    assert PUBLISHED_TITLE in admin_search(client, tree["leader"], index_number)
    # The part after the organisation code, as editors often quote it.
    assert PUBLISHED_TITLE in admin_search(client, tree["leader"], index_number.split("/")[-1])


def test_admin_page_search_finds_drafts_and_pages_in_review(client, tree, pages):
    assert DRAFT_TITLE in admin_search(client, tree["leader"], "法治政府")
    assert DRAFT_TITLE in admin_search(client, tree["leader"], "武城管发[2025]2号")
    assert REVIEW_TITLE in admin_search(client, tree["reviewer"], "专项整治")
    # The drafter who submitted it finds it too.
    assert REVIEW_TITLE in admin_search(client, tree["drafter"], "市容环境")


def test_admin_page_search_finds_the_latest_draft_of_a_live_page(client, tree, pages):
    # The page row keeps the live title and 文号 until publication; Wagtail lists the page
    # under its draft title.
    assert RENAMED_TITLE in admin_search(client, tree["leader"], "泊位收费")
    assert RENAMED_TITLE in admin_search(client, tree["leader"], "武城管发〔2025〕9号")
    # …and still by the live ones (停车收费 is only in the live title).
    assert RENAMED_TITLE in admin_search(client, tree["leader"], "停车收费")
    assert RENAMED_TITLE in admin_search(client, tree["leader"], "武城管发〔2023〕1号")


def test_page_chooser_search_finds_chinese_title_doc_number_index_number_and_drafts(client, tree, pages):
    assert PUBLISHED_TITLE in chooser_search(client, tree["drafter"], "户外广告")
    assert PUBLISHED_TITLE in chooser_search(client, tree["drafter"], "武城管发[2024]7号")
    assert PUBLISHED_TITLE in chooser_search(client, tree["drafter"], pages["published"].index_number)
    assert DRAFT_TITLE in chooser_search(client, tree["drafter"], "建设二〇二五")
    assert REVIEW_TITLE in chooser_search(client, tree["drafter"], "卫生专项")
    assert PUBLISHED_TITLE not in chooser_search(client, tree["drafter"], "户外规定")


def test_index_follows_every_save(client, tree, pages):
    draft = pages["draft"]
    draft.title = "武冈市城乡居民医疗救助办法（征求意见稿）"
    draft.save()
    draft.save_revision()
    html = admin_search(client, tree["leader"], "医疗救助")
    assert "城乡居民医疗救助办法" in html
    assert "城乡居民医疗救助办法" not in admin_search(client, tree["leader"], "法治政府")


def test_update_index_rebuilds_the_analysed_index(client, tree, pages):
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()
    assert PUBLISHED_TITLE not in admin_search(client, tree["leader"], "户外广告")
    call_command("update_index", verbosity=0)
    assert PUBLISHED_TITLE in admin_search(client, tree["leader"], "户外广告")
    assert REVIEW_TITLE in admin_search(client, tree["leader"], "专项整治")
    assert PUBLISHED_TITLE in admin_search(client, tree["leader"], "武城管发（2024）7号")


def test_document_and_image_choosers_find_part_of_a_chinese_title(client, tree):
    Document, Image = get_document_model(), get_image_model()
    # In the drafter's department collection: the only files a department's staff may choose.
    own = tree["dept_a"].collection
    document = Document(title="武冈市中心城区户外广告设置专项规划说明", collection=own)
    document.file.save("guihua.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    Document(title="行政执法公示制度", file=document.file.name, collection=own).save()
    image = Image(title="城区户外广告分布示意图", file=get_test_image_file("fenbu.png"), collection=own)
    image.save()
    Image(title="市容环境整治前后对比", file=get_test_image_file("duibi.png"), collection=own).save()
    login(client, tree["drafter"])

    response = client.get(reverse("wagtaildocs_chooser:choose"), {"q": "户外广告"})
    html = json.loads(response.content)["html"]
    assert "中心城区户外广告设置专项规划说明" in html and "行政执法公示制度" not in html

    response = client.get(reverse("wagtailimages_chooser:choose"), {"q": "广告分布"})
    html = json.loads(response.content)["html"]
    assert "城区户外广告分布示意图" in html and "市容环境整治前后对比" not in html

    # The document and image listings use the same backend.
    response = client.get(reverse("wagtaildocs:index"), {"q": "专项规划"})
    assert "中心城区户外广告设置专项规划说明" in response.content.decode()


def test_page_chooser_opens_at_the_editors_department_column(client, tree):
    column = tree["dept_a"].root_page
    login(client, tree["drafter"])
    response = client.get(reverse("wagtailadmin_choose_page"))
    assert response.status_code == 200
    assert json.loads(response.content)["parent_page_id"] == column.pk
    # Another department's 信息员 starts at theirs.
    login(client, tree["drafter_b"])
    response = client.get(reverse("wagtailadmin_choose_page"))
    assert json.loads(response.content)["parent_page_id"] == tree["dept_b"].root_page.pk
    # Browsing elsewhere still works: the explicit parent wins.
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[tree["home"].pk]))
    assert json.loads(response.content)["parent_page_id"] == tree["home"].pk


def test_site_admins_chooser_keeps_wagtails_start(client, tree, django_user_model):
    admin = django_user_model.objects.create_superuser("root_admin", "r@example.com", PASSWORD)
    login(client, admin)
    response = client.get(reverse("wagtailadmin_choose_page"))
    assert json.loads(response.content)["parent_page_id"] == Page.get_first_root_node().pk


def test_page_chooser_still_requires_admin_access(client, tree, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password=PASSWORD)
    login(client, outsider)
    response = client.get(reverse("wagtailadmin_choose_page"))
    assert response.status_code in (302, 403)
    client.logout()
    response = client.get(reverse("wagtailadmin_choose_page"))
    assert response.status_code == 302


def test_ranked_results_page_through_every_match_once(tree):
    from disclosure.models import ArticlePage

    column = tree["dept_a"].root_page
    for n in range(30):
        column.add_child(instance=ArticlePage(title=f"关于户外广告招牌第{n}批整治情况的通报", slug=f"zz{n}",
                                              item_kind="other"))
    column.add_child(instance=ArticlePage(title="户外广告", slug="hwgg-exact", item_kind="other"))
    results = Page.objects.autocomplete("户外广告")
    assert results.count() == 31
    first, second = list(results[:20]), list(results[20:40])
    assert len(first) == 20 and len(second) == 11
    assert {p.pk for p in first}.isdisjoint(p.pk for p in second)
    # The title that is exactly the query ranks first.
    assert first[0].title == "户外广告"
    scored = list(Page.objects.autocomplete("户外广告").annotate_score("_score")[:3])
    assert all(p._score is not None for p in scored)
