from django.db import models
from wagtail.admin.panels import FieldPanel

from .base import DisclosurePage

REPORT_TYPE_CHOICES = [
    ("rule_of_law_report", "法治政府建设年度报告"),
    ("disclosure_annual_report", "政府信息公开工作年度报告"),
]


class ReportPage(DisclosurePage):
    """Annual reports: 法治政府建设年度报告 and 政府信息公开工作年度报告."""

    report_type = models.CharField("报告类型", max_length=40, choices=REPORT_TYPE_CHOICES,
                                   default="rule_of_law_report")
    report_year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)

    content_panels = DisclosurePage.content_panels[:1] + [
        FieldPanel("report_type"), FieldPanel("report_year"),
    ] + DisclosurePage.content_panels[1:]

    class Meta:
        verbose_name = "年度报告"

    @property
    def kind(self):
        return self.report_type
