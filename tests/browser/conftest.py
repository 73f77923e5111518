"""Playwright driving Debian's Chromium (Playwright can't download its own browser here)."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import require

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
