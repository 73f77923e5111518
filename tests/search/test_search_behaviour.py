"""What a citizen sees from /api/search/, on both engines (see conftest.DOCS)."""

import re

import pytest

from tests.search.conftest import DOCS

pytestmark = pytest.mark.django_db


def titles(result):
    return [r["title"] for r in result["results"]]


@pytest.mark.parametrize("typed", [
    "武政发[2024]3号", "武政发【2024】3号", "武政发(2024)3号", "武政发（2024）3号", "武政发〔2024〕3号",
    "武政发［２０２４］３号",
])
def test_doc_number_in_any_bracket_form_finds_the_document_first(indexed, api, typed):
    result = api(typed)
    assert result["total"] >= 1
    assert result["results"][0]["doc_number"] == "武政发〔2024〕3号"


def test_full_width_digits_match_half_width(indexed, api):
    # The document says 公安部令第１４９号 and １２件; the citizen types half-width digits.
    assert titles(api("公安部令第149号"))[0] == "武冈市2024年政府信息公开工作年度报告"
    # And the other way round: full-width query, half-width document.
    assert titles(api("武政办发〔２０２２〕７号"))[0] == "武冈市互联网租赁自行车停放管理规定"


@pytest.mark.parametrize("query, expected_title", [
    ("醉驾", "关于依法查处醉酒驾驶机动车违法行为的通告"),          # document says only 醉酒驾驶
    ("低保", "武冈市最低生活保障实施办法"),                        # document says only 最低生活保障
    ("共享单车 停放", "武冈市互联网租赁自行车停放管理规定"),       # document says 互联网租赁自行车
])
def test_a_synonym_finds_documents_that_use_only_the_other_word(indexed, api, query, expected_title):
    found = titles(api(query))
    assert expected_title in found
    assert found[0] == expected_title


def test_synonyms_work_in_both_directions(indexed, api):
    # Document 5 says only 城管; document 1 says only 城市管理.
    assert "城管执法队员文明执法行为规范" in titles(api("城市管理"))
    assert "武冈市人民政府关于印发《武冈市城市管理办法》的通知" in titles(api("城管"))


@pytest.mark.parametrize("typed, suggestion", [
    ("婚姻登计条例", "婚姻登记条例"),
    ("居住证暂行条列", "居住证暂行条例"),
    ("权则清单", "权责清单"),
])
def test_a_homophone_typo_yields_the_right_suggestion(indexed, api, typed, suggestion):
    result = api(typed)
    assert result["suggestion"] == suggestion


def test_a_typo_still_finds_the_intended_document(indexed, api):
    assert titles(api("婚姻登计条例"))[0] == "婚姻登记条例"


def test_a_correct_query_gets_no_suggestion(indexed, api):
    assert api("婚姻登记条例")["suggestion"] is None
    assert api("停放")["suggestion"] is None


def test_facets_and_counts_are_right(indexed, api):
    # 执法 appears in documents 5 and 7 only (title or body), both by the 城管 bureau.
    result = api("执法")
    expected = [d for d in DOCS if "执法" in d.title + d.body]
    assert result["total"] == len(expected) == 2
    assert result["facets"]["kind"] == {"normative_document": 1, "power_list": 1}
    assert result["facets"]["year"] == {"2024": 1, "2021": 1}
    assert result["facets"]["publisher"] == {"武冈市城市管理和综合执法局": 2}


def test_a_filter_narrows_the_results_and_keeps_the_other_facet_values(indexed, api):
    result = api("执法", kind="power_list")
    assert result["total"] == 1
    assert titles(result) == ["武冈市城市管理和综合执法局权责清单"]
    # The kind facet ignores its own filter so the citizen can switch kind with one link.
    assert result["facets"]["kind"] == {"normative_document": 1, "power_list": 1}
    assert api("执法", year="2021")["total"] == 1
    assert api("执法", publisher="武冈市民政局")["total"] == 0


def test_highlighting_marks_the_query_words_and_escapes_the_rest(indexed, api):
    result = api("停放 区域")
    snippet = result["results"][0]["snippet"]
    marked = "".join(re.findall(r"<em>(.*?)</em>", snippet))
    assert "停放" in marked and "区域" in marked
    assert "<script>" not in snippet
    # Outside <em> there is no markup at all.
    assert "<" not in re.sub(r"</?em>", "", snippet)


def test_sort_by_date_and_pagination(indexed, api):
    by_date = api("武冈市", sort="date", page_size=3)
    dates = [r["date"] for r in by_date["results"]]
    assert dates == sorted(dates, reverse=True)
    assert by_date["page_size"] == 3
    everything = api("武冈市", sort="date", page_size=50)
    page2 = api("武冈市", sort="date", page_size=3, page=2)
    assert titles(page2) == titles(everything)[3:6]
    assert by_date["total"] == everything["total"] == page2["total"]


def test_results_have_exactly_the_documented_shape(indexed, api):
    result = api("城市管理")
    assert set(result) == {"query", "total", "page", "page_size", "results", "facets", "suggestion"}
    assert set(result["facets"]) == {"kind", "year", "publisher"}
    first = result["results"][0]
    assert set(first) == {"title", "url", "kind", "publisher", "date", "doc_number", "snippet"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", first["date"])
    assert first["url"].startswith("/")


def test_deleted_documents_disappear(fresh_indexed, api):
    assert api("婚姻登记条例")["total"] >= 1
    fresh_indexed.delete_documents([8])
    assert "婚姻登记条例" not in titles(api("婚姻登记条例"))


def test_rebuild_swaps_in_a_complete_new_index(fresh_indexed, api):
    count = fresh_indexed.rebuild(DOCS[:3])
    assert count == 3
    assert fresh_indexed.count() == 3
    assert api("婚姻登记条例")["total"] == 0
    assert titles(api("低保"))[0] == "武冈市最低生活保障实施办法"


def test_a_synonym_added_in_the_admin_takes_effect(indexed, api):
    from search.analysis import invalidate
    from search.models import SearchSynonym

    assert "武冈市城市管理和综合执法局权责清单" not in titles(api("问责"))
    SearchSynonym.objects.create(terms="问责，追责")
    invalidate()
    try:
        assert titles(api("问责"))[0] == "武冈市城市管理和综合执法局权责清单"
    finally:
        SearchSynonym.objects.all().delete()
        invalidate()
