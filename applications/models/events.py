from django.conf import settings
from django.db import models

from applications import choices


class CaseEvent(models.Model):
    """One step of a case's timeline: who did what, on which legal date, and why."""

    SUBMITTED = "submitted"
    REGISTERED = "registered"
    RECEIVED = "received"
    CORRECTION_REQUESTED = "correction_requested"
    CORRECTION_RECEIVED = "correction_received"
    EXTENDED = "extended"
    REASONS_REQUESTED = "reasons_requested"
    LONGER_PERIOD = "longer_period"
    CONSULTATION_STARTED = "consultation_started"
    CONSULTATION_ENDED = "consultation_ended"
    FEE_NOTIFIED = "fee_notified"
    FEE_PAID = "fee_paid"
    DECIDED = "decided"
    SERVED = "served"
    CLOSED = "closed"
    KINDS = [
        (SUBMITTED, "网上提交申请"), (REGISTERED, "登记申请"), (RECEIVED, "确认收到申请"),
        (CORRECTION_REQUESTED, "发出补正告知"), (CORRECTION_RECEIVED, "收到补正"),
        (EXTENDED, "延长答复期限"), (REASONS_REQUESTED, "要求申请人说明理由"),
        (LONGER_PERIOD, "确定延迟答复的合理期限"), (CONSULTATION_STARTED, "开始征求意见"), (CONSULTATION_ENDED, "征求意见结束"),
        (FEE_NOTIFIED, "发出收费通知"), (FEE_PAID, "申请人缴费"), (DECIDED, "作出答复"),
        (SERVED, "送达答复"), (CLOSED, "办结"),
    ]

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=KINDS)
    on = models.DateField("日期", help_text="该事项在法律上发生的日期（如签收日、送达日）")
    days = models.PositiveSmallIntegerField("工作日数", null=True, blank=True)
    party = models.CharField("征求意见对象", max_length=20, choices=choices.CONSULTATION_PARTIES, blank=True)
    until = models.DateField("确定的答复期限", null=True, blank=True,
                             help_text="《条例》第三十五条：申请数量、频次明显超过合理范围时确定的延迟答复期限")
    fee_method = models.CharField("计费方式", max_length=20, choices=choices.FEE_METHODS, blank=True)
    fee_quantity = models.PositiveIntegerField("计费件次或页数", null=True, blank=True)
    fee_amount = models.PositiveIntegerField("信息处理费（元）", null=True, blank=True)
    reason = models.TextField("理由或说明", blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.on} {self.get_kind_display()}"


class CaseView(models.Model):
    """Audit log of who opened a case: it holds personal data (《个人信息保护法》第五十一条)."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    viewed_at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20, default="view")  # view, export, letter

    class Meta:
        verbose_name = "查阅记录"
        verbose_name_plural = "查阅记录"
        ordering = ["-viewed_at"]
