"""A department created by setup_department (or the 部门 snippet, which calls it) accepts
applications at once: its desk and `<简称>-依申请公开` group exist without a separate step."""

import pytest
from django.contrib.auth.models import Group

from applications.models import ApplicationDesk
from review.roles import setup_department, setup_roles
from tests.review.conftest import build_tree


@pytest.mark.django_db
def test_a_new_department_gets_its_desk_and_handler_group(client):
    data = build_tree()
    setup_roles()
    department = setup_department(data["org_a"], "市城管局", "scgj")
    desk = ApplicationDesk.objects.get(department=department)
    assert desk.group == Group.objects.get(name="市城管局-依申请公开")
    setup_department(data["org_a"], "市城管局", "scgj")  # idempotent
    assert ApplicationDesk.objects.filter(department=department).count() == 1
    form = client.get("/ysqgk/").content.decode()
    assert f'value="{department.slug}"' in form
