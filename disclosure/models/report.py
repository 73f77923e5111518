from django.db import models
from wagtail.admin.panels import FieldPanel

from disclosure.kinds import choices_for

from .base import DisclosurePage

# 《政府信息公开条例》 took effect on 1 May 2008: the first annual reports cover 2008.
FIRST_REPORT_YEAR = 2008


class ReportPage(DisclosurePage):
    """Annual reports: 法治政府建设年度报告 and 政府信息公开工作年度报告."""

    page_description = "法治政府建设或政府信息公开工作的年度报告"

    report_type = models.CharField("报告类型", max_length=40, choices=choices_for("disclosure.ReportPage"),
                                   default="rule_of_law_report")
    report_year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)

    content_panels = DisclosurePage.content_panels[:1] + [
        FieldPanel("report_type"), FieldPanel("report_year"),
    ] + DisclosurePage.content_panels[1:]

    class Meta:
        verbose_name = "年度报告"

    def editor_errors(self, submitted):
        from django.utils import timezone

        errors = super().editor_errors(submitted)
        year, this_year = submitted.get("report_year"), timezone.localdate().year
        if year is not None and not FIRST_REPORT_YEAR <= year <= this_year:
            errors["report_year"] = f"报告年度应在{FIRST_REPORT_YEAR}年到{this_year}年之间，如“{this_year - 1}”。"
        return errors
