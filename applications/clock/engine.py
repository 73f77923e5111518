"""The legal clock of one application for government information (《政府信息公开条例》).

The rules, with their articles (docs/applications.md explains each):

- The answer is due within 20 working days of receipt (art 33). Receipt itself is not
  counted: day 1 is the first working day after the day of receipt (期间开始之日不计算在内,
  the counting rule of 《民法典》第二百零一条 that courts apply to these periods).
- A 补正 notice is due within 7 working days of receipt (art 30). Once sent, the clock stops;
  when the correction arrives the clock restarts at zero from that day.
- One extension of at most 20 working days (art 33).
- For repeated or bulk requests (art 35) the office may set a longer, reasonable period: the
  date it chose replaces the due date when it is later (the office must choose a later one).
- Consulting a third party (art 32, at most 15 working days of it stop the clock) or another
  agency (art 34), and the time from a fee notice to payment (国办函〔2020〕109号), do not count.
  A pause from day S to day E stops the working days S+1 … E; an open pause is counted up to
  today, so the days left stay frozen while it lasts.

The engine is pure: it takes the clock events of a case and a date and returns a `ClockState`.
"""

import datetime
from dataclasses import dataclass, field

from .calendar import WorkCalendar

ANSWER_WORKING_DAYS = 20
CORRECTION_NOTICE_WORKING_DAYS = 7
MAX_EXTENSION_WORKING_DAYS = 20
THIRD_PARTY_MAX_WORKING_DAYS = 15
FEE_PAYMENT_WORKING_DAYS = 20

RECEIVED = "received"
CORRECTION_REQUESTED = "correction_requested"
CORRECTION_RECEIVED = "correction_received"
EXTENDED = "extended"
LONGER_PERIOD = "longer_period"
CONSULTATION_STARTED = "consultation_started"
CONSULTATION_ENDED = "consultation_ended"
FEE_NOTIFIED = "fee_notified"
FEE_PAID = "fee_paid"
DECIDED = "decided"
CLOSED = "closed"

THIRD_PARTY = "third_party"
OTHER_AGENCY = "agency"


@dataclass(frozen=True)
class ClockEvent:
    kind: str
    on: datetime.date
    days: int | None = None  # extension length, or the 补正 period granted
    party: str = ""  # for consultations: THIRD_PARTY or OTHER_AGENCY
    until: datetime.date | None = None  # the due date the office set under art 35


@dataclass
class ClockState:
    phase: str  # not_received, running, awaiting_correction, paused, stopped
    received_on: datetime.date | None = None
    clock_start: datetime.date | None = None
    due_on: datetime.date | None = None
    working_days_left: int | None = None
    extension_days: int = 0
    longer_period_until: datetime.date | None = None
    statutory_due_on: datetime.date | None = None  # before an art 35 period replaced it
    paused_working_days: int = 0
    provisional: bool = False
    correction_notice_due_on: datetime.date | None = None
    correction_notice_late: bool = False
    correction_due_on: datetime.date | None = None
    fee_due_on: datetime.date | None = None
    stopped_on: datetime.date | None = None
    answered_late: bool = False
    notes: list = field(default_factory=list)

    @property
    def extended(self):
        return self.extension_days > 0

    @property
    def overdue(self):
        return self.working_days_left is not None and self.working_days_left < 0


class ClockError(ValueError):
    """Events that the law does not allow (a second extension, a second 补正…)."""


def _first(events, kind):
    return next((e for e in events if e.kind == kind), None)


def _pause_intervals(events, until):
    """[(start, end, cap)] for consultations and fee notices; an open pause runs to `until`."""
    intervals = []
    open_consultations = {}
    fee_start = None
    for event in events:
        if event.kind == CONSULTATION_STARTED:
            open_consultations.setdefault(event.party or OTHER_AGENCY, event.on)
        elif event.kind == CONSULTATION_ENDED:
            party = event.party or OTHER_AGENCY
            start = open_consultations.pop(party, None)
            if start is not None:
                intervals.append((start, event.on, party))
        elif event.kind == FEE_NOTIFIED and fee_start is None:
            fee_start = event.on
        elif event.kind == FEE_PAID and fee_start is not None:
            intervals.append((fee_start, event.on, "fee"))
            fee_start = None
    for party, start in open_consultations.items():
        intervals.append((start, until, party))
    if fee_start is not None:
        intervals.append((fee_start, until, "fee"))
    return intervals, bool(open_consultations) or fee_start is not None


def _paused_days(intervals, calendar):
    days = set()
    for start, end, party in intervals:
        cap = THIRD_PARTY_MAX_WORKING_DAYS if party == THIRD_PARTY else None
        current, taken = start, 0
        while current < end and (cap is None or taken < cap):
            current += datetime.timedelta(days=1)
            if calendar.is_workday(current):
                days.add(current)
                taken += 1
    return days


def compute_clock(events, today, calendar=None, answer_days=ANSWER_WORKING_DAYS):
    """The clock of a case on `today`, from its events (any order; same-day order is kept)."""
    calendar = calendar or WorkCalendar()
    events = sorted(events, key=lambda e: e.on)
    received = _first(events, RECEIVED)
    if received is None:
        return ClockState(phase="not_received")
    state = ClockState(phase="running", received_on=received.on, clock_start=received.on)
    state.correction_notice_due_on = calendar.add_working_days(received.on, CORRECTION_NOTICE_WORKING_DAYS)

    corrections = [e for e in events if e.kind == CORRECTION_REQUESTED]
    if len(corrections) > 1:
        raise ClockError("补正告知只能一次性发出（《条例》第三十条）")
    extensions = [e for e in events if e.kind == EXTENDED]
    if len(extensions) > 1:
        raise ClockError("答复期限只能延长一次（《条例》第三十三条）")
    if extensions and not 0 < (extensions[0].days or 0) <= MAX_EXTENSION_WORKING_DAYS:
        raise ClockError("延长答复期限最长不超过20个工作日（《条例》第三十三条）")
    state.extension_days = extensions[0].days if extensions else 0
    longer = [e for e in events if e.kind == LONGER_PERIOD]
    if len(longer) > 1:
        raise ClockError("延迟答复的合理期限只能确定一次（《条例》第三十五条）")
    if longer and longer[0].until is None:
        raise ClockError("请填写确定的答复期限（《条例》第三十五条）")
    state.longer_period_until = longer[0].until if longer else None

    stop = next((e for e in events if e.kind in (DECIDED, CLOSED)), None)
    state.stopped_on = stop.on if stop else None
    horizon = state.stopped_on or today

    if corrections:
        requested = corrections[0]
        state.correction_notice_late = requested.on > state.correction_notice_due_on
        if requested.days:
            state.correction_due_on = calendar.add_working_days(requested.on, requested.days)
        arrived = next((e for e in events if e.kind == CORRECTION_RECEIVED and e.on >= requested.on), None)
        if arrived is None:
            state.phase = "stopped" if stop else "awaiting_correction"
            state.provisional = calendar.is_provisional(received.on, state.correction_due_on or horizon)
            return state
        state.clock_start = arrived.on  # restarts at zero (art 30)

    intervals, pause_open = _pause_intervals([e for e in events if e.on >= state.clock_start], horizon)
    paused = _paused_days(intervals, calendar)
    fee = _first(events, FEE_NOTIFIED)
    if fee is not None:
        state.fee_due_on = calendar.add_working_days(fee.on, FEE_PAYMENT_WORKING_DAYS)

    budget = answer_days + state.extension_days
    counted, current, paused_count = 0, state.clock_start, 0
    while counted < budget:
        current += datetime.timedelta(days=1)
        if calendar.is_workday(current):
            if current in paused:
                paused_count += 1
            else:
                counted += 1
    state.statutory_due_on, state.paused_working_days = current, paused_count
    if state.longer_period_until is not None and state.longer_period_until > current:
        current = state.longer_period_until
    state.due_on = current
    state.provisional = calendar.is_provisional(state.clock_start, max(current, horizon))

    if stop:
        state.phase = "stopped"
        state.answered_late = stop.kind == DECIDED and stop.on > state.due_on
        return state
    state.phase = "paused" if pause_open else "running"
    state.working_days_left = calendar.working_days_between(today, state.due_on)
    return state
