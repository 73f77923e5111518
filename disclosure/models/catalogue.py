"""索引号 registry and the 政府信息公开目录 (catalogue) it feeds.

One CatalogueEntry per disclosure page, created on first publication. Its
`index_number` is unique across every disclosure page type and is never
reassigned, even after the page is deleted (the row stays with page=NULL),
because auditors cite 索引号 in complaints and they must keep pointing at one
item. The entry also carries a copy of what 《条例》 art. 12 requires the
catalogue to show, so the catalogue is one indexed query over all page types.
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from disclosure.doc_numbers import DEFAULT_INDEX_PATTERN, pattern_problems


@register_setting(icon="list-ol")
class DisclosureSettings(BaseSiteSetting):
    """Per-site rules for 索引号 (the scheme differs from province to province)."""

    index_number_pattern = models.CharField(
        "索引号格式", max_length=100, default=DEFAULT_INDEX_PATTERN,
        help_text="占位符：{org_code} 机构代码，{year} 发布年份，{seq} 流水号（如 {seq:05d} 补足五位），"
                  "{kind} 信息类别。例：{org_code}/{year}-{seq:05d}",
    )
    default_org_code = models.CharField(
        "默认机构代码", max_length=30, blank=True,
        help_text="发布机构未填写机构代码时使用，如本单位统一社会信用代码",
    )

    panels = [
        HelpPanel(content="索引号在信息首次发布时按此格式自动生成，生成后不再改变。修改格式只影响以后首次发布的信息。"),
        FieldPanel("index_number_pattern"), FieldPanel("default_org_code"),
    ]

    class Meta:
        verbose_name = "政务公开设置"

    def clean(self):
        super().clean()
        problems = pattern_problems(self.index_number_pattern)
        if problems:
            raise ValidationError({"index_number_pattern": problems})


class IndexSequence(models.Model):
    """The last serial number used for one 索引号 prefix (e.g. org code + year)."""

    key = models.CharField(max_length=200, unique=True)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "索引号流水号"


class CatalogueEntry(models.Model):
    index_number = models.CharField("索引号", max_length=100, unique=True)
    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name="页面", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="catalogue_entry",
    )
    sequence_key = models.CharField(max_length=200, blank=True)
    first_published_on = models.DateField("首次发布日期")
    # Copies of the page's published metadata, refreshed on every publication.
    title = models.CharField("名称", max_length=255)
    kind = models.CharField("信息类别", max_length=40, db_index=True)
    publisher = models.ForeignKey("disclosure.Organisation", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    subject = models.ForeignKey("disclosure.SubjectCategory", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    genre = models.ForeignKey("disclosure.GenreCategory", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    summary = models.TextField("内容概述", blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    published_on = models.DateField("发布日期", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "公开目录条目"
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return f"{self.index_number} {self.title}"

    @property
    def generated_on(self):
        """生成日期 of 《条例》 art. 12: when the information was made (成文), else published."""
        return self.written_on or self.published_on
