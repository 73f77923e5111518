from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Organisation(index.Indexed, models.Model):
    """发布机构 / 发文机关: an issuing organisation. Its code feeds the 索引号."""

    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    code = models.CharField(
        "机构代码", max_length=30, blank=True,
        help_text="统一社会信用代码或组织机构代码，用于生成索引号",
    )
    parent = models.ForeignKey(
        "self", verbose_name="上级机构", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="children",
    )

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code"), FieldPanel("parent")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "发布机构"
        verbose_name_plural = "发布机构"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        from disclosure.identifiers import clean_code, org_code_problem

        errors = {}
        self.code = clean_code(self.code)
        problem = org_code_problem(self.code)
        if problem:
            errors["code"] = problem
        elif self.code:
            other = Organisation.objects.exclude(pk=self.pk).filter(code__iexact=self.code).first()
            if other is not None:
                errors["code"] = f"机构代码“{self.code}”已被“{other.name}”使用，同一代码只能属于一个机构。"
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                errors["parent"] = "上级机构不能是本机构或其下级机构。"
                break
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)


class Taxonomy(models.Model):
    name = models.CharField("名称", max_length=50, unique=True)
    code = models.CharField("编码", max_length=20, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        self.code = (self.code or "").strip()
        if self.code:
            other = type(self).objects.exclude(pk=self.pk).filter(code__iexact=self.code).first()
            if other is not None:
                raise ValidationError({"code": f"编码“{self.code}”已被“{other.name}”使用，请换一个编码。"})


@register_snippet
class SubjectCategory(Taxonomy):
    """主题分类."""

    class Meta(Taxonomy.Meta):
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"


@register_snippet
class GenreCategory(Taxonomy):
    """体裁分类."""

    class Meta(Taxonomy.Meta):
        verbose_name = "体裁分类"
        verbose_name_plural = "体裁分类"
