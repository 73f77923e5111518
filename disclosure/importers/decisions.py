"""An imported 行政执法公示 record read as one 双公示 decision (EnforcementDecisionPage).

Legacy decision pages and the project's own export (`export_documents`, which writes the public
fields as "标签：值" lines) label their fields the way the 信用中国 template does: 行政相对人名称,
统一社会信用代码, 违法事实, 处罚依据, 处罚类别, 处罚内容, 决定日期 … A record whose text names the
party (当事人 / 行政相对人名称) is a decision; other pages of the 行政执法公示 column (statistics,
双随机 plans, notices) are not single decisions and stay general pages of the same kind.
"""

import re
from decimal import Decimal, InvalidOperation

from disclosure.identifiers import clean_code
from disclosure.importers.seed_text import parse_date

# Field → the labels that introduce it, as written on legacy pages and by the exporter.
LABELS = {
    "party_name": ("行政相对人名称", "当事人名称", "当事人", "被处罚人", "被许可人"),
    "party_type": ("行政相对人类别",),
    "credit_code": ("统一社会信用代码", "社会信用代码"),
    "legal_representative": ("法定代表人（负责人）", "法定代表人(负责人)", "法定代表人", "负责人"),
    "decision_type": ("决定类型",),
    "violation_type": ("违法行为类型",),
    "facts": ("违法事实", "主要违法事实", "处罚事由"),
    "basis": ("处罚依据", "许可依据"),
    "penalty_category": ("处罚类别", "许可类别"),
    "penalty_content": ("处罚内容", "许可内容"),
    "fine_amount": ("罚款金额（元）", "罚款金额(元)"),
    "decided_on": ("处罚决定日期", "许可决定日期", "作出决定日期", "决定日期"),
}
LABEL_LINE = re.compile(r"^\s*【?(?P<label>[^：:】]{2,20})】?\s*[：:]\s*(?P<value>.+?)\s*$")
PARTY_TYPES = {"法人及非法人组织": "organisation", "自然人": "individual", "个体工商户": "sole_trader"}
DECISION_TYPES = {"行政处罚": "penalty", "行政许可": "licensing"}
TEXT_LIMITS = {"party_name": 200, "credit_code": 18, "legal_representative": 100, "violation_type": 200,
               "penalty_category": 100}


def labelled_values(text):
    """{field: text} from "标签：值" lines, the first occurrence of each field winning."""
    by_label = {label: field for field, labels in LABELS.items() for label in labels}
    found = {}
    for line in (text or "").splitlines():
        match = LABEL_LINE.match(line)
        if not match:
            continue
        field = by_label.get(match.group("label").strip())
        if field and field not in found:
            found[field] = match.group("value")
    return found


def decision_values(record):
    """Field values of an EnforcementDecisionPage for `record`, or None when it is not a decision."""
    found = labelled_values(record.body_text)
    party = found.get("party_name", "").strip()
    if not party:
        return None
    values = {field: value[:TEXT_LIMITS[field]] for field, value in found.items() if field in TEXT_LIMITS}
    for field in ("facts", "basis", "penalty_content"):
        if field in found:
            values[field] = found[field]
    values["credit_code"] = clean_code(values.get("credit_code", ""))[:18]
    values["decision_type"] = DECISION_TYPES.get(found.get("decision_type", "").strip()) or (
        "licensing" if "许可" in record.title and "处罚" not in record.title else "penalty")
    # Without a 统一社会信用代码 the party is taken for a person, so the site masks the name:
    # the safe mistake when a legacy page doesn't say.
    values["party_type"] = PARTY_TYPES.get(found.get("party_type", "").strip()) or (
        "organisation" if values["credit_code"] else "individual")
    decided_on = parse_date(found.get("decided_on", ""))
    values["decided_on"] = decided_on or record.written_on or record.published_on
    amount = _amount(found.get("fine_amount", ""))
    if amount is not None:
        values["fine_amount"] = amount
    return values


def _amount(text):
    try:
        value = Decimal(text.replace(",", "").replace("，", "").strip())
    except InvalidOperation:
        return None
    return value if value >= 0 else None
