from django.db import models


class ReminderSent(models.Model):
    """A deadline reminder mailed to one handler for one due date of one case, so that a cron run
    every hour sends it once; a new due date (an extension, the end of a pause) earns a new one."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField("答复期限")
    recipient = models.EmailField("收件人")
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "期限提醒"
        verbose_name_plural = "期限提醒"
        constraints = [models.UniqueConstraint(fields=["application", "due_on", "recipient"],
                                               name="applications_one_reminder_per_due_date")]
