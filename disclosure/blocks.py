"""StreamField blocks for official-document bodies. Each block renders with its own template."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A numbered heading of an official document: 一、 is level 2, (一) level 3, 1. level 4."""

    level = blocks.ChoiceBlock(
        label="级别",
        choices=[("2", "一级标题（一、）"), ("3", "二级标题（（一））"), ("4", "三级标题（1.）")],
        default="2",
    )
    text = blocks.CharBlock(label="标题文字", max_length=200)
    # The closing part of a report has no heading in the original; a hidden heading
    # keeps it reachable by heading navigation without adding visible text.
    visually_hidden = blocks.BooleanBlock(
        label="仅供读屏软件", required=False, default=False,
        help_text="原文此处没有标题（如结语）时勾选：标题不显示，但读屏软件可按标题跳转",
    )

    class Meta:
        icon = "title"
        label = "标题"
        template = "disclosure/blocks/heading.html"
        preview_value = {"level": "2", "text": "一、工作进展和成效"}


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = "正文段落"
        template = "disclosure/blocks/paragraph.html"
        features = ["bold", "italic", "ol", "ul", "link", "document-link"]
        preview_value = "<p>2024年，我局扎实推进法治政府建设各项工作。</p>"


class SignatureBlock(blocks.StructBlock):
    """落款: the issuing unit and the date, right-aligned as GB/T 9704 lays them out."""

    organisation = blocks.CharBlock(label="落款单位", max_length=100)
    signed_on = blocks.DateBlock(label="成文日期", required=False)
    date_text = blocks.CharBlock(
        label="日期文字", required=False, max_length=30,
        help_text="可选，如“二〇二五年三月十四日”；留空则按成文日期显示",
    )

    class Meta:
        icon = "edit"
        label = "落款"
        template = "disclosure/blocks/signature.html"
        preview_value = {"organisation": "武冈市城市管理和综合执法局", "date_text": "2025年3月14日"}


class TableWithCaptionBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="表格标题", required=False)
    table = TableBlock(label="表格")

    class Meta:
        icon = "table"
        label = "表格"
        template = "disclosure/blocks/table.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    alt_text = blocks.CharBlock(label="替代文字", help_text="供读屏软件朗读的图片说明")
    caption = blocks.CharBlock(label="图片说明", required=False)

    class Meta:
        icon = "image"
        label = "图片"
        template = "disclosure/blocks/image.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="附件")
    title = blocks.CharBlock(label="显示名称", required=False)

    class Meta:
        icon = "doc-full"
        label = "附件"
        template = "disclosure/blocks/attachment.html"


class EnforcementStatisticsBlock(blocks.StructBlock):
    """Embeds a year's 执法统计 snippet as a table plus an inline SVG chart."""

    statistics = SnippetChooserBlock("disclosure.EnforcementStatistics", label="执法统计")
    heading = blocks.CharBlock(label="标题", required=False, help_text="留空则显示“××年执法统计”")

    class Meta:
        icon = "table"
        label = "执法统计"
        template = "disclosure/blocks/enforcement_statistics.html"

    def get_context(self, value, parent_context=None):
        """The title is one level below the body heading it sits under (h2 when there is none),
        so the page's heading outline never skips a level (WCAG 1.3.1)."""
        context = super().get_context(value, parent_context=parent_context)
        body = getattr((parent_context or {}).get("page"), "body", None)
        level = 1
        for child in body or []:
            if child.value is value:
                break
            if child.block_type == "heading":
                level = int(child.value.get("level") or 2)
        context["heading_level"] = min(level + 1, 6)
        return context


class DocumentBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    signature = SignatureBlock()
    table = TableWithCaptionBlock()
    image = ImageWithCaptionBlock()
    attachment = AttachmentBlock()
    statistics = EnforcementStatisticsBlock()

    class Meta:
        label = "正文"
