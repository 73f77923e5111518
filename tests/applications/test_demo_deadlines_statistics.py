"""The demo's applications: `application_deadlines --json` against hand-counted dates, the
reminders, and table 3 of the 2025 and 2026 annual reports."""

import io
import json

import pytest
from django.core import mail
from django.core.management import call_command

from applications.statistics import APPLICANT_COLUMNS, COLUMNS, table3

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, settings):
    from applications.demo import load
    from home.demo import build_site
    from review.demo import setup_demo_departments

    settings.GOVSITE_ALLOW_DEMO_USERS = True
    build_site(io.StringIO(), hostname="127.0.0.1", port=8000)
    setup_demo_departments(io.StringIO())
    load(io.StringIO())


def deadlines(*args):
    out = io.StringIO()
    code = 0
    try:
        call_command("application_deadlines", *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue()


def test_deadlines_json_on_the_demo_matches_hand_counted_dates(demo):
    code, out = deadlines("--json", "--today", "2026-11-27")
    assert code == 0
    rows = {row["number"]: row for row in json.loads(out)}
    assert set(rows) == {f"YSQ-2026-00000{n}" for n in (3, 4, 5, 6, 7)}
    for row in rows.values():
        assert set(row) == {"number", "agency", "status", "received_on", "due_on", "working_days_left",
                            "provisional", "extended", "paused_working_days"}
        assert row["provisional"] is False
    # 补正 sent 18 Nov: the clock waits for the correction.
    assert rows["YSQ-2026-000003"] | {} == dict(rows["YSQ-2026-000003"], status="awaiting_correction",
                                               received_on="2026-11-16", due_on=None, working_days_left=None)
    # Received Mon 19 Oct: day 20 is Mon 16 Nov; 15 more working days → Mon 7 Dec; 6 left after 27 Nov.
    assert rows["YSQ-2026-000004"]["agency"] == "武冈市司法局"
    assert (rows["YSQ-2026-000004"]["due_on"], rows["YSQ-2026-000004"]["working_days_left"],
            rows["YSQ-2026-000004"]["extended"]) == ("2026-12-07", 6, True)
    # Received Mon 2 Nov; third party consulted from Mon 9 Nov: 10–27 Nov (14 working days) paused;
    # days 1–5 are 3–6 and 9 Nov, days 6–20 are 30 Nov … 18 Dec.
    assert rows["YSQ-2026-000005"] | {} == dict(rows["YSQ-2026-000005"], status="consulting", received_on="2026-11-02",
                                               due_on="2026-12-18", working_days_left=15, paused_working_days=14)
    # Received Mon 23 Nov: 24–27 Nov, 30 Nov–4 Dec, 7–11, 14–18 Dec, 21 Dec is day 20.
    assert (rows["YSQ-2026-000006"]["due_on"], rows["YSQ-2026-000006"]["working_days_left"]) == ("2026-12-21", 16)
    assert rows["YSQ-2026-000007"]["status"] == "submitted" and rows["YSQ-2026-000007"]["received_on"] is None


def test_all_includes_the_answered_spring_festival_case(demo):
    code, out = deadlines("--json", "--all", "--today", "2026-11-27")
    rows = {row["number"]: row for row in json.loads(out)}
    spring = rows["YSQ-2026-000001"]
    # Received Mon 9 Feb: Sat 14 and Sat 28 Feb count, 15–23 Feb do not → Fri 13 Mar.
    assert (spring["received_on"], spring["due_on"], spring["status"]) == ("2026-02-09", "2026-03-13", "closed")
    assert spring["working_days_left"] is None


def test_an_overdue_open_case_makes_the_command_fail(demo):
    code, out = deadlines("--today", "2026-12-08")
    assert code == 1 and "YSQ-2026-000004" in out and "已超期" in out


def test_handlers_are_reminded_five_working_days_before_the_due_date(demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    deadlines("--remind", "--today", "2026-11-30")  # 1–4 and 7 Dec: 5 working days before 7 Dec
    assert len(mail.outbox) == 1
    assert "YSQ-2026-000004" in mail.outbox[0].subject and mail.outbox[0].to == ["sfj_ysq@example.com"]


@pytest.mark.parametrize("year", [2025, 2026])
def test_table3_adds_up(demo, year):
    rows = {row.key: row for row in table3(year)}
    for row in rows.values():
        assert sum(row.counts[c] for c in APPLICANT_COLUMNS) == row.counts["total"], row.label
    for column, _ in COLUMNS:
        assert rows["new"].counts[column] + rows["carried_in"].counts[column] == \
            rows["result_total"].counts[column] + rows["carried_out"].counts[column]
        parents = ["disclosed", "partly_disclosed", "not_disclosed", "cannot_provide", "not_processed",
                   "other_handling"]
        assert rows["result_total"].counts[column] == sum(rows[p].counts[column] for p in parents)
        for parent in parents[2:]:
            assert rows[parent].counts[column] == sum(
                r.counts[column] for k, r in rows.items() if k.startswith(parent + ":"))


def test_table3_2025_has_the_demo_counts_in_the_official_rows(demo):
    rows = table3(2025)
    labels = [row.label for row in rows]
    assert labels[0] == "一、本年新收政府信息公开申请数量" and labels[-1] == "四、结转下年度继续办理"
    by_key = {row.key: row for row in rows}
    assert by_key["new"].counts["total"] == 6 and by_key["carried_in"].counts["total"] == 0
    assert by_key["result_total"].counts["total"] == 4 and by_key["carried_out"].counts["total"] == 2
    assert by_key["partly_disclosed"].counts["commercial"] == 1
    assert by_key["cannot_provide:not_held"].counts["legal_service"] == 1
    assert by_key["other_handling:fee_unpaid"].counts["research"] == 1
    # 2026 starts with the two cases carried over: the 补正 closed as 逾期不补正 and the repeat request.
    rows_2026 = {row.key: row for row in table3(2026)}
    assert rows_2026["carried_in"].counts["total"] == 2
    assert rows_2026["other_handling:correction_overdue"].counts["person"] == 1
    assert rows_2026["not_processed:repeat"].counts["public_welfare"] == 1
