"""Working-day arithmetic on China's official calendar (holidays and make-up workdays).

Deadlines in 政务公开 (7 working days for 双公示, 20 for disclosure, 3 for 政策解读)
count working days as the State Council's holiday notice defines them, so a
Saturday can be a workday and a Wednesday a holiday. The one implementation is
`applications.clock.WorkCalendar` (chinese-calendar plus the admin's 节假日安排 table,
docs/applications.md); these helpers keep the signatures the publishing checks use.
For a year neither source knows, Monday–Friday is counted rather than failing, because
a publish action must never crash on a date; the 依申请公开 clock marks such dates provisional.
"""

from applications.clock import WorkCalendar


def is_workday(day):
    return WorkCalendar().is_workday(day)


def add_working_days(start, days):
    """The date `days` working days after `start` (start itself not counted).

    With days=0 the result is `start` if it is a workday, else the next workday.
    """
    return WorkCalendar().add_working_days(start, days)


def working_days_between(start, end):
    """Working days in the half-open interval (start, end]; negative if end < start."""
    return WorkCalendar().working_days_between(start, end)


def is_late(start, end, limit):
    """True when `end` falls after the `limit`-th working day following `start`."""
    if start is None or end is None:
        return False
    return working_days_between(start, end) > limit
