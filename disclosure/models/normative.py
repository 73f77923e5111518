from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable

from disclosure.workdays import working_days_between

from .base import VALIDITY_CHOICES, DisclosurePage, not_before_error

ATTACHMENT_EXTENSIONS = {"doc", "docx", "pdf", "ofd", "wps", "xls", "xlsx", "zip", "txt", "rtf"}
INTERPRETATION_DEADLINE_WORKDAYS = 3


class NormativeDocumentPage(DisclosurePage):
    """规范性文件."""

    page_description = "本级政府或部门制发的规范性文件，含文号、有效期、合法性审核和附件"

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
        InlinePanel("attachments", heading="附件（Word、PDF、OFD）", label="附件"),
        InlinePanel("validity_changes", heading="有效性变更记录", label="变更"),
    ]


    class Meta:
        verbose_name = "规范性文件"

    def clean(self):
        super().clean()
        if self.effective_on and self.expires_on and self.expires_on < self.effective_on:
            raise ValidationError({"expires_on": "有效期至不能早于施行日期。"})
        latest = self.latest_validity_change()
        if latest is not None and latest.status:
            # The history is the source of truth; the metadata field mirrors its latest entry.
            self.validity = latest.status
        elif not self.validity:
            self.validity = "valid"

    def editor_errors(self, submitted):
        errors = super().editor_errors(submitted)
        written_on = submitted.get("written_on")
        checks = {
            "effective_on": not_before_error("施行日期", submitted.get("effective_on"), "成文日期", written_on),
            "filing_on": not_before_error("备案审查日期", submitted.get("filing_on"), "成文日期", written_on),
        }
        errors.update({field: problem for field, problem in checks.items() if problem})
        review_on = submitted.get("legality_review_on")
        if review_on and written_on and review_on > written_on:
            errors["legality_review_on"] = (f"合法性审核应在文件成文前完成：审核日期（{review_on:%Y-%m-%d}）"
                                            f"不能晚于成文日期（{written_on:%Y-%m-%d}）。")
        return errors

    def inline_errors(self, formsets, submitted):
        from .forms import live_inline_forms

        errors = {}
        written_on = submitted.get("written_on")
        if written_on and "validity_changes" in formsets:
            for index, data in live_inline_forms(formsets["validity_changes"]):
                changed_on = data.get("changed_on")
                if changed_on and changed_on < written_on:
                    errors[("validity_changes", index, "changed_on")] = (
                        f"变更日期（{changed_on:%Y-%m-%d}）不能早于文件的成文日期（{written_on:%Y-%m-%d}）。")
        return errors

    def latest_validity_change(self):
        changes = [c for c in self.validity_changes.all() if c.changed_on]
        return max(changes, key=lambda c: c.changed_on) if changes else None

    def live_interpretations(self):
        return self.interpretations.live().public().order_by("-published_on", "-first_published_at")

    def mark_expired(self, on_date, note="有效期届满，自动标记为失效"):
        """Record 失效 in the history and publish it (used by `expire_documents`)."""
        self.validity_changes.add(ValidityChange(changed_on=on_date, status="expired", note=note))
        self.validity = "expired"
        revision = self.save_revision(log_action=True)
        if self.live:
            revision.publish(log_action=True)
        return revision


class NormativeAttachment(Orderable):
    page = ParentalKey(NormativeDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name="文件", on_delete=models.PROTECT,
                                 related_name="+")
    title = models.CharField("显示名称", max_length=200, blank=True, help_text="留空则使用文件标题")

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"

    def clean(self):
        super().clean()
        if self.document_id:
            extension = self.document.file_extension.lower()
            if extension not in ATTACHMENT_EXTENSIONS:
                raise ValidationError({"document": f"不支持的附件格式 .{extension}，请上传 Word、PDF 或 OFD 文件。"})

    @property
    def display_title(self):
        return self.title or self.document.title

    @property
    def format_label(self):
        return self.document.file_extension.upper()


class ValidityChange(Orderable):
    """A dated change of 有效性, linked to the document that replaced or amended this one."""

    page = ParentalKey(NormativeDocumentPage, on_delete=models.CASCADE, related_name="validity_changes")
    changed_on = models.DateField("变更日期")
    status = models.CharField("有效性", max_length=20, choices=VALIDITY_CHOICES)
    related_document = models.ForeignKey(
        "wagtailcore.Page", verbose_name="替代或修改文件", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text="废止或修改本文件的规范性文件",
    )
    note = models.CharField("说明", max_length=300, blank=True)

    panels = [FieldPanel("changed_on"), FieldPanel("status"),
              PageChooserPanel("related_document", "disclosure.NormativeDocumentPage"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "有效性变更"

    def clean(self):
        super().clean()
        if self.status in {"repealed", "amended"} and not self.related_document_id and not self.note:
            raise ValidationError({"related_document": "废止或修改时请选择替代或修改文件，或在说明中注明依据。"})


INTERPRETATION_FORM_CHOICES = [("text", "文字"), ("graphic", "图解"), ("video", "视频"), ("qa", "问答")]


class PolicyInterpretationPage(DisclosurePage):
    """政策解读: must link the normative document it explains."""

    page_description = "解读某份规范性文件的政策解读，须关联被解读的文件"

    form = models.CharField("解读形式", max_length=10, choices=INTERPRETATION_FORM_CHOICES, default="text")
    document = models.ForeignKey(
        "disclosure.NormativeDocumentPage", verbose_name="解读的文件", null=True, blank=True,
        on_delete=models.PROTECT, related_name="interpretations",
        help_text="发布前必须选择所解读的规范性文件",
    )
    video = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="视频文件", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", help_text="视频解读的视频文件（MP4）",
    )

    content_panels = DisclosurePage.content_panels[:1] + [
        FieldPanel("form"), PageChooserPanel("document", "disclosure.NormativeDocumentPage"), FieldPanel("video"),
    ] + DisclosurePage.content_panels[1:]


    class Meta:
        verbose_name = "政策解读"

    # Enforced when an editor publishes (DisclosurePageForm), not at model level, so
    # that imported legacy interpretations whose document is unknown still import.
    def publish_errors(self, cleaned_data):
        errors = super().publish_errors(cleaned_data)
        if not cleaned_data.get("document"):
            errors["document"] = "政策解读必须关联所解读的规范性文件，请先选择“解读的文件”再发布。"
        return errors

    def publication_delay(self):
        """Working days between the document's publication and this interpretation's."""
        if not self.document_id:
            return None
        document_date = self.document.display_date
        own_date = self.display_date
        if document_date is None or own_date is None:
            return None
        return working_days_between(document_date, own_date)

    def is_late(self):
        delay = self.publication_delay()
        return delay is not None and delay > INTERPRETATION_DEADLINE_WORKDAYS
