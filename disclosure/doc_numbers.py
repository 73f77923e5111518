"""文号 and 索引号 rules.

文号: GB/T 9704-2012 §7.2.4 writes the year of a document number in hexagonal
brackets 〔〕. Sources (and editors) also type [ ] 【】 ( ) （） ［］ ﹝﹞, so every
form is normalised to 〔〕 on save. This module is the one home of that rule: the
content model, the importer, the review checks and search's text normalisation
(search.analysis.text) all use it, so that every spelling matches every other.

索引号: rendered from a per-site pattern such as ``{org_code}/{year}-{seq:05d}``.
"""

import re
import string
import unicodedata

# Any bracket pair that encloses a four-digit year, in the forms seen in the wild, after NFKC
# (which has turned （）［］｛｝ into ASCII brackets and ﹝﹞ into 〔〕).
_YEAR_IN_BRACKETS = re.compile(r"[\[【(〔〖{⦅「<《〈]\s*((?:19|20)\d{2})\s*[\]】)〕〗}⦆」>》〉]")
_STANDARD_YEAR = re.compile(r"〔(?:19|20)\d{2}〕")
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")
_SPACES = re.compile(r"\s+")


def standard_year_brackets(text):
    """Put every bracketed year of NFKC-normalised text in 〔〕: 武政发[2024]3号 → 武政发〔2024〕3号."""
    return _YEAR_IN_BRACKETS.sub(r"〔\1〕", text)


def normalise_doc_number(value):
    """Return the GB/T 9704 form of a 文号: 武政发（２０２４） 3 号 → 武政发〔2024〕3号."""
    if not value:
        return ""
    # NFKC turns full-width digits and （） into ASCII before we match brackets.
    text = unicodedata.normalize("NFKC", str(value))
    return standard_year_brackets(_SPACES.sub("", text))


def year_without_standard_brackets(value):
    """True when a 文号 as typed has a year that is not written 〔2024〕 (GB/T 9704 §7.2.4)."""
    value = value or ""
    return bool(_ANY_YEAR.search(value)) and not _STANDARD_YEAR.search(value)


INDEX_PATTERN_FIELDS = {"org_code", "year", "seq", "kind"}
DEFAULT_INDEX_PATTERN = "{org_code}/{year}-{seq:05d}"


def pattern_problems(pattern):
    """Chinese explanations of what is wrong with an 索引号 pattern (empty if fine)."""
    problems = []
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        return [f"格式不正确：{exc}"]
    names = [name for _, name, _, _ in parsed if name is not None]
    unknown = sorted(set(names) - INDEX_PATTERN_FIELDS)
    if unknown:
        problems.append("不认识的占位符：" + "、".join("{%s}" % n for n in unknown)
                        + "；可用 {org_code} {year} {seq} {kind}")
    if "seq" not in names:
        problems.append("必须包含流水号占位符 {seq}，例如 {seq:05d}")
    if not problems:
        try:
            render_index_number(pattern, org_code="000000000000000000", year=2025, seq=1, kind="other")
        except (ValueError, KeyError, IndexError) as exc:
            problems.append(f"无法生成示例索引号：{exc}")
    return problems


def render_index_number(pattern, *, org_code, year, seq, kind):
    return pattern.format(org_code=org_code, year=year, seq=seq, kind=kind)


def sequence_key(pattern, *, org_code, year, kind):
    """The part of the pattern that identifies one sequence: everything except {seq}."""
    parts = []
    values = {"org_code": org_code, "year": year, "kind": kind}
    for literal, name, spec, _conversion in string.Formatter().parse(pattern):
        parts.append(literal)
        if name is None:
            continue
        if name == "seq":
            parts.append("{seq}")
        else:
            parts.append(format(values[name], spec or ""))
    return "".join(parts)
