"""The disclosure metadata block shared by every disclosure item (docs/architecture.md)."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from disclosure.blocks import DocumentBodyBlock
from disclosure.doc_numbers import normalise_doc_number
from disclosure.kinds import KIND_LABELS, kind_of
from disclosure.personal_data import find_id_numbers, mask_id_number
from disclosure.slugs import TITLE_PANEL, ShortSlugMixin

from .forms import DisclosurePageForm

VALIDITY_CHOICES = [
    ("valid", "有效"),
    ("expired", "失效"),
    ("repealed", "废止"),
    ("amended", "已修改"),
]


def not_before_error(label, value, other_label, other, ending="。"):
    """The editor's message when a date (`label`) comes before one it must follow, else None."""
    if value and other and value < other:
        return f"{label}（{value:%Y-%m-%d}）不能早于{other_label}（{other:%Y-%m-%d}）{ending}"
    return None


class DisclosurePage(ShortSlugMixin, Page):
    """Abstract base of every disclosure item: the metadata block plus a structured body.

    `kind` is the import/search kind (docs/architecture.md, "Stable interfaces"); the kind
    registry (disclosure/kinds.py) says which kind each page type is.
    """

    source_name = models.CharField("来源", max_length=100, blank=True)
    author = models.CharField("作者", max_length=100, blank=True)
    updated_at = models.DateTimeField("更新时间", null=True, blank=True,
                                      help_text="留空则取最近发布时间")
    index_number = models.CharField("索引号", max_length=60, blank=True, db_index=True,
                                    help_text="首次发布时自动生成，之后不再改变")
    publisher = models.ForeignKey(
        "disclosure.Organisation", verbose_name="发布机构", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    subject = models.ForeignKey(
        "disclosure.SubjectCategory", verbose_name="主题分类", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    genre = models.ForeignKey(
        "disclosure.GenreCategory", verbose_name="体裁分类", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    written_on = models.DateField("成文日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True, db_index=True)
    validity = models.CharField("有效性", max_length=20, blank=True, choices=VALIDITY_CHOICES)
    summary = models.TextField("内容概述", blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True)
    body = StreamField(DocumentBodyBlock(), verbose_name="正文", blank=True)

    # Import identity: the original page URL, or the corpus `source` id.
    original_url = models.CharField("原始地址", max_length=500, blank=True, db_index=True)
    source_id = models.CharField("来源编号", max_length=300, blank=True, db_index=True)

    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("source_name"), FieldPanel("author"), FieldPanel("updated_at"),
                FieldPanel("index_number", read_only=True), FieldPanel("publisher"),
                FieldPanel("subject"), FieldPanel("genre"), FieldPanel("written_on"),
                FieldPanel("published_on", help_text="发布后不能改为更早的日期"),
                FieldPanel("doc_number", help_text="年份使用六角括号，如 武政发〔2024〕3号；输入 [ ] 【】 ( ) （） 保存时会自动改写"),
                FieldPanel("validity"),
                FieldPanel("keywords"), FieldPanel("summary"),
            ],
            heading="公开信息元数据",
        ),
    ]
    content_panels = [TITLE_PANEL] + Page.content_panels[1:] + metadata_panels + [FieldPanel("body")]

    # The admin search and choosers (search/admin_backend.py) look in the autocomplete fields:
    # title (live and latest draft), 文号 and 索引号, live and pending.
    search_fields = Page.search_fields + [
        index.SearchField("doc_number"),
        index.AutocompleteField("doc_number"),
        index.SearchField("index_number"),
        index.AutocompleteField("index_number"),
        index.AutocompleteField("pending_doc_number"),
        index.SearchField("summary"),
        index.FilterField("published_on"),
    ]

    parent_page_types = ["disclosure.ColumnPage"]
    subpage_types = []
    base_form_class = DisclosurePageForm
    # A copy is a new item: it gets its own 索引号 when first published.
    exclude_fields_in_copy = ["index_number"]

    class Meta:
        abstract = True

    @property
    def kind(self):
        return kind_of(self)

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, "")

    @property
    def display_updated_at(self):
        return self.updated_at or self.last_published_at or self.latest_revision_created_at

    @property
    def display_date(self):
        """The date citizens see and lists sort by: 发布日期, else the first publication."""
        if self.published_on:
            return self.published_on
        if self.first_published_at:
            return timezone.localtime(self.first_published_at).date()
        return None

    def pending_doc_number(self):
        """The 文号 of a live page's newer revision (being drafted or in review), if it differs.

        The page row keeps the live values until publication; the admin search must also find
        the page by the 文号 its editors are working on. A page never published keeps its
        draft in the row itself.
        """
        if not (self.live and self.has_unpublished_changes and self.latest_revision_id):
            return ""
        revision = self.latest_revision
        if revision is None:
            return ""
        value = (revision.content or {}).get("doc_number") or ""
        return value if value != self.doc_number else ""

    def is_withdrawn_from_public(self):
        """True for a live page whose content must no longer be offered to citizens (search,
        sitemap, the home page), such as a revoked or lapsed enforcement decision."""
        return False

    def mask_personal_data(self, text):
        """`text` as the public may see it in summaries, feeds and the catalogue. Most items carry
        no personal data beyond what the content checks refuse; enforcement decisions mask the
        party (EnforcementDecisionPage)."""
        return text

    def body_text(self):
        """Plain text of the body, paragraph per line, for search, summaries and export."""
        from disclosure.text import stream_to_text

        return stream_to_text(self.body)

    # --- validation and publication -------------------------------------------------

    def normalise_fields(self):
        """Bring typed values into their canonical form; remembers what changed for the editor."""
        if self.doc_number:
            normalised = normalise_doc_number(self.doc_number)
            if normalised != self.doc_number:
                self._doc_number_normalised_from = self.doc_number
                self.doc_number = normalised

    def editor_errors(self, submitted):
        """Contradictions in what an editor typed, as {field: Chinese message};
        `submitted.get(name)` reads the form (DisclosurePageForm). Subclasses extend the dict."""
        # 发布日期 before 成文日期 is deliberately not here: the pre-publish content checks
        # report it as a warning for the reviewers (review.checks.metadata_findings).
        return {}

    def inline_errors(self, formsets, submitted):
        """The same for inline panel rows, as {(formset, index, field): message} (DisclosurePageForm)."""
        return {}

    # Metadata printed as-is on the page and in <meta> tags: a 身份证号 there is published.
    PERSONAL_DATA_FIELDS = ("title", "seo_title", "search_description", "summary", "keywords", "source_name",
                            "author")

    def publish_errors(self, cleaned_data):
        """Checks that only apply when publishing or submitting (drafts may be unfinished)."""
        errors = {}
        for field in self.PERSONAL_DATA_FIELDS:
            found = find_id_numbers(str(cleaned_data.get(field) or ""))
            if found:
                errors[field] = (f"含有身份证号 {mask_id_number(found[0].group(1))}，"
                                 "公开前须删除或隐去（个人信息不得公开）。")
        return errors

    def published_baseline(self):
        """The earliest 发布日期 this page may now carry, or None if never published."""
        from disclosure.index_numbers import registered_number

        if not self.pk:
            return None
        if not self.first_published_at and not registered_number(self.pk):
            return None
        # The page row holds the live (published) values; drafts live in revisions.
        live_value = type(self).objects.filter(pk=self.pk).values_list("published_on", flat=True).first()
        if live_value:
            return live_value
        if self.first_published_at:
            return timezone.localtime(self.first_published_at).date()
        return None

    def clean(self):
        super().clean()
        self.normalise_fields()
        baseline = self.published_baseline()
        if baseline is not None:
            if self.published_on is None:
                live_value = type(self).objects.filter(pk=self.pk).values_list("published_on", flat=True).first()
                if live_value:
                    raise ValidationError({"published_on": f"本信息已发布，发布日期不能清空（当前为{live_value:%Y-%m-%d}）。"})
            elif self.published_on < baseline:
                raise ValidationError({"published_on": (
                    f"已发布信息的发布日期不能提前：不得早于{baseline:%Y-%m-%d}。"
                    "倒签发布日期属于严重问题，如确需更正请联系系统管理员。"
                )})

    def save(self, *args, **kwargs):
        from disclosure.index_numbers import register_publication, registered_number

        full_save = kwargs.get("update_fields") is None
        if not full_save:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            self.normalise_fields()
            registered = registered_number(self.pk)
            if registered:
                # An older revision (or an import) must not change the 索引号.
                self.index_number = registered[0]
            result = super().save(*args, **kwargs)
            if self.live:
                register_publication(self)
        return result
