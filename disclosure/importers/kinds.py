"""How a kind is guessed for HTML and text pages that don't say theirs, from the kind registry's
import hints (disclosure/kinds.py), and which page models an import can find again."""

from django.apps import apps

from disclosure.kinds import BREADCRUMB_ORDER, BY_CODE, TITLE_ORDER, column_path
from disclosure.placement import COLUMN_TREE


def disclosure_models():
    """Every concrete page model of the disclosure app (for identity look-ups on re-import)."""
    from disclosure.models.base import DisclosurePage

    return [model for model in apps.get_app_config("disclosure").get_models()
            if issubclass(model, DisclosurePage) and not model._meta.abstract]


def _column_titles():
    """Column title → kind, from the column tree and each kind's column."""
    by_path = {}

    def walk(prefix, tree):
        for slug, title, _type, children in tree:
            path = f"{prefix}{slug}"
            by_path[path] = title
            walk(path + "/", children)

    walk("", COLUMN_TREE)
    return {by_path[column_path(code)]: code for code in BY_CODE
            if column_path(code) in by_path and code != "other"}


def kind_from_breadcrumb(items):
    titles = _column_titles()
    for item in reversed([i.strip() for i in items if i and i.strip()]):
        if item in titles:
            return titles[item]
        for code in BREADCRUMB_ORDER:
            if any(word in item for word in BY_CODE[code].breadcrumb_words):
                return code
    return None


def kind_from_title(title):
    for code in TITLE_ORDER:
        if BY_CODE[code].title_pattern.search(title or ""):
            return code
    return None


def guess_kind(*, breadcrumb=(), title="", hint=None):
    """--kind, then the breadcrumb, then the title; `other` when nothing says."""
    if hint:
        return hint
    return kind_from_breadcrumb(breadcrumb) or kind_from_title(title) or "other"
