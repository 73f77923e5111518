"""The sign-in audit record (docs/security.md, "Admin sign-in").

Kept apart from Wagtail's PageLogEntry: a failed login often names no existing user, and the
record must keep the address and browser of every attempt."""

from django.db import models
from django.utils import timezone


class LoginEvent(models.Model):
    class Outcome(models.TextChoices):
        SUCCESS = "success", "登录成功"
        FAILURE = "failure", "登录失败（密码错误）"
        LOCKOUT = "lockout", "账户被锁定"
        LOCKED = "locked", "锁定期间拒绝登录"
        OTP_SUCCESS = "otp_success", "动态口令验证通过"
        OTP_FAILURE = "otp_failure", "动态口令错误"
        OTP_ENROLLED = "otp_enrolled", "绑定验证器"
        OTP_REMOVED = "otp_removed", "解除验证器"
        UNLOCKED = "unlocked", "管理员解除锁定"
        IDLE_LOGOUT = "idle_logout", "闲置超时退出"

    time = models.DateTimeField("时间", default=timezone.now, db_index=True)
    username = models.CharField("用户名", max_length=150, blank=True, db_index=True)
    outcome = models.CharField("结果", max_length=20, choices=Outcome.choices, db_index=True)
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=500, blank=True)
    path = models.CharField("入口", max_length=200, blank=True)
    actor = models.CharField("操作人", max_length=150, blank=True,
                             help_text="解除锁定或解除验证器的管理员")

    class Meta:
        ordering = ["-time", "-pk"]
        verbose_name = "登录记录"
        verbose_name_plural = "登录记录"
        # Read-only by design: no add/change/delete permissions exist to be granted.
        default_permissions = ("view",)
        permissions = [("unlock_account", "可解除账户锁定和重置两步验证")]

    @property
    def local_time(self):
        return timezone.localtime(self.time).strftime("%Y-%m-%d %H:%M:%S")

    def __str__(self):
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.username} {self.get_outcome_display()}"
