"""One way to read a number a citizen typed into a URL.

`str.isdigit()` is true for "①", "²" and Arabic-Indic digits, and `int()` then fails on some and
accepts others; a 23-digit id overflows the database's integer column; year 10000 has no date.
Every public view reads numbers through `parse_int`, which accepts only ASCII digits within
bounds and answers None for anything else, so a view can ignore the value or answer 400/404
(docs/security.md, "No 500 on any input").
"""

import re

# PostgreSQL `integer` (Wagtail's page ids) is the narrowest id column the public URLs reach.
MAX_ID = 2**31 - 1
# Years a filter can name: beyond these no date exists in Python or in the databases.
MIN_YEAR, MAX_YEAR = 1900, 2100
# Page numbers past this are answered with the last page anyway.
MAX_PAGE_NUMBER = 100_000

_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_int(value, low, high):
    """The integer `value` spells in ASCII digits, if it lies in [low, high]; otherwise None.

    Surrounding spaces are allowed; signs, other scripts' digits, fractions and over-long
    strings are not."""
    if value is None:
        return None
    text = str(value).strip()
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None


def parse_id(value):
    return parse_int(value, 1, MAX_ID)


def parse_year(value):
    return parse_int(value, MIN_YEAR, MAX_YEAR)


def parse_page_number(value):
    """A 1-based page number; anything unreadable is page 1."""
    return parse_int(value, 1, MAX_PAGE_NUMBER) or 1


class IdConverter:
    """A URL path id: ASCII digits that fit the database's id column. Anything else doesn't match,
    so the URL answers 404 instead of overflowing the query."""

    regex = "[0-9]{1,10}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)
