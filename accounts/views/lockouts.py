"""设置 › 账户安全: locked accounts with an unlock button, and resetting a lost authenticator."""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit import Outcome, record
from accounts.forms import ResetTwoFactorForm
from home.security.client import valid_ip

UNLOCK_PERMISSION = "accounts.unlock_account"


def _require_permission(request):
    if not request.user.has_perm(UNLOCK_PERMISSION):
        raise PermissionDenied


def locked(field):
    """Usernames (field="username") or addresses (field="ip_address") whose failures inside the
    cool-off window reached the limit: axes locks on either (AXES_LOCKOUT_PARAMETERS)."""
    attempts = AccessAttempt.objects.exclude(**{f"{field}__isnull": True})
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    rows = (attempts.values(field).annotate(failures=Sum("failures_since_start"),
                                            last_attempt=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT).order_by("-last_attempt"))
    rows = list(rows)
    for row in rows:
        last = timezone.localtime(row["last_attempt"])
        row["last_attempt"] = last.strftime("%Y-%m-%d %H:%M:%S")
        # Every refused attempt restarts the cool-off (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
        row["until"] = ((last + settings.AXES_COOLOFF_TIME).strftime("%Y-%m-%d %H:%M:%S")
                        if settings.AXES_COOLOFF_TIME is not None else "")
    return rows


def security(request):
    _require_permission(request)
    return render(request, "accounts/security.html", {
        "locked_accounts": locked("username"),
        "locked_addresses": locked("ip_address"),
        "reset_form": ResetTwoFactorForm(),
        "failures_allowed": settings.LOGIN_FAILURES_ALLOWED,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None,
    })


@require_POST
def unlock(request):
    _require_permission(request)
    username = request.POST.get("username", "").strip()
    address = request.POST.get("ip_address", "").strip()
    if username:
        count = AxesProxyHandler.reset_attempts(username=username)
        label = "账户“%s”" % username
    elif address:
        count = AxesProxyHandler.reset_attempts(ip_address=address) if valid_ip(address) else 0
        label = "地址 %s " % address
    else:
        return redirect("accounts_security")
    if count:
        # The row names the account or address concerned; 操作人 is the administrator.
        record(request, username, Outcome.UNLOCKED, actor=request.user.get_username(),
               ip_address=None if username else address)
        messages.success(request, "已解除%s的锁定。" % label)
    else:
        messages.info(request, "%s当前没有被锁定。" % label)
    return redirect("accounts_security")


@require_POST
def reset_two_factor(request):
    _require_permission(request)
    form = ResetTwoFactorForm(request.POST)
    if form.is_valid():
        username = form.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            messages.error(request, "没有用户名为“%s”的用户。" % username)
        else:
            removed, _ = TOTPDevice.objects.filter(user=user).delete()
            if removed:
                record(request, username, Outcome.OTP_REMOVED, actor=request.user.get_username())
                messages.success(request, "已解除“%s”的验证器。该用户下次登录时须重新绑定。" % username)
            else:
                messages.info(request, "“%s”没有绑定验证器。" % username)
    else:
        messages.error(request, "请输入用户名。")
    return redirect("accounts_security")
