"""行政处罚 records in the column order of the 信用中国 upload template.

Source of the order: the 行政处罚 data standard of the 全国信用信息共享平台 (双公示
"行政处罚信息" 2021 edition, 30 fields, published by 国家公共信用信息中心 and
distributed by provincial platforms such as 信用湖南 as their Excel upload template).
The same order appears in public integration code for those platforms (fields
cf_xdr_mc, cf_xdr_lb, cf_xdr_shxym … cf_sjlydm, bz). Amounts are in 万元, dates
YYYY-MM-DD. The platform needs 证件号码 for natural persons, so this export is
for staff only (admin), never a public URL.
"""

import csv
import io
from decimal import Decimal

from home.security.spreadsheet import neutralise_row

CREDIT_CHINA_PENALTY_COLUMNS = [
    "行政相对人名称",
    "行政相对人类别",
    "行政相对人代码_1(统一社会信用代码)",
    "行政相对人代码_2(工商注册号)",
    "行政相对人代码_3(组织机构代码)",
    "行政相对人代码_4(税务登记号)",
    "行政相对人代码_5(事业单位证书号)",
    "行政相对人代码_6(社会组织登记证号)",
    "法定代表人",
    "法定代表人证件类型",
    "法定代表人证件号码",
    "证件类型",
    "证件号码",
    "行政处罚决定书文号",
    "违法行为类型",
    "违法事实",
    "处罚依据",
    "处罚类别",
    "处罚内容",
    "罚款金额（万元）",
    "没收违法所得、没收非法财物的金额（万元）",
    "暂扣或吊销证照名称及编号",
    "处罚决定日期",
    "处罚有效期",
    "公示截止期",
    "处罚机关",
    "处罚机关统一社会信用代码",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "备注",
]

FAR_FUTURE = "2099-12-31"


def _wan(amount):
    if amount is None:
        return ""
    return format((Decimal(amount) / Decimal(10000)).quantize(Decimal("0.000001")).normalize(), "f")


def credit_row(decision):
    org = decision.publisher
    individual = decision.party_type == "individual"
    values = {
        "行政相对人名称": decision.party_name,
        "行政相对人类别": decision.get_party_type_display(),
        "行政相对人代码_1(统一社会信用代码)": "" if individual else decision.credit_code,
        "法定代表人": "" if individual else decision.legal_representative,
        "证件类型": "身份证" if individual and decision.id_number else "",
        "证件号码": decision.id_number if individual else "",
        "行政处罚决定书文号": decision.doc_number,
        "违法行为类型": decision.violation_type,
        "违法事实": decision.facts,
        "处罚依据": decision.basis,
        "处罚类别": decision.penalty_category,
        "处罚内容": decision.penalty_content,
        "罚款金额（万元）": _wan(decision.fine_amount),
        "没收违法所得、没收非法财物的金额（万元）": _wan(decision.confiscated_amount),
        "暂扣或吊销证照名称及编号": decision.licence_revoked,
        "处罚决定日期": decision.decided_on.isoformat() if decision.decided_on else "",
        "处罚有效期": FAR_FUTURE,
        "公示截止期": decision.publicity_until.isoformat() if decision.publicity_until else "",
        "处罚机关": org.name if org else "",
        "处罚机关统一社会信用代码": org.code if org else "",
        "数据来源单位": org.name if org else "",
        "数据来源单位统一社会信用代码": org.code if org else "",
        "备注": "已撤销" if decision.status == "revoked" else "",
    }
    return [values.get(column, "") for column in CREDIT_CHINA_PENALTY_COLUMNS]


def credit_china_csv(decisions):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CREDIT_CHINA_PENALTY_COLUMNS)
    for decision in decisions:
        writer.writerow(neutralise_row(credit_row(decision)))
    return "\ufeff" + buffer.getvalue()
