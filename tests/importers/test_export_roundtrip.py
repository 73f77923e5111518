"""export_documents writes the import format; export → import into an empty site → export
gives the same records."""

import json

from tests.conftest import SEED_PATH
from tests.importers.conftest import FIXTURES, run_export, run_import, write_jsonl


def empty_site():
    """Remove every disclosure item and the catalogue, as in a freshly built site."""
    from wagtail.models import Page

    from disclosure.importers.kinds import disclosure_models
    from disclosure.models.catalogue import CatalogueEntry

    for model in disclosure_models():
        for page in model.objects.all():
            Page.objects.get(pk=page.pk).delete()
    CatalogueEntry.objects.all().delete()


def test_round_trip_is_stable(site, corpus_path, tmp_path):
    with open(corpus_path, encoding="utf-8") as handle:
        corpus = [json.loads(next(handle)) for _ in range(5)]
    extra = [{"title": "示范市2024年政府信息公开工作年度报告", "kind": "disclosure_annual_report",
              "body": "一、总体情况\n\n2024年，我市主动公开政府信息。\n\n示范市人民政府办公室\n\n2025年1月20日",
              "date": "2025-01-21", "publisher": "示范市人民政府办公室", "subject": "综合政务",
              "index_number": "0000000001/2025-00001", "validity": "有效", "site": "示范市政府办"}]
    empty_site()
    assert not run_import(write_jsonl(tmp_path / "in.jsonl", corpus + extra), SEED_PATH, FIXTURES).failed
    first = run_export()
    records = [json.loads(line) for line in first.splitlines()]
    assert len(records) == 5 + 1 + 1 + 4
    by_title = {r["title"]: r for r in records}
    assert by_title[corpus[0]["title"]]["source"] == corpus[0]["source"]
    assert by_title[corpus[0]["title"]]["kind"] == "regulation"
    assert by_title[extra[0]["title"]]["validity"] == "valid"
    assert by_title[extra[0]["title"]]["index_number"] == "0000000001/2025-00001"
    assert set(records[0]) >= {"title", "body", "kind", "url", "site", "publisher", "date", "doc_number",
                               "breadcrumb", "index_number", "subject", "validity", "header", "source",
                               "category"}

    empty_site()
    exported = tmp_path / "export.jsonl"
    exported.write_text(first, encoding="utf-8")
    again = run_import(exported)
    assert not again.failed and f"新建 {len(records)} 条" in again.out, again.out
    second = run_export()
    assert sorted(second.splitlines()) == sorted(first.splitlines())


def test_export_kind_filter_and_file_output(site, tmp_path):
    assert not run_import(FIXTURES).failed
    target = tmp_path / "news.jsonl"
    run_export("--kind", "news", "--output", target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["kind"] for line in lines] == ["news"]
