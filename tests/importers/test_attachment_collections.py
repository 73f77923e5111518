"""An imported attachment belongs to the department of the record's 发布机构
(docs/security.md §1): it lands in that department's collection, and stays private until
the imported page is live."""

from django.test import Client

from tests.importers.conftest import run_import

ORGANISATION = "示范县城市管理局"
PAGE = f"""<html><head><meta charset="utf-8"><title>示范县城市管理局关于规范占道经营的通告</title>
<!-- saved from url=(0062)http://www.example-county.gov.cn/zwgk/gfxwj/202405/t20240512_7.html -->
</head><body><div class="TRS_Editor">
<table><tr><td>发布机构</td><td>{ORGANISATION}</td></tr><tr><td>发布日期</td><td>2024-05-12</td></tr></table>
<p>为规范占道经营行为，维护市容环境秩序，现就有关事项通告如下，请广大经营者遵照执行。</p>
<p>附件：<a href="t20240512_7_files/占道经营管理规定.pdf">占道经营管理规定</a></p>
</div></body></html>"""
PDF = b"%PDF-1.4\n% street vending rules\n%%EOF\n"


def test_imported_attachment_goes_into_the_publishers_department_collection(site, tmp_path):
    from wagtail.documents import get_document_model

    from disclosure.models import Organisation
    from review.roles import setup_department, setup_roles

    setup_roles()
    organisation, _ = Organisation.objects.get_or_create(name=ORGANISATION, defaults={"short_name": "县城管局"})
    department = setup_department(organisation, "县城管局", "xcgj")
    files = tmp_path / "site" / "t20240512_7_files"
    files.mkdir(parents=True)
    (files / "占道经营管理规定.pdf").write_bytes(PDF)
    path = tmp_path / "site" / "t20240512_7.html"
    path.write_text(PAGE, encoding="utf-8")

    result = run_import(path, "--kind", "normative_document")
    assert not result.failed and "新建 1 条" in result.out, result.out + result.err
    document = get_document_model().objects.get(title="占道经营管理规定")
    assert document.collection == department.collection
    assert Client().get(document.url).status_code == 200  # the imported page is live
