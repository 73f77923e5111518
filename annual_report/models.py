"""The 政府信息公开工作年度报告 page (docs/annual_report.md).

Figures are computed when a never-published draft is saved, and stored in the page (so in each
revision): once the report is published they are frozen, and only the editor's deliberate
“重新计算数据” recomputes them. Figures the editor enters are copied into the tables on every save.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from disclosure.models.base import DisclosurePage

from . import checks, tables

OVERVIEW_FIELDS = [("overview_proactive", "（一）主动公开"), ("overview_requests", "（二）依申请公开"),
                   ("overview_management", "（三）政府信息管理"), ("overview_platform", "（四）平台建设"),
                   ("overview_oversight", "（五）监督保障")]
FIRST_REPORT_YEAR = 2008


class AnnualDisclosureReportPage(DisclosurePage):
    """政府信息公开工作年度报告 in the 国办公开办函〔2021〕30号 format, its tables generated."""

    page_description = "按国办公开办函〔2021〕30号格式生成的政府信息公开工作年度报告，表格数据由系统统计"

    agency = models.ForeignKey("disclosure.Organisation", verbose_name="报告机关", on_delete=models.PROTECT,
                               related_name="+")
    report_year = models.PositiveSmallIntegerField("报告年度")
    overview_proactive = models.TextField("（一）主动公开", blank=True)
    overview_requests = models.TextField("（二）依申请公开", blank=True)
    overview_management = models.TextField("（三）政府信息管理", blank=True)
    overview_platform = models.TextField("（四）平台建设", blank=True)
    overview_oversight = models.TextField("（五）监督保障", blank=True)
    problems_and_improvements = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True,
                                     help_text="含依据国办函〔2020〕109号收取信息处理费的情况")
    rules_issued = models.PositiveIntegerField("规章本年制发件数", default=0)
    rules_repealed = models.PositiveIntegerField("规章本年废止件数", default=0)
    rules_in_force = models.PositiveIntegerField("规章现行有效件数", default=0)
    coercion_count = models.PositiveIntegerField("行政强制本年处理决定数量", default=0)
    fee_amount = models.DecimalField("行政事业性收费本年收费金额（万元）", max_digits=12, decimal_places=2, default=0)
    figures = models.JSONField("报告数据", default=dict, blank=True, editable=False)
    figures_computed_at = models.DateTimeField("数据统计时间", null=True, blank=True, editable=False)
    include_sub_agencies = models.BooleanField(
        "汇总下级机构数据", default=False,
        help_text="勾选后，表二至表四为本机关及其全部下级机构（见“发布机构”的上级机构）数据的逐项合计，"
                  "如政府年报汇总所属部门和乡镇的数据；各机构的分项数据见预览。编辑填报的数据请填写合计数。")
    recompute = models.BooleanField(
        "重新计算数据", default=False,
        help_text="已发布的报告数据保持不变；勾选后保存，将按当前数据重新统计表二至表四（须重新审核发布）")

    content_panels = DisclosurePage.content_panels[:1] + [
        MultiFieldPanel([FieldPanel("agency"), FieldPanel("report_year"), FieldPanel("include_sub_agencies"),
                         FieldPanel("recompute")],
                        heading="报告机关与年度"),
        MultiFieldPanel([FieldPanel(name) for name, _ in OVERVIEW_FIELDS], heading="一、总体情况"),
        MultiFieldPanel([FieldPanel("rules_issued"), FieldPanel("rules_repealed"), FieldPanel("rules_in_force"),
                         FieldPanel("coercion_count"), FieldPanel("fee_amount")],
                        heading="编辑填报的数据（本站不掌握的数据）"),
        FieldPanel("problems_and_improvements"), FieldPanel("other_matters"),
    ] + DisclosurePage.content_panels[1:-1]

    template = "annual_report/annual_disclosure_report_page.html"

    class Meta:
        verbose_name = "政府信息公开工作年度报告（自动生成）"

    # --- figures -------------------------------------------------------------------------

    def entered_values(self):
        return {name: getattr(self, name) for names in tables.ENTERED_FIELDS.values() for name in names}

    def figures_are_frozen(self):
        return bool(self.first_published_at or self.live)

    def refresh_figures(self):
        """Compute, unless published and not deliberately recomputed; entered cells always follow the fields."""
        if not (self.agency_id and self.report_year):
            return
        stored = self.figures or {}
        same_subject = (stored.get("agency") == self.agency_id and stored.get("year") == self.report_year
                        and bool(stored.get("rolled_up")) == self.include_sub_agencies)
        if self.recompute or not stored.get("tables") or not same_subject or not self.figures_are_frozen():
            figures = {"agency": self.agency_id, "year": self.report_year, "rolled_up": self.include_sub_agencies}
            if self.include_sub_agencies:
                figures["tables"], figures["breakdown"] = tables.roll_up(self.agency, self.report_year,
                                                                         self.entered_values())
            else:
                figures["tables"] = tables.compute(self.agency, self.report_year, self.entered_values())
            agencies = [self.agency] + (tables.sub_agencies(self.agency) if self.include_sub_agencies else [])
            figures["information_fees"] = tables.information_fees(agencies, self.report_year)
            self.figures = figures
            self.figures_computed_at = timezone.now()
            self.recompute = False
        else:
            entered_rows = tables.entered_rows(self.entered_values())
            self.figures["tables"]["2"] = [entered_rows.get(r["key"], r) for r in self.figures["tables"]["2"]]

    @property
    def breakdown(self):
        """Per-agency figures of a rolled-up report: [{"agency", "name", "tables"}], else []."""
        return (self.figures or {}).get("breakdown") or []

    @property
    def information_fees(self):
        """信息处理费 computed with the tables (and frozen with them), for part 六; None on figures
        stored before it was counted."""
        return (self.figures or {}).get("information_fees")

    @property
    def report_tables(self):
        return (self.figures or {}).get("tables") or {}

    def as_json(self):
        return {"year": self.report_year, "agency": self.agency.code or self.agency.name,
                "tables": tables.as_lists(self.report_tables)}

    def previous_report(self):
        return (AnnualDisclosureReportPage.objects.live().filter(agency_id=self.agency_id,
                                                                  report_year=self.report_year - 1)
                .exclude(pk=self.pk).first())

    def content_check_findings(self, finding, level):
        """Blocking cross-checks for review.checks.run_checks."""
        previous = self.previous_report() if self.agency_id and self.report_year else None
        found = checks.problems(self.report_tables, previous.report_tables if previous else None,
                                self.report_year)
        return [finding(level, "报告数据", "", message) for message in found]

    # --- validation ----------------------------------------------------------------------

    def editor_errors(self, submitted):
        errors = super().editor_errors(submitted)
        year, this_year = submitted.get("report_year"), timezone.localdate().year
        if year is not None and not FIRST_REPORT_YEAR <= year <= this_year:
            errors["report_year"] = f"报告年度应在{FIRST_REPORT_YEAR}年到{this_year}年之间，如“{this_year - 1}”。"
        agency = submitted.get("agency")
        if submitted.get("include_sub_agencies") and agency is not None and not tables.sub_agencies(agency):
            errors["include_sub_agencies"] = (f"“{agency.name}”没有下级机构，无法汇总。请先在“发布机构”中为"
                                              "所属部门或乡镇设置上级机构，或取消勾选。")
        return errors

    def clean(self):
        super().clean()
        if self.report_year and not FIRST_REPORT_YEAR <= self.report_year <= timezone.localdate().year:
            raise ValidationError({"report_year": f"报告年度应在{FIRST_REPORT_YEAR}年到"
                                                  f"{timezone.localdate().year}年之间。"})
        self.refresh_figures()

    # --- downloads -----------------------------------------------------------------------

    # Downloads are `?format=json|xlsx` on the page URL, not sub-routes: a page type with its own
    # `route` would switch off HomePage's one-query routing for the whole site (home/models.py).
    DOWNLOADS = {"json": "data_json", "xlsx": "data_xlsx"}

    def serve(self, request, *args, **kwargs):
        download = self.DOWNLOADS.get(request.GET.get("format", ""))
        if download:
            return getattr(self, download)(request)
        return super().serve(request, *args, **kwargs)

    def data_json(self, request):
        response = JsonResponse(self.as_json(), json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="annual-report-{self.report_year}.json"'
        return response

    def data_xlsx(self, request):
        from .xlsx import workbook_bytes

        response = HttpResponse(workbook_bytes(self), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = f'attachment; filename="annual-report-{self.report_year}.xlsx"'
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        report_tables = self.report_tables
        context.update({
            "overview": [(label, getattr(self, name)) for name, label in OVERVIEW_FIELDS],
            "table2_blocks": _table2_blocks(report_tables.get("2", [])),
            "table2_all_rows": report_tables.get("2", []),
            "table3_rows": report_tables.get("3", []),
            "table3_columns": tables.TABLE3_COLUMNS,
            "table4_rows": report_tables.get("4", []),
            "table4_columns": tables.TABLE4_COLUMNS,
            # The per-agency breakdown is for editors: only the admin preview shows it.
            "breakdown": _breakdown_tables(self.breakdown) if getattr(request, "is_preview", False) else [],
        })
        return context


def _table2_blocks(rows):
    by_key = {r["key"]: r for r in rows}
    return [{"heading": heading, "columns": columns, "rows": [by_key[key] for key, _ in keys if key in by_key]}
            for heading, columns, keys in tables.TABLE2_BLOCKS]


def _breakdown_tables(breakdown):
    """For the preview: one table per report table, a row per (agency, official row), the values."""
    parts = []
    for number, title, columns in BREAKDOWN_TABLES:
        # Table 2's blocks have one or three figures: the short rows are padded with a dash.
        rows = [{"agency": part["name"], "label": r["label"],
                 "values": ([c["value"] for c in r["cells"]] + ["—"] * len(columns))[:len(columns)]}
                for part in breakdown for r in part["tables"].get(number, [])]
        parts.append({"number": number, "title": title, "columns": columns, "rows": rows})
    return parts


BREAKDOWN_TABLES = [
    ("2", "表二（不含编辑填报的数据）", ["本年制发件数或本年处理决定数量", "本年废止件数", "现行有效件数"]),
    ("3", "表三", tables.TABLE3_COLUMNS),
    ("4", "表四", tables.TABLE4_COLUMNS),
]
