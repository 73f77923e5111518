"""The report's tables as an XLSX workbook: one sheet per table, the official labels in column A."""

import io

from openpyxl import Workbook

from . import tables

SHEETS = [("2", "表二 主动公开", None), ("3", "表三 依申请公开", tables.TABLE3_COLUMNS),
          ("4", "表四 复议诉讼", tables.TABLE4_COLUMNS)]


def workbook_bytes(page):
    book = Workbook()
    book.remove(book.active)
    report_tables = tables.as_lists(page.report_tables)
    for number, title, columns in SHEETS:
        sheet = book.create_sheet(title)
        sheet.append(["项目"] + (columns or ["数值"]))
        for row in report_tables.get(number, []):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_workbook(data):
    """The tables back from `workbook_bytes` output, in the `as_lists` shape (used by the tests)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    result = {}
    for number, title, _ in SHEETS:
        rows = list(book[title].iter_rows(values_only=True))[1:]
        result[number] = [[value for value in row if value is not None] for row in rows]
    return result
