"""设置 → 网站健康检查设置: the external-check settings a 站点管理员 changes, with Chinese errors."""

import pytest
from django.contrib.auth import get_user_model

from health.checks import load_settings
from review.roles import ROLE_SITE_ADMIN, add_user_to_role, setup_roles

pytestmark = pytest.mark.django_db

FORM = {"home_days": "14", "news_column_days": "14", "notice_column_days": "183", "neglect_days": "365",
        "early_warning_days": "3", "stale_columns_veto": "5", "neglected_columns_veto": "10",
        "empty_columns_veto": "5", "publication_working_days": "20", "external_links_enabled": "on",
        "external_timeout_seconds": "5", "external_requests_per_second": "2", "external_max_requests": "50",
        "public_base_url": "https://www.wugang.gov.cn/"}


def test_site_admin_enables_external_checks_within_limits(tree, client):
    setup_roles()
    admin = get_user_model().objects.create_user("site-admin", password="x")
    add_user_to_role(admin, ROLE_SITE_ADMIN)
    client.force_login(admin)
    url = f"/admin/settings/health/healthsettings/{tree.home.get_site().pk}/"
    page = client.get(url).content.decode()
    assert "外部链接与网站可访问性" in page and "对同一网站每秒最多请求数" in page
    response = client.post(url, {**FORM, "external_timeout_seconds": "0", "external_requests_per_second": "50"})
    assert response.status_code == 200
    errors = " ".join(str(e) for field in response.context["form"].errors.values() for e in field)
    assert "超时至少为1秒" in errors and "每秒请求数不能超过10" in errors
    assert load_settings().external_links_enabled is False
    response = client.post(url, FORM)
    assert response.status_code == 302
    settings = load_settings()
    assert settings.external_links_enabled and settings.external_timeout_seconds == 5
    assert settings.public_base_url == "https://www.wugang.gov.cn/"
