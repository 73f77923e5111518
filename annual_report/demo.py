"""The demo's 城管局 2025 annual report for `manage.py load_demo_site`, marked 示例数据.

Its tables are generated from the demo data like any report (docs/annual_report.md).
"""

from django.db import transaction

from disclosure.kinds import column_path

from .models import AnnualDisclosureReportPage

DEMO_YEAR = 2025
DEMO_SLUG = "gjnb-2025-scgj"
MARK = "（示例数据）"


def load(stdout, options=None):
    from disclosure.models import ColumnPage
    from home.models import HomePage
    from review.models import Department

    home = HomePage.objects.first()
    department = Department.objects.filter(short_name="市城管局").select_related("organisation").first()
    if home is None or department is None:
        stdout.write("未找到首页或市城管局，跳过年度报告示例。")
        return
    column = ColumnPage.objects.filter(
        url_path=home.url_path + column_path("disclosure_annual_report") + "/").first()
    if column is None:
        stdout.write("未找到“信息公开年报”栏目，跳过年度报告示例。")
        return
    if AnnualDisclosureReportPage.objects.filter(agency=department.organisation, report_year=DEMO_YEAR).exists():
        return
    organisation = department.organisation
    with transaction.atomic():
        page = AnnualDisclosureReportPage(
            slug=DEMO_SLUG, title=f"{organisation.name}{DEMO_YEAR}年政府信息公开工作年度报告{MARK}",
            agency=organisation, report_year=DEMO_YEAR, publisher=organisation, source_name=organisation.name,
            overview_proactive=f"本年度通过门户网站主动公开规范性文件、行政执法决定等政府信息。{MARK}",
            overview_requests=f"本年度依法受理并按期答复政府信息公开申请，详见表三。{MARK}",
            overview_management=f"落实公开前保密审查和“三审”发布制度。{MARK}",
            overview_platform=f"门户网站政府信息公开专栏按规定栏目更新维护。{MARK}",
            overview_oversight=f"将政府信息公开工作纳入年度绩效考核。{MARK}",
            problems_and_improvements=f"政策解读形式较为单一，下一年度将增加图解和问答解读。{MARK}",
            other_matters=f"本年度未收取信息处理费。{MARK}",
        )
        column.add_child(instance=page)
        page.save_revision().publish()
    stdout.write("政府信息公开工作年度报告示例已生成（标注“示例数据”）。")
