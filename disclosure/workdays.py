"""Working-day arithmetic on China's official calendar (holidays and make-up workdays).

Deadlines in 政务公开 (7 working days for 双公示, 20 for disclosure, 3 for 政策解读)
count working days as the State Council's holiday notice defines them, so a
Saturday can be a workday and a Wednesday a holiday. `chinese_calendar` carries
those notices; for years it does not yet know we fall back to Monday–Friday
rather than fail, because a publish action must never crash on a date.
"""

import datetime

import chinese_calendar


def is_workday(day):
    if isinstance(day, datetime.datetime):
        day = day.date()
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start, days):
    """The date `days` working days after `start` (start itself not counted).

    With days=0 the result is `start` if it is a workday, else the next workday.
    """
    if isinstance(start, datetime.datetime):
        start = start.date()
    current = start
    if days <= 0:
        while not is_workday(current):
            current += datetime.timedelta(days=1)
        return current
    remaining = days
    while remaining:
        current += datetime.timedelta(days=1)
        if is_workday(current):
            remaining -= 1
    return current


def working_days_between(start, end):
    """Working days in the half-open interval (start, end]; negative if end < start."""
    if isinstance(start, datetime.datetime):
        start = start.date()
    if isinstance(end, datetime.datetime):
        end = end.date()
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_workday(current):
            count += 1
    return count


def is_late(start, end, limit):
    """True when `end` falls after the `limit`-th working day following `start`."""
    if start is None or end is None:
        return False
    return working_days_between(start, end) > limit
