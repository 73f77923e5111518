"""Password rules and session lifetime (docs/security.md, "Admin sign-in")."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.models import LoginEvent
from accounts.sessions import LAST_ACTIVITY_KEY, now
from tests.accounts.helpers import browser, make_user, sign_in

pytestmark = pytest.mark.django_db


def errors_for(password, user=None):
    try:
        with translation.override(settings.LANGUAGE_CODE):
            validate_password(password, user=user)
    except ValidationError as error:
        return error.messages
    return []


def test_weak_passwords_are_refused_with_chinese_messages(roles):
    user = make_user("zhangsan_admin")
    assert any("至少需要 12 个字符" in m for m in errors_for("gov12345"))
    assert any("至少 3 类" in m for m in errors_for("gov12345"))
    assert any("至少 3 类" in m for m in errors_for("abcdefghijklmn"))
    assert any("太常见" in m for m in errors_for("john!20130605at1753"))
    assert any("相似" in m for m in errors_for("Zhangsan_admin1", user))
    assert any("只包含数字" in m for m in errors_for("314159265358979"))
    assert errors_for("Gx7#kq2-Lmw9pz", user) == []


def test_wagtail_user_form_refuses_a_weak_password(site_admin):
    client = browser()
    client.force_login(site_admin)
    data = {"username": "newuser", "email": "new@example.gov.cn", "first_name": "新", "last_name": "用户",
            "password1": "gov12345", "password2": "gov12345"}
    from django.urls import reverse

    url = reverse("wagtailusers_users:add")
    response = client.post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "至少 3 类" in text
    assert not type(site_admin).objects.filter(username="newuser").exists()
    data.update(password1="Gx7#kq2-Lmw9pz", password2="Gx7#kq2-Lmw9pz")
    assert client.post(url, data).status_code == 302


def test_demo_passwords_satisfy_the_rules(db):
    from django.contrib.auth import get_user_model

    from review import demo

    for username, password, display, *_ in demo.DEMO_USERS:
        user = get_user_model()(username=username, first_name=display)
        assert errors_for(password, user) == [], username


def test_sessions_end_with_the_browser_and_are_never_fortnight_long(drafter):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    client = browser()
    response = sign_in(client, "xinxiyuan")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_a_session_idle_past_the_timeout_is_logged_out(drafter):
    assert settings.SESSION_IDLE_TIMEOUT_MINUTES == 30
    client = browser()
    assert sign_in(client, "xinxiyuan").status_code == 302
    assert client.get("/admin/").status_code == 200

    session = client.session
    session[LAST_ACTIVITY_KEY] = now() - 29 * 60
    session.save()
    assert client.get("/admin/").status_code == 200  # 29 minutes: still signed in, clock restarted
    assert client.session[LAST_ACTIVITY_KEY] >= now() - 5

    session = client.session
    session[LAST_ACTIVITY_KEY] = now() - 31 * 60
    session.save()
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    login_page = client.get(response["Location"])
    assert "未操作" in login_page.content.decode()
    assert client.get("/admin/").status_code == 302
    assert LoginEvent.objects.filter(username="xinxiyuan", outcome=LoginEvent.Outcome.IDLE_LOGOUT).exists()


def test_the_editor_ping_does_not_count_as_activity(drafter):
    from django.urls import reverse

    from accounts.middleware import BACKGROUND_NAMESPACES

    client = browser()
    client.force_login(drafter)
    session = client.session
    session[LAST_ACTIVITY_KEY] = stale = now() - 10 * 60
    session.save()
    ping = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", "1", 1])
    assert "wagtailadmin_editing_sessions" in BACKGROUND_NAMESPACES
    client.post(ping)
    assert client.session[LAST_ACTIVITY_KEY] == stale


def test_every_password_rule_speaks_chinese(roles):
    """Each validator's message and help text, rendered in the site's language, holds Chinese
    and no English sentence (a stale catalogue entry would fall back to English)."""
    from django.contrib.auth.password_validation import get_default_password_validators, password_validators_help_texts

    user = make_user("lisi")
    for password in ["gov12345", "abcdefghijklmn", "john!20130605at1753", "Lisi-lisi-1", "314159265358979"]:
        for message in errors_for(password, user):
            assert not re.search(r"[A-Za-z]{4,}", message.replace("password", "")), message
    with translation.override(settings.LANGUAGE_CODE):
        for text in password_validators_help_texts(get_default_password_validators()):
            assert not re.search(r"\b(?:password|must|your)\b", text, re.I), text
