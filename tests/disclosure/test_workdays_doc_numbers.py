import datetime

import pytest

from disclosure.doc_numbers import normalise_doc_number, pattern_problems, render_index_number
from disclosure.workdays import add_working_days, is_late, is_workday, working_days_between

D = datetime.date


def test_2025_national_day_week():
    # 1–8 Oct 2025 are holidays; Sun 28 Sep and Sat 11 Oct are make-up workdays.
    assert is_workday(D(2025, 9, 28))
    assert is_workday(D(2025, 10, 11))
    assert not any(is_workday(D(2025, 10, day)) for day in range(1, 9))
    assert add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)
    assert add_working_days(D(2025, 9, 26), 3) == D(2025, 9, 30)
    assert add_working_days(D(2025, 9, 26), 4) == D(2025, 10, 9)
    assert add_working_days(D(2025, 9, 26), 7) == D(2025, 10, 13)
    assert working_days_between(D(2025, 9, 26), D(2025, 10, 13)) == 7
    assert not is_late(D(2025, 9, 26), D(2025, 10, 13), 7)
    assert is_late(D(2025, 9, 26), D(2025, 10, 14), 7)
    # Plain weekdays would have said 9 Oct was already day 9: the calendar matters.
    assert working_days_between(D(2025, 9, 30), D(2025, 10, 9)) == 1


def test_2026_spring_festival_make_up_days():
    # 15–23 Feb 2026 are holidays; Sat 14 Feb and Sat 28 Feb are make-up workdays.
    assert is_workday(D(2026, 2, 14))
    assert is_workday(D(2026, 2, 28))
    assert not is_workday(D(2026, 2, 16))
    assert not is_workday(D(2026, 2, 23))
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert add_working_days(D(2026, 2, 13), 6) == D(2026, 2, 28)  # a Saturday, but a workday
    assert add_working_days(D(2026, 2, 13), 7) == D(2026, 3, 2)
    assert working_days_between(D(2026, 2, 12), D(2026, 2, 25)) == 4  # 13, 14, 24, 25


@pytest.mark.django_db  # a year chinese-calendar does not know is looked up in the 节假日安排 table
def test_working_days_edge_cases():
    assert working_days_between(D(2025, 1, 6), D(2025, 1, 6)) == 0
    assert working_days_between(D(2025, 1, 10), D(2025, 1, 6)) == -4
    assert add_working_days(D(2025, 10, 4), 0) == D(2025, 10, 9)
    assert not is_late(None, D(2025, 1, 1), 7)
    # Beyond the calendar's data we fall back to Monday–Friday instead of failing.
    assert add_working_days(D(2031, 1, 3), 1) == D(2031, 1, 6)


@pytest.mark.parametrize("typed", [
    "武政发[2024]3号", "武政发【2024】3号", "武政发(2024)3号", "武政发（2024）3号",
    "武政发〔2024〕3号", "武政发［2024］3号", "武政发﹝2024﹞3号", "武政发 （２０２４） ３ 号",
])
def test_doc_number_forms_normalise_to_gbt9704(typed):
    assert normalise_doc_number(typed) == "武政发〔2024〕3号"


def test_doc_number_without_year_is_left_alone():
    assert normalise_doc_number("国务院令第699号") == "国务院令第699号"
    assert normalise_doc_number("") == ""
    assert normalise_doc_number(None) == ""


def test_index_pattern_rules():
    assert pattern_problems("{org_code}/{year}-{seq:05d}") == []
    assert render_index_number("{org_code}/{year}-{seq:05d}", org_code="X", year=2025, seq=12, kind="news") \
        == "X/2025-00012"
    assert pattern_problems("{org}/{seq}")[0].startswith("不认识的占位符")
    assert any("{seq}" in p for p in pattern_problems("{org_code}"))
    assert pattern_problems("{seq:zz}")
