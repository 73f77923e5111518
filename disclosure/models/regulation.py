import re
from html import unescape

from django.db import models
from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel

from .base import DisclosurePage, not_before_error

_NUM = "[一二三四五六七八九十百千零〇两0-9]+"
PART_RE = re.compile(rf"^\s*(第{_NUM}编)\s*(.*)$")
CHAPTER_RE = re.compile(rf"^\s*(第{_NUM}章)\s*(.*)$")
SECTION_RE = re.compile(rf"^\s*(第{_NUM}节)\s*(.*)$")
_PARAGRAPH_SPLIT = re.compile(r"</p>|<br\s*/?>", re.IGNORECASE)
ARTICLE_RE = re.compile(rf"^\s*(第{_NUM}条(?:之{_NUM})?)\s*(.*)$")


def parse_structure(text):
    """Split a law's text into headings and anchored articles.

    Returns a list of dicts: {"type": part|chapter|section|article|paragraph,
    "number", "text", "anchor"}. Paragraphs after an article belong to it (款/项).
    """
    items = []
    counters = {"part": 0, "chapter": 0, "section": 0, "article": 0}
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        for kind, pattern in (("part", PART_RE), ("chapter", CHAPTER_RE), ("section", SECTION_RE),
                              ("article", ARTICLE_RE)):
            match = pattern.match(line)
            # A heading is short; "第三章 附则" yes, a sentence that starts "第三章规定的…" no.
            if match and (kind == "article" or len(match.group(2)) <= 30):
                counters[kind] += 1
                anchor = {"part": "b", "chapter": "z", "section": "j", "article": "t"}[kind] + str(counters[kind])
                items.append({"type": kind, "number": match.group(1), "text": match.group(2).strip(),
                              "anchor": anchor, "paragraphs": []})
                break
        else:
            if items and items[-1]["type"] == "article":
                items[-1]["paragraphs"].append(line)
            else:
                items.append({"type": "paragraph", "number": "", "text": line, "anchor": "", "paragraphs": []})
    return items


class RegulationPage(DisclosurePage):
    """法律法规: laws and regulations citizens look up; the body keeps 章 and 条."""

    page_description = "供群众查阅的法律、法规、规章全文，按章、条排列"

    header = models.TextField("公布信息", blank=True, help_text="原文的公布令、通过与施行日期等")
    category = models.CharField("法规类别", max_length=100, blank=True)
    issuing_authority = models.CharField("制定机关", max_length=200, blank=True,
                                         help_text="如：全国人民代表大会常务委员会；留空则显示发布机构")
    effective_on = models.DateField("施行日期", null=True, blank=True)

    content_panels = DisclosurePage.content_panels[:1] + [
        FieldPanel("header"), FieldPanel("category"), FieldPanel("issuing_authority"), FieldPanel("effective_on"),
    ] + DisclosurePage.content_panels[1:]


    class Meta:
        verbose_name = "法律法规"

    def editor_errors(self, submitted):
        errors = super().editor_errors(submitted)
        problem = not_before_error("施行日期", submitted.get("effective_on"), "成文日期", submitted.get("written_on"))
        if problem:
            errors["effective_on"] = problem
        return errors

    def body_lines(self):
        """One line per heading and per <p>: 条 and their 款 stay separate lines."""
        lines = []
        for block in self.body:
            if block.block_type == "heading":
                lines.append(block.value["text"])
            elif block.block_type == "paragraph":
                source = block.value.source if hasattr(block.value, "source") else str(block.value)
                for part in _PARAGRAPH_SPLIT.split(source):
                    text = unescape(strip_tags(part)).strip()
                    if text:
                        lines.append(text)
            else:
                from disclosure.text import stream_to_text

                lines.extend(stream_to_text([block]).splitlines())
        return lines

    def structure(self):
        return parse_structure("\n".join(self.body_lines()))

    def chapters(self):
        return [item for item in self.structure() if item["type"] in {"part", "chapter"}]

    @property
    def authority_name(self):
        return self.issuing_authority or (self.publisher.name if self.publisher_id else "")
