"""Shared search fixtures: every test that takes `search_backend` runs on both engines.

- `embedded`: the SQLite FTS5 engine in a fresh file under tmp_path.
- `elasticsearch`: a real node (ELASTICSEARCH_URL, else 127.0.0.1:9200) with an
  index prefix unique to this test; skipped locally, failed in CI, when the node
  can't be reached (`tests.conftest.require`).

`get_backend()` follows the same settings, so the API and the index queue use
the engine under test.
"""

from __future__ import annotations

import os
import uuid
from datetime import date

import pytest

from search.backends.base import IndexedDocument
from tests.conftest import require

LOCAL_ES = "http://127.0.0.1:9200"
# A closed port on this machine: connecting fails at once, like a stopped node.
DEAD_ES = "http://127.0.0.1:9"


def es_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "").strip() or LOCAL_ES


def use_embedded(settings, path):
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_FALLBACK_TO_EMBEDDED = False
    settings.SEARCH_EMBEDDED_PATH = str(path)


@pytest.fixture(params=["embedded", "elasticsearch"])
def search_backend(request, settings, tmp_path):
    if request.param == "embedded":
        from search.backends.embedded import EmbeddedBackend

        use_embedded(settings, tmp_path / "search.sqlite3")
        yield EmbeddedBackend()
        return
    from search.backends.elasticsearch import ElasticsearchBackend
    from search.es_connection import get_client, is_healthy

    url = es_url()
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_FALLBACK_TO_EMBEDDED = False
    settings.SEARCH_INDEX_PREFIX = f"govsite-test-{os.getpid()}-{uuid.uuid4().hex[:10]}"
    require(is_healthy(get_client(url), timeout=5), f"Elasticsearch is not reachable at {url}")
    backend = ElasticsearchBackend()
    yield backend
    settings.ELASTICSEARCH_URL = url
    try:
        backend.drop()
    except Exception:  # never mask the test's own failure
        pass


def engine_down(settings, backend_name, tmp_path):
    """Point the engine under test at something that really fails."""
    if backend_name == "embedded":
        # A path below a regular file: SQLite can neither create nor open it.
        blocker = tmp_path / "not-a-directory"
        blocker.write_text("x")
        settings.SEARCH_EMBEDDED_PATH = str(blocker / "index.sqlite3")
    else:
        settings.ELASTICSEARCH_URL = DEAD_ES


def doc(page_id: int, title: str, body: str = "", **extra) -> IndexedDocument:
    extra.setdefault("kind", "normative_document")
    extra.setdefault("url", f"/zwgk/test/{page_id}/")
    extra.setdefault("publisher", "武冈市人民政府")
    return IndexedDocument(page_id=page_id, title=title, body=body, **extra)


# Small hand-written documents (never corpus text). Each behaviour test names what it relies on.
DOCS = [
    doc(1, "武冈市人民政府关于印发《武冈市城市管理办法》的通知",
        "为了加强城市管理，提高城市管理水平，制定本办法。城市管理部门负责市容环境卫生。",
        doc_number="武政发〔2024〕3号", date=date(2024, 3, 5)),
    doc(2, "武冈市最低生活保障实施办法",
        "共同生活的家庭成员人均收入低于当地最低生活保障标准的，可以申请最低生活保障。",
        doc_number="武政办发〔2023〕12号", date=date(2023, 6, 1), publisher="武冈市民政局"),
    doc(3, "关于依法查处醉酒驾驶机动车违法行为的通告",
        "醉酒驾驶机动车的，由公安机关交通管理部门约束至酒醒，吊销机动车驾驶证。",
        date=date(2024, 8, 9), publisher="武冈市公安局", kind="news"),
    doc(4, "武冈市互联网租赁自行车停放管理规定",
        "互联网租赁自行车应当在停放区域内有序停放。<script>alert(1)</script>经营者应当及时清理。",
        doc_number="武政办发〔2022〕7号", date=date(2022, 4, 18)),
    doc(5, "城管执法队员文明执法行为规范",
        "城管队员执法时应当着装整齐，文明用语，出示执法证件。",
        date=date(2021, 9, 30), publisher="武冈市城市管理和综合执法局"),
    doc(6, "武冈市2024年政府信息公开工作年度报告",
        "本年度贯彻落实公安部令第１４９号，受理政府信息公开申请１２件，全部按期答复。",
        kind="disclosure_annual_report", date=date(2025, 1, 20)),
    doc(7, "武冈市城市管理和综合执法局权责清单",
        "本清单列明行政处罚、行政强制等权责事项，明确实施主体和追责情形。",
        kind="power_list", date=date(2024, 12, 1), publisher="武冈市城市管理和综合执法局"),
    doc(8, "婚姻登记条例", "办理结婚登记的内地居民，应当出具本人的户口簿、身份证。",
        kind="regulation", date=date(2003, 8, 8), publisher="国务院"),
    doc(9, "居住证暂行条例", "公民离开常住户口所在地，到其他城市居住半年以上的，可以申领居住证。",
        kind="regulation", date=date(2015, 11, 26), publisher="国务院"),
]


def _engine_settings(name, tmp_path_factory):
    if name == "embedded":
        return {"ELASTICSEARCH_URL": "", "SEARCH_FALLBACK_TO_EMBEDDED": False,
                "SEARCH_EMBEDDED_PATH": str(tmp_path_factory.mktemp("search") / "search.sqlite3")}
    from search.es_connection import get_client, is_healthy

    url = es_url()
    require(is_healthy(get_client(url), timeout=5), f"Elasticsearch is not reachable at {url}")
    return {"ELASTICSEARCH_URL": url, "SEARCH_FALLBACK_TO_EMBEDDED": False,
            "SEARCH_INDEX_PREFIX": f"govsite-test-{os.getpid()}-{uuid.uuid4().hex[:10]}"}


@pytest.fixture(scope="module", params=["embedded", "elasticsearch"])
def shared_index(request, tmp_path_factory):
    """DOCS indexed once per test module and engine, for tests that only read."""
    from django.test import override_settings

    from search.backends import get_backend

    values = _engine_settings(request.param, tmp_path_factory)
    with override_settings(**values):
        backend = get_backend()
        backend.rebuild(DOCS)
    yield values
    if request.param == "elasticsearch":
        with override_settings(**values):
            try:
                get_backend().drop()
            except Exception:
                pass


@pytest.fixture
def indexed(shared_index, settings):
    """The engine under test, with DOCS indexed; read-only (shared by the module)."""
    from search.backends import get_backend

    for key, value in shared_index.items():
        setattr(settings, key, value)
    return get_backend()


@pytest.fixture
def fresh_indexed(search_backend):
    """A fresh index of DOCS, for tests that change it."""
    search_backend.index_documents(DOCS)
    return search_backend


@pytest.fixture
def api(client):
    def get(q=None, expect=200, **params):
        if q is not None:
            params["q"] = q
        response = client.get("/api/search/", params)
        assert response.status_code == expect, (response.status_code, response.content[:500])
        return response.json()

    return get
