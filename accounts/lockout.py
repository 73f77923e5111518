"""The page a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE), in Chinese, for both admins."""

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    return render(request, "accounts/locked_out.html", {
        "username": get_client_username(request, credentials) or "",
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }, status=settings.AXES_HTTP_RESPONSE_CODE)
