"""Table blocks render as real HTML tables, whether an editor built them in the admin or the
importer converted them from a legacy page. (The struct block's template once passed the raw
value to include_block, which printed a Python dict instead of a table.)"""

import json

import pytest
from django.contrib.auth import get_user_model
from lxml import html as lxml_html
from wagtail.test.utils.form_data import nested_form_data, streamfield

from disclosure.blocks import TableWithCaptionBlock
from disclosure.models import NormativeDocumentPage
from tests.disclosure.test_admin_bad_input import add_url
from tests.importers.conftest import FIXTURES, run_import, site  # noqa: F401 (fixture)

TABLE = {
    "data": [["序号", "事项名称", "办理时限"], ["1", "户外广告设置审批", "5个工作日"]],
    "first_row_is_table_header": True,
    "first_col_is_header": False,
    "table_caption": "",
    "table_header_choice": "row",  # the admin form always sends the editor's header choice
}


def table_cells(markup):
    tree = lxml_html.fromstring(markup)
    tables = tree.xpath("//table")
    assert tables, "no <table> element rendered"
    return [" ".join(cell.text_content().split()) for cell in tables[0].xpath(".//th|.//td")]


def test_block_renders_a_table_with_its_caption():
    block = TableWithCaptionBlock()
    value = block.to_python({"caption": "审批事项一览表", "table": TABLE})
    markup = block.render(value)
    assert "{'data'" not in markup and "&#x27;data&#x27;" not in markup
    assert table_cells(markup) == ["序号", "事项名称", "办理时限", "1", "户外广告设置审批", "5个工作日"]
    assert "<figcaption>审批事项一览表</figcaption>" in markup
    assert lxml_html.fromstring(markup).xpath("//th[@scope='col']")


@pytest.mark.django_db
def test_table_built_in_the_admin_form_renders_on_the_public_page(client, tree, org):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    parent = tree.column("gfxwj")
    data = nested_form_data({
        "title": "关于户外广告设置管理的通知", "slug": "hwgg", "publisher": org.pk, "published_on": "2025-10-09",
        "body": streamfield([("table", {"caption": "审批事项一览表", "table": json.dumps(TABLE)})]),
        "attachments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        "validity_changes": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
    })
    response = client.post(add_url(NormativeDocumentPage, parent), {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, [e.as_json_data() for e in response.context["form"].errors.as_data()["body"]]
    page = NormativeDocumentPage.objects.get(slug="hwgg")
    assert page.live
    client.logout()
    public = client.get(page.url)
    assert public.status_code == 200
    markup = public.content.decode()
    assert "&#x27;data&#x27;" not in markup
    assert "户外广告设置审批" in table_cells(markup.split("<main", 1)[1])


def test_imported_legacy_table_renders_on_the_public_page(site, client):
    assert not run_import(FIXTURES / "trs_gbk_table.html").failed
    page = NormativeDocumentPage.objects.get()
    markup = client.get(page.url).content.decode()
    assert "&#x27;data&#x27;" not in markup
    stored = next(b for b in page.body.raw_data if b["type"] == "table")["value"]["table"]["data"]
    first_cell = " ".join(str(stored[0][0]).split())
    body = markup.split('class="doc-table"', 1)[1]
    assert first_cell and first_cell in table_cells(body.split(">", 1)[1])
