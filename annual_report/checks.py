"""Cross-checks of a report's tables (docs/annual_report.md). Each problem blocks publication
through the pre-publish content checks (review.checks.run_checks calls the page's
`content_check_findings`)."""

from applications import statistics

from .tables import values_by_key

RESULT_KEYS = [key for key, _, _ in statistics.RESULT_ROWS]
COLUMN_LABELS = [label for _, label in statistics.COLUMNS]


def _label(rows, key):
    return next((r["label"] for r in rows if r["key"] == key), key)


def table3_problems(rows):
    problems = []
    values = values_by_key(rows)
    for r in rows:
        cells = [cell["value"] for cell in r["cells"]]
        if sum(cells[:-1]) != cells[-1]:
            problems.append(f"表三“{r['label']}”行：各类申请人之和为{sum(cells[:-1])}，与总计{cells[-1]}不符")
    needed = [statistics.NEW, statistics.CARRIED_IN, statistics.TOTAL, statistics.CARRIED_OUT] + RESULT_KEYS
    missing = [key for key in needed if key not in values]
    if missing:
        return problems + [f"表三缺少行：{'、'.join(missing)}"]
    for index, column in enumerate(COLUMN_LABELS):
        received = values[statistics.NEW][index] + values[statistics.CARRIED_IN][index]
        handled = values[statistics.TOTAL][index] + values[statistics.CARRIED_OUT][index]
        if received != handled:
            problems.append(f"表三“{column}”列：一 + 二（{received}）不等于 三（七）+ 四（{handled}）")
        results = sum(values[key][index] for key in RESULT_KEYS)
        if results != values[statistics.TOTAL][index]:
            problems.append(f"表三“{column}”列：（七）总计{values[statistics.TOTAL][index]}"
                            f"不等于（一）至（六）之和{results}")
    return problems


def table4_problems(rows):
    problems = []
    for r in rows:
        cells = [cell["value"] for cell in r["cells"]]
        if sum(cells[:-1]) != cells[-1]:
            problems.append(f"表四“{r['label']}”：结果维持、结果纠正、其他结果、尚未审结之和为{sum(cells[:-1])}，"
                            f"与总计{cells[-1]}不符")
    return problems


def carry_over_problems(rows, previous_rows, year):
    """This year's 二 must equal last year's 四 (published report), column by column."""
    if not previous_rows:
        return []
    this, last = values_by_key(rows), values_by_key(previous_rows)
    carried_in, carried_out = this.get(statistics.CARRIED_IN), last.get(statistics.CARRIED_OUT)
    if carried_in is None or carried_out is None or carried_in == carried_out:
        return []
    columns = zip(COLUMN_LABELS, carried_in, carried_out, strict=False)
    differing = [f"{label}：本年{a}、上年{b}" for label, a, b in columns if a != b]
    return [f"表三“二、上年结转”与{year - 1}年度报告的“四、结转下年度继续办理”不一致（{'；'.join(differing)}）"]


def problems(tables, previous_tables=None, year=None):
    tables = tables or {}
    if not tables:
        return ["尚未生成报告表格：请保存草稿以生成数据"]
    found = table3_problems(tables.get("3", [])) + table4_problems(tables.get("4", []))
    if previous_tables and year:
        found += carry_over_problems(tables.get("3", []), previous_tables.get("3", []), year)
    return found
