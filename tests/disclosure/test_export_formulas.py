"""Exported spreadsheets never carry a live formula: a 备注 of `=HYPERLINK(…)` in the 权责清单 and
a party name starting with `@` in the 信用中国 export come out as text, through the real export
views on the real database, and a 权责清单 export read back in gives the original text."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

from home.security.spreadsheet import neutralise_cell, restore_cell
from tests.home.demo_pages import HOST, full_demo  # noqa: F401

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/","点击查看")'
HOSTILE = [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
           "\t=1+1", "\r=1+1", "＝1+1"]


def hostile_power_list(title="权责清单/2025 [示例]"):
    from disclosure.models import PowerListPage
    from disclosure.power_list_io import replace_items

    page = PowerListPage.objects.live().first()
    page.title = title
    items = [{"code": f"XK-{n}", "name": f"事项{n}", "category": "licensing", "basis": "",
              "implementing_body": "", "responsibilities": "", "accountability": "", "note": value}
             for n, value in enumerate(HOSTILE)]
    items.append({"code": "XK-plain", "name": "普通事项", "category": "licensing", "basis": "",
                  "implementing_body": "-", "responsibilities": "", "accountability": "", "note": "-5"})
    replace_items(page, items, publish=True)
    return page


def test_neutralise_cell_rules():
    for value in HOSTILE:
        assert neutralise_cell(value) == "'" + value
        assert restore_cell(neutralise_cell(value)) == value
    for value in ("普通文字", "-", "-5", "+3.5", "", "2025-01-01", "'quoted"):
        assert neutralise_cell(value) == value
        assert restore_cell(value) == value


def test_power_list_xlsx_has_no_formula_cells(full_demo):
    page = hostile_power_list()
    response = Client(HTTP_HOST=HOST).get(f"/data/power-list/{page.pk}.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    notes = {}
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
        notes[row[0].value] = row[7].value
    for n, value in enumerate(HOSTILE):
        assert notes[f"XK-{n}"] == "'" + value
    assert notes["XK-plain"] == "-5"
    # The sheet is named after the page, without the characters Excel refuses.
    assert sheet.title == "权责清单_2025 _示例_"


def test_power_list_csv_cells_are_neutralised(full_demo):
    page = hostile_power_list()
    response = Client(HTTP_HOST=HOST).get(f"/data/power-list/{page.pk}.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    notes = {row[0]: row[7] for row in rows[1:]}
    for n, value in enumerate(HOSTILE):
        assert notes[f"XK-{n}"] == "'" + value
    assert notes["XK-plain"] == "-5" and rows[-1][4] == "-"
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row), row


def test_exported_power_list_reads_back_as_it_was(full_demo, tmp_path):
    from disclosure.power_list_io import parse_file

    page = hostile_power_list()
    client = Client(HTTP_HOST=HOST)
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"export.{fmt}"
        path.write_bytes(client.get(f"/data/power-list/{page.pk}.{fmt}").content)
        notes = [item["note"] for item in parse_file(path)]
        assert notes == HOSTILE + ["-5"], fmt


def test_credit_china_export_is_neutralised(full_demo):
    from disclosure.models import EnforcementDecisionPage

    decision = EnforcementDecisionPage.objects.filter(decision_type="penalty").first()
    decision.party_name = "@SUM(1+1)*cmd|' /C calc'!A0"
    decision.facts = HYPERLINK
    decision.save()
    admin = get_user_model().objects.create_superuser("export_admin", "e@example.org", "pw-export-2026")
    client = Client(HTTP_HOST=HOST)
    client.force_login(admin)  # password and second factor (tests/sign_in.py)
    response = client.get("/admin/disclosure/credit-china-export.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["'@SUM(1+1)*cmd|' /C calc'!A0", "'" + HYPERLINK] in [[row[0], row[15]] for row in rows[1:]]
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row), row
