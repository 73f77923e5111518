"""Which page type each import kind becomes, and how a kind is guessed for HTML and text pages.

KIND_PAGE_TYPES is the single table to update when the content model gains a dedicated type
for a kind (e.g. an enforcement model): until then such kinds become ArticlePage with
`item_kind` set.
"""

import re

from disclosure.models.base import KIND_CHOICES
from disclosure.placement import COLUMN_TREE, KIND_COLUMN_PATHS

KINDS = [code for code, _label in KIND_CHOICES]

# kind → (app_label.ModelName, extra field values). Models are resolved lazily so a type the
# content engineer has not added yet falls back to ArticlePage (see `page_model_for`).
KIND_PAGE_TYPES = {
    "rule_of_law_report": ("disclosure.ReportPage", {"report_type": "rule_of_law_report"}),
    "disclosure_annual_report": ("disclosure.ReportPage", {"report_type": "disclosure_annual_report"}),
    "normative_document": ("disclosure.NormativeDocumentPage", {}),
    "policy_interpretation": ("disclosure.PolicyInterpretationPage", {}),
    "power_list": ("disclosure.PowerListPage", {}),
    "enforcement_publicity": ("disclosure.ArticlePage", {"item_kind": "enforcement_publicity"}),
    "regulation": ("disclosure.RegulationPage", {}),
    "news": ("disclosure.NewsPage", {}),
    "other": ("disclosure.ArticlePage", {"item_kind": "other"}),
}

FALLBACK_TYPE = "disclosure.ArticlePage"


def page_model_for(kind):
    """(model class, extra field values) for a kind."""
    from django.apps import apps

    dotted, extra = KIND_PAGE_TYPES[kind]
    try:
        return apps.get_model(dotted), dict(extra)
    except LookupError:
        return apps.get_model(FALLBACK_TYPE), {"item_kind": kind}


def disclosure_models():
    """Every concrete page model an import can produce (for identity look-ups)."""
    from django.apps import apps

    from disclosure.models.base import DisclosurePage

    return [model for model in apps.get_app_config("disclosure").get_models()
            if issubclass(model, DisclosurePage) and not model._meta.abstract]


def _column_titles():
    """Column title → kind, from the column tree and KIND_COLUMN_PATHS."""
    by_path = {}

    def walk(prefix, tree):
        for slug, title, _type, children in tree:
            path = f"{prefix}{slug}"
            by_path[path] = title
            walk(path + "/", children)

    walk("", COLUMN_TREE)
    return {by_path[path]: kind for kind, path in KIND_COLUMN_PATHS.items()
            if path in by_path and kind != "other"}


# Breadcrumb words, most specific first. Checked against each breadcrumb item from the last.
BREADCRUMB_KEYWORDS = [
    ("disclosure_annual_report", ("信息公开年报", "信息公开年度报告", "年度报告", "年报")),
    ("policy_interpretation", ("政策解读", "解读", "图解")),
    ("normative_document", ("规范性文件",)),
    ("power_list", ("权责清单", "权力清单", "责任清单")),
    ("enforcement_publicity", ("行政执法公示", "执法公示", "双公示", "执法信息")),
    ("rule_of_law_report", ("依法行政", "法治政府建设", "法治政府")),
    ("regulation", ("法律法规", "政策法规", "法规")),
    ("news", ("工作动态", "部门动态", "政务动态", "新闻", "要闻", "动态")),
]

# Simplified and traditional forms (pages from Big5 sites say 資訊公開 / 報告).
TITLE_RULES = [
    ("disclosure_annual_report", re.compile(r"政府(信息|資訊|資料)公[开開](工作)?年度[报報]告")),
    ("rule_of_law_report", re.compile(r"法治政府建[设設].{0,12}(年度)?(工作)?(情况|情況)?[报報]告")),
    ("policy_interpretation", re.compile(r"解读|图解")),
    ("power_list", re.compile(r"权责清单|权力清单")),
    ("normative_document", re.compile(r"规范性文件")),
]


def kind_from_breadcrumb(items):
    titles = _column_titles()
    for item in reversed([i.strip() for i in items if i and i.strip()]):
        if item in titles:
            return titles[item]
        for kind, words in BREADCRUMB_KEYWORDS:
            if any(word in item for word in words):
                return kind
    return None


def kind_from_title(title):
    for kind, pattern in TITLE_RULES:
        if pattern.search(title or ""):
            return kind
    return None


def guess_kind(*, breadcrumb=(), title="", hint=None):
    """--kind, then the breadcrumb, then the title; `other` when nothing says."""
    if hint:
        return hint
    return kind_from_breadcrumb(breadcrumb) or kind_from_title(title) or "other"
