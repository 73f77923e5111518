"""`application_deadlines --remind` run every hour: one mail per handler, case and due date."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from applications import actions
from applications.models import ReminderSent
from applications.roles import add_handler
from tests.applications.conftest import application_data

pytestmark = pytest.mark.django_db
D = datetime.date


def remind(today):
    before = len(mail.outbox)
    call_command("application_deadlines", "--remind", "--today", today, stdout=io.StringIO(), stderr=io.StringIO())
    return mail.outbox[before:]


def test_each_handler_is_reminded_once_per_due_date(agencies, settings):
    from applications.demo import at

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    second = get_user_model().objects.create_user("a_second", email="a2@example.com", password="x")
    add_handler(second, agencies["dept_a"])
    # Received Mon 2 Mar 2026: due Mon 30 Mar.
    case, _ = actions.register(application_data(agencies["dept_a"]), "in_person", D(2026, 3, 2),
                               submitted_at=at(D(2026, 3, 2)))
    paused, _ = actions.register(application_data(agencies["dept_a"], name="李四"), "in_person", D(2026, 3, 2),
                                 submitted_at=at(D(2026, 3, 2)))
    actions.start_consultation(paused, D(2026, 3, 3), "agency", "征求市财政局意见")

    assert remind("2026-03-20") == []  # 6 working days left
    sent = remind("2026-03-23")  # 24–27 and 30 Mar: 5 left
    assert sorted(m.to[0] for m in sent) == ["a2@example.com", "a@example.com"]
    assert all(case.number in m.subject and "2026年03月30日" in m.body for m in sent)
    assert remind("2026-03-23") == []  # the hourly run of the same day
    assert remind("2026-03-24") == []  # 4 left: same due date, already reminded
    assert ReminderSent.objects.filter(application=case, due_on=D(2026, 3, 30)).count() == 2
    assert not ReminderSent.objects.filter(application=paused).exists()  # a paused clock has no fixed date

    # An extension moves the due date to Tue 7 Apr (31 Mar, 1–3 Apr, 4–6 Apr 清明, 7 Apr): a new reminder.
    actions.extend(case, D(2026, 3, 24), 5, "需调取档案，经负责人同意")
    assert remind("2026-03-27") == []  # 30, 31 Mar, 1, 2, 3, 7 Apr: 6 left
    sent = remind("2026-03-30")  # 5 left before the new date
    assert len(sent) == 2 and all("2026年04月07日" in m.body for m in sent)
    assert remind("2026-03-30") == [] and remind("2026-04-01") == []
    assert ReminderSent.objects.filter(application=case).count() == 4
