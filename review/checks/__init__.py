"""Pre-publish content checks (run on submission and on every approval).

`run_checks(page)` returns findings, each naming the field and the offending text.
BLOCKING findings stop submission and approval; WARNINGS are shown but don't block.
"""

from dataclasses import dataclass

from django.apps import apps

from disclosure import kinds
from disclosure.doc_numbers import year_without_standard_brackets
from disclosure.personal_data import find_id_numbers, find_mobile_numbers, mask_id_number, mask_mobile

from .links import internal_link_findings
from .text import normalise, page_texts

BLOCKING = "blocking"
WARNING = "warning"



@dataclass(frozen=True)
class Finding:
    level: str
    field: str
    text: str
    message: str

    @property
    def blocking(self):
        return self.level == BLOCKING

    def __str__(self):
        return f"【{self.field}】{self.message}"


def excerpt(text, start, end, width=12):
    before = text[max(0, start - width):start].replace("\n", " ")
    after = text[end:end + width].replace("\n", " ")
    return before, after


def personal_data_findings(texts):
    findings = []
    for field, text in texts:
        for match in find_id_numbers(text):
            masked = mask_id_number(match.group(1))
            before, after = excerpt(text, match.start(), match.end())
            findings.append(Finding(BLOCKING, field, masked,
                                    f"含有身份证号 {masked}（“…{before}{masked}{after}…”），公开前须删除或隐去"))
        for match in find_mobile_numbers(text):
            masked = mask_mobile(match.group(1))
            before, after = excerpt(text, match.start(), match.end())
            findings.append(Finding(BLOCKING, field, masked,
                                    f"含有手机号码 {masked}（“…{before}{masked}{after}…”），公开前须删除或隐去"))
    return findings


def sensitive_word_findings(texts):
    # Looked up through the app registry: review.models imports these checks (the approval
    # task runs them), so importing the model here would tie the two modules in a circle.
    sensitive_words = apps.get_model("review", "SensitiveWord")
    words = [(w, normalise(w).lower()) for w in sensitive_words.objects.filter(active=True).values_list("word", flat=True)]
    findings = []
    for field, text in texts:
        lowered = text.lower()
        for word, needle in words:
            if needle and needle in lowered:
                findings.append(Finding(BLOCKING, field, word, f"含有敏感词“{word}”"))
    return findings


def metadata_findings(page):
    findings = []
    if year_without_standard_brackets(getattr(page, "doc_number", "")):
        findings.append(Finding(WARNING, "文号", page.doc_number,
                                f"文号“{page.doc_number}”不符合“机关代字〔年份〕序号”格式，年份应使用六角括号〔〕，如 武政发〔2024〕3号"))
    written_on = getattr(page, "written_on", None)
    published_on = getattr(page, "published_on", None)
    if written_on and published_on and published_on < written_on:
        findings.append(Finding(WARNING, "发布日期", published_on.isoformat(),
                                f"发布日期 {published_on:%Y-%m-%d} 早于成文日期 {written_on:%Y-%m-%d}"))
    findings += proactive_deadline_findings(page, written_on, published_on)
    return findings


# 《政府信息公开条例》第二十六条: proactively disclosed information is published within 20
# working days of its creation. Which kinds the rule covers is the kind registry's
# `proactive_deadline` (disclosure/kinds.py).
PROACTIVE_DEADLINE_WORKDAYS = 20


def proactive_deadline_findings(page, written_on, published_on):
    from django.utils import timezone

    from disclosure.workdays import working_days_between

    kind = kinds.BY_CODE.get(getattr(page, "kind", ""))
    if not written_on or (kind is not None and not kind.proactive_deadline):
        return []
    # A page not yet published is judged by today: that is the earliest it can go live.
    published_on = published_on or timezone.localdate()
    delay = working_days_between(written_on, published_on)
    if delay <= PROACTIVE_DEADLINE_WORKDAYS:
        return []
    return [Finding(WARNING, "发布日期", published_on.isoformat(),
                    f"发布日期 {published_on:%Y-%m-%d} 距成文日期 {written_on:%Y-%m-%d} 已有{delay}个工作日，"
                    f"超过《政府信息公开条例》第二十六条规定的{PROACTIVE_DEADLINE_WORKDAYS}个工作日主动公开时限，"
                    "请在审核意见中说明原因")]


def run_checks(page, include_attachments=True):
    """All findings for `page` (an in-memory page or a revision's object), blocking first."""
    page = getattr(page, "specific", page)
    texts = page_texts(page, include_attachments=include_attachments)
    findings = personal_data_findings(texts) + sensitive_word_findings(texts)
    findings += metadata_findings(page) + internal_link_findings(page, WARNING, Finding)
    # Page types with checks of their own (e.g. the annual report's cross-checks) return findings.
    own_checks = getattr(page, "content_check_findings", None)
    if own_checks is not None:
        findings += own_checks(Finding, BLOCKING)
    return sorted(findings, key=lambda f: 0 if f.blocking else 1)


def blocking(findings):
    return [f for f in findings if f.blocking]


def summary_message(findings, action="提交审核"):
    """One Chinese sentence an editor sees when blocking findings stop `action`."""
    items = "；".join(str(f) for f in blocking(findings))
    return f"内容检查未通过，不能{action}：{items}"
