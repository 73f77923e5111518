"""Attachments saved beside a legacy page are copied into Wagtail documents, so the migrated page
has no link into the old site that dies when it is switched off."""

from django.test import Client

from tests.importers.conftest import run_import

PAGE = """<html><head><meta charset="gbk"><title>示范县关于规范停车收费的通知</title>
<!-- saved from url=(0062)http://www.example-county.gov.cn/zwgk/gfxwj/202405/t20240510_1.html -->
</head><body><div class="nav">首页 | 政务公开</div>
<div class="TRS_Editor">
<p>各乡镇人民政府，县直各单位：</p>
<p>现将《示范县停车收费管理办法》印发给你们，请认真贯彻执行。停车收费实行明码标价，收费标准由县发展和改革局会同有关部门制定并向社会公布，接受群众监督。</p>
<p>附件：<a href="t20240510_1_files/停车收费管理办法.pdf">示范县停车收费管理办法</a></p>
<p>附件2：<a href="t20240510_1_files/missing.docx">收费标准表</a></p>
<p>附件3：<a href="../secret.txt">内部说明</a></p>
<p>示范县人民政府办公室</p><p>2024年5月10日</p>
</div><div class="footer">主办单位：示范县人民政府</div></body></html>"""

PDF = b"%PDF-1.4\n% attachment of the parking notice\n%%EOF\n"


def saved_page(folder):
    page_dir = folder / "site"
    files = page_dir / "t20240510_1_files"
    files.mkdir(parents=True)
    (files / "停车收费管理办法.pdf").write_bytes(PDF)
    (folder / "secret.txt").write_bytes(b"not for the public")
    path = page_dir / "t20240510_1.html"
    path.write_bytes(PAGE.encode("gbk"))
    return path


def test_saved_attachment_becomes_a_document_and_reimport_reuses_it(site, tmp_path):
    from wagtail.documents import get_document_model

    from disclosure.models import NormativeDocumentPage

    Document = get_document_model()
    before = Document.objects.count()
    path = saved_page(tmp_path)
    result = run_import(path, "--kind", "normative_document")
    assert not result.failed and "新建 1 条" in result.out, result.out + result.err

    document = Document.objects.get(title="示范县停车收费管理办法")
    with document.open_file() as handle:
        assert handle.read() == PDF
    page = NormativeDocumentPage.objects.get(title="示范县关于规范停车收费的通知")
    html = Client().get(page.url).content.decode()
    assert f'href="{document.url}"' in html and "示范县停车收费管理办法" in html
    assert Client().get(document.url).status_code == 200
    # A file that isn't there stays a link to the old site; nothing outside the page's folder
    # is ever published.
    assert 'href="http://www.example-county.gov.cn/zwgk/gfxwj/202405/t20240510_1_files/missing.docx"' in html
    assert Document.objects.count() == before + 1
    assert "not for the public" not in html

    again = run_import(path, "--kind", "normative_document")
    assert not again.failed and "新建 0 条" in again.out, again.out
    assert Document.objects.count() == before + 1


def test_dry_run_creates_no_document(site, tmp_path):
    from wagtail.documents import get_document_model

    Document = get_document_model()
    before = Document.objects.count()
    result = run_import(saved_page(tmp_path), "--kind", "normative_document", "--dry-run")
    assert not result.failed, result.out + result.err
    assert Document.objects.count() == before
