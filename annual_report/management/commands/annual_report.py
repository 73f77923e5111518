"""`manage.py annual_report YEAR --agency CODE [--json]`: the tables of an agency's 年度报告.

A published report's frozen figures are printed when one exists; otherwise the tables are
computed from the current data (docs/annual_report.md).
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from annual_report import tables
from annual_report.models import AnnualDisclosureReportPage
from disclosure.models import Organisation


class Command(BaseCommand):
    help = "输出某机关某年度政府信息公开工作年度报告的表二至表四"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--agency", required=True, help="机构代码（统一社会信用代码），或机构名称、简称")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        code, year = options["agency"].strip(), options["year"]
        matches = list(Organisation.objects.filter(Q(code=code) | Q(name=code) | Q(short_name=code))[:2])
        if not matches:
            raise CommandError(f"找不到机构“{code}”：请使用机构代码、名称或简称。")
        if len(matches) > 1:
            raise CommandError(f"“{code}”对应多个机构，请使用机构代码。")
        organisation = matches[0]
        published = AnnualDisclosureReportPage.objects.live().filter(agency=organisation, report_year=year).first()
        report_tables = published.report_tables if published else tables.compute(organisation, year)
        data = {"year": year, "agency": organisation.code or organisation.name,
                "tables": tables.as_lists(report_tables)}
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{organisation.name} {year}年度政府信息公开工作年度报告"
                          f"（{'已发布报告的数据' if published else '按当前数据统计'}）")
        for number, rows in data["tables"].items():
            self.stdout.write(f"\n表{'二三四'[int(number) - 2]}")
            for row in rows:
                self.stdout.write("\t".join(str(value) for value in row))
