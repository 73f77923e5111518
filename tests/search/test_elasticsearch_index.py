"""The Elasticsearch backend against a real node (core modules only in CI)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from search.backends.base import SearchRequest, SearchUnavailable
from tests.search.es_fixtures import SAMPLE, doc, es_backend, es_client, sample_backend  # noqa: F401

pytestmark = pytest.mark.elasticsearch


def ids(results):
    return [h.page_id for h in results.hits]


def test_mapping_and_analyzers_are_accepted_by_the_core_only_build(es_backend):
    index = es_backend.ensure_index()
    client = es_backend.client
    mapping = client.indices.get_mapping(index=index)[index]["mappings"]["properties"]
    assert mapping["title"]["fields"]["bigram"]["analyzer"] == "govsite_bigram"
    assert mapping["doc_number_exact"]["type"] == "keyword"
    tokens = client.indices.analyze(index=index, analyzer="govsite_bigram", text="醉酒驾驶")["tokens"]
    assert [t["token"] for t in tokens] == ["醉 酒", "酒 驾", "驾 驶"]
    single = client.indices.analyze(index=index, analyzer="govsite_bigram", text="法")["tokens"]
    assert [t["token"] for t in single] == ["法"]
    settings = client.indices.get_settings(index=index)[index]["settings"]["index"]
    assert settings["number_of_shards"] == "1"
    assert es_backend.alias.endswith("-pages") and index.startswith(es_backend.alias + "-")


def test_index_search_and_delete(es_backend):
    assert es_backend.index_documents(SAMPLE) == len(SAMPLE)
    assert es_backend.count() == len(SAMPLE)
    found = es_backend.search(SearchRequest(q="最低生活保障"))
    assert ids(found)[0] == 2
    es_backend.delete_documents([2, 999])      # an unknown id is not an error
    assert ids(es_backend.search(SearchRequest(q="最低生活保障"))) == []
    assert es_backend.count() == len(SAMPLE) - 1


def test_synonym_finds_a_page_that_only_uses_the_other_word(sample_backend):
    # The premise: the pages use only the long forms.
    assert not any("醉驾" in d.title + d.body or "低保" in d.title + d.body for d in SAMPLE)
    drunk = ids(sample_backend.search(SearchRequest(q="醉驾 处罚")))
    assert drunk and drunk[0] == 1 and 2 not in drunk
    relief = ids(sample_backend.search(SearchRequest(q="低保")))
    assert relief and relief[0] == 2 and 1 not in relief


def test_doc_number_in_any_bracket_form_finds_the_document_first(sample_backend):
    for typed in ["武城管发[2024]3号", "武城管发【2024】3号", "武城管发(2024)3号",
                  "武城管发（2024）3号", "武城管发〔２０２４〕３号", "武城管发 〔2024〕 3 号"]:
        assert ids(sample_backend.search(SearchRequest(q=typed)))[:1] == [1], typed


def test_full_width_digits_match_half_width(sample_backend):
    assert ids(sample_backend.search(SearchRequest(q="公安部令第149号")))[:1] == [3]
    assert ids(sample_backend.search(SearchRequest(q="公安部令第１４９号")))[:1] == [3]


def test_highlight_marks_the_query_words_and_escapes_the_rest(sample_backend):
    es_backend = sample_backend
    hit = es_backend.search(SearchRequest(q="停车泊位")).hits[0]
    assert "<em>停车泊位</em>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    hit = es_backend.search(SearchRequest(q="醉驾")).hits[0]
    assert "<em>醉酒驾驶" in hit.snippet          # the synonym of 醉驾 the page uses
    # Full-width punctuation of the page survives normalisation in the snippet.
    assert "，" in hit.snippet and "," not in hit.snippet


def test_facets_filters_sort_and_pagination(sample_backend):
    es_backend = sample_backend
    everything = es_backend.search(SearchRequest(q="武冈市"))     # title, body or publisher
    assert everything.total == 4
    assert everything.facets["kind"] == {"normative_document": 2, "rule_of_law_report": 1, "news": 1}
    assert everything.facets["year"] == {"2025": 1, "2024": 2, "2023": 1}
    assert list(everything.facets["year"]) == ["2025", "2024", "2023"]
    assert everything.facets["publisher"] == {"武冈市城市管理综合执法局": 3, "武冈市民政局": 1}
    filtered = es_backend.search(SearchRequest(q="武冈市", kind="normative_document", year=2024))
    assert ids(filtered) == [1] and filtered.total == 1
    # A facet ignores its own filter so the other values stay selectable.
    assert filtered.facets["kind"] == {"normative_document": 1, "news": 1}
    assert filtered.facets["year"] == {"2024": 1, "2023": 1}
    assert filtered.facets["publisher"] == {"武冈市城市管理综合执法局": 1}
    by_publisher = es_backend.search(SearchRequest(q="武冈市", publisher="武冈市民政局"))
    assert ids(by_publisher) == [2]
    by_date = es_backend.search(SearchRequest(q="武冈市", sort="date"))
    assert ids(by_date) == [3, 4, 1, 2]
    page2 = es_backend.search(SearchRequest(q="武冈市", sort="date", page=2, page_size=2))
    assert ids(page2) == [1, 2] and page2.total == 4
    beyond = es_backend.search(SearchRequest(q="武冈市", page=100_000, page_size=50))
    assert beyond.hits == [] and beyond.total == 4
    hit = by_date.hits[0]
    assert hit.date == date(2025, 3, 20) and hit.kind == "rule_of_law_report"
    assert hit.url == "/zwgk/test/3/" and hit.title == "2024年法治政府建设年度报告"


def test_display_fields_keep_the_pages_own_spelling(es_backend):
    es_backend.index_documents([doc(7, "关于印发《武冈市规范性文件管理办法》的通知（试行）", "正文",
                                    doc_number="武政办发〔２０２４〕７号", publisher="武冈市人民政府办公室")])
    hit = es_backend.search(SearchRequest(q="规范性文件管理办法")).hits[0]
    assert hit.title == "关于印发《武冈市规范性文件管理办法》的通知（试行）"
    assert hit.doc_number == "武政办发〔２０２４〕７号"
    assert es_backend.search(SearchRequest(q="武政办发[2024]7号")).hits[0].page_id == 7


def test_empty_query_and_missing_index_answer_quietly(es_backend):
    assert es_backend.search(SearchRequest(q="   ")).total == 0
    assert es_backend.count() == 0                       # no index yet
    assert es_backend.search(SearchRequest(q="条例")).total == 0


def test_rebuild_swaps_the_alias_atomically_and_deletes_the_old_index(es_backend):
    es_backend.index_documents(SAMPLE[:2])
    old = es_backend.indices_behind(es_backend.alias)
    assert len(old) == 1
    seen_during_rebuild = []

    def documents():
        yield SAMPLE[2]
        # Mid-rebuild, search still answers from the complete old index...
        seen_during_rebuild.append(ids(es_backend.search(SearchRequest(q="最低生活保障"))))
        assert es_backend.indices_behind(es_backend.alias) == old
        # ...and a page published now reaches the index being built too.
        es_backend.index_documents([doc(9, "武冈市停车收费公示", "停车收费标准")])
        yield SAMPLE[3]

    assert es_backend.rebuild(documents()) == 2
    assert seen_during_rebuild == [[2]]
    new = es_backend.indices_behind(es_backend.alias)
    assert len(new) == 1 and new != old
    assert not es_backend.client.indices.exists(index=old[0])
    assert es_backend.indices_behind(es_backend.building_alias) == []
    assert sorted(int(h.page_id) for h in es_backend.search(SearchRequest(q="武冈市", page_size=50)).hits) == [3, 4, 9]
    assert es_backend.count() == 3


def test_search_keeps_answering_while_a_rebuild_runs(es_backend):
    es_backend.index_documents(SAMPLE)
    stop, answers, errors = threading.Event(), [], []

    def search_loop():
        while not stop.is_set():
            try:
                answers.append(es_backend.search(SearchRequest(q="停车")).total)
            except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(exc)

    many = SAMPLE + [doc(100 + i, f"停车场管理规定第{i}号", "停车 " * 50) for i in range(400)]
    es_backend.vocabulary()     # built once, outside the timed loop
    thread = threading.Thread(target=search_loop)
    thread.start()
    try:
        for _ in range(2):
            es_backend.rebuild(many)
    finally:
        stop.set()
        thread.join(30)
    assert errors == []
    assert answers and min(answers) >= 1         # never an empty or missing index
    assert answers[-1] == 401
    assert len(es_backend.indices_behind(es_backend.alias)) == 1


def test_a_failed_rebuild_leaves_the_live_index_alone(es_backend):
    es_backend.index_documents(SAMPLE)
    before = es_backend.indices_behind(es_backend.alias)

    def broken():
        yield SAMPLE[0]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        es_backend.rebuild(broken())
    assert es_backend.indices_behind(es_backend.alias) == before
    assert es_backend.count() == len(SAMPLE)
    leftovers = es_backend.client.indices.get(index=f"{es_backend.alias}-*", expand_wildcards="all")
    assert sorted(leftovers) == before


def test_unreachable_cluster_raises_search_unavailable():
    from search.backends.elasticsearch import ElasticsearchBackend
    from search.es_connection import get_client

    backend = ElasticsearchBackend(get_client("http://127.0.0.1:9"), prefix="unreachable")  # port 9: nothing
    assert backend.ping() is False
    with pytest.raises(SearchUnavailable):
        backend.search(SearchRequest(q="条例"))
    with pytest.raises(SearchUnavailable):
        backend.index_documents(SAMPLE[:1])
    with pytest.raises(SearchUnavailable):
        backend.count()


def test_drop_leaves_a_site_whose_prefix_starts_with_ours(es_backend, es_client):
    from search.backends.elasticsearch import ElasticsearchBackend

    neighbour = ElasticsearchBackend(es_client, prefix=f"{es_backend.prefix}-pages")
    try:
        es_backend.index_documents(SAMPLE[:1])
        neighbour.index_documents(SAMPLE[1:2])
        es_backend.drop()
        assert es_backend.count() == 0
        assert neighbour.count() == 1
    finally:
        neighbour.drop()
