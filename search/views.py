"""The public search page `/search/`: works without JavaScript, never shows a 500."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from home.security.ratelimit import rate_limited
from search.api import BadParameter, kind_labels, parse, run
from search.backends.base import SearchUnavailable

log = logging.getLogger(__name__)

FILTERS = ("kind", "year", "publisher")


def _link(params: dict, **changes) -> str:
    merged = {k: v for k, v in params.items() if v not in (None, "")}
    for key, value in changes.items():
        if value in (None, ""):
            merged.pop(key, None)
        else:
            merged[key] = value
    merged.pop("page", None)
    return "?" + urlencode(merged)


def _facet_links(params, facets, labels):
    groups = []
    titles = {"kind": "信息类别", "year": "年份", "publisher": "发布机构"}
    for name in FILTERS:
        values = facets.get(name) or {}
        if not values and not params.get(name):
            continue
        current = str(params.get(name) or "")
        options = [{"label": "全部", "url": _link(params, **{name: None}), "count": None,
                    "active": not current}]
        for value, count in values.items():
            label = labels.get(value, value) if name == "kind" else (f"{value}年" if name == "year" else value)
            options.append({"label": label, "url": _link(params, **{name: value}), "count": count,
                            "active": str(value) == current})
        groups.append({"name": name, "title": titles[name], "options": options})
    return groups


def refuse_too_many(request, retry_after):
    return render(request, "search/rate_limited.html", {"retry_after": retry_after}, status=429)


@rate_limited("search", "SEARCH_RATE_LIMIT", refuse_too_many)
def search_page(request):
    params = {k: request.GET.get(k, "") for k in ("q", "kind", "year", "publisher", "sort")}
    context = {"query": (request.GET.get("q") or "").strip()[:200], "params": params,
               "kind_labels": kind_labels()}
    status = 200
    try:
        parsed = parse(request.GET)
        results = run(parsed.request)
    except BadParameter as exc:
        context["error"] = str(exc)
        status = 400
    except SearchUnavailable as exc:
        log.warning("search page: engine unavailable: %s", exc)
        context["unavailable"] = True
        status = 503
    except Exception:
        log.exception("search page failed")
        context["unavailable"] = True
        status = 503
    else:
        req = parsed.request
        labels = context["kind_labels"]
        hits = [
            {"hit": hit, "kind_label": labels.get(hit.kind, "")} for hit in results.hits
        ]
        paginator = Paginator(range(results.total), req.page_size)
        context.update({
            "searched": bool(parsed.q),
            "results": results,
            "hits": hits,
            "page_obj": paginator.get_page(req.page) if results.total else None,
            "facet_groups": _facet_links(params, results.facets or {}, labels) if results.total else [],
            "sort": req.sort,
            "sort_links": {"relevance": _link(params, sort=None), "date": _link(params, sort="date")},
            "suggestion_url": "?" + urlencode({"q": results.suggestion}) if results.suggestion else "",
            "filtered": any(params.get(f) for f in FILTERS),
            "clear_filters_url": _link({"q": params["q"]}),
        })
    return render(request, "search/search.html", context, status=status)
