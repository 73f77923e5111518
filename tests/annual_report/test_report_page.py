"""The report page: cross-checks block publication, frozen figures, downloads, the command."""

import copy
import datetime
import io
import json

import pytest
from django.core.management import call_command

from annual_report import tables
from annual_report.models import AnnualDisclosureReportPage
from annual_report.xlsx import read_workbook
from applications import statistics
from review.checks import blocking, run_checks
from tests.annual_report.conftest import ORGANISATION, case

pytestmark = pytest.mark.django_db


def report(data, year=2025, publish=True, **fields):
    fields = {"overview_proactive": "主动公开情况", "other_matters": "未收费", "fee_amount": 0, **fields}
    page = AnnualDisclosureReportPage(title=f"{year}年政府信息公开工作年度报告", agency=data["org_a"],
                                      report_year=year, **fields)
    data["xxgknb"].add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return AnnualDisclosureReportPage.objects.get(pk=page.pk)


def report_blocking(page):
    return [f for f in blocking(run_checks(page)) if f.field == "报告数据"]


def tamper(page, number, key, index, delta):
    figures = copy.deepcopy(page.figures)
    row = next(r for r in figures["tables"][number] if r["key"] == key)
    row["cells"][index]["value"] += delta
    page.figures = figures
    return page


def test_a_draft_computes_its_tables_on_save(data):
    page = report(data, publish=False)
    assert page.as_json()["tables"]["3"] == statistics.table3_lists(2025, data["dept_a"])
    assert tables.values_by_key(page.report_tables["2"])["normative"] == [2, 1, 3]
    assert report_blocking(page) == []


@pytest.mark.parametrize("number,key,index,expected", [
    ("3", statistics.NEW, 0, "各类申请人之和"),             # row: columns no longer sum to 总计
    ("3", statistics.CARRIED_OUT, 6, "一 + 二"),           # 一 + 二 ≠ 三（七）+ 四
    ("3", statistics.TOTAL, 6, "不等于（一）至（六）之和"),
    ("4", "review", 4, "表四"),
])
def test_each_cross_check_blocks_a_report_that_violates_it(data, number, key, index, expected):
    page = tamper(report(data, publish=False), number, key, index, 1)
    messages = [f.message for f in report_blocking(page)]
    assert any(expected in message for message in messages), messages


def test_the_carry_over_check_across_two_years(data):
    last_year = report(data, year=2024)
    this_year = report(data, publish=False)
    assert tables.values_by_key(last_year.report_tables["3"])[statistics.CARRIED_OUT][-1] == 1
    assert report_blocking(this_year) == []
    # Last year's published report said something else: this year's 二 no longer matches its 四.
    tamper(last_year, "3", statistics.CARRIED_OUT, 0, 1)
    tamper(last_year, "3", statistics.CARRIED_OUT, 6, 1)
    AnnualDisclosureReportPage.objects.filter(pk=last_year.pk).update(figures=last_year.figures)
    messages = [f.message for f in report_blocking(this_year)]
    assert any("上年结转" in m and "2024年度报告" in m for m in messages), messages


def test_a_published_report_keeps_its_figures_after_new_data(data):
    page = report(data)
    before = page.as_json()
    case(data["dept_a"], ORGANISATION, datetime.date(2025, 6, 1))
    page.overview_platform = "平台建设"
    page.fee_amount = 3
    page.save_revision().publish()
    page = AnnualDisclosureReportPage.objects.get(pk=page.pk)
    after = page.as_json()
    assert after["tables"]["3"] == before["tables"]["3"]
    assert tables.values_by_key(page.report_tables["2"])["fees"] == [3.0]  # entered figures still follow
    # Recomputing is a deliberate action.
    page.recompute = True
    page.save_revision().publish()
    page = AnnualDisclosureReportPage.objects.get(pk=page.pk)
    assert page.as_json()["tables"]["3"] == statistics.table3_lists(2025, data["dept_a"]) != before["tables"]["3"]
    assert page.recompute is False


def test_the_page_renders_accessible_tables(client, data):
    page = report(data, fee_amount=1.25)
    html = client.get(page.url).content.decode()
    assert "<caption>收到和处理政府信息公开申请情况</caption>" in html
    assert '<th scope="row">一、本年新收政府信息公开申请数量</th>' in html
    assert '<th scope="row">行政规范性文件</th><td>2</td><td>1</td><td>3</td>' in html
    assert 'class="table-scroll" tabindex="0" role="region"' in html
    assert "编辑填报" in html and "style=" not in html.split("<main")[-1]


def test_json_and_xlsx_downloads_parse_back_to_the_figures(client, data):
    page = report(data, fee_amount=1.25, coercion_count=4)
    response = client.get(page.url + "?format=json")
    assert response.status_code == 200
    assert json.loads(response.content) == page.as_json()
    assert page.as_json()["agency"] == data["org_a"].code
    response = client.get(page.url + "?format=xlsx")
    assert response.status_code == 200
    assert read_workbook(response.content) == page.as_json()["tables"]


def _command(*args):
    out = io.StringIO()
    call_command("annual_report", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_interface_json(data):
    printed = json.loads(_command("2025", "--agency", data["org_a"].code, "--json"))
    assert set(printed) == {"year", "agency", "tables"} and printed["year"] == 2025
    assert printed["tables"]["3"] == statistics.table3_lists(2025, data["dept_a"])
    assert printed["tables"]["2"][1] == ["行政规范性文件", 2, 1, 3]
    assert all(isinstance(row[0], str) for rows in printed["tables"].values() for row in rows)
    # A published report's frozen figures win over the current data.
    page = report(data)
    case(data["dept_a"], ORGANISATION, datetime.date(2025, 6, 1))
    assert json.loads(_command("2025", "--agency", data["org_a"].code, "--json")) == page.as_json()
    assert "表三" in _command("2025", "--agency", "市城管局")


def test_the_admin_offers_the_report_in_the_annual_report_column(client, data):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    url = f"/admin/pages/add/annual_report/annualdisclosurereportpage/{data['xxgknb'].pk}/"
    html = client.get(url).content.decode()
    for label in ("报告机关", "报告年度", "（五）监督保障", "行政事业性收费本年收费金额（万元）", "重新计算数据",
                  "汇总下级机构数据"):
        assert label in html


def test_part_six_states_the_information_fees_from_the_cases_and_freezes_them(client, data):
    from applications import actions

    application = case(data["dept_a"], ORGANISATION, datetime.date(2025, 4, 1))
    # 100 pages per volume: pages 31–100 at 10 元 (国办函〔2020〕109号) = 700 元.
    actions.notify_fee(application, datetime.date(2025, 4, 3), "per_volume", pages=100)
    actions.record_payment(application, datetime.date(2025, 4, 10))
    page = report(data)
    assert page.information_fees == {"notices": 1, "paid": 1, "amount": 700}
    html = client.get(page.url).content.decode()
    assert "本年度发出信息处理费缴费通知1件，收取信息处理费700元" in html
    assert "未收费" in html  # the editor's own text follows

    later = case(data["dept_a"], ORGANISATION, datetime.date(2025, 5, 6))
    actions.notify_fee(later, datetime.date(2025, 5, 8), "per_volume", pages=40)
    page.save_revision().publish()
    assert AnnualDisclosureReportPage.objects.get(pk=page.pk).information_fees["amount"] == 700  # frozen
