"""Art 35 (repeated or bulk requests): asking for reasons and a longer period set by the office,
in the clock engine, the actions, the admin timeline, the letters and application_deadlines."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from applications import actions
from applications.clock import EXTENDED, LONGER_PERIOD, RECEIVED, ClockError, ClockEvent, WorkCalendar, compute_clock
from applications.letters import letters_for
from applications.models import CaseEvent
from tests.applications.conftest import application_data

D = datetime.date
NO_OVERRIDES = WorkCalendar(overrides={})


def clock(*events, today):
    return compute_clock([ClockEvent(*e) for e in events], today, NO_OVERRIDES)


def test_the_longer_period_replaces_the_due_date_and_the_days_left():
    # Received Mon 2 Mar 2026: the 20th working day after it is Mon 30 Mar (no holiday in March).
    plain = clock((RECEIVED, D(2026, 3, 2)), today=D(2026, 3, 27))
    assert plain.due_on == D(2026, 3, 30) and plain.working_days_left == 1
    longer = clock((RECEIVED, D(2026, 3, 2)), (LONGER_PERIOD, D(2026, 3, 20), None, "", D(2026, 4, 2)),
                   today=D(2026, 3, 27))
    # 30, 31 Mar, 1, 2 Apr.
    assert longer.due_on == D(2026, 4, 2) and longer.working_days_left == 4
    assert longer.statutory_due_on == D(2026, 3, 30) and longer.longer_period_until == D(2026, 4, 2)
    assert not longer.overdue
    assert clock((RECEIVED, D(2026, 3, 2)), (LONGER_PERIOD, D(2026, 3, 20), None, "", D(2026, 4, 2)),
                 today=D(2026, 4, 3)).overdue


def test_a_later_statutory_date_wins_and_only_one_period_is_allowed():
    # Extended by 20 after the period was set: 30 Mar + 20 working days (4–6 Apr 清明) = Tue 28 Apr.
    state = clock((RECEIVED, D(2026, 3, 2)), (LONGER_PERIOD, D(2026, 3, 20), None, "", D(2026, 4, 2)),
                  (EXTENDED, D(2026, 3, 23), 20), today=D(2026, 3, 23))
    assert state.due_on == D(2026, 4, 28)
    with pytest.raises(ClockError, match="第三十五条"):
        clock((RECEIVED, D(2026, 3, 2)), (LONGER_PERIOD, D(2026, 3, 20), None, "", D(2026, 4, 2)),
              (LONGER_PERIOD, D(2026, 3, 21), None, "", D(2026, 4, 3)), today=D(2026, 3, 23))


@pytest.fixture
def case(agencies):
    from applications.demo import at

    application, _ = actions.register(application_data(agencies["dept_a"]), "in_person", D(2026, 3, 2),
                                      submitted_at=at(D(2026, 3, 2)))
    return application


@pytest.mark.django_db
def test_the_office_asks_for_reasons_then_sets_a_longer_period_through_the_forms(client, agencies, case):
    client.force_login(agencies["handler_a"])
    url = lambda kind: reverse("applications_admin:action", args=[case.pk, kind])  # noqa: E731
    asked = client.post(url("reasons_requested"), {"reasons_requested-on": "2026-03-05",
                                                    "reasons_requested-reason": "您本月已提交同类申请40件，请说明理由。"})
    assert asked.status_code == 302
    not_later = client.post(url("longer_period"), {"longer_period-on": "2026-03-20",
                                                    "longer_period-until": "2026-03-30",
                                                    "longer_period-reason": "需逐件检索档案"})
    assert not_later.status_code == 400 and "须晚于现行答复期限（2026-03-30）" in not_later.content.decode()
    no_reason = client.post(url("longer_period"), {"longer_period-on": "2026-03-20",
                                                    "longer_period-until": "2026-04-30"})
    assert no_reason.status_code == 400 and "请填写申请理由合理但无法在法定期限内答复的原因" in no_reason.content.decode()
    assert client.post(url("longer_period"), {"longer_period-on": "2026-03-20", "longer_period-until": "2026-04-30",
                                              "longer_period-reason": "需逐件检索2015年以来的档案"}).status_code == 302
    case.refresh_from_db()
    event = case.events.get(kind=CaseEvent.LONGER_PERIOD)
    assert event.user == agencies["handler_a"] and event.until == D(2026, 4, 30)
    assert case.due_on == D(2026, 4, 30) and case.status == "processing"
    again = client.post(url("longer_period"), {"longer_period-on": "2026-03-21", "longer_period-until": "2026-05-30",
                                               "longer_period-reason": "再次延迟"})
    assert again.status_code == 400 and case.events.filter(kind=CaseEvent.LONGER_PERIOD).count() == 1

    detail = client.get(reverse("applications_admin:detail", args=[case.pk])).content.decode()
    assert "确定延迟答复的合理期限" in detail and "确定的答复期限：2026-04-30" in detail
    assert "法定期限为2026-03-30" in detail and "要求申请人说明理由" in detail

    letters = {letter.kind: letter for letter in letters_for(case)}
    longer_html = letters[CaseEvent.LONGER_PERIOD].render_html()
    assert "延迟答复告知书" in longer_html and "2026年4月30日" in longer_html and "第三十五条" in longer_html
    assert "需逐件检索2015年以来的档案" in longer_html and "11010519491231002X" not in longer_html
    assert letters[CaseEvent.LONGER_PERIOD].render_pdf().startswith(b"%PDF")
    reasons_html = letters[CaseEvent.REASONS_REQUESTED].render_html()
    assert "说明理由告知书" in reasons_html and "同类申请40件" in reasons_html

    out = io.StringIO()
    call_command("application_deadlines", "--json", "--today", "2026-04-01", stdout=out, stderr=io.StringIO())
    (row,) = [r for r in json.loads(out.getvalue()) if r["number"] == case.number]
    # 2, 3 Apr (2), 7–10 (6), 13–17 (11), 20–24 (16), 27–30 (20).
    assert row["due_on"] == "2026-04-30" and row["working_days_left"] == 20
