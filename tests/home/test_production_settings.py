"""Production settings: `check --deploy` is clean with a proper environment, and they refuse to
start without a real SECRET_KEY. Each runs manage.py in a subprocess with only those settings."""

import os
import secrets
import subprocess
import sys

from tests.conftest import PROJECT_DIR


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(DJANGO_SETTINGS_MODULE="govsite.settings.production", **env)
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
