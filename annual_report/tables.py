"""The tables of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号), computed from the site's data.

Every figure is a `Figure`: its value, where it came from (shown to editors) and whether an
editor entered it. docs/annual_report.md explains each count.

A report is stored as {"2": [row, …], "3": [...], "4": [...]}, each row
{"key", "label", "cells": [{"value", "source", "entered"}, …]}; `as_lists` turns it into the
`annual_report --json` shape ([[label, n, …], …]).
"""

import datetime
from decimal import Decimal

from applications import statistics

ENTERED = "编辑填报"

# Table 2: (key, official label, the column headings of its block).
TABLE2_DOCUMENT_COLUMNS = ["本年制发件数", "本年废止件数", "现行有效件数"]
TABLE2_BLOCKS = [
    ("第二十条第（一）项", ["信息内容"] + TABLE2_DOCUMENT_COLUMNS, [("rules", "规章"),
                                                              ("normative", "行政规范性文件")]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("licensing", "行政许可")]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [("penalty", "行政处罚"), ("coercion", "行政强制")]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("fees", "行政事业性收费")]),
]
# Figures the site does not hold: the editor enters them (ENTERED_FIELDS maps them to page fields).
ENTERED_FIELDS = {
    "rules": ["rules_issued", "rules_repealed", "rules_in_force"],
    "coercion": ["coercion_count"],
    "fees": ["fee_amount"],
}

TABLE3_COLUMNS = [label for _, label in statistics.COLUMNS]
TABLE4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
TABLE4_RESULTS = ["upheld", "corrected", "other", "pending"]


def figure(value, source, entered=False):
    return {"value": value, "source": source, "entered": entered}


def row(key, label, cells):
    return {"key": key, "label": label, "cells": cells}


def _year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _number(value):
    """JSON-safe: whole numbers as int, money as float with two decimals."""
    if isinstance(value, Decimal):
        return float(round(value, 2))
    return value if value is not None else 0


# --- table 2 ---------------------------------------------------------------------------------

ENDED = {"repealed", "expired"}


def normative_counts(organisation, year):
    """(issued, repealed, in force on 31 December) for the organisation's 行政规范性文件.

    Issued = 成文日期 in the year. Repealed = a 废止 (or 失效) entry dated in the year in the
    validity history. In force = written by 31 December and with no 废止/失效 entry by then.
    Only documents that have been published count: a draft is not an issued document.
    """
    from disclosure.models import NormativeDocumentPage

    start, end = _year_bounds(year)
    documents = (NormativeDocumentPage.objects.filter(publisher=organisation, first_published_at__isnull=False)
                 .prefetch_related("validity_changes"))
    issued = repealed = in_force = 0
    for document in documents:
        written_on = document.written_on
        if written_on and start <= written_on <= end:
            issued += 1
        ended = [c.changed_on for c in document.validity_changes.all() if c.status in ENDED and c.changed_on]
        if any(start <= day <= end for day in ended):
            repealed += 1
        if written_on and written_on <= end and not any(day <= end for day in ended):
            in_force += 1
    return issued, repealed, in_force


def decision_count(organisation, year, decision_type):
    """双公示 decisions of that type decided in the year (revoked or lapsed ones were still decided)."""
    from disclosure.models import EnforcementDecisionPage

    start, end = _year_bounds(year)
    return EnforcementDecisionPage.objects.filter(
        publisher=organisation, decision_type=decision_type, decided_on__range=(start, end),
        first_published_at__isnull=False).count()


def entered_rows(entered):
    """The table-2 rows of ENTERED_FIELDS, by key; `entered` maps the field names to the editor's
    values (missing means 0)."""
    def typed(name):
        return figure(_number(entered.get(name)), ENTERED, entered=True)

    return {"rules": row("rules", "规章", [typed(name) for name in ENTERED_FIELDS["rules"]]),
            "coercion": row("coercion", "行政强制", [typed("coercion_count")]),
            "fees": row("fees", "行政事业性收费", [typed("fee_amount")])}


def table2(organisation, year, entered):
    """`entered` maps ENTERED_FIELDS names to the editor's values (missing means 0)."""
    typed = entered_rows(entered)
    issued, repealed, in_force = normative_counts(organisation, year)
    normative_source = f"本站发布的{organisation.name}规范性文件（按成文日期和有效性变更记录）"
    return [
        typed["rules"],
        row("normative", "行政规范性文件", [figure(issued, normative_source), figure(repealed, normative_source),
                                       figure(in_force, normative_source)]),
        row("licensing", "行政许可", [figure(decision_count(organisation, year, "licensing"),
                                          f"本站行政执法公示：{year}年作出的行政许可决定")]),
        row("penalty", "行政处罚", [figure(decision_count(organisation, year, "penalty"),
                                        f"本站行政执法公示：{year}年作出的行政处罚决定")]),
        typed["coercion"],
        typed["fees"],
    ]


# --- table 3 ---------------------------------------------------------------------------------

def table3(organisation, year):
    department = getattr(organisation, "department", None) if organisation.pk else None
    source = f"本站依申请公开办理记录（{year}年）"
    # Without a department the site holds no applications for this agency: the official rows,
    # all zero (table3 without an agency would count every department's cases; no id is -1).
    rows = statistics.table3(year, agency=department if department is not None else -1)
    return [row(r.key, r.label, [figure(r.counts[key], source) for key, _ in statistics.COLUMNS]) for r in rows]


# --- part 六: 信息处理费 -------------------------------------------------------------------------

def information_fees(organisations, year):
    """信息处理费 under 国办函〔2020〕109号 for part 六, summed over `organisations` (one, or a
    roll-up): {"notices", "paid", "amount"} (amount in 元). Not the 行政事业性收费 of table 2."""
    totals = {"notices": 0, "paid": 0, "amount": 0}
    for organisation in organisations:
        department = getattr(organisation, "department", None) if organisation.pk else None
        if department is None:
            continue  # the site holds no applications for an agency without a department
        fees = statistics.information_fees(year, department)
        totals["notices"] += fees.notices
        totals["paid"] += fees.paid
        totals["amount"] += fees.amount_paid
    return totals


# --- table 4 ---------------------------------------------------------------------------------

def table4(organisation, year):
    """复议 and 诉讼 filed in the year, by their result as of 31 December (later ones: 尚未审结)."""
    from applications.models import Appeal

    start, end = _year_bounds(year)
    department = getattr(organisation, "department", None) if organisation.pk else None
    appeals = Appeal.objects.filter(agency=department, filed_on__range=(start, end)) if department else []
    counts = {kind: dict.fromkeys(TABLE4_RESULTS, 0) for kind, _ in Appeal.KINDS}
    for appeal in appeals:
        concluded = appeal.concluded_on is not None and appeal.concluded_on <= end and appeal.result != "pending"
        counts[appeal.kind][appeal.result if concluded else "pending"] += 1
    rows = []
    for kind, label in Appeal.KINDS:
        source = f"本站复议诉讼记录：{year}年提起的{label}"
        values = [counts[kind][result] for result in TABLE4_RESULTS]
        rows.append(row(kind, label, [figure(v, source) for v in values + [sum(values)]]))
    return rows


# --- the whole report ------------------------------------------------------------------------

def compute(organisation, year, entered=None):
    return {"2": table2(organisation, year, entered or {}), "3": table3(organisation, year),
            "4": table4(organisation, year)}


# --- roll-up (汇总) ---------------------------------------------------------------------------

ROLLED_UP = "汇总"


def sub_agencies(organisation):
    """Every organisation below `organisation` (上级机构 chain), in tree order, itself excluded.

    A cycle in the data (the organisation form refuses one, a raw update might not) ends the walk
    instead of looping.
    """
    from disclosure.models import Organisation

    found, seen, frontier = [], {organisation.pk}, [organisation.pk]
    while frontier:
        children = [o for o in Organisation.objects.filter(parent_id__in=frontier).order_by("name")
                    if o.pk not in seen]
        found.extend(children)
        seen.update(o.pk for o in children)
        frontier = [o.pk for o in children]
    return found


def roll_up(organisation, year, entered=None, agencies=None):
    """The tables of `organisation` with its sub-agencies' figures added cell by cell.

    Returns (tables, breakdown): breakdown is [{"agency", "name", "tables"}] for the organisation
    and each sub-agency, each computed on its own. Entered figures (ENTERED_FIELDS) are the
    report's own: the editor enters the whole total, since the site holds no such figure for any
    agency; in the breakdown those rows are left out.
    """
    agencies = [organisation] + list(sub_agencies(organisation) if agencies is None else agencies)
    breakdown = [{"agency": a.pk, "name": a.name, "tables": compute(a, year)} for a in agencies]
    names = "、".join(a.name for a in agencies)
    source = f"{ROLLED_UP}：{len(agencies)}个机关分别统计后逐项相加（{names}）"
    totals = {}
    for number in ("2", "3", "4"):
        rows = []
        for index, first in enumerate(breakdown[0]["tables"][number]):
            if number == "2" and first["key"] in ENTERED_FIELDS:
                continue
            columns = len(first["cells"])
            sums = [sum(part["tables"][number][index]["cells"][c]["value"] for part in breakdown)
                    for c in range(columns)]
            rows.append(row(first["key"], first["label"], [figure(value, source) for value in sums]))
        totals[number] = rows
    own_entered = entered_rows(entered or {})
    computed = {r["key"]: r for r in totals["2"]}
    totals["2"] = [own_entered.get(key) or computed[key] for block in TABLE2_BLOCKS for key, _ in block[2]]
    for part in breakdown:
        part["tables"]["2"] = [r for r in part["tables"]["2"] if r["key"] not in ENTERED_FIELDS]
    return totals, breakdown


def as_lists(tables):
    """{"2": [[label, n, …], …], …}: the `annual_report --json` shape."""
    return {number: [[r["label"]] + [cell["value"] for cell in r["cells"]] for r in rows]
            for number, rows in sorted((tables or {}).items())}


def values_by_key(rows):
    return {r["key"]: [cell["value"] for cell in r["cells"]] for r in rows}
