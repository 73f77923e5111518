"""The clock engine against dates counted by hand on the official calendar.

Counting rule: receipt day not counted, day 1 is the next working day (docs/applications.md).
"""

import datetime

import pytest

from applications.clock import (
    CONSULTATION_ENDED,
    CONSULTATION_STARTED,
    CORRECTION_RECEIVED,
    CORRECTION_REQUESTED,
    DECIDED,
    EXTENDED,
    FEE_NOTIFIED,
    FEE_PAID,
    OTHER_AGENCY,
    RECEIVED,
    THIRD_PARTY,
    ClockError,
    ClockEvent,
    WorkCalendar,
    compute_clock,
)

D = datetime.date
NO_OVERRIDES = WorkCalendar(overrides={})


def clock(*events, today, calendar=NO_OVERRIDES):
    return compute_clock([ClockEvent(*e) if isinstance(e, tuple) else e for e in events], today, calendar)


def test_across_the_2025_national_day_week():
    # Received Fri 26 Sep. Day 1 is Sun 28 Sep (make-up), 2–3 are 29–30 Sep, 1–8 Oct are
    # holidays, 4–5 are 9–10 Oct, 6 is Sat 11 Oct (make-up), 7 is Mon 13 Oct … 20 is Thu 30 Oct.
    state = clock((RECEIVED, D(2025, 9, 26)), today=D(2025, 10, 28))
    assert state.received_on == D(2025, 9, 26)
    assert state.correction_notice_due_on == D(2025, 10, 13)
    assert state.due_on == D(2025, 10, 30)
    assert state.working_days_left == 2
    assert not state.provisional and not state.overdue and state.phase == "running"
    # Plain Monday–Friday counting would have said 23 Oct.
    assert state.due_on != D(2025, 10, 23)


def test_days_left_reaches_zero_on_the_due_date_and_goes_negative_after():
    assert clock((RECEIVED, D(2025, 9, 26)), today=D(2025, 10, 30)).working_days_left == 0
    late = clock((RECEIVED, D(2025, 9, 26)), today=D(2025, 10, 31))
    assert late.working_days_left == -1 and late.overdue


def test_across_the_2026_spring_festival_make_up_saturdays_count():
    # Received Mon 9 Feb: 10–13 Feb are days 1–4, Sat 14 Feb (make-up) day 5, 15–23 Feb holidays,
    # 24–27 Feb days 6–9, Sat 28 Feb (make-up) day 10, 2–6 Mar days 11–15, 9–13 Mar days 16–20.
    state = clock((RECEIVED, D(2026, 2, 9)), today=D(2026, 2, 12))
    assert state.due_on == D(2026, 3, 13)
    assert state.correction_notice_due_on == D(2026, 2, 25)  # 10,11,12,13,14, 24, 25
    assert state.working_days_left == 17  # 12 Feb is day 3


def test_correction_stops_the_clock_then_restarts_at_zero():
    received = (RECEIVED, D(2026, 3, 2))
    requested = ClockEvent(CORRECTION_REQUESTED, D(2026, 3, 5), days=15)
    waiting = clock(received, requested, today=D(2026, 3, 10))
    assert waiting.phase == "awaiting_correction"
    assert waiting.due_on is None and waiting.working_days_left is None
    assert waiting.correction_due_on == D(2026, 3, 26)  # 15 working days after 5 Mar
    # The correction arrives Mon 16 Mar: day 1 is 17 Mar; Qingming (Mon 6 Apr) is a holiday,
    # so day 20 is Tue 14 Apr, not 30 Mar (20 days from the first receipt).
    restarted = clock(received, requested, (CORRECTION_RECEIVED, D(2026, 3, 16)), today=D(2026, 3, 16))
    assert restarted.clock_start == D(2026, 3, 16)
    assert restarted.due_on == D(2026, 4, 14)
    assert restarted.working_days_left == 20


def test_a_late_correction_notice_is_flagged():
    state = clock((RECEIVED, D(2025, 9, 26)), (CORRECTION_REQUESTED, D(2025, 10, 14)), today=D(2025, 10, 14))
    assert state.correction_notice_late


def test_one_extension_of_up_to_twenty_working_days():
    # 20 working days after 30 Oct 2025: 31 Oct, 3–7, 10–14, 17–21, 24–27 Nov.
    state = clock((RECEIVED, D(2025, 9, 26)), ClockEvent(EXTENDED, D(2025, 10, 20), days=20), today=D(2025, 11, 3))
    assert state.extended and state.extension_days == 20
    assert state.due_on == D(2025, 11, 27)
    with pytest.raises(ClockError):
        clock((RECEIVED, D(2025, 9, 26)), ClockEvent(EXTENDED, D(2025, 10, 20), days=10),
              ClockEvent(EXTENDED, D(2025, 10, 21), days=10), today=D(2025, 11, 3))
    with pytest.raises(ClockError):
        clock((RECEIVED, D(2025, 9, 26)), ClockEvent(EXTENDED, D(2025, 10, 20), days=21), today=D(2025, 11, 3))


def test_a_consultation_pause_does_not_count():
    # Received Mon 3 Nov 2025, due Mon 1 Dec without pauses. A third party is consulted from
    # Mon 10 Nov (counted) to Fri 14 Nov: 11–14 Nov (4 working days) do not count → Fri 5 Dec.
    received = (RECEIVED, D(2025, 11, 3))
    assert clock(received, today=D(2025, 11, 3)).due_on == D(2025, 12, 1)
    started = ClockEvent(CONSULTATION_STARTED, D(2025, 11, 10), party=THIRD_PARTY)
    ended = ClockEvent(CONSULTATION_ENDED, D(2025, 11, 14), party=THIRD_PARTY)
    state = clock(received, started, ended, today=D(2025, 11, 17))
    assert state.paused_working_days == 4
    assert state.due_on == D(2025, 12, 5)
    assert state.phase == "running"


def test_an_open_pause_freezes_the_days_left():
    received = (RECEIVED, D(2025, 11, 3))
    started = ClockEvent(CONSULTATION_STARTED, D(2025, 11, 10), party=OTHER_AGENCY)
    monday = clock(received, started, today=D(2025, 11, 10))
    friday = clock(received, started, today=D(2025, 11, 14))
    assert friday.phase == "paused"
    assert monday.working_days_left == friday.working_days_left == 15


def test_third_party_consultation_stops_the_clock_for_fifteen_working_days_at_most():
    # Paused 11 Nov … 1 Dec (15 working days); then 2–5, 8–12, 15–19, 22 Dec are days 6–20.
    received = (RECEIVED, D(2025, 11, 3))
    started = ClockEvent(CONSULTATION_STARTED, D(2025, 11, 10), party=THIRD_PARTY)
    state = clock(received, started, today=D(2025, 12, 10))
    assert state.paused_working_days == 15
    assert state.due_on == D(2025, 12, 22)


def test_a_fee_notice_pauses_until_payment():
    state = clock((RECEIVED, D(2025, 11, 3)), (FEE_NOTIFIED, D(2025, 11, 10)), (FEE_PAID, D(2025, 11, 12)),
                  today=D(2025, 11, 13))
    assert state.paused_working_days == 2
    assert state.due_on == D(2025, 12, 3)
    assert state.fee_due_on == D(2025, 12, 8)  # 20 working days after 10 Nov


def test_a_decision_stops_the_clock():
    state = clock((RECEIVED, D(2025, 9, 26)), (DECIDED, D(2025, 10, 31)), today=D(2025, 12, 1))
    assert state.phase == "stopped" and state.working_days_left is None
    assert state.answered_late


def test_an_unknown_year_without_override_is_provisional_never_silently_weekdays():
    state = clock((RECEIVED, D(2026, 12, 15)), today=D(2026, 12, 16))
    assert state.provisional
    assert clock((RECEIVED, D(2026, 3, 2)), today=D(2026, 3, 3)).provisional is False


OVERRIDES_2027 = {
    # A 2027 notice as an administrator would enter it (illustrative dates): New Year's Day,
    # a Spring Festival week off (8–12 Feb) and one make-up Saturday (20 Feb).
    D(2027, 1, 1): False, D(2027, 2, 8): False, D(2027, 2, 9): False, D(2027, 2, 10): False,
    D(2027, 2, 11): False, D(2027, 2, 12): False, D(2027, 2, 20): True,
}


def test_a_year_with_its_override_entered():
    # Received Mon 1 Feb 2027: 2–5 Feb days 1–4, 8–12 Feb off, 15–19 days 5–9, Sat 20 day 10,
    # 22–26 days 11–15, 1–5 Mar days 16–20.
    state = clock((RECEIVED, D(2027, 2, 1)), today=D(2027, 2, 1), calendar=WorkCalendar(OVERRIDES_2027))
    assert state.due_on == D(2027, 3, 5)
    assert not state.provisional
    bare = clock((RECEIVED, D(2027, 2, 1)), today=D(2027, 2, 1), calendar=WorkCalendar({}))
    assert bare.due_on == D(2027, 3, 1) and bare.provisional


@pytest.mark.django_db
def test_overrides_are_read_from_the_admin_table():
    from applications.models import HolidayOverride

    assert WorkCalendar().is_provisional(D(2027, 2, 1), D(2027, 3, 5))
    for day, workday in OVERRIDES_2027.items():
        HolidayOverride.objects.create(date=day, is_workday=workday, note="2027年节假日安排（测试）")
    calendar = WorkCalendar()
    assert not calendar.is_provisional(D(2027, 2, 1), D(2027, 3, 5))
    assert calendar.is_workday(D(2027, 2, 20)) and not calendar.is_workday(D(2027, 2, 10))
    assert clock((RECEIVED, D(2027, 2, 1)), today=D(2027, 2, 1), calendar=calendar).due_on == D(2027, 3, 5)
    # The publishing checks use the same calendar.
    from disclosure.workdays import add_working_days

    assert add_working_days(D(2027, 2, 5), 1) == D(2027, 2, 15)


@pytest.mark.django_db
def test_an_override_for_a_year_the_package_knows_is_refused():
    from django.core.exceptions import ValidationError

    from applications.models import HolidayOverride

    with pytest.raises(ValidationError):
        HolidayOverride(date=D(2026, 10, 1), is_workday=True).full_clean()
