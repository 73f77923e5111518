"""load_demo_site publishes the 城管局 2025 report, generated from the demo data and passing its checks."""

import io

import pytest

from annual_report.models import AnnualDisclosureReportPage
from applications import statistics
from review.checks import blocking, run_checks

pytestmark = pytest.mark.django_db


def test_the_demo_report_is_generated_published_and_idempotent(settings):
    from annual_report.demo import load
    from applications.demo import load as load_applications
    from home.demo import build_site
    from review.demo import setup_demo_departments

    settings.GOVSITE_ALLOW_DEMO_USERS = False
    build_site(io.StringIO(), hostname="127.0.0.1", port=8000)
    setup_demo_departments(io.StringIO())
    load_applications(io.StringIO())
    load(io.StringIO())
    load(io.StringIO())
    page = AnnualDisclosureReportPage.objects.get()
    assert page.live and "示例数据" in page.title and page.report_year == 2025
    assert page.url_path.endswith("/zwgk/zfxxgk/xxgknb/" + page.slug + "/")
    department = page.agency.department
    assert page.as_json()["tables"]["3"] == statistics.table3_lists(2025, department)
    assert [f for f in blocking(run_checks(page)) if f.field == "报告数据"] == []
