"""Reading and writing 权责清单 files (CSV, XLSX, JSON).

Import is all-or-nothing: every row is checked first and any problem rejects the
whole file, because a half-imported list would publish a wrong count of powers.
"""

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from disclosure.models.power_list import POWER_CATEGORY_LABELS, PowerItem, category_from_label
from home.security.spreadsheet import append_text_row, neutralise_row, restore_cell

# (field, header) in file order; headers are what the bureau's spreadsheets use.
COLUMNS = [
    ("code", "编码"),
    ("name", "事项名称"),
    ("category", "类别"),
    ("basis", "设定依据"),
    ("implementing_body", "实施主体"),
    ("responsibilities", "责任事项"),
    ("accountability", "追责情形"),
    ("note", "备注"),
]
REQUIRED = {"code", "name", "category"}
HEADER_ALIASES = {"事项编码": "code", "权力编码": "code", "项目名称": "name", "权力名称": "name",
                  "事项类别": "category", "权力类别": "category", "权力类型": "category",
                  "法律依据": "basis", "设定依据（法律依据）": "basis", "实施主体（责任主体）": "implementing_body",
                  "责任主体": "implementing_body", "追责依据": "accountability"}
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_LENGTHS = {f.name: f.max_length for f in PowerItem._meta.fields if getattr(f, "max_length", None)}


@dataclass
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self):
        return f"第{self.row}行，“{self.column}”列：{self.reason}"


class PowerListFileError(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def _read_rows(path):
    """Rows of cells (strings) from a CSV (any common Chinese encoding) or XLSX file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many types (zip, XML, KeyError) for a broken file
            raise PowerListFileError([RowError(0, "文件", "无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式"
                                                          "（旧版 .xls 请在 Excel 中另存为 .xlsx 或 CSV）")]) from None
        sheet = workbook.worksheets[0]
        rows = [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
            records = data["items"] if isinstance(data, dict) else data
            return [[header for _, header in COLUMNS]] + [
                ["" if record.get(field) is None else str(record.get(field)).strip() for field, _ in COLUMNS]
                for record in records
            ]
        except UnicodeDecodeError:
            raise PowerListFileError([RowError(0, "文件", "JSON 文件须为 UTF-8 编码")]) from None
        except (ValueError, KeyError, TypeError, AttributeError):
            raise PowerListFileError([RowError(0, "文件", "JSON 格式不正确：应为事项对象的列表，"
                                                          "或带“items”列表的对象（可先导出一份作为样例）")]) from None
    if suffix in {".csv", ".txt"}:
        from disclosure.importers.encoding import decode_bytes
        from disclosure.importers.records import ImportRecordError

        try:
            text, _ = decode_bytes(path.read_bytes())
        except ImportRecordError:
            raise PowerListFileError([RowError(0, "文件", "无法识别文件内容：CSV 须为 UTF-8 或 GBK 编码的文本文件，"
                                                          "可能上传了二进制文件")]) from None
        try:
            return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
        except csv.Error:
            raise PowerListFileError([RowError(0, "文件", "CSV 格式不正确，请在 Excel 中另存为 CSV 后重试")]) from None
    raise PowerListFileError([RowError(0, "文件", f"不支持的文件类型“{suffix}”，请使用 CSV 或 XLSX")])


def parse_file(path):
    """Return a list of field dicts, or raise PowerListFileError listing every bad row."""
    rows = _read_rows(path)
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise PowerListFileError([RowError(1, "文件", "文件为空")])
    headers = rows[0]
    by_header = {header: field for field, header in COLUMNS}
    by_header.update(HEADER_ALIASES)
    positions = {}
    for index, header in enumerate(headers):
        field = by_header.get(header.strip())
        if field and field not in positions:
            positions[field] = index
    labels = dict(COLUMNS)
    missing = [labels[f] for f, _ in COLUMNS if f in REQUIRED and f not in positions]
    if missing:
        raise PowerListFileError([RowError(1, name, "缺少必需的表头列") for name in missing])

    items, errors, seen_codes = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell for cell in row):
            continue
        # Our own exports mark text that looks like a formula with an apostrophe: read it back as it was.
        values = {field: restore_cell(row[i] if i < len(row) else "") for field, i in positions.items()}
        for field in REQUIRED:
            if not values.get(field):
                errors.append(RowError(number, labels[field], "不能为空"))
        raw_category = values.get("category", "")
        if raw_category:
            code = category_from_label(raw_category)
            if code is None:
                errors.append(RowError(number, "类别", f"“{raw_category}”不是有效类别，应为："
                                       + "、".join(POWER_CATEGORY_LABELS.values())))
            else:
                values["category"] = code
        for field, value in values.items():
            if _CONTROL_CHARS.search(value):
                errors.append(RowError(number, labels[field], "含有不可见的控制字符，请检查文件是否损坏"))
            limit = MAX_LENGTHS.get(field)
            if limit and len(value) > limit:
                errors.append(RowError(number, labels[field], f"长度{len(value)}超过上限{limit}个字"))
        code_value = values.get("code")
        if code_value:
            if code_value in seen_codes:
                errors.append(RowError(number, "编码", f"与第{seen_codes[code_value]}行重复"))
            else:
                seen_codes[code_value] = number
        items.append({field: values.get(field, "") for field, _ in COLUMNS})
    if not items and not errors:
        errors.append(RowError(2, "文件", "没有任何事项"))
    if errors:
        raise PowerListFileError(errors)
    return items


@transaction.atomic
def replace_items(page, items, user=None, publish=None):
    """Replace the list's items in one revision (published if the page is live, unless publish=False)."""
    page.items = [PowerItem(sort_order=i, **item) for i, item in enumerate(items)]
    revision = page.save_revision(user=user, log_action=True)
    if page.live if publish is None else publish:
        revision.publish(user=user, log_action=True)
    return revision


def item_dicts(page):
    return [{field: getattr(item, field) for field, _ in COLUMNS} for item in page.items.all()]


def _display_row(item):
    return [POWER_CATEGORY_LABELS.get(item[f], item[f]) if f == "category" else item[f] for f, _ in COLUMNS]


def export_csv(items):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([header for _, header in COLUMNS])
    for item in items:
        writer.writerow(neutralise_row(_display_row(item)))
    # A BOM so that Excel on Chinese Windows opens the UTF-8 file correctly.
    return "\ufeff" + buffer.getvalue()


def export_xlsx(items, title="权责清单"):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    # Excel refuses these characters in a sheet name (openpyxl raises), and a page title may have them.
    sheet.title = re.sub(r"[\\/*?:\[\]]", "_", title)[:31].strip("'") or "权责清单"
    sheet.append([header for _, header in COLUMNS])
    for item in items:
        append_text_row(sheet, _display_row(item))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_json(items, page=None):
    data = {
        "title": page.title if page else "",
        "index_number": page.index_number if page else "",
        "count": len(items),
        "items": [{**item, "category_label": POWER_CATEGORY_LABELS.get(item["category"], "")} for item in items],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
