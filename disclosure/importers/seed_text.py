"""Parse a plain-text government page (the seed's shape) into page fields and StreamField data.

The shape, as saved from a portal page::

    您当前所在的位置: 首页 > 政务公开 > 政府信息公开 > 依法行政
    <title>
    • 来源:市城管局
    • 更新时间: 2025-04-09 14:54
    <body: paragraphs and 一、 / (一) / 1. headings>
    <落款单位>
    <date>
    扫一扫在手机打开当前页 … 主管:… ICP备… (portal footer, dropped)

`parse_seed_text` reads a whole page; `body_to_blocks` only a body, for importers whose records
carry the metadata separately. Both return DocumentBodyBlock raw stream data (a list of
``{"type": ..., "value": ...}`` dicts) that can be assigned to a page's ``body`` directly.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape, unescape
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")

CN_NUM = "一二三四五六七八九十百零〇两"
H2_RE = re.compile(rf"^[{CN_NUM}]+、\s*\S")
H3_RE = re.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[)）]\s*(\S.*)$")
NUMBERED_RE = re.compile(r"^(\d{1,2})\s*[.．、]\s*(\S.*)$")
# "一是行政许可方面:" — an enumerated lead-in inside a paragraph; it is bolded, not a heading.
ENUM_LEAD_RE = re.compile(rf"^([{CN_NUM}]+是[^，,。；;：:]{{1,16}}[：:])\s*(.*)$")
SENTENCE_PUNCT = "。；;！!？?"
HEADING_MAX = 40
LEAD_IN_MAX = 20
# A lead-in only becomes a heading when a real paragraph follows it ("2. 其他：无。" stays whole).
LEAD_BODY_MIN = 20
CLOSING_HEADING = "结语"

DATE_RE = re.compile(r"^(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?$")
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
CN_DATE_RE = re.compile(r"^([〇○Ｏ零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
ORG_MAX = 40

META_KEYS = {
    "来源": "source", "作者": "author", "更新时间": "updated_at", "发布时间": "published_at",
    "发布日期": "published_at", "成文日期": "written_on", "发布机构": "publisher",
    "文号": "doc_number", "索引号": "index_number", "主题分类": "subject",
}
META_RE = re.compile(
    r"(%s)\s*[:：]\s*(.*?)(?=\s+(?:%s)\s*[:：]|$)" % ("|".join(META_KEYS), "|".join(META_KEYS))
)
BULLETS = "•·●◆■□▪*-－ \t\u3000"
FOOTER_RE = re.compile(
    r"^(扫一扫|主管[:：]|主办[:：]|承办[:：]|网站地图$|网站标识码|联系我们|版权所有|Copyright|[|｜]$)"
    r"|ICP备|公网安备",
    re.IGNORECASE,
)


@dataclass
class ParsedTextPage:
    title: str
    breadcrumb: list = field(default_factory=list)
    source: str = ""
    author: str = ""
    updated_at: datetime | None = None
    metadata: dict = field(default_factory=dict)
    blocks: list = field(default_factory=list)

    @property
    def signature(self):
        """The 落款 value ({"organisation", "signed_on", "date_text"}) or None."""
        for block in reversed(self.blocks):
            if block["type"] == "signature":
                return block["value"]
        return None

    @property
    def written_on(self):
        value = self.metadata.get("written_on")
        if value:
            return parse_date(value)
        signature = self.signature
        return date.fromisoformat(signature["signed_on"]) if signature and signature["signed_on"] else None

    @property
    def paragraphs(self):
        """The body as plain text, one heading or paragraph per item (hidden headings left out)."""
        lines = []
        for block in self.blocks:
            value = block["value"]
            if block["type"] == "heading" and not value.get("visually_hidden"):
                lines.append(value["text"])
            elif block["type"] == "paragraph":
                lines.append(unescape(re.sub(r"<[^>]+>", "", value)))
            elif block["type"] == "signature":
                lines.extend(filter(None, [value["organisation"], value["date_text"]]))
        return lines


def is_cjk(char):
    return bool(char) and (
        "\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"
        or char in "“”‘’《》〈〉…—"
    )


def normalise_punctuation(text):
    """Half-width , : ; ? ! ( ) next to Chinese text become their full-width forms.

    Scraped pages often lose the full-width punctuation of the original document; numbers,
    times (14:54) and Latin text keep theirs.
    """
    out = []
    n = len(text)
    for i, char in enumerate(text):
        prev_char = text[i - 1] if i else ""
        j = i + 1
        while j < n and text[j] == " ":
            j += 1
        next_char = text[j] if j < n else ""
        near_cjk = is_cjk(prev_char) or is_cjk(next_char)
        if char in ",;?!" and near_cjk:
            char = {",": "，", ";": "；", "?": "？", "!": "！"}[char]
        elif char == ":" and (is_cjk(prev_char) or (is_cjk(next_char) and not prev_char.isdigit())):
            char = "："
        elif char == "(" and (is_cjk(next_char) or (is_cjk(prev_char) and next_char != "")):
            char = "（"
        elif char == ")" and (is_cjk(prev_char) or is_cjk(next_char)):
            char = "）"
        elif char == " " and out and out[-1] in "，；？！：（）":
            continue
        out.append(char)
    return "".join(out)


def clean_line(line):
    return line.replace("\u00a0", " ").strip(" \t\u3000\r\n")


def parse_date(text):
    text = clean_line(text)
    match = DATE_RE.match(text)
    if match:
        return date(*map(int, match.groups()))
    match = CN_DATE_RE.match(text)
    if match:
        year = int("".join(str(CN_DIGITS[c]) for c in match.group(1)))
        return date(year, cn_small_number(match.group(2)), cn_small_number(match.group(3)))
    return None


def cn_small_number(text):
    digits = "一二三四五六七八九"
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.index(text[1]) + 1
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.index(tens) + 1) * 10 + (digits.index(ones) + 1 if ones else 0)
    return digits.index(text) + 1


def parse_datetime(text):
    """'2025-04-09 14:54' (seconds optional, or 2025年04月09日) as an aware Asia/Shanghai time."""
    match = re.match(
        r"^(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?\s*(?:(\d{1,2}):(\d{2})(?::(\d{2}))?)?$",
        clean_line(text),
    )
    if not match:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    return datetime(*parts, tzinfo=SHANGHAI)


def heading(level, text, hidden=False):
    value = {"level": str(level), "text": text}
    if hidden:
        value["visually_hidden"] = True
    return {"type": "heading", "value": value}


def paragraph(text, lead_in=""):
    html = escape(text, quote=False)
    if lead_in:
        html = f"<b>{escape(lead_in, quote=False)}</b>{html}"
    return {"type": "paragraph", "value": f"<p>{html}</p>"}


def is_heading_text(text):
    return len(text) <= HEADING_MAX and not any(p in text for p in SENTENCE_PUNCT)


def numbered_blocks(number, rest):
    """'1. 充实领导机构:认真履行…' → an h4 '1. 充实领导机构' and the paragraph after the colon.

    A numbered line without such a short lead-in is a numbered paragraph, kept whole.
    """
    stripped = rest.rstrip("：:").strip()
    ends_with_colon = stripped != rest.strip()
    if len(stripped) <= LEAD_IN_MAX and is_heading_text(stripped) and not re.search(r"[：:，,]", stripped):
        if ends_with_colon or not re.search(r"[：:]", rest):
            return [heading(4, f"{number}. {stripped}")]
    lead, sep, body = re.split(r"([：:])", rest, maxsplit=1) if re.search(r"[：:]", rest) else (rest, "", "")
    if sep and len(body.strip()) >= LEAD_BODY_MIN and 0 < len(lead) <= LEAD_IN_MAX and not re.search(r"[，,。；;、《]", lead):
        return [heading(4, f"{number}. {lead.strip()}"), dict(paragraph(body.strip()), lead_body=True)]
    return [dict(paragraph(f"{number}. {rest}"), numbered=True)]


def line_blocks(line):
    if H2_RE.match(line) and is_heading_text(line):
        return [heading(2, line)]
    match = H3_RE.match(line)
    if match and is_heading_text(line):
        number = re.match(rf"^[（(]\s*([{CN_NUM}]+)", line).group(1)
        return [heading(3, f"（{number}）{match.group(1).strip()}")]
    match = NUMBERED_RE.match(line)
    if match:
        return numbered_blocks(*match.groups())
    match = ENUM_LEAD_RE.match(line)
    if match and match.group(2):
        return [paragraph(match.group(2), lead_in=match.group(1))]
    return [paragraph(line)]


def split_signature(lines):
    """Take the 落款 (unit line, date line) off the end of the body lines, if present."""
    if len(lines) < 2:
        return lines, None
    signed_on = parse_date(lines[-1])
    organisation = lines[-2]
    if signed_on is None or len(organisation) > ORG_MAX or re.search(r"[，。；：,.;:、]", organisation):
        return lines, None
    date_text = lines[-1] if CN_DATE_RE.match(lines[-1]) else ""
    value = {"organisation": organisation, "signed_on": signed_on.isoformat(), "date_text": date_text}
    return lines[:-2], {"type": "signature", "value": value}


def mark_closing(blocks):
    """Give the report's closing part (unnumbered paragraphs after the last numbered item of the
    last section) a visually hidden level-2 heading, so it is a section of its own."""
    if sum(1 for b in blocks if b["type"] == "heading" and b["value"]["level"] == "2") < 2:
        return blocks
    end = len(blocks)
    if end and blocks[-1]["type"] == "signature":
        end -= 1
    start = end
    while start > 0 and blocks[start - 1]["type"] == "paragraph" and not blocks[start - 1].get("numbered") \
            and not blocks[start - 1].get("lead_body") and "<b>" not in blocks[start - 1]["value"]:
        start -= 1
    if start == end or start == 0:
        return blocks
    previous = blocks[start - 1]
    if previous.get("numbered") or previous.get("lead_body"):
        return blocks[:start] + [heading(2, CLOSING_HEADING, hidden=True)] + blocks[start:]
    return blocks


def body_to_blocks(text_or_lines, *, punctuation=True):
    """Body text (one paragraph per line) → DocumentBodyBlock raw stream data."""
    lines = text_or_lines.splitlines() if isinstance(text_or_lines, str) else list(text_or_lines)
    lines = [clean_line(line) for line in lines]
    lines = [normalise_punctuation(line) if punctuation else line for line in lines if line]
    lines, signature = split_signature(lines)
    blocks = [block for line in lines for block in line_blocks(line)]
    if signature:
        blocks.append(signature)
    blocks = mark_closing(blocks)
    # The markers only steer mark_closing; stream data carries type and value alone.
    return [{"type": b["type"], "value": b["value"]} for b in blocks]


def strip_footer(lines):
    for index, line in enumerate(lines):
        if FOOTER_RE.search(clean_line(line)):
            return lines[:index]
    return lines


def parse_seed_text(text, *, punctuation=True):
    """Parse a whole saved page (breadcrumb, title, metadata lines, body, 落款, footer)."""
    lines = [clean_line(line) for line in text.lstrip("\ufeff").splitlines()]
    position = 0

    def next_nonempty():
        nonlocal position
        while position < len(lines) and not lines[position]:
            position += 1
        return lines[position] if position < len(lines) else ""

    breadcrumb = []
    first = next_nonempty()
    if ">" in first and re.match(r"^(您)?(当前)?(所在的?)?位置", first):
        trail = re.split(r"[:：]", first, maxsplit=1)[-1]
        breadcrumb = [part.strip() for part in re.split(r"[>›»]", trail) if part.strip()]
        position += 1
    title = next_nonempty()
    position += 1
    metadata = {}
    while position < len(lines):
        line = next_nonempty().strip(BULLETS)
        found = META_RE.findall(line)
        if not found or not line.startswith(found[0][0]):
            break
        for key, value in found:
            metadata.setdefault(META_KEYS[key], value.strip())
        position += 1
    body = strip_footer(lines[position:])
    return ParsedTextPage(
        title=normalise_punctuation(title) if punctuation else title,
        breadcrumb=breadcrumb,
        source=metadata.get("source", ""),
        author=metadata.get("author", ""),
        updated_at=parse_datetime(metadata["updated_at"]) if metadata.get("updated_at") else None,
        metadata=metadata,
        blocks=body_to_blocks(body, punctuation=punctuation),
    )
