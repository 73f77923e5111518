"""Fixed vocabularies of 依申请公开: the form's values (docs/applications.md lists them), the
answer types of 《条例》第三十六至三十九条 and the rows of table 3 of 国办公开办函〔2021〕30号."""

APPLICANT_TYPES = [("person", "自然人"), ("organisation", "法人或其他组织")]
ORGANISATION_KINDS = [
    ("commercial", "商业企业"), ("research", "科研机构"), ("public_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"), ("other", "其他"),
]
ID_TYPES = [("resident_id", "居民身份证"), ("passport", "护照"), ("other", "其他证件")]
FORMATS = [("paper", "纸质"), ("electronic", "电子")]
DELIVERIES = [("post", "邮寄"), ("email", "电子邮件"), ("pickup", "当面领取"), ("online", "在线查看")]

# 《条例》第三十一条: how the day of receipt is fixed for each channel.
CHANNELS = [
    ("online", "互联网"), ("fax", "传真"), ("in_person", "当面提交"),
    ("registered_post", "邮寄（挂号信、EMS等需签收）"), ("ordinary_post", "邮寄（平常信函）"),
]
RECEIPT_RULES = {
    "online": "以双方确认之日为收到申请之日（本机关确认收到之日）",
    "fax": "以双方确认之日为收到申请之日（本机关确认收到之日）",
    "in_person": "以提交之日为收到申请之日",
    "registered_post": "以本机关签收之日为收到申请之日",
    "ordinary_post": "以本机关与申请人确认之日为收到申请之日",
}

STATUS_SUBMITTED = "submitted"
STATUS_PROCESSING = "processing"
STATUS_AWAITING_CORRECTION = "awaiting_correction"
STATUS_CONSULTING = "consulting"
STATUS_AWAITING_FEE = "awaiting_fee"
STATUS_DECIDED = "decided"
STATUS_SERVED = "served"
STATUS_CLOSED = "closed"
STATUSES = [
    (STATUS_SUBMITTED, "待确认收到"), (STATUS_PROCESSING, "办理中"), (STATUS_AWAITING_CORRECTION, "待补正"),
    (STATUS_CONSULTING, "征求意见中"), (STATUS_AWAITING_FEE, "待缴费"), (STATUS_DECIDED, "已答复待送达"),
    (STATUS_SERVED, "已送达"), (STATUS_CLOSED, "已办结"),
]
OPEN_STATUSES = [STATUS_SUBMITTED, STATUS_PROCESSING, STATUS_AWAITING_CORRECTION, STATUS_CONSULTING,
                 STATUS_AWAITING_FEE]

ANSWER_TYPES = [
    ("already_public", "已主动公开（告知获取方式和途径）"),
    ("disclosed", "予以公开"),
    ("partly_disclosed", "部分公开"),
    ("not_disclosed", "不予公开"),
    ("cannot_provide", "无法提供"),
    ("not_processed", "不予处理"),
    ("other", "其他处理"),
]
NOT_DISCLOSED_REASONS = [
    ("state_secret", "属于国家秘密"),
    ("prohibited_by_law", "其他法律行政法规禁止公开"),
    ("three_safeties", "危及“三安全一稳定”"),
    ("third_party_rights", "保护第三方合法权益"),
    ("internal_affairs", "属于三类内部事务信息"),
    ("process_information", "属于四类过程性信息"),
    ("enforcement_files", "属于行政执法案卷"),
    ("administrative_query", "属于行政查询事项"),
]
CANNOT_PROVIDE_REASONS = [
    ("not_held", "本机关不掌握相关政府信息"),
    ("needs_creation", "没有现成信息需要另行制作"),
    ("still_unclear", "补正后申请内容仍不明确"),
]
NOT_PROCESSED_REASONS = [
    ("petition", "信访举报投诉类申请"),
    ("repeat", "重复申请"),
    ("publication", "要求提供公开出版物"),
    ("excessive", "无正当理由大量反复申请"),
    ("confirmation", "要求行政机关确认或重新出具已获取信息"),
]
REASONS_BY_ANSWER = {
    "not_disclosed": NOT_DISCLOSED_REASONS,
    "cannot_provide": CANNOT_PROVIDE_REASONS,
    "not_processed": NOT_PROCESSED_REASONS,
}
ALL_REASONS = NOT_DISCLOSED_REASONS + CANNOT_PROVIDE_REASONS + NOT_PROCESSED_REASONS

# Closures without a decision (report row (六)).
CLOSURE_CORRECTION_OVERDUE = "correction_overdue"
CLOSURE_FEE_UNPAID = "fee_unpaid"
CLOSURE_WITHDRAWN = "withdrawn"
CLOSURE_ANSWERED = "answered"
CLOSURES = [
    (CLOSURE_ANSWERED, "答复已送达，办结"),
    (CLOSURE_CORRECTION_OVERDUE, "申请人无正当理由逾期不补正，不再处理"),
    (CLOSURE_FEE_UNPAID, "申请人逾期未按收费通知缴纳费用，不再处理"),
    (CLOSURE_WITHDRAWN, "申请人撤回申请"),
]

# 国办函〔2020〕109号 第三条: one of the two, chosen by the office for each application.
FEE_PER_APPLICATION = "per_application"
FEE_PER_VOLUME = "per_volume"
FEE_METHODS = [(FEE_PER_APPLICATION, "按件计收"), (FEE_PER_VOLUME, "按量计收")]

SERVICE_METHODS = [("in_person", "当面送达"), ("post", "邮寄送达"), ("electronic", "电子送达")]
CONSULTATION_PARTIES = [("third_party", "征求第三方意见（第三十二条）"), ("agency", "征求其他机关意见（第三十四条）")]


def label(choices, value):
    return dict(choices).get(value, value or "")
