"""The plain-text page parser (disclosure.importers.seed_text), on the seed and on small texts."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from disclosure.importers.seed_text import body_to_blocks, normalise_punctuation, parse_seed_text
from tests.conftest import SEED_PATH


def headings(blocks, level=None):
    return [b["value"]["text"] for b in blocks
            if b["type"] == "heading" and (level is None or b["value"]["level"] == str(level))]


def seed():
    return parse_seed_text(SEED_PATH.read_text(encoding="utf-8"))


def test_header_fields_of_the_seed():
    page = seed()
    assert page.title == "武冈市城市管理和综合执法局2024年法治政府建设工作报告"
    assert page.breadcrumb == ["首页", "政务公开", "政府信息公开", "依法行政"]
    assert page.source == "市城管局"
    assert page.author == "市城管局"
    assert page.updated_at == datetime(2025, 4, 9, 14, 54, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert page.written_on == date(2025, 3, 14)


def test_seed_sections_become_heading_levels():
    blocks = seed().blocks
    assert headings(blocks, 2) == ["一、工作进展和成效", "二、存在的不足", "三、下一步工作计划", "结语"]
    level3 = headings(blocks, 3)
    assert len(level3) == 7 + 4 + 5
    assert level3[0] == "（一）强化组织领导，落实法治责任"
    assert level3[7] == "（一）法治理念有待进一步深化"
    assert level3[-1] == "（五）持续加强法治宣传，营造良好氛围"
    # The closing part has no printed heading in the original: its heading is for screen readers.
    closing = [b["value"] for b in blocks if b["type"] == "heading" and b["value"]["text"] == "结语"][0]
    assert closing.get("visually_hidden") is True
    index = blocks.index({"type": "heading", "value": closing})
    assert blocks[index + 1]["value"].startswith("<p>2024年，我局在法治政府建设方面虽然")


def test_numbered_lead_ins_split_into_h4_but_numbered_sentences_stay_paragraphs():
    blocks = seed().blocks
    level4 = headings(blocks, 4)
    assert level4[:2] == ["1. 充实领导机构", "2. 及时安排部署"]
    assert "3. 推行涉企柔性执法" in level4  # a heading line ending in a colon, no text after it
    first = blocks.index({"type": "heading", "value": {"level": "4", "text": "1. 充实领导机构"}})
    assert blocks[first + 1]["value"].startswith("<p>认真履行党政主要负责人")
    paragraphs = [b["value"] for b in blocks if b["type"] == "paragraph"]
    assert any(p.startswith("<p>1. 深入学习习近平法治思想，") for p in paragraphs)
    assert not any(t.startswith("1. 深入学习") for t in level4)
    assert any(p.startswith("<p><b>一是行政许可方面：</b>行政许可事项") for p in paragraphs)


def test_signature_is_split_off_and_footer_dropped():
    page = seed()
    assert page.blocks[-1] == {"type": "signature", "value": {
        "organisation": "武冈市城市管理和综合执法局", "signed_on": "2025-03-14", "date_text": ""}}
    text = "\n".join(page.paragraphs)
    for junk in ("扫一扫", "ICP备", "公网安备", "网站标识码", "主管", "12345-5", "市民服务热线"):
        assert junk not in text
    assert "市城管局" not in text.split("\n")[0]  # metadata lines are not body text


def test_punctuation_is_made_full_width_only_next_to_chinese():
    assert normalise_punctuation("2024年,武冈市(城管局):好; 对?") == "2024年，武冈市（城管局）：好；对？"
    assert normalise_punctuation("14:54, 1,000 and (a)") == "14:54, 1,000 and (a)"


def test_body_without_header_signature_or_numbering():
    blocks = body_to_blocks("第一段。\n\n第二段 <b>不是标签</b>。\n")
    assert blocks == [
        {"type": "paragraph", "value": "<p>第一段。</p>"},
        {"type": "paragraph", "value": "<p>第二段 &lt;b&gt;不是标签&lt;/b&gt;。</p>"},
    ]


def test_plain_text_without_breadcrumb_and_chinese_signature_date():
    page = parse_seed_text(
        "关于做好某项工作的通知\n来源：市政府办\n\n各乡镇人民政府：\n一、总体要求\n（一）目标\n正文。\n"
        "武冈市人民政府办公室\n二〇二五年三月十四日\n"
    )
    assert page.breadcrumb == []
    assert page.title == "关于做好某项工作的通知"
    assert page.source == "市政府办"
    assert headings(page.blocks) == ["一、总体要求", "（一）目标"]
    assert page.signature == {"organisation": "武冈市人民政府办公室", "signed_on": "2025-03-14",
                              "date_text": "二〇二五年三月十四日"}


def test_long_numbered_sentence_is_not_a_heading():
    blocks = body_to_blocks("一、概况\n1. 本年度共受理申请12件，办结12件，按时办结率100%。\n2. 其他：无。")
    assert headings(blocks, 4) == []
    assert blocks[1]["value"] == "<p>1. 本年度共受理申请12件，办结12件，按时办结率100%。</p>"


def test_paragraphs_give_back_the_plain_text():
    from disclosure.importers.seed_text import ParsedTextPage

    page = ParsedTextPage(title="t", blocks=body_to_blocks("一、概况\na &lt; <b> & “引号”\n结语段落"))
    assert page.paragraphs == ["一、概况", "a &lt; <b> & “引号”", "结语段落"]
