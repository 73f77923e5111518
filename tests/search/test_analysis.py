"""search.analysis: the one normalisation/segmentation both backends use (no engine needed)."""

import pytest

from search.analysis import (
    Vocabulary,
    analyse,
    build_vocabulary,
    compact,
    doc_number_keys,
    normalise,
    normalise_doc_number,
    spaced,
)

TITLES = ["婚姻登记条例", "居住证暂行条例", "武冈市城市管理和综合执法局权责清单", "殡葬管理条例",
          "中华人民共和国劳动法", "武冈市最低生活保障实施办法"]


@pytest.fixture(scope="module")
def vocab():
    return build_vocabulary(TITLES)


@pytest.mark.parametrize("typed", ["武政发[2024]3号", "武政发【2024】3号", "武政发(2024)3号", "武政发（2024）3号",
                                   "武政发〔2024〕3号", "武政发［２０２４］３号", "武政发﹝2024﹞3号", "武政发 〔2024〕 3 号"])
def test_every_bracket_form_of_a_doc_number_normalises_to_one(typed):
    assert normalise_doc_number(typed) == "武政发〔2024〕3号"


def test_normalise_full_width_case_controls_and_spaces():
    assert normalise("ＡＢＣ１２３\u3000条例\x00\x07  第１条") == "abc123 条例 第1条"
    # Brackets that don't hold a year are left alone.
    assert normalise("（一）【附件】") == "(一)【附件】"


def test_spaced_keeps_tokens_only():
    assert spaced("武政发〔2024〕3号，PM2.5") == "武 政 发 2024 3 号 pm2 5"


def test_doc_number_keys_cover_issuer_tails_and_chinese_numerals():
    keys = doc_number_keys("中华人民共和国国务院令第七百二十一号")
    assert "国务院令第721号" in keys and "中华人民共和国国务院令第721号" in keys
    assert doc_number_keys("法释［２０２２］１７号") == ["法释〔2022〕17号"]


def test_query_doc_number_with_an_abbreviated_issuer_matches_the_full_one(vocab):
    query_keys = analyse("市场监管总局令第56号", vocab).doc_number_keys
    assert set(query_keys) & set(doc_number_keys("国家市场监督管理总局令第56号"))


@pytest.mark.parametrize("word, other", [
    ("城管", "城市管理"), ("城市管理", "城管"), ("醉驾", "醉酒驾驶"), ("低保", "最低生活保障"),
    ("共享单车", "互联网租赁自行车"), ("无人机", "无人驾驶航空器"), ("加装电梯", "增设电梯"),
])
def test_synonyms_are_alternatives_of_their_segment(vocab, word, other):
    segments = analyse(word, vocab).segments
    assert len(segments) == 1 and other in segments[0].alternatives


@pytest.mark.parametrize("short, full", [
    ("劳动法", "中华人民共和国劳动法"), ("个保法", "个人信息保护法"), ("治安处罚法", "治安管理处罚法"),
    ("民诉法", "民事诉讼法"), ("消保法", "消费者权益保护法"),
])
def test_abbreviations_expand(vocab, short, full):
    assert full in analyse(short, vocab).segments[0].alternatives


def test_a_law_short_name_gets_the_national_prefix_without_a_list_entry(vocab):
    assert "中华人民共和国水法" in analyse("水法", vocab).segments[0].alternatives


@pytest.mark.parametrize("typed, fixed", [
    ("婚姻登计条例", "婚姻登记条例"), ("居住证暂行条列", "居住证暂行条例"), ("权则清单", "权责清单"),
    ("殡葬管里条例", "殡葬管理条例"),
])
def test_homophone_typos_get_a_suggestion(vocab, typed, fixed):
    assert analyse(typed, vocab).suggestion == fixed


@pytest.mark.parametrize("q", ["婚姻登记条例", "城市管理", "产假 天数", "国务院令第721号", "12345热线"])
def test_correct_queries_get_no_suggestion(vocab, q):
    assert analyse(q, vocab).suggestion is None


def test_a_typo_is_not_suggested_when_the_index_uses_the_typed_word_too(vocab):
    # The index answers how many documents hold a phrase: a typed word common in the
    # documents is a real word, whatever its pinyin.
    counts = {"条列": 40, "条例": 100}
    assert analyse("条列", vocab, count=lambda w: counts.get(w, 0)).suggestion is None
    counts = {"条列": 0, "条例": 100}
    assert analyse("条列", vocab, count=lambda w: counts.get(w, 0)).suggestion == "条例"


def test_unknown_words_stay_whole_and_function_words_are_optional(vocab):
    aq = analyse("北京 接诉即办 条例", vocab)
    assert aq.chunks == ["北京", "接诉即办", "条例"]
    assert "".join(s.text for s in aq.segments) == "北京接诉即办条例"
    assert all(len(s.text) >= 2 for s in aq.segments)
    aq = analyse("国家尊重和保障人权", vocab)
    assert [s.text for s in aq.segments if s.optional] == ["和"]
    assert aq.phrase == "国家尊重和保障人权"


@pytest.mark.parametrize("q", ["", "   ", "\x00\x01", "（）【】〔〕", '"*:^()', "a" * 5000, "\ud800条例"])
def test_odd_input_never_raises(vocab, q):
    aq = analyse(q, vocab)
    assert len(aq.text) <= 200
    assert all(t and '"' not in t for s in aq.segments for t in s.alternatives)


def test_vocabulary_knows_title_substrings():
    vocab = Vocabulary()
    vocab.add_titles(["城市管理条例"], lambda text: [text])
    assert "管理" in vocab and "市管" in vocab
    assert compact("城市，管理") == "城市管理"
