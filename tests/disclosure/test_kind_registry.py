"""The kind registry (disclosure/kinds.py) is tied to the page models: every concrete disclosure
page type is in it, every name in it is a disclosure page type, and what the models, the columns
and the import hints say agrees with it."""

import pytest
from django.apps import apps

from disclosure import kinds
from disclosure.importers.kinds import guess_kind, kind_from_breadcrumb, kind_from_title
from disclosure.models.base import DisclosurePage
from disclosure.placement import COLUMN_TREE


def concrete_disclosure_page_types():
    return {model._meta.label for model in apps.get_models()
            if issubclass(model, DisclosurePage) and not model._meta.abstract}


def column_paths(tree, prefix=""):
    for slug, _title, _type, children in tree:
        yield prefix + slug
        yield from column_paths(children, prefix + slug + "/")


def test_every_concrete_disclosure_page_type_is_registered():
    types = concrete_disclosure_page_types()
    assert "annual_report.AnnualDisclosureReportPage" in types  # other apps' page types count too
    missing = types - kinds.registered_models()
    assert not missing, f"page types missing from disclosure/kinds.py: {sorted(missing)}"


def test_every_registered_name_is_a_concrete_disclosure_page_type():
    for label in kinds.registered_models():
        model = apps.get_model(label)  # LookupError names a model that does not exist
        assert issubclass(model, DisclosurePage) and not model._meta.abstract, label


@pytest.mark.django_db  # a new page asks for the default locale
def test_each_kind_has_one_page_type_an_import_creates_and_a_column_of_the_tree():
    paths = set(column_paths(COLUMN_TREE))
    for kind in kinds.KINDS:
        model, fields = kinds.import_target(kind.code)
        assert model._meta.label == kind.page_model
        assert model(**fields).kind == kind.code
        assert kind.column in paths, kind.code


def test_codes_and_order_are_the_stable_interface():
    assert kinds.KIND_CODES == ["rule_of_law_report", "disclosure_annual_report", "normative_document",
                                "policy_interpretation", "power_list", "enforcement_publicity", "regulation",
                                "news", "other"]


@pytest.mark.django_db
@pytest.mark.parametrize("label, code", sorted(kinds.fixed_kinds().items()))
def test_a_page_type_of_one_kind_reports_it(label, code):
    assert apps.get_model(label)().kind == code


@pytest.mark.django_db
def test_kind_fields_offer_the_registered_kinds_with_the_registered_labels():
    for label, field in kinds.kind_fields().items():
        choices = apps.get_model(label)._meta.get_field(field).choices
        assert list(choices) == kinds.choices_for(label), label
        for code, text in choices:
            assert text == kinds.KIND_LABELS[code]
    report_page = apps.get_model("disclosure.ReportPage")
    assert report_page(report_type="disclosure_annual_report").kind_label == "政府信息公开工作年度报告"
    article = apps.get_model("disclosure.ArticlePage")
    assert article(item_kind="enforcement_publicity").kind == "enforcement_publicity"


def test_import_hint_orders_name_exactly_the_kinds_with_hints():
    assert sorted(kinds.BREADCRUMB_ORDER) == sorted(k.code for k in kinds.KINDS if k.breadcrumb_words)
    assert sorted(kinds.TITLE_ORDER) == sorted(k.code for k in kinds.KINDS if k.title_pattern)


@pytest.mark.parametrize("breadcrumb, title, expected", [
    (["首页", "政务公开", "行政执法公示"], "某局行政处罚决定书", "enforcement_publicity"),
    (["首页", "双公示"], "", "enforcement_publicity"),
    (["首页", "规范性文件解读"], "", "policy_interpretation"),
    (["首页", "信息公开年报"], "", "disclosure_annual_report"),
    ([], "某市2024年法治政府建设年度报告", "rule_of_law_report"),
    ([], "某县2023年政府資訊公開工作年度報告", "disclosure_annual_report"),
    ([], "图解：法治政府建设情况报告", "rule_of_law_report"),
    ([], "一则通知", "other"),
])
def test_import_hints_guess_as_before(breadcrumb, title, expected):
    assert guess_kind(breadcrumb=breadcrumb, title=title) == expected


def test_column_titles_of_the_tree_name_their_kind():
    assert kind_from_breadcrumb(["首页", "权责清单"]) == "power_list"
    assert kind_from_breadcrumb(["首页", "法定主动公开内容"]) is None  # `other` is never guessed
    assert kind_from_title("") is None
