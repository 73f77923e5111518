"""How tests sign in now that the admin asks for a second factor and django-axes watches every
password attempt (docs/security.md, "Admin sign-in").

- `client.force_login(user)` stands for a user who has completed the whole sign-in: password and
  second factor. After logging in it gives the user a confirmed TOTP device (if it has none) and
  marks the session verified through django_otp.login, exactly what the verify page does. So the
  many admin tests that force_login a 站点管理员 or a 领导 keep testing their own subject, and
  the real OTP middleware still runs on every request they make.
- `client.login(username=..., password=...)` is the password step only. It passes a request to
  authenticate(), which django-axes requires, so axes counts it like a real attempt.
- Tests of the sign-in itself post to /admin/login/ and /admin/two-factor/... like a browser
  (tests/accounts/), or call `force_login_password_only`.

Installed once from tests/conftest.py.
"""

from django.http import HttpRequest
from django.test.client import ClientMixin

TEST_DEVICE_NAME = "测试验证器"
_original_force_login = ClientMixin.force_login
_original_login = ClientMixin.login


def mark_second_factor_passed(client, user):
    import django_otp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or \
        TOTPDevice.objects.create(user=user, name=TEST_DEVICE_NAME, confirmed=True)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    django_otp.login(request, device)
    request.session.save()
    return device


def force_login_password_only(client, user, backend=None):
    """A session after the password only, the second factor still owed."""
    _original_force_login(client, user, backend)


def force_login(self, user, backend=None):
    _original_force_login(self, user, backend)
    mark_second_factor_passed(self, user)


def login(self, **credentials):
    if "request" not in credentials:
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        credentials["request"] = request
    return _original_login(self, **credentials)


def install():
    ClientMixin.force_login = force_login
    ClientMixin.login = login
