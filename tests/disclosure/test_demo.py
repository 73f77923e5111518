import io

import pytest
from django.test import Client
from wagtail.models import Page

from disclosure import demo
from disclosure.kinds import column_path
from disclosure.models import (
    CatalogueEntry,
    EnforcementDecisionPage,
    EnforcementStatistics,
    NewsPage,
    NormativeDocumentPage,
    PolicyInterpretationPage,
    PowerListPage,
    RegulationPage,
)


@pytest.mark.django_db
def test_demo_has_every_kind_in_its_column_marked_and_is_idempotent(tree):
    demo.load(io.StringIO(), {})
    count = Page.objects.count()
    home = tree.home
    expected = {
        "normative_document": NormativeDocumentPage, "policy_interpretation": PolicyInterpretationPage,
        "power_list": PowerListPage, "enforcement_publicity": EnforcementDecisionPage,
        "regulation": RegulationPage, "news": NewsPage,
    }
    client = Client()
    for kind, model in expected.items():
        column = Page.objects.get(url_path=f"{home.url_path}{column_path(kind)}/")
        pages = model.objects.child_of(column).live()
        assert pages.exists(), kind
        for page in pages:
            assert "示例数据" in page.title, page.title
            assert page.index_number
    assert NewsPage.objects.filter(url_path__contains="/pfxc/").exists()  # 普法宣传
    # Every demo item renders (a revoked decision as its notice).
    for entry in CatalogueEntry.objects.filter(page__live=True):
        assert client.get(entry.page.url).status_code == 200, entry.title

    stats = EnforcementStatistics.objects.get(year=2024)
    assert (stats.power_items_total, stats.cases_total, stats.inspections_total) == (118, 59, 98)
    assert stats.problems() == []
    html = client.get(f"{home.url}zwgk/zfxxgk/xzzfgs/xzzf-tj-2024/").content.decode()
    assert "权责清单事项（合计118）" in html and "行政处罚案件（合计59）" in html and "行政检查（合计98）" in html

    doc = NormativeDocumentPage.objects.get(slug="demo-gfxwj-2025-3")
    assert doc.doc_number == "武城管发〔2025〕3号" and doc.attachments.count() == 1
    assert NormativeDocumentPage.objects.get(slug="demo-gfxwj-2019-2").validity == "repealed"
    assert "张三" not in client.get(EnforcementDecisionPage.objects.get(slug="demo-cf-2025-15").url).content.decode()

    demo.load(io.StringIO(), {})
    assert Page.objects.count() == count


@pytest.mark.django_db
def test_demo_organisations_save_unchanged_in_the_admin(tree):
    """An editor who opens a demo 发布机构 and saves it must not be told its code is wrong."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from disclosure.models import Organisation

    demo.load(io.StringIO(), {})
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.com", "pw"))
    organisations = list(Organisation.objects.all())
    assert organisations
    for org in organisations:
        url = reverse("wagtailsnippets_disclosure_organisation:edit", args=[org.pk])
        data = {"name": org.name, "short_name": org.short_name, "code": org.code, "parent": org.parent_id or ""}
        response = client.post(url, data)
        assert response.status_code == 302, (org.name, org.code, response.context["form"].errors)
