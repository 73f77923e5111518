"""Check digits of the codes editors type: 统一社会信用代码 (GB 32100-2015), 组织机构代码
(GB 11714-1997) and 居民身份证号 (GB 11643-1999). Each `*_problem` returns a Chinese
explanation for the editor, or None when the value is well formed."""

import re
import unicodedata

from disclosure.personal_data import is_valid_id_number

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# 登记管理部门码 + 机构类别码 (GB 32100-2015 table 1).
CREDIT_CODE_PREFIXES = {
    "11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39", "41", "49", "51", "52", "53", "59",
    "61", "62", "69", "71", "72", "79", "81", "89", "91", "92", "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1",
}
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
CREDIT_CODE_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
_ORG_CODE_SHAPE = re.compile(r"[0-9A-Z]{8}-?[0-9X]")
_ID_SHAPE = re.compile(r"\d{17}[0-9X]")


def clean_code(value):
    """Full-width to half-width, no spaces, upper case: how the codes are stored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or "")).upper()


def credit_code_check_char(first17):
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def org_code_check_char(first8):
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, ORG_CODE_WEIGHTS))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def looks_like_id_number(value):
    """True for a valid 居民身份证号 (the checksum, a province and a birth date all fit)."""
    return bool(_ID_SHAPE.fullmatch(value)) and is_valid_id_number(value)


def credit_code_problem(value):
    code = clean_code(value)
    if not code:
        return None
    if looks_like_id_number(code):
        return "这是居民身份证号，不是统一社会信用代码；自然人请把行政相对人类别选为“自然人”，证件号码填在“证件号码”中。"
    if len(code) != 18:
        return f"统一社会信用代码应为18位，现为{len(code)}位。"
    if not CREDIT_CODE_SHAPE.fullmatch(code):
        return "统一社会信用代码应为18位（数字或大写字母，不含I、O、Z、S、V）。"
    if code[:2] not in CREDIT_CODE_PREFIXES:
        return f"统一社会信用代码的前两位“{code[:2]}”不是有效的登记管理部门和机构类别代码。"
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位不正确（第18位应为“{expected}”），请核对是否输错。"
    return None


def org_code_problem(value):
    """For a 发布机构's code: a 统一社会信用代码, or a 9-character 组织机构代码."""
    code = clean_code(value)
    if not code or len(code) >= 18:
        return credit_code_problem(code)
    if not _ORG_CODE_SHAPE.fullmatch(code):
        return "机构代码应为18位统一社会信用代码，或9位组织机构代码（如 12345678-9）。"
    digits = code.replace("-", "")
    expected = org_code_check_char(digits[:8])
    if digits[8] != expected:
        return f"组织机构代码校验位不正确（第9位应为“{expected}”），请核对是否输错。"
    return None


def id_number_problem(value):
    """An 18-character value shaped like a 身份证号 must be a valid one; other 证件 pass."""
    code = clean_code(value)
    if not code:
        return None
    if _ID_SHAPE.fullmatch(code) and not looks_like_id_number(code):
        return "身份证号不正确（校验位、出生日期或地区码不符），请核对；其他证件请注明证件类型，如“护照E12345678”。"
    if re.fullmatch(r"\d{16,17}|\d{19,20}", code):
        return f"身份证号应为18位，现为{len(code)}位。"
    return None
