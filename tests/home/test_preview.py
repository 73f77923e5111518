"""Editors preview pages before they exist: the public templates must render them too."""

import pytest
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def test_preview_of_an_unsaved_report_renders(seed):
    from disclosure.importers.seed_text import body_to_blocks
    from disclosure.models import ReportPage

    column = seed.get_parent().specific
    page = ReportPage(title="预览中的报告", slug="preview-report", author="市城管局",
                      body=body_to_blocks("一、总体情况\n正文。\n二、问题\n正文。"))
    page.set_url_path(column)
    page._cached_parent_obj = column
    request = RequestFactory().get("/admin/pages/preview/")
    request.user = None
    response = page.make_preview_request(request, page.default_preview_mode)
    assert response.status_code == 200
    html = response.content.decode()
    assert "预览中的报告" in html and "一、总体情况" in html and "市城管局" in html
