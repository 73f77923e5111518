"""The import record (docs/architecture.md, "Stable interfaces") and its validation, shared by every input format.

JSON/JSONL records are checked here; the HTML and text readers build an `ImportRecord`
directly. Every problem is an `ImportRecordError` with a Chinese reason for the summary.

Record keys → page fields (the one place this mapping is written down):

=============  ==============================================================
title          Page.title
body           body StreamField (see importers.body)
kind           page type and column (the kind registry, disclosure.kinds)
url            original_url (identity for re-import)
source         source_id (corpus id; identity when there is no url)
site           source_name (来源)
publisher      publisher → Organisation snippet (get_or_create by name)
date           published_on, first/last_published_at (and written_on /
               updated_at unless given separately)
doc_number     doc_number, normalised to 〔〕
index_number   index_number (kept if still free)
subject        subject → SubjectCategory (get_or_create by name)
validity       validity (有效/失效/废止/已修改 or valid/expired/…)
breadcrumb     only used to guess the kind of HTML/text pages; exported as
               the page's actual position
header         RegulationPage.header
category       RegulationPage.category
written_on, updated_at, author, keywords, summary: optional extras, exported when set
=============  ==============================================================
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from disclosure.doc_numbers import normalise_doc_number
from disclosure.kinds import KIND_CODES

DEFAULT_MAX_BODY_CHARS = 1_000_000
TITLE_MAX = 255

VALIDITY_WORDS = {
    "valid": "valid", "expired": "expired", "repealed": "repealed", "amended": "amended",
    "有效": "valid", "现行有效": "valid", "失效": "expired", "已失效": "expired",
    "废止": "repealed", "已废止": "repealed", "已修改": "amended", "修改": "amended",
    "已修正": "amended", "已被修改": "amended",
}

FIELD_LIMITS = {"url": 500, "source": 300, "site": 100, "author": 100, "doc_number": 100,
                "index_number": 60, "keywords": 200, "publisher": 100, "subject": 50}


class ImportRecordError(Exception):
    """A record that can't be imported; `reason` is shown to the user."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass
class ImportRecord:
    title: str
    kind: str
    body_text: str | None = None
    blocks: list | None = None          # prebuilt stream data (HTML/text pages)
    url: str = ""
    source: str = ""
    site: str = ""
    author: str = ""
    publisher: str = ""
    published_at: datetime | None = None
    written_on: date | None = None
    updated_at: datetime | None = None
    doc_number: str = ""
    index_number: str = ""
    subject: str = ""
    genre: str = ""
    validity: str = ""
    breadcrumb: list = field(default_factory=list)
    header: str = ""
    category: str = ""
    keywords: str = ""
    summary: str = ""
    punctuation: bool = False           # repair half-width punctuation (scraped prose)
    local_files: dict = field(default_factory=dict)  # attachment link (as in blocks) → saved file
    refused_files: list = field(default_factory=list)  # (link, reason): saved files not made documents

    @property
    def published_on(self):
        return timezone.localtime(self.published_at).date() if self.published_at else None


def parse_when(value, what):
    """'2024-03-28', '2024-03-28 09:18[:00]', '2024年3月28日', ISO datetimes → aware datetime."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time()))
    if not isinstance(value, str):
        raise ImportRecordError(f"{what}不是日期：{value!r}")
    from disclosure.importers.seed_text import parse_date, parse_datetime

    text = value.strip()
    parsed = parse_datetime(text)
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            day = parse_date(text)
            parsed = datetime.combine(day, time()) if day else None
    if parsed is None:
        raise ImportRecordError(f"{what}无法识别：{value!r}（应为 YYYY-MM-DD）")
    if not timezone.is_aware(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def normalise_validity(value):
    if not value:
        return ""
    return VALIDITY_WORDS.get(str(value).strip(), "")


def _text(data, key, what):
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ImportRecordError(f"字段 {key}（{what}）应为文本")
    value = value.strip()
    limit = FIELD_LIMITS.get(key)
    if limit and len(value) > limit:
        raise ImportRecordError(f"字段 {key}（{what}）过长：{len(value)} 字，上限 {limit} 字")
    return value


def _breadcrumb(value):
    if not value:
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"\s*(?:>>|>|/|»|›)\s*", value) if part.strip()]
    if isinstance(value, list):
        return [str(part).strip() for part in value if str(part).strip()]
    raise ImportRecordError("字段 breadcrumb 应为文本或列表")


def has_binary_garbage(text):
    """Control characters (other than tab/newline) or U+FFFD mean a damaged or binary input."""
    if "\ufffd" in text:
        return True
    return bool(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text))


def check_body(body, max_body_chars):
    if len(body) > max_body_chars:
        raise ImportRecordError(f"正文过长：{len(body)} 字，超过上限 {max_body_chars} 字（可用 --max-body-chars 调整）")
    if has_binary_garbage(body):
        raise ImportRecordError("正文含有控制字符或乱码（可能是二进制内容或编码错误）")


def record_from_dict(data, *, max_body_chars=DEFAULT_MAX_BODY_CHARS, kind=None):
    """Validate one JSON record and turn it into an ImportRecord."""
    if not isinstance(data, dict):
        raise ImportRecordError(f"记录应为 JSON 对象，实际为 {type(data).__name__}")
    missing = [key for key in ("title", "body", "kind")
               if data.get(key) is None or (key != "body" and data.get(key) == "")]
    if kind:  # --kind stands in for a missing kind
        missing = [key for key in missing if key != "kind"]
    if missing:
        raise ImportRecordError("缺少必填字段：" + "、".join(missing))
    title = _text(data, "title", "标题")
    if not title:
        raise ImportRecordError("缺少必填字段：title")
    if len(title) > TITLE_MAX:
        raise ImportRecordError(f"标题过长：{len(title)} 字，上限 {TITLE_MAX} 字")
    if has_binary_garbage(title):
        raise ImportRecordError("标题含有控制字符或乱码")
    record_kind = data.get("kind") or kind
    if record_kind not in KIND_CODES:
        raise ImportRecordError(f"未知的信息类别 kind={record_kind!r}，应为：" + "、".join(KIND_CODES))
    body = data["body"]
    if not isinstance(body, str):
        raise ImportRecordError("字段 body（正文）应为文本")
    check_body(body, max_body_chars)
    published_at = parse_when(data.get("date"), "日期 date")
    written = parse_when(data.get("written_on"), "成文日期 written_on")
    updated = parse_when(data.get("updated_at"), "更新时间 updated_at")
    validity = data.get("validity")
    if validity and not normalise_validity(validity):
        raise ImportRecordError(f"有效性 validity={validity!r} 无法识别，应为 有效/失效/废止/已修改")
    return ImportRecord(
        title=title,
        kind=record_kind,
        body_text=body,
        url=_text(data, "url", "原始地址"),
        source=_text(data, "source", "来源编号"),
        site=_text(data, "site", "来源"),
        author=_text(data, "author", "作者"),
        publisher=_text(data, "publisher", "发布机构"),
        published_at=published_at,
        written_on=timezone.localtime(written).date() if written else None,
        updated_at=updated,
        doc_number=normalise_doc_number(_text(data, "doc_number", "文号")),
        index_number=_text(data, "index_number", "索引号"),
        subject=_text(data, "subject", "主题分类"),
        validity=normalise_validity(validity),
        breadcrumb=_breadcrumb(data.get("breadcrumb")),
        header=_text(data, "header", "公布信息"),
        category=_text(data, "category", "法规类别"),
        keywords=_text(data, "keywords", "关键词"),
        summary=_text(data, "summary", "内容概述"),
    )
