"""Account lockout with django-axes on both admins (docs/security.md, "Admin sign-in")."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings

from accounts.models import LoginEvent
from tests.accounts.helpers import PASSWORD, browser, make_user, sign_in

pytestmark = pytest.mark.django_db

Outcome = LoginEvent.Outcome


def signed_in(client):
    return client.get("/admin/").status_code == 200


def test_ten_wrong_passwords_are_tolerated(drafter):
    client = browser()
    for _ in range(10):
        response = sign_in(client, "xinxiyuan", "wrong-password")
        assert response.status_code == 200
        assert "账户已锁定" not in response.content.decode()
    assert sign_in(client, "xinxiyuan").status_code == 302
    assert signed_in(client)
    # A successful sign-in starts the count again.
    assert not AccessAttempt.objects.filter(username="xinxiyuan").exists()


def test_the_eleventh_wrong_password_locks_and_the_right_one_is_refused_until_the_cool_off_ends(drafter):
    assert settings.LOGIN_FAILURES_ALLOWED == 10
    client = browser()
    for _ in range(10):
        assert sign_in(client, "xinxiyuan", "wrong-password").status_code == 200
    response = sign_in(client, "xinxiyuan", "wrong-password")
    assert response.status_code == 403
    text = response.content.decode()
    assert "账户已锁定" in text and "登录失败次数过多" in text and "站点管理员" in text

    # The right password, even from another address, is refused while the lock lasts.
    for other in (client, browser("198.51.100.7")):
        response = sign_in(other, "xinxiyuan")
        assert response.status_code == 403
        assert "账户已锁定" in response.content.decode()
        assert not signed_in(other)

    # The lock ends LOGIN_LOCKOUT_MINUTES after the last attempt.
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=30)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=31))
    assert sign_in(client, "xinxiyuan").status_code == 302
    assert signed_in(client)
    outcomes = list(LoginEvent.objects.filter(username="xinxiyuan").order_by("pk").values_list("outcome", flat=True))
    assert outcomes == [Outcome.FAILURE] * 10 + [Outcome.LOCKOUT, Outcome.LOCKED, Outcome.LOCKED, Outcome.SUCCESS]


def lock(username, client=None, url="/admin/login/"):
    client = client or browser()
    for _ in range(settings.LOGIN_FAILURES_ALLOWED + 1):
        response = sign_in(client, username, "wrong-password", url=url)
    assert response.status_code == 403
    return client


def test_a_site_admin_unlocks_the_account_in_the_admin(drafter, site_admin):
    client = lock("xinxiyuan")
    assert sign_in(client, "xinxiyuan").status_code == 403

    admin = browser("192.0.2.10")
    admin.force_login(site_admin)
    page = admin.get("/admin/account-security/")
    assert page.status_code == 200
    assert "xinxiyuan" in page.content.decode() and "被锁定的账户" in page.content.decode()
    response = admin.post("/admin/account-security/unlock/", {"username": "xinxiyuan"}, follow=True)
    assert "已解除账户“xinxiyuan”的锁定" in response.content.decode()
    assert 'value="xinxiyuan"' not in admin.get("/admin/account-security/").content.decode()

    assert sign_in(client, "xinxiyuan").status_code == 302
    assert signed_in(client)
    event = LoginEvent.objects.get(outcome=Outcome.UNLOCKED)
    assert (event.username, event.actor) == ("xinxiyuan", "zhandian_admin")


def test_a_site_admin_unlocks_an_address(roles, site_admin):
    make_user("someone")
    attacker = browser("203.0.113.77")
    for index in range(settings.LOGIN_FAILURES_ALLOWED + 1):
        sign_in(attacker, f"guess{index}", "wrong-password")
    assert sign_in(attacker, "someone").status_code == 403

    admin = browser("192.0.2.10")
    admin.force_login(site_admin)
    page = admin.get("/admin/account-security/").content.decode()
    assert "被锁定的地址" in page and "203.0.113.77" in page
    response = admin.post("/admin/account-security/unlock/", {"ip_address": "203.0.113.77"}, follow=True)
    assert "已解除地址 203.0.113.77 的锁定" in response.content.decode()
    assert 'value="203.0.113.77"' not in admin.get("/admin/account-security/").content.decode()
    assert sign_in(attacker, "someone").status_code == 302
    event = LoginEvent.objects.get(outcome=Outcome.UNLOCKED)
    assert (event.ip_address, event.actor) == ("203.0.113.77", "zhandian_admin")


def test_a_drafter_cannot_unlock(drafter):
    lock("xinxiyuan")
    other = make_user("other_drafter", "信息员")
    client = browser("192.0.2.11")
    client.force_login(other)
    response = client.post("/admin/account-security/unlock/", {"username": "xinxiyuan"})
    assert response.status_code in (302, 403)
    assert AccessAttempt.objects.filter(username="xinxiyuan").exists()
    assert client.get("/admin/account-security/").status_code in (302, 403)


def test_django_admin_locks_too(roles):
    make_user("staff_root", is_staff=True, is_superuser=True)
    client = lock("staff_root", url="/django-admin/login/")
    response = sign_in(client, "staff_root", url="/django-admin/login/", next_url="/django-admin/")
    assert response.status_code == 403
    assert "账户已锁定" in response.content.decode()
    # The same account is locked on the Wagtail login too.
    assert sign_in(browser("203.0.113.5"), "staff_root").status_code == 403


def test_one_address_trying_many_accounts_is_locked(roles):
    for index in range(3):
        make_user(f"user{index}")
    client = browser("203.0.113.50")
    responses = [sign_in(client, f"user{index % 3}", "Common-Password-1") for index in range(11)]
    assert [r.status_code for r in responses] == [200] * 10 + [403]
    assert sign_in(client, "user0").status_code == 403
    assert sign_in(browser("203.0.113.51"), "user0").status_code == 302


@override_settings(GOVSITE_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_one_proxy_the_address_nginx_saw_is_counted(drafter):
    client = browser("10.0.0.2")  # nginx's own address
    response = client.post("/admin/login/", {"username": "xinxiyuan", "password": "wrong"},
                           HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.23")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == "198.51.100.23"
    assert LoginEvent.objects.get().ip_address == "198.51.100.23"


@override_settings(GOVSITE_TRUSTED_PROXIES=[])
def test_without_trusted_proxies_a_forged_header_is_not_counted(drafter):
    client = browser("198.51.100.7")
    client.post("/admin/login/", {"username": "xinxiyuan", "password": "wrong"}, HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    assert LoginEvent.objects.get().ip_address == "198.51.100.7"


def test_test_client_login_is_counted_by_axes(drafter):
    client = browser()
    assert client.login(username="xinxiyuan", password=PASSWORD)
    assert not client.login(username="xinxiyuan", password="wrong")
    assert AccessAttempt.objects.filter(username="xinxiyuan").exists()
