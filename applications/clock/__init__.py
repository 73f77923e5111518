"""The legal clocks of 依申请公开 and the one working-day calendar of the site."""

from .calendar import WorkCalendar, package_knows_year, unknown_years
from .engine import (
    ANSWER_WORKING_DAYS,
    CLOSED,
    CONSULTATION_ENDED,
    CONSULTATION_STARTED,
    CORRECTION_RECEIVED,
    CORRECTION_REQUESTED,
    DECIDED,
    EXTENDED,
    FEE_NOTIFIED,
    FEE_PAID,
    LONGER_PERIOD,
    MAX_EXTENSION_WORKING_DAYS,
    OTHER_AGENCY,
    RECEIVED,
    THIRD_PARTY,
    ClockError,
    ClockEvent,
    ClockState,
    compute_clock,
)

__all__ = [
    "ANSWER_WORKING_DAYS", "CLOSED", "CONSULTATION_ENDED", "CONSULTATION_STARTED", "CORRECTION_RECEIVED",
    "CORRECTION_REQUESTED", "DECIDED", "EXTENDED", "FEE_NOTIFIED", "FEE_PAID", "LONGER_PERIOD", "MAX_EXTENSION_WORKING_DAYS",
    "OTHER_AGENCY", "RECEIVED", "THIRD_PARTY", "ClockError", "ClockEvent", "ClockState", "WorkCalendar",
    "compute_clock", "package_knows_year", "unknown_years",
]
