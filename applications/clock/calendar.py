"""Working days on China's official calendar: one implementation for the whole site.

`chinese_calendar` carries the State Council's 节假日安排 notices up to the last year it
knows (2026 for chinesecalendar 1.11). For later years an administrator enters the new
notice in the 节假日安排 table (`applications.models.HolidayOverride`). A year that the
package does not know and that has no override row is *unknown*: we still count Monday to
Friday so nothing crashes, but every date computed across it is marked provisional, and the
admin shows a warning until the notice is entered (docs/applications.md).

Overrides apply only to years the package does not know, so the common case (2004–2026)
never touches the database.
"""

import datetime

import chinese_calendar
from django.apps import apps
from django.db import DatabaseError


def _as_date(day):
    return day.date() if isinstance(day, datetime.datetime) else day


def package_knows_year(year):
    try:
        chinese_calendar.is_workday(datetime.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class WorkCalendar:
    """Answers "is this a working day?", reading the override table lazily, once per year.

    `overrides` (a {date: is_workday} dict) replaces the database, for tests of the pure
    arithmetic and for callers that already hold the rows.
    """

    def __init__(self, overrides=None):
        self._fixed_overrides = overrides
        self._years = {}  # year -> {date: bool} for years the package does not know

    def _year_overrides(self, year):
        if year not in self._years:
            if self._fixed_overrides is not None:
                rows = {d: w for d, w in self._fixed_overrides.items() if d.year == year}
            else:
                rows = _load_overrides(year)
            self._years[year] = rows
        return self._years[year]

    def year_is_known(self, year):
        """True when the package or at least one override row covers `year`."""
        return package_knows_year(year) or bool(self._year_overrides(year))

    def is_workday(self, day):
        day = _as_date(day)
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            pass
        rows = self._year_overrides(day.year)
        if day in rows:
            return rows[day]
        return day.weekday() < 5

    def is_provisional(self, start, end):
        """True when any year from `start` to `end` is unknown (see the module docstring)."""
        if start is None or end is None:
            return False
        first, last = sorted([_as_date(start).year, _as_date(end).year])
        return any(not self.year_is_known(year) for year in range(first, last + 1))

    def add_working_days(self, start, days):
        """The date `days` working days after `start`; `start` itself is not counted.

        This is the legal counting (期间开始之日不计算在内): received on day R, "within 20
        working days" ends on the 20th working day after R. With days=0 the result is
        `start` if it is a working day, else the next working day.
        """
        current = _as_date(start)
        if days <= 0:
            while not self.is_workday(current):
                current += datetime.timedelta(days=1)
            return current
        remaining = days
        while remaining:
            current += datetime.timedelta(days=1)
            if self.is_workday(current):
                remaining -= 1
        return current

    def working_days_between(self, start, end):
        """Working days in the half-open interval (start, end]; negative if end < start."""
        start, end = _as_date(start), _as_date(end)
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        current = start
        while current < end:
            current += datetime.timedelta(days=1)
            if self.is_workday(current):
                count += 1
        return count


def _load_overrides(year):
    # Through the app registry: the model module imports this calendar (for the years the package
    # knows), and the content model's deadlines (disclosure.workdays) import it too, so a model
    # import here would tie them all in a circle.
    holiday_overrides = apps.get_model("applications", "HolidayOverride")
    try:
        return dict(holiday_overrides.objects.filter(date__year=year).values_list("date", "is_workday"))
    except DatabaseError:
        # Before `migrate` has created the table, the year is simply unknown (provisional).
        return {}


def unknown_years(years, calendar=None):
    """The years among `years` that need the State Council's notice entered."""
    calendar = calendar or WorkCalendar()
    return [year for year in years if not calendar.year_is_known(year)]
