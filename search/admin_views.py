"""检索状态: the search-index queue and a rebuild button in the admin (issue 16).

The page shows what `manage.py search_index --status` prints. The rebuild button starts
`manage.py search_index --rebuild` as a separate process and returns at once: a rebuild reads
every searchable page and on a large site takes minutes, far longer than a web request may
last (gunicorn's worker timeout, the proxy's read timeout). Search keeps answering from the
old index until the new one is swapped in, so nothing is lost if the process dies; the
button can simply be pressed again.

One rebuild at a time: the process holds an exclusive lock on its log file (the lock belongs
to the open file it inherits as stdout), so the lock disappears when the process ends, however
it ends. The page shows whether a rebuild is running and the end of the last one's output.
"""

import datetime
import fcntl
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from review.denied import permission_denied
from review.guards import is_site_admin
from search import queue
from search.backends import get_backend
from search.backends.base import SearchUnavailable

LOG_TAIL_LINES = 20


def rebuild_log_path():
    return Path(settings.SEARCH_REBUILD_LOG)


def rebuild_command():
    """The rebuild process's argv: the same command an operator runs by hand."""
    configured = getattr(settings, "SEARCH_REBUILD_COMMAND", None)
    if configured:
        return list(configured)
    return [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "search_index", "--rebuild"]


def _locked(log_file):
    try:
        fcntl.flock(log_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    return False


def rebuild_running():
    path = rebuild_log_path()
    if not path.exists():
        return False
    with path.open("a") as log_file:
        running = _locked(log_file)
        if not running:
            fcntl.flock(log_file.fileno(), fcntl.LOCK_UN)
        return running


def start_rebuild():
    """Start the rebuild process unless one is running. Returns False if one already was."""
    path = rebuild_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as log_file:
        if _locked(log_file):
            return False
        log_file.truncate(0)
        log_file.write(f"{timezone.localtime():%Y-%m-%d %H:%M:%S} 开始重建检索索引\n")
        log_file.flush()
        # The child inherits this open file (and with it the lock) as stdout and stderr and
        # runs in its own session, so it outlives this request and the worker that served it.
        subprocess.Popen(rebuild_command(), cwd=settings.BASE_DIR, stdin=subprocess.DEVNULL,
                         stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True, env=os.environ.copy())
    return True


def last_rebuild_output():
    path = rebuild_log_path()
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    modified = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
    return {"lines": lines[-LOG_TAIL_LINES:], "at": timezone.localtime(modified)}


def index_status(request):
    if not is_site_admin(request.user):
        return permission_denied(request)
    backend = get_backend()
    try:
        documents, unavailable = backend.count(), None
    except SearchUnavailable as exc:
        documents, unavailable = None, str(exc)
    return TemplateResponse(request, "search/admin/index_status.html", {
        "engine": backend.name,
        "documents": documents,
        "unavailable": unavailable,
        "state": queue.status(),
        "rebuild_running": rebuild_running(),
        "last_rebuild": last_rebuild_output(),
    })


@require_http_methods(["POST"])
def rebuild_index(request):
    if not is_site_admin(request.user):
        return permission_denied(request)
    if start_rebuild():
        messages.success(request, "已开始重建检索索引。重建在后台进行，期间检索仍使用原索引；完成后本页会显示结果。")
    else:
        messages.warning(request, "检索索引正在重建，请等待本次重建完成。")
    return redirect("search_admin:index_status")
