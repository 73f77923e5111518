"""Records of ../shared/corpus/regulations.jsonl, read in place, import into 法律法规."""

import json

import pytest
from django.utils import timezone

from tests.importers.conftest import run_import, write_jsonl


def pick_records(path):
    """The first 30 records, plus chosen ones: with a 文号, undated, with 编/节 levels, and long."""
    chosen, wanted = {}, {
        "doc_number": lambda r: r.get("doc_number"),
        "undated": lambda r: r.get("date") is None,
        "sections": lambda r: "\n第一节" in r["body"] and "\n第一章" in r["body"],
        "long": lambda r: len(r["body"]) > 60_000,
    }
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            record = json.loads(line)
            if number < 30:
                records.append(record)
                continue
            for name, test in list(wanted.items()):
                if test(record):
                    chosen[name] = record
                    records.append(record)
                    del wanted[name]
                    break
            if not wanted:
                break
    return records, chosen


@pytest.fixture
def corpus_sample(corpus_path, tmp_path):
    records, chosen = pick_records(corpus_path)
    return write_jsonl(tmp_path / "sample.jsonl", records), records, chosen


@pytest.fixture
def small_sample(corpus_path, tmp_path):
    """The first eight records: enough for behaviour that does not depend on the content."""
    with open(corpus_path, encoding="utf-8") as handle:
        records = [json.loads(next(handle)) for _ in range(8)]
    return write_jsonl(tmp_path / "small.jsonl", records), records, {}


def test_corpus_records_import_into_regulations_column(site, corpus_sample, client):
    from disclosure.doc_numbers import normalise_doc_number
    from disclosure.models import RegulationPage

    path, records, chosen = corpus_sample
    result = run_import(path)
    assert not result.failed, result.out + result.err
    assert f"新建 {len(records)} 条" in result.out
    column = site.get_children().get(slug="zwgk").get_children().get(slug="zfxxgk").get_children().get(slug="flfg")
    for record in records:
        page = RegulationPage.objects.get(source_id=record["source"])
        assert page.get_parent().pk == column.pk
        assert page.live and page.title == record["title"]
        assert page.publisher.name == record["publisher"]
        assert page.doc_number == normalise_doc_number(record["doc_number"] or "")
        assert page.header == record["header"] and page.category == record["category"]
        if record["date"]:
            assert page.published_on.isoformat() == record["date"]
            assert page.written_on.isoformat() == record["date"]
            # The original date, not the import time.
            assert timezone.localtime(page.first_published_at).date().isoformat() == record["date"]
            assert timezone.localtime(page.last_published_at).date().isoformat() == record["date"]
        assert page.live_revision_id and page.live_revision_id == page.latest_revision_id
    assert chosen["doc_number"]["doc_number"]
    long_page = RegulationPage.objects.get(source_id=chosen["long"]["source"])
    blocks = list(long_page.body.raw_data)
    # One heading per 章, one paragraph block per 条: far fewer blocks than lines.
    lines = [line for line in chosen["long"]["body"].splitlines() if line.strip()]
    assert len(blocks) < len(lines)
    articles = [b for b in blocks if b["type"] == "paragraph" and b["value"].startswith("<p>第")]
    assert len(articles) >= 50
    response = client.get(long_page.url)
    assert response.status_code == 200
    assert chosen["long"]["title"] in response.content.decode("utf-8")
    sections = RegulationPage.objects.get(source_id=chosen["sections"]["source"])
    levels = {b["value"]["level"] for b in sections.body.raw_data if b["type"] == "heading"}
    assert {"2", "3"} <= levels


def test_second_import_creates_nothing(site, small_sample):
    from wagtail.models import Revision

    from disclosure.models import Organisation, RegulationPage

    path, records, _chosen = small_sample
    assert not run_import(path).failed
    counts = (RegulationPage.objects.count(), Organisation.objects.count(), Revision.objects.count())
    again = run_import(path)
    assert not again.failed
    assert "新建 0 条" in again.out and f"跳过 {len(records)} 条" in again.out
    assert (RegulationPage.objects.count(), Organisation.objects.count(), Revision.objects.count()) == counts


def test_changed_record_updates_the_same_page(site, small_sample, tmp_path):
    from disclosure.models import RegulationPage

    path, records, _chosen = small_sample
    assert not run_import(path).failed
    record = dict(records[0], title=records[0]["title"] + "（修订）", body=records[0]["body"] + "\n\n第九百九十九条 新增条文。")
    before = RegulationPage.objects.get(source_id=record["source"])
    result = run_import(write_jsonl(tmp_path / "changed.jsonl", [record]))
    assert "更新 1 条" in result.out, result.out
    page = RegulationPage.objects.get(source_id=record["source"])
    assert page.pk == before.pk and page.title == record["title"]
    assert "第九百九十九条 新增条文。" in page.body_text()
    assert RegulationPage.objects.filter(source_id=record["source"]).count() == 1


def test_imported_regulations_are_searchable(site, small_sample):
    from search.backends import get_backend
    from search.backends.base import SearchRequest

    path, records, _chosen = small_sample
    assert not run_import(path).failed
    backend = get_backend()
    assert backend.count() >= len(records)
    for record in (records[3], records[5], records[-1]):
        hits = backend.search(SearchRequest(q=record["title"], page_size=5)).hits
        assert any(hit.title == record["title"] and hit.source_id == record["source"] for hit in hits), record["title"]


def test_dry_run_writes_nothing(site, small_sample):
    from disclosure.models import RegulationPage

    path, records, _chosen = small_sample
    result = run_import(path, "--dry-run")
    assert not result.failed
    assert "试运行" in result.out and f"新建 {len(records)} 条" in result.out
    assert RegulationPage.objects.count() == 0
