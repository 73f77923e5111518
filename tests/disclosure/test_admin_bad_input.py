"""Bad input in the Wagtail admin, posted as an editor would: every refusal is a 200 with the form
re-shown and a Chinese message on the right field, never a 500, and nothing is stored."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from openpyxl import Workbook
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from disclosure.models import (
    ArticlePage,
    ColumnPage,
    EnforcementDecisionPage,
    EnforcementStatistics,
    GenreCategory,
    NewsPage,
    NormativeDocumentPage,
    Organisation,
    PolicyInterpretationPage,
    PowerListPage,
    RegulationPage,
    ReportPage,
    SubjectCategory,
)
from disclosure.power_list_io import COLUMNS
from home.models import HomePage, SiteMapPage

from .conftest import add_page, d

CJK = re.compile(r"[\u4e00-\u9fff]")
# A valid 统一社会信用代码 (GB 32100-2015 check character) and a valid-looking 身份证号.
CREDIT_CODE = "91430581MA4L00000E"
ID_NUMBER = "11010519491231002X"  # the example number of GB 11643-1999 itself


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", "pw")


@pytest.fixture
def admin(client, superuser):
    client.force_login(superuser)
    return client


def body(text="正文内容"):
    return streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])


INLINES = {
    NormativeDocumentPage: ("attachments", "validity_changes"),
    PowerListPage: ("items",),
}


def page_data(model, org, title="测试信息", slug="ceshi", **extra):
    data = {"title": title, "slug": slug}
    if model not in (ColumnPage, HomePage, SiteMapPage):
        data.update({"publisher": org.pk, "published_on": "2025-10-09", "body": body()})
    for name in INLINES.get(model, ()):
        data[name] = inline_formset([])
    data.update(extra)
    return nested_form_data(data)


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def post_refused(client, model, parent, data, field, contains=None, action="action-publish"):
    """POST the create view; assert a re-shown form with a Chinese error on `field` and no new row."""
    before = Page.objects.count()
    payload = {**data, action: action} if action else data
    response = client.post(add_url(model, parent), payload)
    assert response.status_code == 200, (model.__name__, field, response.status_code)
    form = response.context["form"]
    errors = form.errors if field != "__all__" else {"__all__": form.non_field_errors()}
    if "." in field:  # an inline form: "items.0.code"
        formset_name, index, name = field.split(".")
        errors = form.formsets[formset_name].forms[int(index)].errors
        field = name
    assert field in errors, (model.__name__, field, dict(form.errors))
    message = " ".join(str(m) for m in errors[field])
    assert CJK.search(message), message
    if contains:
        assert contains in message, message
    assert Page.objects.count() == before, "a refused form must not create a page"
    return response


def post_saved(client, model, parent, data, action="action-publish"):
    payload = {**data, action: action} if action else data
    response = client.post(add_url(model, parent), payload, follow=True)
    assert response.status_code == 200
    return response


# --- every creatable page type: empty and overlong titles -----------------------------------------

PAGE_TYPES = [
    (ArticlePage, "fdzdgknr", {"item_kind": "other"}),
    (NewsPage, "gzdt", {}),
    (ReportPage, "yfxz", {"report_type": "rule_of_law_report", "report_year": "2025"}),
    (RegulationPage, "flfg", {}),
    (NormativeDocumentPage, "gfxwj", {}),
    (PolicyInterpretationPage, "zcjd", {"form": "text"}),
    (PowerListPage, "qzqd", {}),
    (EnforcementDecisionPage, "xzzfgs", {"decision_type": "licensing", "party_name": "某公司",
                                         "party_type": "organisation", "credit_code": CREDIT_CODE,
                                         "decided_on": "2025-10-09", "status": "active"}),
    (ColumnPage, "zwgk", {"column_type": "list", "page_size": "20"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("model,column,extra", PAGE_TYPES, ids=[m.__name__ for m, _, _ in PAGE_TYPES])
def test_empty_and_overlong_title_refused(admin, tree, org, model, column, extra):
    parent = tree.column(column)
    post_refused(admin, model, parent, page_data(model, org, title="", **extra), "title")
    post_refused(admin, model, parent, page_data(model, org, title="标" * 300, **extra), "title", "255")
    # An overlong slug is refused too, with the title kept.
    post_refused(admin, model, parent, page_data(model, org, slug="a" * 300, **extra), "slug")
    # Saving a draft defers required fields, but never the title.
    post_refused(admin, model, parent, page_data(model, org, title="", **extra), "title", action=None)


@pytest.mark.django_db
def test_home_and_site_map_titles(admin, tree, org):
    root = Page.get_first_root_node()
    post_refused(admin, HomePage, root, page_data(HomePage, org, title=""), "title")
    post_refused(admin, HomePage, root, page_data(HomePage, org, title="首" * 300), "title")
    post_refused(admin, SiteMapPage, tree.home, page_data(SiteMapPage, org, title=""), "title")


@pytest.mark.django_db
def test_absurd_column_page_size_and_report_year(admin, tree, org):
    for size in ("0", "100000", "-5", "二十"):
        post_refused(admin, ColumnPage, tree.column("zwgk"),
                     page_data(ColumnPage, org, column_type="list", page_size=size), "page_size")
    for year in ("1800", "3000", "-1", "二〇二五"):
        post_refused(admin, ReportPage, tree.column("yfxz"),
                     page_data(ReportPage, org, report_type="rule_of_law_report", report_year=year), "report_year")


# --- 文号 in odd bracket forms: saved, normalised, and the editor is told ---------------------

@pytest.mark.django_db
@pytest.mark.parametrize("typed,stored", [
    ("武城管发【2025】7号", "武城管发〔2025〕7号"),
    ("武城管发[2025]7号", "武城管发〔2025〕7号"),
    ("武城管发（２０２５） 7 号", "武城管发〔2025〕7号"),
    ("武城管发﹝2025﹞7号", "武城管发〔2025〕7号"),
    ("武城管发〔2025]7号", "武城管发〔2025〕7号"),
    ("武城管发〔2025〕7号", "武城管发〔2025〕7号"),
])
def test_doc_number_brackets_are_normalised_with_message(admin, tree, org, typed, stored):
    data = page_data(NormativeDocumentPage, org, title=f"文件{typed}", doc_number=typed)
    response = post_saved(admin, NormativeDocumentPage, tree.column("gfxwj"), data)
    page = NormativeDocumentPage.objects.get(title=f"文件{typed}")
    assert page.doc_number == stored and page.live
    messages = [str(m) for m in response.context["messages"]]
    if typed != stored:
        assert any("文号已按 GB/T 9704" in m and stored in m for m in messages), messages


@pytest.mark.django_db
def test_overlong_doc_number_refused(admin, tree, org):
    post_refused(admin, NormativeDocumentPage, tree.column("gfxwj"),
                 page_data(NormativeDocumentPage, org, doc_number="武城管发〔2025〕" + "1" * 120 + "号"), "doc_number")


# --- dates that contradict each other ----------------------------------------------------------

@pytest.mark.django_db
def test_published_before_written_saves_and_is_left_to_the_review_warning(admin, tree, org):
    """Issue 4 makes 发布日期 earlier than 成文日期 a warning of the content checks (see
    tests/review/test_checks.py), not a refusal: the draft saves."""
    for model, column, extra in PAGE_TYPES[:4]:
        slug = f"early-{model._meta.model_name}"
        data = page_data(model, org, slug=slug, written_on="2025-10-10", published_on="2025-10-09", **extra)
        response = admin.post(reverse("wagtailadmin_pages:add", args=[
            model._meta.app_label, model._meta.model_name, tree.column(column).pk]), data)
        assert response.status_code == 302, (model, response.context and response.context["form"].errors)
        assert model.objects.filter(slug=slug).exists()


@pytest.mark.django_db
def test_normative_document_date_contradictions(admin, tree, org):
    column = tree.column("gfxwj")
    post_refused(admin, NormativeDocumentPage, column,
                 page_data(NormativeDocumentPage, org, written_on="2025-10-01", effective_on="2025-09-01"),
                 "effective_on", "成文日期")
    post_refused(admin, NormativeDocumentPage, column,
                 page_data(NormativeDocumentPage, org, effective_on="2025-11-01", expires_on="2025-10-31"),
                 "expires_on", "施行日期")
    post_refused(admin, NormativeDocumentPage, column,
                 page_data(NormativeDocumentPage, org, written_on="2025-10-01", legality_review_on="2025-10-05",
                           effective_on="2025-11-01"),
                 "legality_review_on", "成文日期")
    post_refused(admin, NormativeDocumentPage, column,
                 page_data(NormativeDocumentPage, org, effective_on="2025-13-01"), "effective_on")
    post_refused(admin, NormativeDocumentPage, column,
                 page_data(NormativeDocumentPage, org, written_on="二〇二五年十月"), "written_on")
    # A validity change dated before the document was written.
    data = page_data(NormativeDocumentPage, org, written_on="2025-10-01", validity_changes=inline_formset([
        {"changed_on": "2025-09-01", "status": "expired", "related_document": "", "note": "到期"}]))
    post_refused(admin, NormativeDocumentPage, column, data, "validity_changes.0.changed_on", "成文日期")
    # The consistent version is saved.
    data = page_data(NormativeDocumentPage, org, title="一致的文件", written_on="2025-09-20",
                     legality_review_on="2025-09-15", effective_on="2025-11-01", expires_on="2030-10-31")
    post_saved(admin, NormativeDocumentPage, column, data)
    assert NormativeDocumentPage.objects.get(title="一致的文件").live


@pytest.mark.django_db
def test_regulation_effective_before_written_refused(admin, tree, org):
    post_refused(admin, RegulationPage, tree.column("flfg"),
                 page_data(RegulationPage, org, written_on="2024-12-01", effective_on="2024-11-01"),
                 "effective_on", "成文日期")


def decision(org, **extra):
    values = {"title": "某公司违规案", "slug": "anjian", "decision_type": "penalty", "party_name": "某公司",
              "party_type": "organisation", "credit_code": CREDIT_CODE, "facts": "事实", "basis": "依据",
              "penalty_category": "罚款", "penalty_content": "罚款200元", "fine_amount": "200",
              "decided_on": "2025-09-26", "publicity_on": "2025-10-09", "status": "active"}
    values.update(extra)
    return page_data(EnforcementDecisionPage, org, **values)


@pytest.mark.django_db
def test_enforcement_decision_bad_values(admin, tree, org):
    column = tree.column("xzzfgs")
    cases = [
        ({"publicity_on": "2025-09-25"}, "publicity_on", "决定日期"),
        ({"publicity_until": "2025-10-01"}, "publicity_until", "公示日期"),
        ({"publicity_until": "2025-09-01"}, "publicity_until", "不能早于"),
        ({"status": "revoked", "revocation_notice": "撤销", "revoked_on": "2025-09-01"}, "revoked_on", "决定日期"),
        ({"decided_on": ""}, "decided_on", None),
        ({"decided_on": "2025-02-30"}, "decided_on", None),
        ({"fine_amount": "-200"}, "fine_amount", "负数"),
        ({"fine_amount": "0.001"}, "fine_amount", None),
        ({"fine_amount": "100000000000000"}, "fine_amount", None),
        ({"fine_amount": "两百元"}, "fine_amount", None),
        ({"fine_amount": "NaN"}, "fine_amount", None),
        ({"fine_amount": "Infinity"}, "fine_amount", None),
        ({"fine_amount": "1,000"}, "fine_amount", None),
        ({"confiscated_amount": "-1"}, "confiscated_amount", "负数"),
        ({"credit_code": "123"}, "credit_code", "18位"),
        ({"credit_code": "91430581MA4L00000O"}, "credit_code", None),
        ({"credit_code": "91430581MA4L000000"}, "credit_code", "校验"),
        ({"credit_code": "C1430581MA4L00000B"}, "credit_code", None),
        ({"credit_code": ID_NUMBER}, "credit_code", "身份证号"),
        ({"credit_code": ""}, "credit_code", None),
        ({"party_type": "individual", "credit_code": "", "id_number": "430581199001011234"}, "id_number", "身份证号"),
        ({"party_type": "individual", "credit_code": "", "id_number": "430581199013011236"}, "id_number", "身份证号"),
        ({"party_name": ""}, "party_name", None),
        ({"party_name": "某" * 201}, "party_name", None),
        ({"facts": ""}, "facts", None),
        ({"decision_type": "bogus"}, "decision_type", None),
        ({"status": "revoked", "revocation_notice": ""}, "revocation_notice", None),
    ]
    for extra, field, contains in cases:
        post_refused(admin, EnforcementDecisionPage, column, decision(org, **extra), field, contains)
    assert not EnforcementDecisionPage.objects.exists()
    # Valid variants are saved: an individual with a valid 身份证号, a lowercase credit code, no fine.
    post_saved(admin, EnforcementDecisionPage, column, decision(
        org, title="张三违规案", slug="zs", party_name="张三", party_type="individual", credit_code="",
        id_number=ID_NUMBER, fine_amount=""))
    post_saved(admin, EnforcementDecisionPage, column, decision(org, slug="gs", credit_code=CREDIT_CODE.lower()))
    assert EnforcementDecisionPage.objects.get(slug="gs").credit_code == CREDIT_CODE
    assert EnforcementDecisionPage.objects.count() == 2


@pytest.mark.django_db
def test_power_list_inline_items(admin, tree, org):
    column = tree.column("qzqd")

    def items(*rows):
        return inline_formset([{"code": c, "name": n, "category": k, "basis": "", "implementing_body": "",
                                "responsibilities": "", "accountability": "", "note": ""} for c, n, k in rows])

    post_refused(admin, PowerListPage, column, page_data(PowerListPage, org, items=items(("", "名称", "licensing"))),
                 "items.0.code")
    post_refused(admin, PowerListPage, column, page_data(PowerListPage, org, items=items(("A1", "名称", "bogus"))),
                 "items.0.category")
    post_refused(admin, PowerListPage, column,
                 page_data(PowerListPage, org, items=items(("A1", "名" * 301, "licensing"))), "items.0.name")
    post_refused(admin, PowerListPage, column,
                 page_data(PowerListPage, org, items=items(("A1", "甲", "licensing"), ("A1", "乙", "penalty"))),
                 "items.1.code", "重复")


@pytest.mark.django_db
def test_interpretation_without_document_refused_on_publish(admin, tree, org):
    post_refused(admin, PolicyInterpretationPage, tree.column("zcjd"),
                 page_data(PolicyInterpretationPage, org, form="text"), "document", "规范性文件")
    post_refused(admin, PolicyInterpretationPage, tree.column("zcjd"),
                 page_data(PolicyInterpretationPage, org, form="bogus"), "form")


@pytest.mark.django_db
def test_id_number_in_metadata_refused_on_publish(admin, tree, org):
    column = tree.column("gzdt")
    post_refused(admin, NewsPage, column, page_data(NewsPage, org, title=f"关于{ID_NUMBER}的通知"), "title", "身份证号")
    post_refused(admin, NewsPage, column, page_data(NewsPage, org, summary=f"当事人{ID_NUMBER}"), "summary",
                 "身份证号")
    # An 18-digit number that is no valid 身份证号 (a 文号 serial, an amount) is not flagged.
    post_saved(admin, NewsPage, column, page_data(NewsPage, org, title="编号430581199001011234的通知", slug="bh"))
    assert NewsPage.objects.get(slug="bh").live
    # A draft keeps the editor's text (it is not public); publishing it is what is refused.
    post_saved(admin, NewsPage, column, page_data(NewsPage, org, title=f"草稿{ID_NUMBER}", slug="cg"), action=None)
    assert not NewsPage.objects.get(slug="cg").live


# --- the demo 信息员 (review/demo.py) gets the same answers ------------------------------------

@pytest.fixture
def drafter(client, tree):
    from review.demo import create_demo_users, setup_demo_departments

    departments = setup_demo_departments(io.StringIO())
    create_demo_users(departments, io.StringIO())
    client.force_login(get_user_model().objects.get(username="cgj_xxy"))
    return client, departments["市城管局"]


@pytest.mark.django_db
def test_drafter_submitting_bad_input_gets_chinese_errors(drafter):
    client, department = drafter
    column, organisation = department.root_page.specific, department.organisation
    for action in ("action-submit", None):
        post_refused(client, ArticlePage, column, page_data(ArticlePage, organisation, title="", item_kind="other"),
                     "title", action=action)
        post_refused(client, ArticlePage, column,
                     page_data(ArticlePage, organisation, title="标" * 300, item_kind="other"), "title", action=action)
        post_refused(client, NormativeDocumentPage, column,
                     page_data(NormativeDocumentPage, organisation, effective_on="2025-11-01",
                               expires_on="2025-10-01"), "expires_on", action=action)
        post_refused(client, EnforcementDecisionPage, column,
                     decision(organisation, fine_amount="-5"), "fine_amount", action=action)
        post_refused(client, EnforcementDecisionPage, column,
                     decision(organisation, credit_code=ID_NUMBER), "credit_code", action=action)
        post_refused(client, EnforcementDecisionPage, column,
                     decision(organisation, publicity_on="2025-09-01"), "publicity_on", action=action)
    # The odd 文号 is saved (as a draft submitted for review) and normalised.
    data = page_data(NormativeDocumentPage, organisation, title="信息员文件", doc_number="武城管发[2025]8号")
    response = client.post(add_url(NormativeDocumentPage, column), {**data, "action-submit": "action-submit"},
                           follow=True)
    assert response.status_code == 200
    page = NormativeDocumentPage.objects.get(title="信息员文件")
    assert page.get_latest_revision_as_object().doc_number == "武城管发〔2025〕8号"


# --- snippets ---------------------------------------------------------------------------------

def snippet_url(model, action, *args):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{action}", args=args)


def snippet_refused(client, url, data, field, contains=None, model=None):
    before = model.objects.count() if model else None
    response = client.post(url, data)
    assert response.status_code == 200, (url, response.status_code)
    form = response.context["form"]
    errors = form.errors if field != "__all__" else {"__all__": form.non_field_errors()}
    assert field in errors, (field, dict(form.errors))
    message = " ".join(str(m) for m in errors[field])
    assert CJK.search(message), message
    if contains:
        assert contains in message, message
    if model:
        assert model.objects.count() == before
    return response


@pytest.mark.django_db
def test_organisation_snippet_bad_input(admin, org):
    org.code = CREDIT_CODE
    org.save()
    add = snippet_url(Organisation, "add")
    base = {"name": "武冈市司法局", "short_name": "", "code": "", "parent": ""}
    snippet_refused(admin, add, {**base, "name": ""}, "name", model=Organisation)
    snippet_refused(admin, add, {**base, "name": "局" * 101}, "name", model=Organisation)
    snippet_refused(admin, add, {**base, "name": org.name}, "name", "已存在", model=Organisation)
    snippet_refused(admin, add, {**base, "code": org.code.lower()}, "code", "已被", model=Organisation)
    snippet_refused(admin, add, {**base, "code": "11430581-MB-12"}, "code", model=Organisation)
    snippet_refused(admin, add, {**base, "parent": "999999"}, "parent", model=Organisation)

    child = Organisation.objects.create(name="执法大队", parent=org)
    edit = snippet_url(Organisation, "edit", org.pk)
    # Its own parent, and a cycle through its child.
    snippet_refused(admin, edit, {"name": org.name, "short_name": "", "code": org.code, "parent": org.pk}, "parent",
                    "上级机构")
    snippet_refused(admin, edit, {"name": org.name, "short_name": "", "code": org.code, "parent": child.pk}, "parent",
                    "上级机构")
    org.refresh_from_db()
    assert org.parent_id is None
    # A valid code in lower case is stored upper case.
    snippet_refused(admin, add, {**base, "code": "11430581MB76543212"}, "code", "校验位", model=Organisation)
    snippet_refused(admin, add, {**base, "code": "12345678-0"}, "code", "校验位", model=Organisation)
    response = admin.post(add, {**base, "code": "11430581mb7654321 1"})
    assert response.status_code == 302
    assert Organisation.objects.get(name="武冈市司法局").code == "11430581MB76543211"


@pytest.mark.django_db
@pytest.mark.parametrize("model", [SubjectCategory, GenreCategory])
def test_taxonomy_snippet_bad_input(admin, model):
    existing = model.objects.create(name="城乡建设", code="A01")
    add = snippet_url(model, "add")
    snippet_refused(admin, add, {"name": "", "code": "", "sort_order": "0"}, "name", model=model)
    snippet_refused(admin, add, {"name": "城乡建设", "code": "", "sort_order": "0"}, "name", "已存在", model=model)
    snippet_refused(admin, add, {"name": "环境保护", "code": " a01 ", "sort_order": "0"}, "code", "已被", model=model)
    snippet_refused(admin, add, {"name": "环境保护", "code": "", "sort_order": "-1"}, "sort_order", model=model)
    snippet_refused(admin, add, {"name": "环境保护", "code": "", "sort_order": "第一"}, "sort_order", model=model)
    snippet_refused(admin, add, {"name": "类" * 51, "code": "", "sort_order": "0"}, "name", model=model)
    assert model.objects.get() == existing


@pytest.mark.django_db
def test_sensitive_word_snippet_bad_input(admin):
    from review.models import SensitiveWord

    SensitiveWord.objects.create(word="绝密")
    add = snippet_url(SensitiveWord, "add")
    snippet_refused(admin, add, {"word": "", "note": "", "active": "on"}, "word", model=SensitiveWord)
    snippet_refused(admin, add, {"word": "   ", "note": "", "active": "on"}, "word", model=SensitiveWord)
    snippet_refused(admin, add, {"word": "绝密", "note": "", "active": "on"}, "word", "已存在", model=SensitiveWord)
    snippet_refused(admin, add, {"word": "词" * 101, "note": "", "active": "on"}, "word", model=SensitiveWord)


@pytest.mark.django_db
def test_enforcement_statistics_snippet_bad_input(admin, org):
    add = snippet_url(EnforcementStatistics, "add")
    base = nested_form_data({"year": "2024", "organisation": org.pk, "power_items_total": "", "cases_total": "",
                             "general_cases_filed": "", "general_cases_closed": "", "fines_total": "",
                             "inspections_total": "", "source_note": "", "rows": inline_formset([])})
    snippet_refused(admin, add, {**base, "year": ""}, "year", model=EnforcementStatistics)
    snippet_refused(admin, add, {**base, "year": "99999"}, "year", model=EnforcementStatistics)
    snippet_refused(admin, add, {**base, "year": "1800"}, "year", model=EnforcementStatistics)
    snippet_refused(admin, add, {**base, "cases_total": "-3"}, "cases_total", model=EnforcementStatistics)
    snippet_refused(admin, add, {**base, "fines_total": "-3"}, "fines_total", model=EnforcementStatistics)
    snippet_refused(admin, add, {**base, "fines_total": "很多"}, "fines_total", model=EnforcementStatistics)
    snippet_refused(admin, add, {**base, "general_cases_filed": "3", "general_cases_closed": "5"}, "__all__",
                    "结案数", model=EnforcementStatistics)
    EnforcementStatistics.objects.create(year=2024, organisation=org)
    snippet_refused(admin, add, base, "__all__", "存在", model=EnforcementStatistics)


@pytest.mark.django_db
def test_department_snippet_bad_input(admin, tree, org):
    from review.models import Department

    add = snippet_url(Department, "add")
    snippet_refused(admin, add, {"organisation": org.pk, "short_name": "市城管局", "slug": "城管"}, "slug",
                    model=Department)
    snippet_refused(admin, add, {"organisation": "", "short_name": "市城管局", "slug": "scgj"}, "organisation",
                    model=Department)
    assert admin.post(add, {"organisation": org.pk, "short_name": "市城管局", "slug": "scgj"}).status_code == 302
    other = Organisation.objects.create(name="武冈市司法局")
    snippet_refused(admin, add, {"organisation": org.pk, "short_name": "另一个", "slug": "lyg"}, "organisation",
                    model=Department)
    snippet_refused(admin, add, {"organisation": other.pk, "short_name": "市城管局", "slug": "ssfj"}, "short_name",
                    model=Department)


@pytest.mark.django_db
def test_disclosure_settings_bad_index_pattern(admin, tree):
    from wagtail.models import Site

    url = reverse("wagtailsettings:edit", args=["disclosure", "disclosuresettings", Site.objects.get().pk])
    for pattern, contains in [("{org_code}/{year}", "{seq}"), ("{org_code}/{year}-{seq", "格式"),
                              ("{org}/{seq}", "占位符"), ("{org_code}-{seq:05q}", None), ("", None)]:
        response = admin.post(url, {"index_number_pattern": pattern, "default_org_code": ""})
        assert response.status_code == 200, pattern
        errors = response.context["form"].errors
        assert "index_number_pattern" in errors, (pattern, dict(errors))
        message = " ".join(errors["index_number_pattern"])
        assert CJK.search(message), message
        if contains:
            assert contains in message, message


# --- 权责清单 upload -----------------------------------------------------------------------------

HEADER = [h for _, h in COLUMNS]
GOOD_ROW = ["QL-001", "户外广告设施设置审批", "行政许可", "条例第十一条", "市城管局", "受理、审查", "违法审批的", ""]


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def power_list(tree, org):
    page = add_page(tree.column("qzqd"), PowerListPage(title="权责清单", slug="qd", publisher=org,
                                                        published_on=d("2025-01-10")))
    from disclosure.power_list_io import replace_items

    replace_items(page, [{"code": "OLD-1", "name": "原有事项", "category": "licensing", "basis": "",
                          "implementing_body": "", "responsibilities": "", "accountability": "", "note": ""}])
    return page


BAD_UPLOADS = [
    ("empty.csv", b"", "文件为空"),
    ("blank.csv", b"\r\n\r\n", "文件为空"),
    ("binary.csv", bytes(range(256)) * 8, None),
    ("nul.csv", "编码,事项名称,类别\nA1,名称\x00,行政许可\n".encode(), None),
    ("binary.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4, "Excel"),
    ("empty.xlsx", b"", "Excel"),
    ("wrong-header.xlsx", xlsx_bytes([["序号", "名称", "类型"], ["1", "户外广告", "行政许可"]]), "缺少必需的表头列"),
    ("header-only.xlsx", xlsx_bytes([HEADER]), "没有任何事项"),
    ("gbk-bad-header.csv", csv_bytes([["序号", "名称"], ["1", "户外广告"]], "gbk"), "缺少必需的表头列"),
    ("gbk-bad-row.csv", csv_bytes([HEADER, ["QL-1", "户外广告", "行政审批"]], "gbk"), "不是有效类别"),
    ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "不支持的文件类型"),
    ("noext", b"a,b", "不支持的文件类型"),
    ("bad.json", b"{not json", "JSON"),
    ("list.json", b'["a", "b"]', "JSON"),
    ("null.json", b'{"items": null}', "JSON"),
    ("latin1.json", "{\"items\": [{\"code\": \"é\"}]}".encode("latin-1"), None),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name,content,contains", BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_power_list_bad_upload_imports_nothing(admin, power_list, name, content, contains):
    url = reverse("disclosure_admin:power_list_import", args=[power_list.pk])
    revisions = power_list.revisions.count()
    response = admin.post(url, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    errors = [str(e) for e in response.context["errors"]]
    assert errors and all(CJK.search(e) for e in errors), errors
    if contains:
        assert any(contains in e for e in errors), errors
    assert escape(errors[0]) in response.content.decode()
    stored = PowerListPage.objects.get(pk=power_list.pk)
    assert [i.code for i in stored.items.all()] == ["OLD-1"]
    assert stored.revisions.count() == revisions


@pytest.mark.django_db
def test_power_list_upload_without_file(admin, power_list):
    url = reverse("disclosure_admin:power_list_import", args=[power_list.pk])
    response = admin.post(url, {})
    assert response.status_code == 200
    assert "请选择要导入的文件" in response.content.decode()


@pytest.mark.django_db
def test_power_list_gbk_csv_imports_readable_text(admin, power_list):
    """A GBK CSV (Excel on Chinese Windows) is a supported format: it imports without mojibake."""
    url = reverse("disclosure_admin:power_list_import", args=[power_list.pk])
    response = admin.post(url, {"file": SimpleUploadedFile("gbk.csv", csv_bytes([HEADER, GOOD_ROW], "gbk"))})
    assert response.status_code == 302
    stored = PowerListPage.objects.get(pk=power_list.pk)
    assert [(i.code, i.name, i.category) for i in stored.items.all()] == [
        ("QL-001", "户外广告设施设置审批", "licensing")]


@pytest.mark.django_db
def test_drafter_upload_to_foreign_power_list_is_refused(drafter, tree, org):
    client, _ = drafter
    page = add_page(tree.column("qzqd"), PowerListPage(title="他人清单", slug="tr", publisher=org))
    url = reverse("disclosure_admin:power_list_import", args=[page.pk])
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", csv_bytes([HEADER, GOOD_ROW]))})
    assert response.status_code in (302, 403)
    assert page.items.count() == 0
