"""Two departments that accept applications, a handler for each, and a site administrator."""

import pytest
from django.contrib.auth import get_user_model

from applications.roles import add_handler, setup_desk
from review.roles import ROLE_SITE_ADMIN, add_user_to_role, setup_department, setup_roles
from tests.review.conftest import build_tree

PERSON = {
    "applicant_type": "person", "name": "张三", "id_type": "resident_id", "id_number": "11010519491231002X",
    "phone": "13800138000", "email": "zhangsan@example.com", "address": "武冈市迎春路1号", "postcode": "422400",
    "description": "2025年城区占道经营整治工作方案", "format": "electronic", "delivery": "email",
}
ORGANISATION = {
    "applicant_type": "organisation", "organisation_kind": "legal_service", "name": "湖南某某律师事务所",
    "credit_code": "91350100M000100Y43", "legal_representative": "李四", "contact_name": "王五",
    "phone": "0739-4228019", "address": "武冈市都梁路2号", "description": "2024年行政处罚案件数量统计",
    "format": "paper", "delivery": "post",
}


@pytest.fixture
def agencies(db):
    data = build_tree()
    setup_roles()
    data["dept_a"] = setup_department(data["org_a"], "市城管局", "scgj")
    data["dept_b"] = setup_department(data["org_b"], "市司法局", "ssfj")
    setup_desk(data["dept_a"])
    setup_desk(data["dept_b"])
    User = get_user_model()
    data["handler_a"] = User.objects.create_user("a_handler", email="a@example.com", password="x")
    add_handler(data["handler_a"], data["dept_a"])
    data["handler_b"] = User.objects.create_user("b_handler", email="b@example.com", password="x")
    add_handler(data["handler_b"], data["dept_b"])
    data["site_admin"] = User.objects.create_user("site_admin", password="x")
    add_user_to_role(data["site_admin"], ROLE_SITE_ADMIN)
    return data


def application_data(agency, **overrides):
    data = dict(PERSON, agency=agency)
    data.update(overrides)
    return data
