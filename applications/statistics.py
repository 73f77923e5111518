"""Table 3 of the disclosure annual report (国办公开办函〔2021〕30号): 收到和处理政府信息公开申请情况.

A case is counted by two dates: its intake (the day of receipt, or of submission while receipt
is not yet confirmed) and its outcome (the day of the answer, or of a closure without one).
For a year Y: 一 = intake in Y; 二 = intake before Y and no outcome before Y; 三 = outcome in Y;
四 = intake by the end of Y and no outcome by then. So 一 + 二 = 三（七） + 四 by construction.
"""

import datetime
from dataclasses import dataclass

from applications import choices
from applications.models import Application

COLUMNS = [("person", "自然人"), ("commercial", "商业企业"), ("research", "科研机构"),
           ("public_welfare", "社会公益组织"), ("legal_service", "法律服务机构"), ("other", "其他"),
           ("total", "总计")]
APPLICANT_COLUMNS = [key for key, _ in COLUMNS if key != "total"]

NEW = "new"
CARRIED_IN = "carried_in"
CARRIED_OUT = "carried_out"
TOTAL = "result_total"

# (key, official label, the sub-rows it sums or None for a leaf)
RESULT_ROWS = [
    ("disclosed", "（一）予以公开", None),
    ("partly_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("not_disclosed", "（三）不予公开", [
        ("not_disclosed:state_secret", "1.属于国家秘密"),
        ("not_disclosed:prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("not_disclosed:three_safeties", "3.危及“三安全一稳定”"),
        ("not_disclosed:third_party_rights", "4.保护第三方合法权益"),
        ("not_disclosed:internal_affairs", "5.属于三类内部事务信息"),
        ("not_disclosed:process_information", "6.属于四类过程性信息"),
        ("not_disclosed:enforcement_files", "7.属于行政执法案卷"),
        ("not_disclosed:administrative_query", "8.属于行政查询事项"),
    ]),
    ("cannot_provide", "（四）无法提供", [
        ("cannot_provide:not_held", "1.本机关不掌握相关政府信息"),
        ("cannot_provide:needs_creation", "2.没有现成信息需要另行制作"),
        ("cannot_provide:still_unclear", "3.补正后申请内容仍不明确"),
    ]),
    ("not_processed", "（五）不予处理", [
        ("not_processed:petition", "1.信访举报投诉类申请"),
        ("not_processed:repeat", "2.重复申请"),
        ("not_processed:publication", "3.要求提供公开出版物"),
        ("not_processed:excessive", "4.无正当理由大量反复申请"),
        ("not_processed:confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ]),
    ("other_handling", "（六）其他处理", [
        ("other_handling:correction_overdue", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("other_handling:fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other_handling:other", "3.其他"),
    ]),
]
LABELS = {NEW: "一、本年新收政府信息公开申请数量", CARRIED_IN: "二、上年结转政府信息公开申请数量",
          TOTAL: "（七）总计", CARRIED_OUT: "四、结转下年度继续办理"}
RESULTS_HEADING = "三、本年度办理结果"


@dataclass
class Row:
    key: str
    label: str
    counts: dict

    def as_list(self):
        return [self.label] + [self.counts[key] for key, _ in COLUMNS]


def outcome_key(application):
    """The table-3 leaf row of a finished case, or None while it is open."""
    if application.decided_on:
        kind = application.answer_type
        if kind in ("already_public", "disclosed"):
            return "disclosed"
        if kind == "partly_disclosed":
            return "partly_disclosed"
        if kind in choices.REASONS_BY_ANSWER:
            return f"{kind}:{application.answer_reason}"
        return "other_handling:other"
    if application.closed_on and application.closure and application.closure != choices.CLOSURE_ANSWERED:
        return {choices.CLOSURE_CORRECTION_OVERDUE: "other_handling:correction_overdue",
                choices.CLOSURE_FEE_UNPAID: "other_handling:fee_unpaid"}.get(application.closure,
                                                                              "other_handling:other")
    return None


def _empty():
    return {key: 0 for key, _ in COLUMNS}


def table3(year, agency=None):
    """The rows of table 3 for `year` and one department (or all), in the official order."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    applications = Application.objects.all()
    if agency is not None:
        applications = applications.filter(agency=agency)
    counts = {}

    def add(key, column):
        bucket = counts.setdefault(key, _empty())
        bucket[column] += 1
        bucket["total"] += 1

    for application in applications:
        intake = application.intake_on
        if intake > end:
            continue
        outcome = application.outcome_on
        if outcome is not None and outcome < start:
            continue
        column = application.applicant_category
        add(NEW if intake >= start else CARRIED_IN, column)
        if outcome is not None and outcome <= end:
            add(outcome_key(application), column)
        else:
            add(CARRIED_OUT, column)

    rows = [Row(NEW, LABELS[NEW], counts.get(NEW, _empty())),
            Row(CARRIED_IN, LABELS[CARRIED_IN], counts.get(CARRIED_IN, _empty()))]
    total = _empty()
    for key, label, children in RESULT_ROWS:
        if children is None:
            row = Row(key, label, counts.get(key, _empty()))
            rows.append(row)
        else:
            child_rows = [Row(child_key, child_label, counts.get(child_key, _empty()))
                          for child_key, child_label in children]
            row = Row(key, label, {c: sum(r.counts[c] for r in child_rows) for c, _ in COLUMNS})
            rows.append(row)
            rows.extend(child_rows)
        for column, _ in COLUMNS:
            total[column] += row.counts[column]
    rows.append(Row(TOTAL, LABELS[TOTAL], total))
    rows.append(Row(CARRIED_OUT, LABELS[CARRIED_OUT], counts.get(CARRIED_OUT, _empty())))
    return rows


def table3_lists(year, agency=None):
    """Table 3 as `[[label, n, …, total], …]`, the shape of `annual_report --json`."""
    return [row.as_list() for row in table3(year, agency)]


@dataclass
class FeeTotals:
    notices: int  # fee notices sent in the year
    paid: int  # of them, paid (in any year up to the end of this one)
    amount_paid: int  # 元 collected in the year


def information_fees(year, agency=None):
    """信息处理费 under 国办函〔2020〕109号 for `year`: notices sent, and what was paid in the year.

    The annual report names this in its part 六 (依据《政府信息公开信息处理费管理办法》收取信息处理费的
    情况); it is not the 行政事业性收费 of table 2. A fee counts in the year it was paid."""
    from applications.models import CaseEvent

    events = CaseEvent.objects.filter(kind__in=[CaseEvent.FEE_NOTIFIED, CaseEvent.FEE_PAID])
    if agency is not None:
        events = events.filter(application__agency=agency)
    notices = {e.application_id: e for e in events if e.kind == CaseEvent.FEE_NOTIFIED}
    payments = {e.application_id: e for e in events if e.kind == CaseEvent.FEE_PAID}
    sent = [n for n in notices.values() if n.on.year == year]
    paid_in_year = [notices[pk] for pk, p in payments.items() if p.on.year == year and pk in notices]
    return FeeTotals(notices=len(sent), paid=sum(1 for n in sent if n.application_id in payments),
                     amount_paid=sum(n.fee_amount or 0 for n in paid_in_year))
