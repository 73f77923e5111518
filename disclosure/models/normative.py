from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel

from .base import DisclosurePage


class NormativeDocumentPage(DisclosurePage):
    """规范性文件."""

    kind = "normative_document"

    registration_number = models.CharField("统一登记号", max_length=60, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    expires_on = models.DateField("有效期至", null=True, blank=True)
    legality_review_on = models.DateField("合法性审核日期", null=True, blank=True)
    legality_review_result = models.CharField("合法性审核结果", max_length=200, blank=True)
    filing_on = models.DateField("备案审查日期", null=True, blank=True)
    filing_result = models.CharField("备案审查结果", max_length=200, blank=True)

    content_panels = DisclosurePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("registration_number"), FieldPanel("effective_on"), FieldPanel("expires_on")],
            heading="登记与有效期",
        ),
        MultiFieldPanel(
            [FieldPanel("legality_review_on"), FieldPanel("legality_review_result"),
             FieldPanel("filing_on"), FieldPanel("filing_result")],
            heading="合法性审核与备案审查",
        ),
    ]

    class Meta:
        verbose_name = "规范性文件"


INTERPRETATION_FORM_CHOICES = [("text", "文字"), ("graphic", "图解"), ("video", "视频"), ("qa", "问答")]


class PolicyInterpretationPage(DisclosurePage):
    """政策解读: must link the normative document it explains."""

    kind = "policy_interpretation"

    form = models.CharField("解读形式", max_length=10, choices=INTERPRETATION_FORM_CHOICES, default="text")
    document = models.ForeignKey(
        "disclosure.NormativeDocumentPage", verbose_name="解读的文件", null=True, blank=True,
        on_delete=models.PROTECT, related_name="interpretations",
    )

    content_panels = DisclosurePage.content_panels[:1] + [
        FieldPanel("form"), PageChooserPanel("document", "disclosure.NormativeDocumentPage"),
    ] + DisclosurePage.content_panels[1:]

    class Meta:
        verbose_name = "政策解读"
