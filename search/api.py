"""`GET /api/search/` exactly as docs/architecture.md ("Stable interfaces") describes it, and the parameter rules the HTML page shares.

Bad parameters get a 400 JSON error in Chinese; an empty query gets a 200 with
no results; an unreachable engine gets a 503 with a clear message. Nothing a
citizen types can produce a 500.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from disclosure.kinds import KIND_LABELS
from home.params import parse_int
from home.security.ratelimit import rate_limited
from search.analysis import MAX_QUERY_CHARS
from search.backends import get_backend
from search.backends.base import SearchRequest, SearchResults, SearchUnavailable

log = logging.getLogger(__name__)

MAX_PAGE_SIZE = 50
MAX_PAGE = 500
UNAVAILABLE_MESSAGE = "检索服务暂时不可用，请稍后再试。"


def kind_labels() -> dict[str, str]:
    return dict(KIND_LABELS)


class BadParameter(ValueError):
    """A parameter a citizen can fix; the message is shown as is."""


@dataclass
class ParsedQuery:
    request: SearchRequest
    q: str


def _int(value, name, low, high, default):
    if value in (None, ""):
        return default
    number = parse_int(value, low, high)
    if number is None:
        text = value.strip()
        if not (text.isascii() and text.isdigit()):
            raise BadParameter(f"参数 {name} 应为整数。")
        raise BadParameter(f"参数 {name} 应在 {low} 到 {high} 之间。")
    return number


def _looks_binary(text: str) -> bool:
    controls = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\t\n\r")
    replaced = text.count("\ufffd")
    return "\x00" in text or controls + replaced > max(2, len(text) // 10)


def parse(params) -> ParsedQuery:
    """Validate the query string; raises BadParameter with a Chinese message."""
    q = (params.get("q") or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise BadParameter(f"查询内容过长，请不超过 {MAX_QUERY_CHARS} 个字。")
    if q and _looks_binary(q):
        raise BadParameter("查询内容包含无法识别的字符，请重新输入。")
    kind = (params.get("kind") or "").strip() or None
    if kind is not None and kind not in kind_labels():
        raise BadParameter("不支持的信息类别（kind）。")
    year = _int(params.get("year"), "year", 1900, 2100, None)
    publisher = (params.get("publisher") or "").strip() or None
    if publisher is not None and (len(publisher) > 100 or _looks_binary(publisher)):
        raise BadParameter("发布机构（publisher）参数不正确。")
    sort = (params.get("sort") or "relevance").strip()
    if sort not in ("relevance", "date"):
        raise BadParameter("排序方式（sort）只能是 relevance 或 date。")
    page = _int(params.get("page"), "page", 1, MAX_PAGE, 1)
    page_size = _int(params.get("page_size"), "page_size", 1, MAX_PAGE_SIZE, 10)
    request = SearchRequest(q=q, kind=kind, year=year, publisher=publisher, sort=sort,
                            page=page, page_size=page_size)
    return ParsedQuery(request=request, q=q)


def run(request: SearchRequest) -> SearchResults:
    """Search, or an empty result for an empty query. Raises SearchUnavailable."""
    if not request.q:
        return SearchResults(total=0, hits=[], facets={"kind": {}, "year": {}, "publisher": {}})
    return get_backend().search(request)


def results_json(parsed: ParsedQuery, results: SearchResults) -> dict:
    req = parsed.request
    return {
        "query": parsed.q,
        "total": results.total,
        "page": req.page,
        "page_size": req.page_size,
        "results": [
            {
                "title": hit.title,
                "url": hit.url,
                "kind": hit.kind,
                "publisher": hit.publisher,
                "date": hit.date.isoformat() if hit.date else None,
                "doc_number": hit.doc_number,
                "snippet": hit.snippet,
            }
            for hit in results.hits
        ],
        "facets": {
            name: {str(k): int(v) for k, v in (results.facets or {}).get(name, {}).items()}
            for name in ("kind", "year", "publisher")
        },
        "suggestion": results.suggestion,
    }


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def refuse_too_many(request, retry_after):
    return _error(f"请求过于频繁，请在 {retry_after} 秒后再试。", 429)


@require_GET
@rate_limited("search", "SEARCH_RATE_LIMIT", refuse_too_many)
def search_api(request):
    try:
        parsed = parse(request.GET)
    except BadParameter as exc:
        return _error(str(exc), 400)
    try:
        results = run(parsed.request)
    except SearchUnavailable as exc:
        log.warning("search unavailable: %s", exc)
        return _error(UNAVAILABLE_MESSAGE, 503)
    except Exception:
        log.exception("search failed for %r", parsed.q)
        return _error(UNAVAILABLE_MESSAGE, 503)
    return JsonResponse(results_json(parsed, results), json_dumps_params={"ensure_ascii": False})
