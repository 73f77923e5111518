"""Shared fixtures.

A test that needs a service it can't reach calls `require(...)`: locally it is
skipped with the reason; in CI (GOVSITE_STRICT_SERVICES=1, set by .ci/run) the
skip becomes a failure, so a missing service can never pass silently.
"""

import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests import sign_in

# force_login = password and second factor; see tests/sign_in.py.
sign_in.install()

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("GOVSITE_SHARED_DIR", PROJECT_DIR.parent / "shared"))
CORPUS_PATH = SHARED_DIR / "corpus" / "regulations.jsonl"
SEED_PATH = PROJECT_DIR / "home" / "demo_data" / "wugang-urban-management-2024-rule-of-law-report.txt"


def strict_services():
    return os.environ.get("GOVSITE_STRICT_SERVICES", "") in {"1", "true", "yes"}


def require(condition, reason):
    """Skip (locally) or fail (in CI) when a needed service or file is missing."""
    if condition:
        return
    if strict_services():
        pytest.fail(f"required in CI but unavailable: {reason}", pytrace=False)
    pytest.skip(reason)


def ensure_test_database():
    """Module-scoped fixtures open the database themselves. pytest-django only creates the test
    database when some collected test is marked django_db (or uses `db`); without that they
    would be talking to the developer's own database. Refuse instead."""
    from django.db import connection
    from django.db.backends.base.creation import TEST_DATABASE_PREFIX

    name = str(connection.settings_dict["NAME"])
    if not (name.startswith(TEST_DATABASE_PREFIX) or name == connection.settings_dict["TEST"].get("NAME")
            or "memorydb" in name or name == ":memory:"):
        raise RuntimeError("this fixture needs the test database: mark the test module "
                           "`pytestmark = pytest.mark.django_db`")


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo tree, seed and site identity, built once per module and rolled back after it."""
    from django.db import transaction

    from home.demo import build_site

    with django_db_blocker.unblock():
        ensure_test_database()
        with transaction.atomic():
            home = build_site(io.StringIO(), hostname="127.0.0.1", port=8000)
            yield home
            transaction.set_rollback(True)


@pytest.fixture
def corpus_path():
    require(CORPUS_PATH.exists(), f"the regulations corpus is absent at {CORPUS_PATH}")
    return CORPUS_PATH


# Browser tests: Playwright driving Debian's Chromium (Playwright can't download its own browser
# here). One session-wide instance: two sync Playwright instances can't share a thread.
CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def chromium_path():
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    require(executable is not None, "Debian's chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - requirements-dev installs it
        require(False, "playwright is not installed")
    profile_home = tempfile.mkdtemp(prefix="govsite-chromium-")
    old_env = {k: os.environ.get(k) for k in ("HOME", "TMPDIR", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    os.environ["HOME"] = os.environ["TMPDIR"] = profile_home
    # Playwright's sync API keeps an event loop in this thread; the ORM calls made by
    # the test body are still synchronous, so Django's async guard would be a false alarm.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
            yield instance
            instance.close()
    finally:
        for key, value in old_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(profile_home, ignore_errors=True)


@pytest.fixture
def page_at(browser):
    """Open a new page with the given viewport width: `page = page_at(375)`."""
    contexts = []

    def open_page(width=1280, height=800):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


class StoppedClock:
    """The limiter counts in fixed windows of wall-clock time; a slow run (CI took over a minute
    for 300 requests) must not cross into the next window halfway. The cache stays real."""

    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now


@pytest.fixture
def rate_limit_clock(monkeypatch):
    from home.security import ratelimit

    stopped = StoppedClock(1_800_000_000.0 + 10)  # 10 s into a one-minute window
    monkeypatch.setattr(ratelimit, "time", stopped)
    return stopped
