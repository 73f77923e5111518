"""Signing in the way a browser does, for the sign-in tests (and the browser workflow test)."""

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.oath import TOTP

from review.roles import add_user_to_role

PASSWORD = "Sign-in-test-2025"


def make_user(username, role=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role:
        add_user_to_role(user, role)
    return user


def browser(address="127.0.0.1"):
    """A client that looks like one browser at one address."""
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT="Mozilla/5.0 (测试浏览器)")


def sign_in(client, username, password=PASSWORD, url="/admin/login/", next_url="/admin/"):
    return client.post(url, {"username": username, "password": password, "next": next_url})


def token_for(device, steps_ahead=0):
    """The code the user's authenticator app shows now (or `steps_ahead` periods later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return str(totp.token()).zfill(device.digits)
