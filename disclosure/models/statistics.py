"""执法统计: a year's enforcement figures as structured data, embeddable in a report page."""

from collections import OrderedDict

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.snippets.models import register_snippet

STAT_GROUP_CHOICES = [
    ("power_items", "权责清单事项"),
    ("cases", "行政处罚案件"),
    ("inspections", "行政检查"),
    ("outcomes", "行政检查处理结果"),
]
STAT_GROUP_LABELS = dict(STAT_GROUP_CHOICES)
# Each group must add up to this declared total (outcomes classify the inspections).
GROUP_TOTAL_FIELD = {
    "power_items": "power_items_total",
    "cases": "cases_total",
    "inspections": "inspections_total",
    "outcomes": "inspections_total",
}


def total_problems(statistics, rows):
    """Chinese messages for every group whose rows do not add up; rows = [(group, count)]."""
    sums = {group: 0 for group, _ in STAT_GROUP_CHOICES}
    present = set()
    for group, count in rows:
        sums[group] = sums.get(group, 0) + (count or 0)
        present.add(group)
    problems = []
    for group, field in GROUP_TOTAL_FIELD.items():
        declared = getattr(statistics, field)
        if declared is None or (group not in present and not declared):
            continue
        if sums[group] != declared:
            label = statistics._meta.get_field(field).verbose_name
            problems.append(f"{STAT_GROUP_LABELS[group]}各项之和为{sums[group]}，与{label}{declared}不一致。")
    filed, closed = statistics.general_cases_filed, statistics.general_cases_closed
    if filed is not None and closed is not None and closed > filed:
        problems.append(f"一般程序结案数{closed}不能多于立案数{filed}。")
    return problems


FIRST_STATISTICS_YEAR = 2000


class EnforcementStatisticsForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("rows")
        if formset is None or not formset.is_valid():
            return cleaned
        rows = [(f.cleaned_data.get("group"), f.cleaned_data.get("count"))
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        probe = EnforcementStatistics(**{k: cleaned.get(k) for k in set(GROUP_TOTAL_FIELD.values())
                                         | {"general_cases_filed", "general_cases_closed"}})
        for problem in total_problems(probe, rows):
            self.add_error(None, problem)
        return cleaned


@register_snippet
class EnforcementStatistics(ClusterableModel):
    year = models.PositiveSmallIntegerField("年度")
    organisation = models.ForeignKey("disclosure.Organisation", verbose_name="执法机关", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    power_items_total = models.PositiveIntegerField("权责清单事项总数", null=True, blank=True)
    cases_total = models.PositiveIntegerField("行政处罚案件总数", null=True, blank=True)
    general_cases_filed = models.PositiveIntegerField("一般程序立案数", null=True, blank=True)
    general_cases_closed = models.PositiveIntegerField("一般程序结案数", null=True, blank=True)
    fines_total = models.DecimalField("罚款总额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    inspections_total = models.PositiveIntegerField("行政检查总数", null=True, blank=True)
    source_note = models.CharField("数据来源", max_length=300, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("year"), FieldPanel("organisation"), FieldPanel("source_note")],
                        heading="基本信息"),
        MultiFieldPanel([
            FieldPanel("power_items_total"), FieldPanel("cases_total"), FieldPanel("general_cases_filed"),
            FieldPanel("general_cases_closed"), FieldPanel("fines_total"), FieldPanel("inspections_total"),
        ], heading="合计（各分项之和须与合计一致）"),
        InlinePanel("rows", heading="分项数据", label="分项"),
    ]
    base_form_class = EnforcementStatisticsForm

    class Meta:
        verbose_name = "执法统计"
        verbose_name_plural = "执法统计"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["year", "organisation"], name="unique_statistics_year_org")]

    def __str__(self):
        org = f"{self.organisation} " if self.organisation_id else ""
        return f"{org}{self.year}年执法统计"

    def problems(self):
        return total_problems(self, [(r.group, r.count) for r in self.rows.all()])

    def clean(self):
        super().clean()
        from django.utils import timezone

        this_year = timezone.localdate().year
        errors = {}
        if self.year is not None and not FIRST_STATISTICS_YEAR <= self.year <= this_year:
            errors["year"] = f"年度应在{FIRST_STATISTICS_YEAR}年到{this_year}年之间。"
        if self.fines_total is not None and self.fines_total < 0:
            errors["fines_total"] = "罚款总额不能为负数。"
        if errors:
            raise ValidationError(errors)
        if self.pk:
            problems = self.problems()
            if problems:
                raise ValidationError(problems)

    def groups(self):
        """OrderedDict group → {label, rows, total, bars} for tables and the SVG chart."""
        result = OrderedDict()
        for group, label in STAT_GROUP_CHOICES:
            rows = [r for r in self.rows.all() if r.group == group]
            if not rows:
                continue
            total = sum(r.count for r in rows)
            top = max((r.count for r in rows), default=0) or 1
            bars = []
            for index, row in enumerate(rows):
                bars.append({
                    "label": row.label, "count": row.count, "y": index * 28,
                    "width": int(round(row.count / top * 300)),
                    "percent": round(row.count / total * 100, 1) if total else 0,
                })
            result[group] = {"label": label, "rows": rows, "total": total, "bars": bars,
                             "height": len(rows) * 28}
        return result


class StatisticRow(Orderable):
    statistics = ParentalKey(EnforcementStatistics, on_delete=models.CASCADE, related_name="rows")
    group = models.CharField("分组", max_length=20, choices=STAT_GROUP_CHOICES)
    label = models.CharField("项目", max_length=100)
    count = models.PositiveIntegerField("数量")
    note = models.CharField("说明", max_length=200, blank=True)

    panels = [FieldPanel("group"), FieldPanel("label"), FieldPanel("count"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "分项"
