"""A bulk import purges once, at its end, and its pages then show on the cached listings."""

import json

import pytest

from tests.cache.conftest import anonymous_get, body

pytestmark = pytest.mark.django_db


def test_an_import_purges_once_at_the_end(demo_site, page_cache, committed, tmp_path, monkeypatch):
    from disclosure.importers.runner import ImportRun
    from pagecache import store

    records = [{"kind": "regulation", "title": f"批量导入的法规{n}", "url": f"https://example.gov.cn/law/{n}.html",
                "publisher": "武冈市人民政府", "date": "2025-06-0%d" % (n + 1),
                "body": "第一条 为了测试。"} for n in range(3)]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(record, ensure_ascii=False) for record in records), encoding="utf-8")
    anonymous_get("/zwgk/zfxxgk/flfg/")
    assert anonymous_get("/zwgk/zfxxgk/flfg/")["X-Page-Cache"] == "hit"
    purges = []
    real_purge = store.purge
    monkeypatch.setattr(store, "purge", lambda *args, **kwargs: purges.append(args) or real_purge(*args, **kwargs))
    summary = committed(ImportRun([path]).run)
    assert summary.counts["created"] == 3, summary.failures
    assert len(purges) == 1
    listing = body(anonymous_get("/zwgk/zfxxgk/flfg/"))
    assert all(f"批量导入的法规{n}" in listing for n in range(3))
