"""设置 → 栏目更新周期 (health.ColumnPeriod): the admin screen, its Chinese validation, and who may
use it — 站点管理员 only, through the permissions review.roles.setup_roles grants."""

import json
import re

import pytest
from django.contrib.auth import get_user_model

from disclosure.models import Organisation
from health.models import ColumnPeriod
from review.roles import ROLE_DRAFTER, ROLE_LEADER, ROLE_SITE_ADMIN, add_user_to_role, setup_department, setup_roles

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/health/columnperiod/"
ADD_URL = LIST_URL + "add/"


@pytest.fixture
def roles(tree):
    setup_roles()
    department = setup_department(Organisation.objects.create(name="武冈市城管局"), "城管局", "cgj",
                                  parent=tree.column("bmxxgk"))
    User = get_user_model()
    admin = User.objects.create_user("site-admin", password="x")
    add_user_to_role(admin, ROLE_SITE_ADMIN)
    users = {"admin": admin}
    for name, role in (("drafter", ROLE_DRAFTER), ("leader", ROLE_LEADER)):
        users[name] = User.objects.create_user(name, password="x")
        add_user_to_role(users[name], role, department)
    users["department_column"] = department.root_page
    return users


def menu_labels(client):
    """Every label in the admin sidebar, submenus (设置) included."""
    html = client.get("/admin/").content.decode()
    props = json.loads(re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
                                 html, re.S).group(1))
    labels = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                labels.add(node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return labels


def errors_of(response):
    return " ".join(str(e) for field in response.context["form"].errors.values() for e in field)


def test_site_admin_sets_a_column_period(tree, roles, client):
    client.force_login(roles["admin"])
    assert {"设置", "栏目更新周期"} <= menu_labels(client)
    column = tree.column("gzdt")
    response = client.post(ADD_URL, {"column": column.pk, "days": "30"})
    assert response.status_code == 302, errors_of(response)
    assert ColumnPeriod.objects.get(column=column).days == 30
    listing = client.get(LIST_URL).content.decode()
    assert "工作动态" in listing and "30天" in listing
    response = client.post(ADD_URL, {"column": tree.column("pfxc").pk, "days": ""})
    assert response.status_code == 302, errors_of(response)
    assert ColumnPeriod.objects.get(column=tree.column("pfxc")).days is None
    assert "不要求定期更新" in client.get(LIST_URL).content.decode()


@pytest.mark.parametrize("days, column_slug, message", [
    ("0", "gzdt", "更新周期至少为1天"),
    ("-5", "gzdt", "更新周期至少为1天"),
    ("99999", "gzdt", "不能超过3660天"),
    ("14", "xxgkml", "只能为“信息列表”类型的栏目设置更新周期"),
])
def test_bad_periods_get_a_chinese_error(tree, roles, client, days, column_slug, message):
    client.force_login(roles["admin"])
    response = client.post(ADD_URL, {"column": tree.column(column_slug).pk, "days": days})
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not ColumnPeriod.objects.exists()


def test_a_page_that_is_not_a_column_is_refused(tree, roles, client):
    client.force_login(roles["admin"])
    response = client.post(ADD_URL, {"column": tree.home.pk, "days": "14"})
    assert response.status_code == 200
    assert "只能为栏目设置更新周期" in errors_of(response)


def test_one_row_per_column(tree, roles, client):
    column = tree.column("gzdt")
    ColumnPeriod.objects.create(column=column, days=30)
    client.force_login(roles["admin"])
    response = client.post(ADD_URL, {"column": column.pk, "days": "60"})
    assert response.status_code == 200
    assert "该栏目已设置更新周期" in errors_of(response)
    assert ColumnPeriod.objects.get(column=column).days == 30


@pytest.mark.parametrize("who", ["drafter", "leader"])
def test_department_users_can_neither_see_nor_change_periods(tree, roles, client, who):
    """A department can't lengthen or clear the period of its own column: the warning is for it."""
    own = roles["department_column"]
    period = ColumnPeriod.objects.create(column=own, days=14)
    client.force_login(roles[who])
    assert "栏目更新周期" not in menu_labels(client)
    assert client.get(LIST_URL).status_code in (302, 403)
    response = client.post(ADD_URL, {"column": tree.column("gzdt").pk, "days": "999"})
    assert response.status_code in (302, 403)
    response = client.post(f"{LIST_URL}edit/{period.pk}/", {"column": own.pk, "days": ""})
    assert response.status_code in (302, 403)
    period.refresh_from_db()
    assert period.days == 14 and ColumnPeriod.objects.count() == 1
