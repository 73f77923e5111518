"""Every login, failed login, lockout and second-factor step goes into LoginEvent."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts.models import LoginEvent
from home.security.client import client_address

Outcome = LoginEvent.Outcome


_FROM_REQUEST = object()


def record(request, username, outcome, actor="", ip_address=_FROM_REQUEST):
    meta = getattr(request, "META", {}) if request is not None else {}
    if ip_address is _FROM_REQUEST:
        ip_address = client_address(request) if request is not None else None
    return LoginEvent.objects.create(
        username=(username or "")[:150],
        outcome=outcome,
        ip_address=ip_address,
        user_agent=meta.get("HTTP_USER_AGENT", "")[:500],
        path=(getattr(request, "path", "") or "")[:200],
        actor=actor,
    )


@receiver(user_logged_in, dispatch_uid="accounts_record_login")
def record_login(sender, request, user, **kwargs):
    record(request, user.get_username(), Outcome.SUCCESS)


def _locked_outcome(request):
    failures = getattr(request, "axes_failures_since_start", None)
    return Outcome.LOCKOUT if failures == settings.AXES_FAILURE_LIMIT else Outcome.LOCKED


@receiver(user_login_failed, dispatch_uid="accounts_record_login_failure")
def record_login_failure(sender, credentials, request=None, **kwargs):
    """Whichever of this and axes' own receiver runs first (the order depends on import order),
    the attempt ends up recorded once, as a lockout when axes locked it."""
    outcome = _locked_outcome(request) if getattr(request, "axes_locked_out", False) else Outcome.FAILURE
    event = record(request, credentials.get("username", ""), outcome)
    if request is not None:
        request.accounts_login_event = event


@receiver(user_locked_out, dispatch_uid="accounts_record_lockout")
def record_lockout(sender, request=None, username=None, **kwargs):
    event = getattr(request, "accounts_login_event", None)
    if event is not None and event.outcome == Outcome.FAILURE:
        event.outcome = _locked_outcome(request)
        event.save(update_fields=["outcome"])
