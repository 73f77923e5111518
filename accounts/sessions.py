"""Idle timeout bookkeeping: the time of the user's last request is kept in the session."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

LAST_ACTIVITY_KEY = "accounts_last_activity"
# Writing the session on every request would cost a database write per click; a minute of
# imprecision in a 30-minute timeout does not matter.
ACTIVITY_RESOLUTION_SECONDS = 60


def now():
    return int(time.time())


@receiver(user_logged_in, dispatch_uid="accounts_start_idle_clock")
def start_idle_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = now()
