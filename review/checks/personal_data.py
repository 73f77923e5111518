"""Personal data that must never be published: mainland ID numbers and mobile numbers."""

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
    return value[:6] + "*" * 8 + value[14:]


def mask_mobile(value):
    return value[:3] + "****" + value[7:]
