"""Session idle timeout and the second-factor gate (docs/security.md, "Admin sign-in")."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

from accounts.audit import Outcome, record
from accounts.policy import requires_second_factor
from accounts.sessions import ACTIVITY_RESOLUTION_SECONDS, LAST_ACTIVITY_KEY, now

# Requests a browser makes on its own while a page is open; they are not the user's activity.
# Wagtail's editor pings its editing session every few seconds: counting that would keep an
# abandoned editor tab signed in for ever.
BACKGROUND_NAMESPACES = {"wagtailadmin_editing_sessions"}


def has_session_cookie(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _match(request):
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in; asking request.user would read the session
        # and add "Vary: Cookie" to every public response, defeating caches in front.
        if has_session_cookie(request):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                self.check_idle(request, user)
        return self.get_response(request)

    def check_idle(self, request, user):
        current = now()
        last = request.session.get(LAST_ACTIVITY_KEY)
        timeout = settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
        if last is not None and current - int(last) > timeout:
            username = user.get_username()
            logout(request)
            record(request, username, Outcome.IDLE_LOGOUT)
            messages.info(request, "您已超过 %d 分钟未操作，为了安全已自动退出，请重新登录。"
                          % settings.SESSION_IDLE_TIMEOUT_MINUTES)
            return
        match = _match(request)
        if match is not None and match.namespace in BACKGROUND_NAMESPACES:
            return
        if last is None or current - int(last) >= ACTIVITY_RESOLUTION_SECONDS:
            request.session[LAST_ACTIVITY_KEY] = current


# Pages a signed-in user who still owes the second factor may open.
SECOND_FACTOR_EXEMPT_URL_NAMES = {
    "wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite",
    "accounts_otp_verify", "accounts_otp_enrol", "admin:logout",
}


class SecondFactorMiddleware:
    """A user with a confirmed device must enter its code before any other page of the site;
    a user who must have one (policy.requires_second_factor) and hasn't is sent to enrol.
    It guards every path, not only /admin/: the password alone must not be a session anywhere
    (private documents, previews, /django-admin/)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.gate(request) or self.get_response(request)

    def gate(self, request):
        if not has_session_cookie(request):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if request.path_info.startswith(settings.STATIC_URL):
            return None
        match = _match(request)
        if match is not None and match.view_name in SECOND_FACTOR_EXEMPT_URL_NAMES:
            return None
        if user_has_device(user, confirmed=True):
            target = "accounts_otp_verify"
        elif requires_second_factor(user):
            target = "accounts_otp_enrol"
        else:
            return None
        return redirect(reverse(target) + "?" + urlencode({"next": request.get_full_path()}))
