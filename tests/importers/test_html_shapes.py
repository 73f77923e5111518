"""Metadata-block shapes of ../shared/corpus/gov-pages/README.md, parsed without a database."""

import lxml.html

from disclosure.importers.html_meta import extract_breadcrumb, extract_metadata
from disclosure.importers.legacy_html import record_from_html


def fields_of(html):
    body = lxml.html.document_fromstring(html).find("body")
    return extract_metadata(body), body


def test_label_value_list_with_damaged_labels():
    fields, body = fields_of(
        "<html><body><dl class='xxgk'><dt>索号：</dt><dd>6107280000/2024-001005</dd>"
        "<dt>发文机关：</dt><dd>某县人民政府办公室</dd><dt>有性：</dt><dd>有效</dd></dl>"
        "<div id='zoom'><p>正文第一段，说明来源：本县统计局的数据。</p></div></body></html>")
    assert fields == {"index_number": "6107280000/2024-001005", "publisher": "某县人民政府办公室",
                      "validity": "有效"}
    assert body.find(".//dl") is None  # the block is removed from the page
    assert "来源：本县统计局" in body.text_content()  # a body sentence is not metadata


def test_pipe_grid_and_meta_line():
    fields, _body = fields_of(
        "<html><body><div>索引号：11330800768656330Q/2024-141301 | 主题分类：综合政务 | "
        "发文字号：朝交发 [2022] 97号 | 成文日期：二〇二二年三月十四日</div>"
        "<p>发布日期:2022-03-18 信息来源:某市交通运输局 浏览次数:35</p></body></html>")
    assert fields["index_number"] == "11330800768656330Q/2024-141301"
    assert fields["doc_number"] == "朝交发 [2022] 97号"
    assert fields["written_on"] == "二〇二二年三月十四日"
    assert fields["published_at"] == "2022-03-18" and fields["site"] == "某市交通运输局"


def test_breadcrumb_with_doubled_home_and_empty_links():
    body = lxml.html.document_fromstring(
        "<html><body><div class='loc'><span>您当前的位置：</span><a href='/'>首页</a> &gt;&gt; "
        "<a href='/'>首页</a> &gt;&gt; <a href='/x'></a> &gt;&gt; <a href='/zwgk'>政务公开</a> &gt;&gt; "
        "<a href='/qzqd'>权责清单</a></div><p>正文</p></body></html>").find("body")
    assert extract_breadcrumb(body) == ["首页", "政务公开", "权责清单"]


def test_red_header_doc_number_and_title_prefix():
    record = record_from_html(
        "<html><head><title>通知</title></head><body><h1>朝交发 [2022] 97号关于印发道路养护办法的通知</h1>"
        "<div id='zoom'><p>各有关单位：</p><p>现将办法印发给你们，请遵照执行。</p></div></body></html>",
        max_body_chars=10_000)
    assert record.title == "关于印发道路养护办法的通知"
    assert record.doc_number == "朝交发〔2022〕97号"
    red = record_from_html(
        "<html><head><title>关于做好防汛工作的通知</title></head><body><div id='zoom'>"
        "<p>某县人民政府办公室文件</p><p>某政办发〔2024〕12号</p><p>关于做好防汛工作的通知</p>"
        "<p>各乡镇人民政府：</p><p>为切实做好今年防汛工作，现通知如下。</p></div></body></html>",
        max_body_chars=10_000)
    assert red.doc_number == "某政办发〔2024〕12号"
