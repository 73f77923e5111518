"""The sign-in record: written for every attempt, shown only to 站点管理员 (报告 › 登录审计)."""

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import LoginEvent
from tests.accounts.helpers import browser, sign_in

pytestmark = pytest.mark.django_db

Outcome = LoginEvent.Outcome
AUDIT_URL = "/admin/reports/login-events/"


def menu_shown_to(user):
    from django.test import RequestFactory

    from accounts.wagtail_hooks import login_events_menu_item

    request = RequestFactory().get("/admin/")
    request.user = user
    return login_events_menu_item().is_shown(request)


@pytest.fixture
def attempts(drafter):
    """A success, a failure and a lockout, each from its own browser."""
    sign_in(browser("198.51.100.1"), "xinxiyuan")
    sign_in(browser("198.51.100.2"), "xinxiyuan", "wrong-password")
    attacker = browser("203.0.113.9")
    for _ in range(settings.LOGIN_FAILURES_ALLOWED):
        sign_in(attacker, "nobody_here", "guess")
    assert sign_in(attacker, "nobody_here", "guess").status_code == 403


def test_every_attempt_is_recorded_with_address_browser_and_outcome(attempts):
    success = LoginEvent.objects.get(outcome=Outcome.SUCCESS, username="xinxiyuan")
    assert success.ip_address == "198.51.100.1"
    assert success.user_agent == "Mozilla/5.0 (测试浏览器)"
    assert success.path == "/admin/login/"
    failure = LoginEvent.objects.get(outcome=Outcome.FAILURE, username="xinxiyuan")
    assert failure.ip_address == "198.51.100.2"
    lockout = LoginEvent.objects.get(outcome=Outcome.LOCKOUT)
    assert (lockout.username, lockout.ip_address) == ("nobody_here", "203.0.113.9")
    assert LoginEvent.objects.filter(username="nobody_here", outcome=Outcome.FAILURE).count() == 10


def test_site_admin_sees_and_filters_the_record(attempts, site_admin):
    client = browser("192.0.2.1")
    client.force_login(site_admin)
    response = client.get(AUDIT_URL)
    assert response.status_code == 200
    text = response.content.decode()
    for expected in ("登录审计", "xinxiyuan", "nobody_here", "登录成功", "登录失败（密码错误）", "账户被锁定",
                     "198.51.100.1", "203.0.113.9", "测试浏览器", "IP 地址", "结果"):
        assert expected in text, expected

    locked = client.get(AUDIT_URL, {"outcome": "lockout"}).content.decode()
    assert "nobody_here" in locked and "198.51.100.1" not in locked
    by_user = client.get(AUDIT_URL, {"username": "xinxi"}).content.decode()
    assert "198.51.100.1" in by_user and "203.0.113.9" not in by_user
    by_address = client.get(AUDIT_URL, {"ip_address": "203.0.113"}).content.decode()
    assert "nobody_here" in by_address and "198.51.100.2" not in by_address
    # The filter panel refreshes the listing from the results-only URL.
    results = client.get(AUDIT_URL + "results/", {"outcome": "success"})
    assert results.status_code == 200
    assert "198.51.100.1" in results.content.decode() and "203.0.113.9" not in results.content.decode()
    today = timezone.localdate().isoformat()
    assert "nobody_here" in client.get(AUDIT_URL, {"time_from": today, "time_to": today}).content.decode()
    assert "nobody_here" not in client.get(AUDIT_URL, {"time_to": "2020-01-01"}).content.decode()

    assert menu_shown_to(site_admin)


def test_drafter_is_refused_the_record(attempts, drafter):
    client = browser("192.0.2.2")
    client.force_login(drafter)
    response = client.get(AUDIT_URL)
    assert response.status_code in (302, 403)
    assert "nobody_here" not in response.content.decode()
    if response.status_code == 302:
        assert "nobody_here" not in client.get(response["Location"]).content.decode()
    assert not menu_shown_to(drafter)


def test_the_record_cannot_be_edited_in_the_admin(site_admin):
    from django.contrib.auth.models import Permission

    codenames = set(Permission.objects.filter(content_type__app_label="accounts").values_list("codename", flat=True))
    assert codenames == {"view_loginevent", "unlock_account"}
