"""Personal data that must never be published: 居民身份证号, mobile numbers and private names.

One home for the patterns and the masking, used by the content model (an enforcement decision
masks its party, base pages refuse a 身份证号 in their metadata), the pre-publish content checks
(`review.checks`) and 依申请公开 (`applications`). Two uses, two strictnesses:

- *finding* (`find_id_numbers`, `find_mobile_numbers`) blocks publication, so an 18-digit number
  counts only when its checksum, province and birth date fit (a 文号 or an order number must not
  stop an editor);
- *scrubbing* (`scrub_personal_numbers`) hides what citizens would see, so anything shaped like
  an ID (18 digits, or the legacy 15) or a mobile number is masked, valid or not.

Both mask the same way: an ID keeps its region (first 6) and its last 4, a mobile number its
first 3 and last 4.
"""

import datetime
import re

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
# First two digits of GB/T 2260 province-level codes (plus 港澳台 83, 81, 82, 71).
PROVINCE_CODES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82", "83",
}

ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx])(?![0-9A-Za-z])")
MOBILE_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])(1[3-9]\d{9})(?![0-9A-Za-z])")
# What scrubbing hides: 18-digit and legacy 15-digit IDs, and mobile numbers even when glued to
# letters (pasted text loses its spaces).
ID_SHAPE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")
MOBILE_SHAPE = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")


def id_checksum_char(first17):
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS))
    return ID_CHECK_CHARS[total % 11]


def is_valid_id_number(value, today=None):
    """ISO 7064 MOD 11-2 checksum, a known province code and a plausible birth date."""
    value = value.upper()
    if not re.fullmatch(r"\d{17}[0-9X]", value):
        return False
    if value[:2] not in PROVINCE_CODES:
        return False
    try:
        born = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    today = today or datetime.date.today()
    if born.year < 1900 or born > today:
        return False
    return id_checksum_char(value[:17]) == value[17]


def find_id_numbers(text):
    return [m for m in ID_CANDIDATE.finditer(text) if is_valid_id_number(m.group(1))]


def find_mobile_numbers(text):
    return list(MOBILE_CANDIDATE.finditer(text))


def mask_id_number(value):
    """110101199003071234 → 110101********1234; a 15-digit ID keeps its last 3."""
    if len(value) == 15:
        return value[:6] + "*" * 6 + value[12:]
    return value[:6] + "*" * 8 + value[14:]


def mask_mobile(value):
    return value[:3] + "****" + value[7:]


def scrub_personal_numbers(text):
    """Hide 身份证号 and 手机号 that editors pasted into free text."""
    text = ID_SHAPE.sub(lambda m: mask_id_number(m.group(1)), text or "")
    return MOBILE_SHAPE.sub(lambda m: mask_mobile(m.group(1)), text)


def mask_name(name):
    """张三 → 张*, 王小明 → 王*明, 欧阳娜娜 → 欧**娜: keep the first and (for 3+) the last character."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
