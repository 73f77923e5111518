"""Spreadsheet (CSV/XLSX) formula injection: a cell a citizen or an editor wrote, such as
`=HYPERLINK("http://evil/", "点击")`, must never reach Excel or WPS as a formula.

A text cell that starts with = + - @ (or their full-width forms, which Chinese input methods
produce and some spreadsheet programs accept) or with a tab or carriage return gets a leading
apostrophe, the usual way to mark literal text; plain numbers such as -5 and a lone "-" stay as
they are, since they can't carry a formula. Importers undo the apostrophe with `restore_cell`,
so an export read back in gives the original text (docs/security.md)."""

import re

from openpyxl.cell.cell import TYPE_STRING

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
HARMLESS = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)|[-+－]")


def neutralise_cell(value):
    if not isinstance(value, str) or not value.startswith(TRIGGERS) or HARMLESS.fullmatch(value):
        return value
    return "'" + value


def neutralise_row(values):
    return [neutralise_cell(value) for value in values]


def restore_cell(value):
    """The text an exported (neutralised) cell stood for."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value


def append_text_row(sheet, values):
    """Append a row to an openpyxl sheet with every text cell stored as text, never a formula."""
    sheet.append(neutralise_row(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = TYPE_STRING
