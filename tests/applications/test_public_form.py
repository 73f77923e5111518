"""The citizen's form, the receipt page and the query page, through the real views."""

import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from applications.models import Application, CaseEvent
from tests.applications.conftest import ORGANISATION, PERSON

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def submit(client, data):
    return client.post(reverse("applications:apply"), data, follow=True)


def receipt_values(html):
    number = re.search(r"申请编号</dt><dd[^>]*>([^<]+)</dd>", html).group(1)
    code = re.search(r"查询码</dt><dd[^>]*>([^<]+)</dd>", html).group(1)
    return number, code


def test_the_form_renders_in_the_site_template_with_the_stable_field_names(client, agencies):
    response = client.get(reverse("applications:apply"))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ["applicant_type", "organisation_kind", "name", "id_type", "id_number", "credit_code",
                 "legal_representative", "contact_name", "phone", "email", "address", "postcode", "agency",
                 "description", "format", "delivery"]:
        assert f'name="{name}"' in html, name
    assert '<option value="scgj">武冈市城市管理和综合执法局</option>' in html
    assert 'class="breadcrumb"' in html and "政府信息公开" in html and "site-footer" in html
    assert "<script" not in html.split("</head>")[1]


def test_a_person_submits_and_queries_with_the_right_code_and_a_wrong_one(client, agencies):
    response = submit(client, dict(PERSON, agency="scgj"))
    html = response.content.decode()
    assert response.status_code == 200
    number, code = receipt_values(html)
    assert re.fullmatch(r"YSQ-\d{4}-000001", number) and len(code) == 10
    assert re.search(r'<a [^>]*href="/ysqgk/query/[^"]*"[^>]*>[^<]*查询', html)
    application = Application.objects.get(number=number)
    assert application.agency == agencies["dept_a"] and application.status == "submitted"
    assert application.id_number == "11010519491231002X" and application.code_hash != code
    assert application.events.get().kind == CaseEvent.SUBMITTED
    # The receipt is shown once only.
    assert client.get(reverse("applications:submitted")).status_code == 302

    found = client.post(reverse("applications:query"), {"number": number, "code": code.lower()})
    text = found.content.decode()
    assert "待确认收到" in text and "武冈市城市管理和综合执法局" in text
    assert "11010519491231002X" not in text

    wrong = client.post(reverse("applications:query"), {"number": number, "code": "WRONGCODE2"}).content.decode()
    unknown = client.post(reverse("applications:query"), {"number": "YSQ-2099-999999", "code": code}).content.decode()
    message = "申请编号或查询码不正确"
    assert message in wrong and message in unknown
    assert "待确认收到" not in wrong and "待确认收到" not in unknown


def test_an_organisation_submits(client, agencies):
    response = submit(client, dict(ORGANISATION, agency="ssfj"))
    number, _ = receipt_values(response.content.decode())
    application = Application.objects.get(number=number)
    assert application.applicant_category == "legal_service" and application.id_number == ""


@pytest.mark.parametrize("changes, field, message", [
    ({"id_number": "110105194912310021"}, "id_number", "居民身份证号码不正确"),
    ({"id_type": ""}, "id_type", "请选择证件类型"),
    ({"agency": "nonexistent"}, "agency", "请选择受理机关"),
    ({"applicant_type": "robot"}, "applicant_type", "请从列表中选择申请人类型"),
    ({"delivery": "post", "address": ""}, "address", "请填写通信地址"),
    ({"phone": "abc"}, "phone", "请输入有效的联系电话"),
    ({"postcode": "12"}, "postcode", "邮政编码应为6位数字"),
    ({"description": ""}, "description", "请填写所需政府信息"),
])
def test_bad_input_gets_a_chinese_error_and_stores_nothing(client, agencies, changes, field, message):
    data = dict(PERSON, agency="scgj")
    data.update(changes)
    response = client.post(reverse("applications:apply"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and f'id="id_{field}-error"' in html
    assert not Application.objects.exists()


def test_an_organisation_with_a_bad_credit_code_is_refused(client, agencies):
    response = client.post(reverse("applications:apply"), dict(ORGANISATION, agency="ssfj",
                                                                 credit_code="91350100M000100Y44"))
    assert "统一社会信用代码校验位不正确" in response.content.decode()
    assert not Application.objects.exists()


def test_garbage_posts_never_500(client, agencies):
    assert client.post(reverse("applications:apply"), {"name": "x" * 5000, "agency": ["a", "b"]}).status_code == 200
    assert client.post(reverse("applications:query"), {"number": "\x00" * 40}).status_code == 200
    assert client.get(reverse("applications:query") + "?number=%ff%fe").status_code == 200


@override_settings(APPLICATION_QUERY_RATE_LIMIT=3, APPLICATION_QUERY_RATE_WINDOW=60)
def test_the_query_page_is_rate_limited_per_client_address(client, agencies, rate_limit_clock):
    url = reverse("applications:query")
    for _ in range(3):
        assert client.post(url, {"number": "YSQ-2026-000001", "code": "X"}, REMOTE_ADDR="10.0.0.1").status_code == 200
    limited = client.post(url, {"number": "YSQ-2026-000001", "code": "X"}, REMOTE_ADDR="10.0.0.1")
    assert limited.status_code == 429 and "查询过于频繁" in limited.content.decode()
    assert client.post(url, {"number": "YSQ-2026-000001", "code": "X"}, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_column_links_to_the_form(client, agencies):
    from review.roles import page_at

    column = page_at("zwgk/zfxxgk/").specific
    column.column_type = "section"
    column.save_revision().publish()
    html = client.get(column.url).content.decode()
    assert '<a href="/ysqgk/">依申请公开</a>' in html
