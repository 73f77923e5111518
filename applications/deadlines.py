"""Deadline rows for `manage.py application_deadlines` (docs/applications.md) and the reminders."""

from django.conf import settings
from django.core.mail import send_mail

from applications.clock import WorkCalendar
from applications.models import Application, handler_emails

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


def send_reminders(rows, days=REMINDER_WORKING_DAYS):
    """Mail each case's handlers when exactly `days` working days are left (run once a day)."""
    sent = 0
    for application, state, _ in rows:
        if not application.is_open or state.working_days_left != days:
            continue
        recipients = handler_emails(application)
        if not recipients:
            continue
        send_mail(
            subject=f"【依申请公开】{application.number} 还剩{days}个工作日到期",
            message=(f"政府信息公开申请 {application.number}（{application.agency.organisation.name}）"
                     f"的答复期限为 {state.due_on:%Y年%m月%d日}，还剩{days}个工作日"
                     f"{'（暂定：该年度节假日安排尚未录入）' if state.provisional else ''}。\n"
                     f"请登录管理后台“依申请公开”办理：{settings.WAGTAILADMIN_BASE_URL}/admin/applications/"
                     f"{application.pk}/\n"),
            from_email=None, recipient_list=recipients,
        )
        sent += 1
    return sent
