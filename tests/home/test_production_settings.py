"""Production settings: `check --deploy` is clean with a proper environment, and they refuse to
start without a real SECRET_KEY. Each runs manage.py in a subprocess with only those settings."""

import os
import secrets
import subprocess
import sys

from tests.conftest import PROJECT_DIR


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {
        "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "SEARCH_RATE_LIMIT", "TRUSTED_PROXIES"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "govsite.settings.production", **env})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_has_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="www.wugang.gov.cn",
                        DATABASE_URL="sqlite:////tmp/govsite-deploy-check.sqlite3")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output


def test_refuses_to_start_without_a_real_secret_key():
    for key in ("", "django-insecure-" + "x" * 50, "short"):
        result = run_manage("check", SECRET_KEY=key, ALLOWED_HOSTS="www.wugang.gov.cn")
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr


HEADER_PROBE = """
from django.conf import settings
from django.test import Client
response = Client().get("/robots.txt", secure=True, HTTP_HOST="www.wugang.gov.cn")
for name in ("Strict-Transport-Security", "X-Frame-Options", "X-Content-Type-Options",
             "Content-Security-Policy", "Permissions-Policy", "Referrer-Policy"):
    print(f"{name}: {response.get(name, '')}")
print(f"SEARCH_RATE_LIMIT: {settings.SEARCH_RATE_LIMIT}")
"""


def probe_headers(settings_module, **env):
    result = run_manage("shell", "-c", HEADER_PROBE, SECRET_KEY=secrets.token_urlsafe(64),
                        ALLOWED_HOSTS="www.wugang.gov.cn", DATABASE_URL="sqlite:////tmp/govsite-deploy-check.sqlite3",
                        DJANGO_SETTINGS_MODULE=settings_module, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)


def test_production_responses_carry_the_security_headers():
    headers = probe_headers("govsite.settings.production")
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe" not in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]


def test_search_rate_limit_is_on_in_production_and_off_in_dev():
    assert probe_headers("govsite.settings.production")["SEARCH_RATE_LIMIT"] == "60/m"
    assert probe_headers("govsite.settings.production", SEARCH_RATE_LIMIT="120/m")["SEARCH_RATE_LIMIT"] == "120/m"
    assert probe_headers("govsite.settings.dev")["SEARCH_RATE_LIMIT"] == "off"
