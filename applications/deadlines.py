"""Deadline rows for `manage.py application_deadlines` (docs/applications.md) and the reminders."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from applications.clock import WorkCalendar
from applications.models import Application, ReminderSent, handler_emails

REMINDER_WORKING_DAYS = 5


def deadline_rows(today, include_closed=False, calendar=None):
    calendar = calendar or WorkCalendar()
    applications = Application.objects.select_related("agency__organisation").order_by("number")
    if not include_closed:
        applications = applications.open()
    rows = []
    for application in applications:
        state = application.clock(today=today, calendar=calendar)
        rows.append((application, state, {
            "number": application.number,
            "agency": application.agency.organisation.name,
            "status": application.status,
            "received_on": state.received_on.isoformat() if state.received_on else None,
            "due_on": state.due_on.isoformat() if state.due_on else None,
            "working_days_left": state.working_days_left,
            "provisional": state.provisional,
            "extended": state.extended,
            "paused_working_days": state.paused_working_days,
        }))
    return rows


def _reminder_text(application, state, left):
    return (f"政府信息公开申请 {application.number}（{application.agency.organisation.name}）"
            f"的答复期限为 {state.due_on:%Y年%m月%d日}，还剩{left}个工作日"
            f"{'（暂定：该年度节假日安排尚未录入）' if state.provisional else ''}。\n"
            f"请登录管理后台“依申请公开”办理：{settings.WAGTAILADMIN_BASE_URL}/admin/applications/"
            f"{application.pk}/\n")


def send_reminders(rows, days=REMINDER_WORKING_DAYS):
    """Mail each handler of a case once per due date, when `days` or fewer working days are left.

    What was sent is recorded (ReminderSent), so cron may run this every hour: a handler gets one
    mail per case and due date, and a new due date (an extension, an art 35 period, the end of a
    pause) earns a new one. While the clock is paused the due date moves every working day and
    the days left stay frozen, so nothing is sent until it runs again. Overdue cases are not
    mailed here: the command's exit status reports them. Returns the number of mails sent."""
    sent = 0
    for application, state, _ in rows:
        if not application.is_open or state.phase != "running" or state.due_on is None:
            continue
        left = state.working_days_left
        if left is None or not 0 <= left <= days:
            continue
        for recipient in handler_emails(application):
            # The row and the mail together: if sending fails the row is rolled back and the next run
            # tries again; a concurrent run waits on the unique row and then finds it.
            with transaction.atomic():
                _, created = ReminderSent.objects.get_or_create(application=application, due_on=state.due_on,
                                                                recipient=recipient)
                if not created:
                    continue
                send_mail(subject=f"【依申请公开】{application.number} 还剩{left}个工作日到期",
                          message=_reminder_text(application, state, left), from_email=None,
                          recipient_list=[recipient])
            sent += 1
    return sent
