"""Shared fixtures.

A test that needs a service it can't reach calls `require(...)`: locally it is
skipped with the reason; in CI (GOVSITE_STRICT_SERVICES=1, set by .ci/run) the
skip becomes a failure, so a missing service can never pass silently.
"""

import os
from pathlib import Path

import pytest

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


@pytest.fixture
def corpus_path():
    require(CORPUS_PATH.exists(), f"the regulations corpus is absent at {CORPUS_PATH}")
    return CORPUS_PATH
