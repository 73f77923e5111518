"""The kinds of disclosure item: the one registry every other part reads.

A kind's code is stored on pages (`ArticlePage.item_kind`, `ReportPage.report_type`), in the
catalogue (`CatalogueEntry.kind`), in the search index and in import records (docs/architecture.md,
"Stable interfaces"): codes never change. Per kind the registry holds its Chinese label, the page
type editors and imports create, its column, the hints that guess it for legacy pages, and the
kind-specific rule the content checks read. Page types are named by "app_label.ModelName" and
resolved through the app registry, so this module imports no model (the models import it).

`tests/disclosure/test_kind_registry.py` fails when a concrete page type derived from
`DisclosurePage` is missing here or when a name here is not a model.
"""

import re
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    # What an import of this kind becomes and what editors create for it.
    page_model: str
    # url_path of the kind's column below the site root (a column of disclosure/placement.py).
    column: str
    # When `page_model` serves several kinds, the field of it that holds the code.
    kind_field: str = ""
    # Further page types whose pages are always of this kind (not what an import creates).
    other_models: tuple = ()
    # Import hints for pages that don't say their kind: words of a breadcrumb item and a title pattern
    # (tried in BREADCRUMB_ORDER and TITLE_ORDER below).
    breadcrumb_words: tuple = ()
    title_pattern: re.Pattern | None = None
    # 《政府信息公开条例》第二十六条: published within 20 working days of its creation (review.checks).
    proactive_deadline: bool = True

    def model(self):
        return apps.get_model(self.page_model)

    def page_fields(self):
        """Field values that make a page of `page_model` this kind."""
        return {self.kind_field: self.code} if self.kind_field else {}


# The order is the order editors see (admin choices, the catalogue's filter, export --kind).
KINDS = (
    Kind("rule_of_law_report", "法治政府建设年度报告", "disclosure.ReportPage", "zwgk/zfxxgk/yfxz",
         kind_field="report_type",
         breadcrumb_words=("依法行政", "法治政府建设", "法治政府"),
         title_pattern=re.compile(r"法治政府建[设設].{0,12}(年度)?(工作)?(情况|情況)?[报報]告")),
    Kind("disclosure_annual_report", "政府信息公开工作年度报告", "disclosure.ReportPage", "zwgk/zfxxgk/xxgknb",
         kind_field="report_type",
         # The generated 30号-format report (annual_report app); imports of old reports are ReportPage.
         other_models=("annual_report.AnnualDisclosureReportPage",),
         breadcrumb_words=("信息公开年报", "信息公开年度报告", "年度报告", "年报"),
         # Simplified and traditional forms (pages from Big5 sites say 資訊公開 / 報告).
         title_pattern=re.compile(r"政府(信息|資訊|資料)公[开開](工作)?年度[报報]告")),
    Kind("normative_document", "规范性文件", "disclosure.NormativeDocumentPage", "zwgk/zfxxgk/gfxwj",
         breadcrumb_words=("规范性文件",), title_pattern=re.compile(r"规范性文件")),
    Kind("policy_interpretation", "政策解读", "disclosure.PolicyInterpretationPage", "zwgk/zfxxgk/zcjd",
         breadcrumb_words=("政策解读", "解读", "图解"), title_pattern=re.compile(r"解读|图解")),
    Kind("power_list", "权责清单", "disclosure.PowerListPage", "zwgk/zfxxgk/qzqd",
         breadcrumb_words=("权责清单", "权力清单", "责任清单"), title_pattern=re.compile(r"权责清单|权力清单")),
    # 双公示 decisions have their own 7-working-day rule (EnforcementDecisionPage).
    Kind("enforcement_publicity", "行政执法公示", "disclosure.EnforcementDecisionPage", "zwgk/zfxxgk/xzzfgs",
         breadcrumb_words=("行政执法公示", "执法公示", "双公示", "执法信息"), proactive_deadline=False),
    # Laws republished for citizens are not the site's own information: no 20-day rule.
    Kind("regulation", "法律法规", "disclosure.RegulationPage", "zwgk/zfxxgk/flfg",
         breadcrumb_words=("法律法规", "政策法规", "法规"), proactive_deadline=False),
    Kind("news", "工作动态", "disclosure.NewsPage", "zwgk/gzdt",
         breadcrumb_words=("工作动态", "部门动态", "政务动态", "新闻", "要闻", "动态")),
    Kind("other", "其他", "disclosure.ArticlePage", "zwgk/zfxxgk/fdzdgknr", kind_field="item_kind"),
)

# The general page type: it can carry any kind in its `item_kind` (指南, 制度, legacy pages, and
# 行政执法公示 pages that are not single decisions, such as statistics).
GENERAL_MODEL = "disclosure.ArticlePage"
GENERAL_KIND_FIELD = "item_kind"

# Most specific first; not the display order: 政策解读 of a 规范性文件 is a 政策解读, and an
# annual report's breadcrumb may also say 法治政府.
BREADCRUMB_ORDER = ("disclosure_annual_report", "policy_interpretation", "normative_document", "power_list",
                    "enforcement_publicity", "rule_of_law_report", "regulation", "news")
TITLE_ORDER = ("disclosure_annual_report", "rule_of_law_report", "policy_interpretation", "power_list",
               "normative_document")

BY_CODE = {kind.code: kind for kind in KINDS}
KIND_CODES = [kind.code for kind in KINDS]
KIND_CHOICES = [(kind.code, kind.label) for kind in KINDS]
KIND_LABELS = dict(KIND_CHOICES)


def get(code):
    """The Kind for a code (KeyError for an unknown one)."""
    return BY_CODE[code]


def choices_for(page_model):
    """(code, label) of the kinds a page type with a kind field can hold."""
    if page_model == GENERAL_MODEL:
        return KIND_CHOICES
    return [(kind.code, kind.label) for kind in KINDS if kind.page_model == page_model]


def kind_fields():
    """{model label: the field holding the code} for page types that serve several kinds."""
    fields = {kind.page_model: kind.kind_field for kind in KINDS if kind.kind_field}
    fields[GENERAL_MODEL] = GENERAL_KIND_FIELD
    return fields


def fixed_kinds():
    """{model label: code} for page types whose pages are all of one kind."""
    by_field = kind_fields()
    fixed = {}
    for kind in KINDS:
        for label in (kind.page_model, *kind.other_models):
            if label not in by_field:
                fixed[label] = kind.code
    return fixed


_KIND_FIELDS = kind_fields()
_FIXED_KINDS = fixed_kinds()


def kind_of(page):
    """The kind code of a disclosure page (DisclosurePage.kind reads it here)."""
    label = page._meta.label
    field = _KIND_FIELDS.get(label)
    if field:
        return getattr(page, field)
    return _FIXED_KINDS[label]


def registered_models():
    """Every page type named here, as "app_label.ModelName"."""
    return set(_KIND_FIELDS) | set(_FIXED_KINDS)


def import_target(code):
    """(model class, field values) a record of this kind becomes."""
    kind = get(code)
    return kind.model(), kind.page_fields()


def general_target(code):
    """(model class, field values) for a record of this kind that its own page type can't hold."""
    return apps.get_model(GENERAL_MODEL), {GENERAL_KIND_FIELD: code}


def page_fields_for(model, code):
    """Field values that make a page of `model` (a class) of kind `code`: its kind field, if any."""
    field = _KIND_FIELDS.get(model._meta.label)
    return {field: code} if field else {}


def column_path(code):
    return get(code).column
