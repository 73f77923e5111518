"""Imports go through the editors' content checks: personal data stays an unpublished draft,
--publish-anyway is a 站点管理员's logged decision, attachments are judged by their real type,
and text after an <embed> survives."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import PageLogEntry

from disclosure.file_types import file_type_problem
from disclosure.importers.legacy_html import record_from_html
from disclosure.personal_data import find_id_numbers, find_mobile_numbers, id_checksum_char
from review.checks.text import normalise
from tests.importers.conftest import read_corpus_lines, run_import, write_jsonl

FIRST17 = "43058119900307123"
ID_NUMBER = FIRST17 + id_checksum_char(FIRST17)
MASKED_ID = ID_NUMBER[:6] + "********" + ID_NUMBER[14:]
MOBILE = "13907391234"
MASKED_MOBILE = "139****1234"
PERSONAL = {"title": "关于张某某违法占道经营的处理决定", "kind": "other", "date": "2024-05-10",
            "publisher": "示范市城市管理和综合执法局", "source": "test:personal-1",
            "body": f"当事人张某某，身份证号{ID_NUMBER}，联系电话{MOBILE}。\n\n经查，当事人在人民路占道经营。"}
CLEAN = {"title": "关于规范占道经营的通告", "kind": "other", "date": "2024-05-11",
         "publisher": "示范市城市管理和综合执法局", "source": "test:clean-1",
         "body": "为规范城市道路管理，现就占道经营有关事项通告如下。"}


def page_for(source):
    from disclosure.models import ArticlePage

    return ArticlePage.objects.get(source_id=source)


def site_admin(username="importadmin"):
    from review.roles import ROLE_SITE_ADMIN, add_user_to_role, setup_roles

    setup_roles()
    user = get_user_model().objects.create_user(username, password="x")
    add_user_to_role(user, ROLE_SITE_ADMIN)
    return user


def test_a_record_with_an_id_number_and_a_mobile_becomes_an_unpublished_draft(site, tmp_path):
    path = write_jsonl(tmp_path / "records.jsonl", [PERSONAL, CLEAN])
    result = run_import(path)
    assert not result.failed, result.out + result.err
    assert "新建 2 条" in result.out
    assert "内容检查未通过、已存为草稿" in result.out and "1 条" in result.out, result.out
    line = next(row for row in result.out.splitlines() if PERSONAL["title"] in row)
    assert f"{path}:第1行" in line and MASKED_ID in line and MASKED_MOBILE in line, line
    assert ID_NUMBER not in result.out and MOBILE not in result.out

    held, clean = page_for("test:personal-1"), page_for("test:clean-1")
    assert not held.live and held.first_published_at is None and held.live_revision is None
    assert held.has_unpublished_changes and held.latest_revision is not None
    assert Client().get(held.url or f"/zwgk/{held.slug}/").status_code == 404
    assert clean.live and Client().get(clean.url).status_code == 200
    entry = PageLogEntry.objects.get(page=held, action="review.import_held")
    assert MASKED_ID in json.dumps(entry.data, ensure_ascii=False) and ID_NUMBER not in json.dumps(entry.data)

    # Re-importing the same data changes nothing; corrected data is published.
    again = run_import(path)
    assert "新建 0 条" in again.out and "更新 0 条" in again.out, again.out
    assert held.revisions.count() == 1
    fixed = dict(PERSONAL, body="当事人张某某在人民路占道经营，已责令改正。")
    write_jsonl(path, [fixed])
    third = run_import(path)
    assert "更新 1 条" in third.out and "存为草稿" not in third.out, third.out
    held.refresh_from_db()
    assert held.live and "已责令改正" in held.body_text()


def test_a_changed_live_record_with_personal_data_keeps_the_live_version(site, tmp_path):
    path = write_jsonl(tmp_path / "records.jsonl", [CLEAN])
    run_import(path)
    changed = dict(CLEAN, body=f"如有疑问请联系{MOBILE}。")
    write_jsonl(path, [changed])
    result = run_import(path)
    assert "更新 1 条" in result.out and MASKED_MOBILE in result.out, result.out
    page = page_for("test:clean-1")
    assert page.live and page.has_unpublished_changes
    assert MOBILE not in Client().get(page.url).content.decode()


def test_dry_run_reports_the_drafts_it_would_make(site, tmp_path):
    result = run_import(write_jsonl(tmp_path / "records.jsonl", [PERSONAL]), "--dry-run")
    assert "试运行" in result.out and MASKED_ID in result.out, result.out
    from disclosure.models import ArticlePage

    assert not ArticlePage.objects.filter(source_id="test:personal-1").exists()


def test_publish_anyway_is_only_for_site_admins_and_is_logged(site, tmp_path):
    from disclosure.models import ArticlePage
    from review.roles import ROLE_LEADER, add_user_to_role, setup_roles

    path = write_jsonl(tmp_path / "records.jsonl", [PERSONAL])
    refused = run_import(path, "--publish-anyway")
    assert refused.failed and "--user" in refused.err, refused.err
    setup_roles()
    leader = get_user_model().objects.create_user("leader", password="x")
    add_user_to_role(leader, ROLE_LEADER)
    for username in ["leader", "nobody"]:
        result = run_import(path, "--publish-anyway", "--user", username)
        assert result.failed and "不是有效的站点管理员" in result.err, result.err
    assert not ArticlePage.objects.filter(source_id="test:personal-1").exists()

    admin = site_admin()
    result = run_import(path, "--publish-anyway", "--user", admin.username)
    assert not result.failed, result.out + result.err
    assert "按 --publish-anyway 仍已发布" in result.out and MASKED_ID in result.out, result.out
    page = page_for("test:personal-1")
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action="review.import_published_anyway")
    assert entry.user_id == admin.pk and MASKED_MOBILE in json.dumps(entry.data, ensure_ascii=False)


ATTACHMENT_PAGE = """<html><head><meta charset="utf-8"><title>示范县关于公布收费标准的通知</title>
<!-- saved from url=(0062)http://www.example-county.gov.cn/zwgk/gfxwj/202405/t20240510_2.html -->
</head><body><div class="TRS_Editor">
<p>现将收费标准公布如下，请各单位遵照执行。收费标准由县发展和改革局会同有关部门制定并向社会公布。</p>
<p>附件1：<a href="files/evil.svg#.pdf">收费标准图</a></p>
<p>附件2：<a href="files/page.html?x.txt">收费说明</a></p>
<p>附件3：<a href="files/fake.pdf">收费标准表</a></p>
<p>附件4：<a href="files/real.pdf">收费标准（正式）</a></p>
</div></body></html>"""


def test_attachments_are_judged_by_saved_name_and_content(site, tmp_path):
    from wagtail.documents import get_document_model

    Document = get_document_model()
    folder = tmp_path / "site"
    files = folder / "files"
    files.mkdir(parents=True)
    (files / "evil.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (files / "page.html").write_bytes(b"<html><body><script>alert(1)</script></body></html>")
    (files / "fake.pdf").write_bytes(b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")
    (files / "real.pdf").write_bytes(b"%PDF-1.4\n% the real attachment\n%%EOF\n")
    path = folder / "t20240510_2.html"
    path.write_text(ATTACHMENT_PAGE, encoding="utf-8")
    before = set(Document.objects.values_list("pk", flat=True))
    result = run_import(path, "--kind", "normative_document")
    assert not result.failed and "新建 1 条" in result.out, result.out + result.err
    created = Document.objects.exclude(pk__in=before)
    assert [d.title for d in created] == ["收费标准（正式）"]
    assert all(d.file.name.endswith(".pdf") for d in created)
    assert not Document.objects.filter(file__iregex=r"\.(svg|html?)$").exists()
    assert "附件未导入" in result.out and "3 个" in result.out, result.out
    for link in ["files/evil.svg#.pdf", "files/page.html?x.txt", "files/fake.pdf"]:
        assert any(link in line for line in result.out.splitlines()), (link, result.out)


@pytest.mark.parametrize("name, head, allowed", [
    ("report.pdf", b"%PDF-1.7\n", True),
    ("report.pdf", b"<!DOCTYPE html><html><script>", False),
    ("report.pdf", b"\n  <html><body>", False),
    ("evil.svg", b"<svg/>", False),
    ("page.html", b"<p>text</p>", False),
    ("notes.txt", "第一条 为了规范管理。".encode("gb18030"), True),
    ("notes.txt", b"<?xml version='1.0'?><svg onload='x'/>", False),
    ("table.csv", "\ufeff名称,数量\n".encode("utf-16"), True),
    ("table.xlsx", b"PK\x03\x04" + b"\x00" * 60, True),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60, True),
    ("old.doc", b"%PDF-1.4\n", False),
    ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 60, False),
    ("program.exe", b"MZ\x90\x00", False),
    ("noextension", b"%PDF-1.4\n", False),
])
def test_file_type_check(name, head, allowed, settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "ofd", "pdf", "rtf", "txt", "wps", "xls", "xlsx", "zip"]
    problem = file_type_problem(name, head)
    assert (problem is None) == allowed, problem


@pytest.mark.parametrize("html", [
    '<p>前文<embed src="flash/a.swf">嵌入之后的文字必须保留。</p><p>第二段也必须保留。</p>',
    '<p>前文<embed src="flash/a.swf"></embed>嵌入之后的文字必须保留。</p><p>第二段也必须保留。</p>',
    '<embed src="banner.swf"><p>前文</p><p>嵌入之后的文字必须保留。</p><p>第二段也必须保留。</p>',
    '<p>前文<video src="a.mp4"><source src="a.webm"></video>嵌入之后的文字必须保留。<wbr>第二段也必须保留。</p>',
])
def test_text_after_embed_is_kept(html):
    page = (f'<html><head><title>示范县通知</title></head><body><div id="zoom">{html}'
            "<p>落款单位示范县人民政府办公室。</p></div></body></html>")
    record = record_from_html(page, kind="other", max_body_chars=100_000)
    text = json.dumps(record.blocks, ensure_ascii=False)
    assert "嵌入之后的文字必须保留" in text and "第二段也必须保留" in text, text
    assert "swf" not in text and "<embed" not in text


@pytest.mark.corpus
def test_corpus_has_no_personal_data_so_the_demo_still_publishes_everything(corpus_path):
    """load_demo_site --corpus imports this file: nothing in it may be held back as a draft, whether
    the demo's 敏感词 list exists yet or not."""
    from review.demo import DEMO_SENSITIVE_WORDS

    words = [normalise(word).lower() for word, _note in DEMO_SENSITIVE_WORDS]
    with open(corpus_path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            record = json.loads(line)
            text = normalise(record.get("title", "") + "\n" + record.get("body", ""))
            assert not find_id_numbers(text) and not find_mobile_numbers(text), (number, record.get("title"))
            assert not any(word in text.lower() for word in words), (number, record.get("title"))


def test_corpus_sample_imports_live(site, corpus_path, tmp_path):
    records = read_corpus_lines(corpus_path, [0, 1, 2])
    result = run_import(write_jsonl(tmp_path / "sample.jsonl", records))
    assert "新建 3 条" in result.out and "存为草稿" not in result.out, result.out
