"""Admin integration: reports, editor messages on save and publish."""

from django.contrib import messages
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from disclosure import admin_views
from disclosure.models import EnforcementDecisionPage, PolicyInterpretationPage, PowerListPage
from disclosure.models.normative import INTERPRETATION_DEADLINE_WORKDAYS

admin_urls = [
    path("expiring-documents/", admin_views.expiring_documents_view, name="expiring_documents"),
    path("enforcement-deadlines/", admin_views.enforcement_deadlines_view, name="enforcement_deadlines"),
    path("credit-china-export.csv", admin_views.credit_china_export_view, name="credit_export"),
    path("power-list/<int:page_id>/import/", admin_views.power_list_import_view, name="power_list_import"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("disclosure/", include((admin_urls, "disclosure_admin"), namespace="disclosure_admin"))]


@hooks.register("register_reports_menu_item")
def register_expiring_documents_report():
    return MenuItem("即将到期的规范性文件", reverse("disclosure_admin:expiring_documents"),
                    name="expiring-documents", icon_name="warning", order=1000)


@hooks.register("register_reports_menu_item")
def register_enforcement_deadlines_report():
    return MenuItem("执法公示时限", reverse("disclosure_admin:enforcement_deadlines"),
                    name="enforcement-deadlines", icon_name="time", order=1010)


def doc_number_message(request, page):
    original = getattr(page, "_doc_number_normalised_from", None)
    if original:
        messages.info(request, f"文号已按 GB/T 9704 规范自动改写：“{original}”→“{page.doc_number}”"
                               "（年份使用六角括号〔〕）。")


@hooks.register("after_create_page")
def after_create_page(request, page):
    doc_number_message(request, page)


@hooks.register("after_edit_page")
def after_edit_page(request, page):
    doc_number_message(request, page)


def deadline_warnings(page):
    """Chinese warnings about legal publication deadlines missed by this page."""
    page = page.specific
    warnings = []
    if isinstance(page, PolicyInterpretationPage) and page.is_late():
        warnings.append(
            f"提醒：本解读比所解读文件晚{page.publication_delay()}个工作日发布，"
            f"超过{INTERPRETATION_DEADLINE_WORKDAYS}个工作日的要求（政策解读应与文件同步或在3个工作日内发布）。")
    if isinstance(page, EnforcementDecisionPage) and page.is_overdue:
        warnings.append(
            f"提醒：本决定在作出后第{page.publication_delay()}个工作日才公示，超过7个工作日的时限，"
            "已在“执法公示时限”报表中标记为超期。")
    return warnings


@hooks.register("after_publish_page")
def after_publish_page(request, page):
    for warning in deadline_warnings(page):
        messages.warning(request, warning)


@hooks.register("register_page_header_buttons")
def power_list_import_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, PowerListPage) and page.permissions_for_user(user).can_edit():
        yield Button("导入事项（CSV/Excel）", reverse("disclosure_admin:power_list_import", args=[page.pk]),
                     icon_name="upload", priority=80)
