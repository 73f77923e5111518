"""Enrolling a TOTP authenticator and entering its code at sign-in, on django-otp's TOTPDevice.

wagtail-2fa was the obvious package but its 1.8.0 imports wagtail.users.widgets, removed in
Wagtail 8, so these few views are written here (docs/security.md, "Admin sign-in")."""

from base64 import b32encode

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit import Outcome, record
from accounts.forms import TokenForm
from accounts.policy import requires_second_factor

DEVICE_NAME = "验证器"


def safe_next(request, default="wagtailadmin_home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse(default)


def confirmed_devices(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True)


WRONG_TOKEN = "动态口令不正确或已经用过，请输入验证器上当前显示的 6 位数字。"
THROTTLED = "动态口令错误次数过多，请稍等片刻再试。"


def _check_token(device, token):
    """(accepted, error). django-otp doubles the wait after each wrong code
    (OTP_TOTP_THROTTLE_FACTOR); while it runs, even the right code is refused."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            return None, THROTTLED
        if device.verify_token(token):
            return device, None
    return None, WRONG_TOKEN


@never_cache
@sensitive_post_parameters("token")
@login_required
def verify(request):
    """The second step of signing in, for a user with a confirmed device."""
    devices = list(confirmed_devices(request.user))
    if not devices:
        return redirect(reverse("accounts_otp_enrol") + "?" + request.GET.urlencode())
    if request.user.is_verified():
        return redirect(safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        error = WRONG_TOKEN
        for device in devices:
            accepted, error = _check_token(device, form.cleaned_data["token"])
            if accepted is not None:
                django_otp.login(request, accepted)
                record(request, request.user.get_username(), Outcome.OTP_SUCCESS)
                return redirect(safe_next(request))
        record(request, request.user.get_username(), Outcome.OTP_FAILURE)
        form.add_error("token", error)
    return render(request, "accounts/otp_verify.html", {
        "title": "两步验证", "form": form, "next": safe_next(request),
    })


def _pending_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _grouped(secret):
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("token")
@login_required
def enrol(request):
    """Bind an authenticator: show the QR code and the secret, confirm with a first code.

    A user who already has a device must have passed the second factor first, otherwise the
    password alone would let someone bind their own phone."""
    user = request.user
    if confirmed_devices(user).exists() and not user.is_verified():
        return redirect(reverse("accounts_otp_verify") + "?" + request.GET.urlencode())
    device = _pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted, error = _check_token(device, form.cleaned_data["token"])
        if accepted is not None:
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=accepted.pk).delete()
                accepted.confirmed = True
                accepted.save(update_fields=["confirmed"])
            django_otp.login(request, accepted)
            record(request, user.get_username(), Outcome.OTP_ENROLLED)
            messages.success(request, "两步验证已启用。以后登录时，请在输入密码后输入验证器上的动态口令。")
            return redirect(safe_next(request))
        record(request, user.get_username(), Outcome.OTP_FAILURE)
        form.add_error("token", error)
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    qr = segno.make(device.config_url, error="m")
    return render(request, "accounts/otp_enrol.html", {
        "title": "绑定验证器（两步验证）",
        "form": form,
        "next": safe_next(request),
        "required": requires_second_factor(user),
        "qr_svg": mark_safe(qr.svg_inline(scale=5, title="验证器绑定二维码")),
        "secret": _grouped(secret),
        "step": device.step,
        "digits": device.digits,
    })


@never_cache
@login_required
def manage(request):
    """The account's two-factor page: status, re-binding, and (if optional) switching it off."""
    device = confirmed_devices(request.user).first()
    return render(request, "accounts/otp_manage.html", {
        "title": "两步验证",
        "device": device,
        "required": requires_second_factor(request.user),
    })


@require_POST
@login_required
def disable(request):
    user = request.user
    if requires_second_factor(user):
        messages.error(request, "您的角色必须使用两步验证，不能停用；更换手机请使用“重新绑定”。")
    elif TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.filter(user=user).delete()
        record(request, user.get_username(), Outcome.OTP_REMOVED, actor=user.get_username())
        messages.success(request, "两步验证已停用。")
    return redirect("accounts_otp_manage")
