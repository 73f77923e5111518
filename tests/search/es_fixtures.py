"""Fixtures for the Elasticsearch-only tests: a real node, one fresh alias per test."""

from __future__ import annotations

import os
import uuid
from datetime import date

import pytest

from search.backends.base import IndexedDocument
from tests.conftest import require

LOCAL_URL = "http://127.0.0.1:9200"


def es_url() -> str:
    # .ci/run's SQLite pass sets only TEST_ELASTICSEARCH_URL; its PostgreSQL pass sets both.
    for name in ("ELASTICSEARCH_URL", "TEST_ELASTICSEARCH_URL"):
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return LOCAL_URL


def unique_prefix() -> str:
    return f"govsite-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def es_client():
    from search.es_connection import get_client, is_healthy

    client = get_client(es_url())
    require(is_healthy(client, timeout=5), f"Elasticsearch is not reachable at {es_url()}")
    return client


def _backend(client):
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(client, prefix=unique_prefix())


def _drop(backend):
    try:
        backend.drop()
    except Exception:  # a test that stopped the node restarts it; never mask its failure
        pass


@pytest.fixture
def es_backend(es_client):
    """An empty alias of its own, dropped afterwards."""
    backend = _backend(es_client)
    yield backend
    _drop(backend)


@pytest.fixture(scope="module")
def sample_backend(es_client):
    """SAMPLE indexed once for the read-only tests of a module."""
    backend = _backend(es_client)
    backend.index_documents(SAMPLE)
    yield backend
    _drop(backend)


@pytest.fixture
def es_settings(settings):
    """Settings that make `get_backend()` pick Elasticsearch, on an alias of its own (dropped afterwards)."""
    from search.backends.elasticsearch import ElasticsearchBackend
    from search.es_connection import get_client

    settings.ELASTICSEARCH_URL = es_url()
    settings.SEARCH_FALLBACK_TO_EMBEDDED = False
    settings.SEARCH_INDEX_PREFIX = unique_prefix()
    yield settings
    _drop(ElasticsearchBackend(get_client(es_url()), prefix=settings.SEARCH_INDEX_PREFIX))


def doc(page_id: int, title: str, body: str = "", **extra) -> IndexedDocument:
    extra.setdefault("kind", "normative_document")
    extra.setdefault("url", f"/zwgk/test/{page_id}/")
    return IndexedDocument(page_id=page_id, title=title, body=body, **extra)


SAMPLE = [
    doc(1, "武冈市城市管理综合执法局关于规范醉酒驾驶处罚的通知", "对醉酒驾驶机动车的，依法吊销机动车驾驶证。",
        publisher="武冈市城市管理综合执法局", date=date(2024, 3, 5), doc_number="武城管发〔2024〕3号"),
    doc(2, "武冈市最低生活保障办法", "申请最低生活保障，应当向户籍所在地乡镇人民政府提出。",
        publisher="武冈市民政局", date=date(2023, 6, 1), doc_number="武政发〔2023〕12号"),
    doc(3, "2024年法治政府建设年度报告", "一年来，我局坚持依法行政。公安部令第１４９号已贯彻落实。",
        kind="rule_of_law_report", publisher="武冈市城市管理综合执法局", date=date(2025, 3, 20)),
    doc(4, "关于做好城市道路停车管理的公告", "机动车应当在停车泊位内停放。<script>alert(1)</script> 城市管理部门负责。",
        kind="news", publisher="武冈市城市管理综合执法局", date=date(2024, 11, 2)),
]
