"""Stopping the real Elasticsearch node mid-test loses no publish.

The node is really killed (its pid file), editors publish and unpublish while
it is down, and the node is restarted with `.ci/services.sh elasticsearch`:
the durable queue keeps the backlog and, drained, every change is searchable.
The node is always restarted, even when the test fails, so the rest of the
suite keeps its Elasticsearch.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from wagtail.models import Page

from disclosure.models import ColumnPage, NormativeDocumentPage
from home.demo import ensure_home
from search import queue
from search.backends.base import SearchRequest, SearchUnavailable
from search.models import IndexQueueEntry
from tests.conftest import PROJECT_DIR, require
from tests.search.es_fixtures import LOCAL_URL, es_settings, es_url  # noqa: F401

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db, pytest.mark.slow]

ES_HOME_BASE = Path(os.environ.get("ES_HOME_BASE", "/opt/es"))
PID_FILE = ES_HOME_BASE / "es.pid"
SERVICES = PROJECT_DIR / ".ci" / "services.sh"


def _healthy(timeout=2.0) -> bool:
    from search.es_connection import get_client, is_healthy

    return is_healthy(get_client(es_url()), timeout=timeout)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _may_signal(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    return True


def stop_node(timeout=60.0) -> None:
    pid = int(PID_FILE.read_text().strip())
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
        time.sleep(1)
    assert not _alive(pid), "the Elasticsearch node did not stop"


def start_node(timeout=240.0) -> None:
    if _healthy():
        return
    subprocess.run(["bash", str(SERVICES), "elasticsearch"], cwd=PROJECT_DIR, timeout=timeout,
                   check=False, capture_output=True)
    deadline = time.monotonic() + 60
    while not _healthy(timeout=5) and time.monotonic() < deadline:
        time.sleep(1)
    assert _healthy(timeout=10), "Elasticsearch did not come back after the restart"


def publish_in_transaction(action, capture):
    with capture(execute=True):
        return action()


def new_page(parent, title, text, capture):
    page = NormativeDocumentPage(title=title, slug=f"p-{abs(hash(title)) % 10**8}",
                                 body=[("paragraph", f"<p>{text}</p>")])
    parent.add_child(instance=page)
    publish_in_transaction(page.save_revision().publish, capture)
    return Page.objects.get(pk=page.pk).specific


def titles(backend, q):
    return [hit.title for hit in backend.search(SearchRequest(q=q)).hits]


def test_pages_published_while_the_node_is_down_are_searchable_after_restart(
        es_settings, client, django_capture_on_commit_callbacks):  # noqa: F811
    from search.backends import get_backend

    capture = django_capture_on_commit_callbacks
    require(es_url().rstrip("/") == LOCAL_URL, "this test stops the local node, not a remote cluster")
    require(PID_FILE.exists() and SERVICES.exists(), f"no local Elasticsearch pid file at {PID_FILE}")
    require(_may_signal(int(PID_FILE.read_text().strip())), "this user may not stop the Elasticsearch process")
    require(_healthy(timeout=5), f"Elasticsearch is not reachable at {es_url()}")

    home, _site = ensure_home("testserver", 80)
    column = ColumnPage(title="规范性文件", slug="gfxwj")
    home.add_child(instance=column)
    publish_in_transaction(column.save_revision().publish, capture)
    backend = get_backend()
    before = new_page(column, "武冈市城区犬只管理办法", "养犬应当办理犬只登记。", capture)
    assert titles(backend, "犬只登记") == ["武冈市城区犬只管理办法"]

    try:
        stop_node()
        assert backend.ping() is False
        with pytest.raises(SearchUnavailable):
            backend.search(SearchRequest(q="犬只"))

        # Editors keep working: publishing succeeds and the queue keeps every change.
        during = new_page(column, "武冈市夜间施工噪声管理规定", "夜间施工应当取得噪声排放许可。", capture)
        publish_in_transaction(before.unpublish, capture)
        assert Page.objects.get(pk=during.pk).live
        assert list(IndexQueueEntry.objects.values_list("page_id", flat=True)) == [during.pk, before.pk]
        assert queue.status()["last_error"]
        response = client.get("/api/search/", {"q": "噪声"})
        assert response.status_code in (200, 503) and "检索服务" in response.json().get("error", "检索服务")
    finally:
        start_node()

    assert queue.flush() == 2
    assert queue.status()["backlog"] == 0
    assert titles(backend, "噪声排放许可") == ["武冈市夜间施工噪声管理规定"]
    assert titles(backend, "犬只登记") == []
