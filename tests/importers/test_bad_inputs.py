"""Each bad input is reported with its file, line or record and reason; the rest still import."""

import json
import os

from tests.importers.conftest import run_import, write_jsonl

GOOD = {"title": "示范市户外广告管理办法", "body": "第一条 为了规范户外广告。\n\n第二条 本办法自公布之日起施行。",
        "kind": "regulation", "date": "2023-06-01", "publisher": "示范市人民政府", "source": "test:good-1"}
GOOD_TWO = dict(GOOD, title="示范市门前三包责任制规定", source="test:good-2")


def test_bad_jsonl_lines_are_reported_and_good_ones_import(site, tmp_path):
    from disclosure.models import RegulationPage

    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps(GOOD, ensure_ascii=False),                                        # 1
        '{"title": "缺了右括号", "body": "x", "kind": "regulation"',                    # 2
        json.dumps({"body": "没有标题", "kind": "regulation"}, ensure_ascii=False),     # 3
        json.dumps(dict(GOOD, title="类别不对", kind="law", source="x"), ensure_ascii=False),  # 4
        json.dumps(dict(GOOD, title="正文超长", body="条" * 500, source="y"), ensure_ascii=False),  # 5
        json.dumps(dict(GOOD, title="日期不对", date="去年", source="z"), ensure_ascii=False),  # 6
    ]
    with open(path, "wb") as handle:
        for line in lines:
            handle.write(line.encode("utf-8") + b"\n")
        handle.write(b"\x89PNG\r\x1a\x00\xff\xfe\x00garbage\n")                          # 7
        handle.write(json.dumps(GOOD_TWO, ensure_ascii=False).encode("utf-8") + b"\n")  # 8
    result = run_import(path, "--max-body-chars", "300")
    assert result.failed  # non-zero exit
    assert "新建 2 条" in result.out and "失败 6 条" in result.out, result.out
    expected = {
        2: "JSON 格式错误", 3: "缺少必填字段：title", 4: "未知的信息类别 kind='law'",
        5: "正文过长：500 字，超过上限 300 字", 6: "日期 date无法识别", 7: "UTF-8",
    }
    for number, reason in expected.items():
        line = next((row for row in result.out.splitlines() if f"{path}:第{number}行" in row), "")
        assert reason in line, (number, result.out)
    assert set(RegulationPage.objects.values_list("source_id", flat=True)) == {"test:good-1", "test:good-2"}


def test_bad_files_are_reported_and_others_import(site, tmp_path):
    from disclosure.models import RegulationPage

    (tmp_path / "garbage.html").write_bytes(os.urandom(4096))
    (tmp_path / "broken.json").write_text('[{"title": 1,', encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "list.json").write_text(json.dumps([GOOD, {"title": "只有标题"}], ensure_ascii=False), encoding="utf-8")
    result = run_import(tmp_path, tmp_path / "missing.jsonl", tmp_path / "notes.docx")
    assert result.failed
    out = result.out
    assert "新建 1 条" in out and "失败 5 条" in out, out
    assert f"{tmp_path / 'garbage.html'}：" in out and ("二进制" in out or "无法识别文件编码" in out)
    assert f"{tmp_path / 'broken.json'}：JSON 格式错误" in out
    assert f"{tmp_path / 'list.json'}:第2条记录：缺少必填字段：body、kind" in out, out
    assert f"{tmp_path / 'missing.jsonl'}：文件或文件夹不存在" in out
    assert "不支持的文件类型 .docx" in out
    assert RegulationPage.objects.filter(source_id="test:good-1").count() == 1


def test_failing_record_leaves_nothing_half_written(site, tmp_path):
    """A record that fails after its publisher was created leaves neither page nor snippet."""
    from disclosure.models import Organisation, RegulationPage

    existing = dict(GOOD, source="test:typed")
    assert not run_import(write_jsonl(tmp_path / "a.jsonl", [existing])).failed
    clash = dict(existing, kind="news", publisher="一个全新的发布机构")  # same source, other type
    result = run_import(write_jsonl(tmp_path / "b.jsonl", [clash, GOOD_TWO]))
    assert result.failed and "类型" in result.out and "新建 1 条" in result.out, result.out
    assert not Organisation.objects.filter(name="一个全新的发布机构").exists()
    assert RegulationPage.objects.filter(source_id="test:typed").count() == 1


def test_column_option_places_records_there(site, tmp_path):
    from disclosure.models import RegulationPage

    result = run_import(write_jsonl(tmp_path / "c.jsonl", [GOOD]), "--column", "/zwgk/gzdt/")
    assert not result.failed, result.out + result.err
    assert RegulationPage.objects.get(source_id="test:good-1").get_parent().slug == "gzdt"
    bad = run_import(write_jsonl(tmp_path / "d.jsonl", [GOOD]), "--column", "/no/such/column/")
    assert bad.failed and "找不到栏目" in bad.err


def test_same_url_updates_and_title_date_identity(site, tmp_path):
    from disclosure.models import ArticlePage

    first = {"title": "关于公布第一批事项的通知", "body": "正文一。", "kind": "other",
             "url": "http://old.example.gov.cn/art/2024/5/1/art_1_1.html", "date": "2024-05-01"}
    assert not run_import(write_jsonl(tmp_path / "u1.jsonl", [first])).failed
    renamed = dict(first, title="关于公布第一批事项的通知（更正）", body="正文二。")
    result = run_import(write_jsonl(tmp_path / "u2.jsonl", [renamed]))
    assert "更新 1 条" in result.out, result.out
    assert ArticlePage.objects.get().title == renamed["title"]
    no_url = {"title": "无地址的通知", "body": "甲。", "kind": "other", "date": "2024-06-01"}
    assert "新建 1 条" in run_import(write_jsonl(tmp_path / "t1.jsonl", [no_url])).out
    changed = dict(no_url, body="乙。")
    assert "更新 1 条" in run_import(write_jsonl(tmp_path / "t2.jsonl", [changed])).out
    assert ArticlePage.objects.filter(title="无地址的通知").count() == 1


def test_progress_bar_and_summary(site, tmp_path):
    import io

    from disclosure.importers.runner import ImportRun

    stream = io.StringIO()
    path = write_jsonl(tmp_path / "p.jsonl", [GOOD, GOOD_TWO, {"title": "坏记录"}])
    summary = ImportRun([path], progress=True, stream=stream).run()
    assert "导入" in stream.getvalue() and "3/3" in stream.getvalue()  # tqdm, on the given stream
    assert (summary.counts["created"], summary.failed) == (2, 1)
    report = summary.report()
    assert report.startswith("导入完成：新建 2 条，更新 0 条，跳过 0 条，失败 1 条")
    assert f"{path}:第3行：缺少必填字段：body、kind" in report


def test_reimport_keeps_an_editors_draft_and_a_withdrawn_page(site, tmp_path):
    """Nothing an editor stored is lost: re-import skips pages changed or unpublished in the admin."""
    from disclosure.models import ArticlePage

    record = {"title": "关于公布第二批事项的通知", "body": "原始正文。", "kind": "other",
              "url": "http://old.example.gov.cn/art/2024/5/2/art_1_2.html", "date": "2024-05-02"}
    assert not run_import(write_jsonl(tmp_path / "a.jsonl", [record])).failed
    page = ArticlePage.objects.get()
    draft = page.get_latest_revision_as_object()
    draft.title = "编辑修改后的标题"
    draft.save_revision()

    changed = dict(record, body="旧系统里改过的正文。")
    result = run_import(write_jsonl(tmp_path / "b.jsonl", [changed]))
    assert "跳过 1 条" in result.out and "保留编辑的版本" in result.out, result.out
    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "编辑修改后的标题"
    assert "原始正文" in page.body_text()

    page.unpublish()
    result = run_import(write_jsonl(tmp_path / "c.jsonl", [changed]))
    assert "跳过 1 条" in result.out, result.out
    page.refresh_from_db()
    assert not page.live, "a page an editor withdrew is not republished by an import"

    result = run_import(write_jsonl(tmp_path / "d.jsonl", [changed]), "--overwrite-edits")
    assert "更新 1 条" in result.out, result.out
    page.refresh_from_db()
    assert page.live and "旧系统里改过的正文" in page.body_text()
