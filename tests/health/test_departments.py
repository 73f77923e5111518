import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from disclosure.models import ColumnPage, Organisation
from health.checks import run_checks, visible_to
from health.wagtail_hooks import HealthPanel
from review.models import Department
from tests.disclosure.conftest import d

pytestmark = pytest.mark.django_db


def test_department_users_see_only_their_own_columns(tree, django_user_model):
    parent = tree.column("bmxxgk")
    own = parent.add_child(instance=ColumnPage(title="城管局动态", slug="cgj", column_type="list"))
    other = parent.add_child(instance=ColumnPage(title="教育局动态", slug="jyj", column_type="list"))
    group = Group.objects.create(name="城管局信息员")
    organisation = Organisation.objects.create(name="武冈市城管局")
    Department.objects.create(organisation=organisation, short_name="城管局", slug="cgj",
                              root_page=own, drafter_group=group)
    user = django_user_model.objects.create_user("cg", password="x")
    user.groups.add(group)
    admin = django_user_model.objects.create_superuser("root", password="x")
    findings = run_checks(today=d("2026-11-20"))
    assert {"城管局动态", "教育局动态"} <= {f.title for f in visible_to(admin, findings)}
    seen = visible_to(user, findings)
    assert seen and {f.title for f in seen} == {"城管局动态"}
    html = HealthPanel(seen, timezone.now()).render_html()
    assert "城管局动态" in html and "教育局动态" not in html and other.title not in html


def test_report_view_filters_and_exports(tree, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root2", password="x")
    client.force_login(admin)
    response = client.get("/admin/reports/site-health/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "空白栏目" in html and "普法宣传" in html
    response = client.get("/admin/reports/site-health/?check=home_stale")
    assert "普法宣传" not in response.content.decode()
    response = client.get("/admin/reports/site-health/?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active.values)
    assert rows[0][:3] == ("检查项", "级别", "对象")
    assert ("空白栏目", "严重", "普法宣传") in [r[:3] for r in rows]


def test_email_digest_goes_to_each_department_with_its_own_columns(tree, django_user_model, mailoutbox):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    parent = tree.column("bmxxgk")
    own = parent.add_child(instance=ColumnPage(title="城管局动态", slug="cgj", column_type="list"))
    group = Group.objects.create(name="城管局信息员")
    Department.objects.create(organisation=Organisation.objects.create(name="武冈市城管局"),
                              short_name="城管局", slug="cgj", root_page=own, drafter_group=group)
    user = django_user_model.objects.create_user("cg", password="x", email="cg@example.gov.cn")
    user.groups.add(group)
    django_user_model.objects.create_superuser("root", password="x", email="root@example.gov.cn")
    django_user_model.objects.create_user("nobody", password="x", email="nobody@example.gov.cn")
    with pytest.raises(CommandError):
        call_command("site_health", "--email", stdout=__import__("io").StringIO())
    by_recipient = {m.to[0]: m.body for m in mailoutbox}
    assert set(by_recipient) == {"cg@example.gov.cn", "root@example.gov.cn"}
    assert "城管局动态" in by_recipient["cg@example.gov.cn"] and "普法宣传" not in by_recipient["cg@example.gov.cn"]
    assert "普法宣传" in by_recipient["root@example.gov.cn"]


def test_admin_home_shows_the_panel(tree, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root3", password="x"))
    html = client.get("/admin/").content.decode()
    assert "网站健康检查" in html and "普法宣传" in html


def test_admin_reads_the_last_run_instead_of_checking_again(tree, client, django_user_model):
    """Opening the admin must not run a whole-site check each time: the panel and the report show
    the findings `site_health` stored, with its time, while they are younger than the limit."""
    import datetime

    from django.utils import timezone

    from health.checks import WARNING, Finding
    from health.models import HealthSnapshot
    from health.snapshots import store

    taken_at = timezone.now() - datetime.timedelta(minutes=5)
    store([Finding("column_stale", WARNING, "/zwgk/x/", "示例栏目", "将于 2026-12-02 超期（快照中的记录）",
                   since=datetime.date(2026, 12, 2), path="0001")], taken_at=taken_at)
    client.force_login(django_user_model.objects.create_superuser("root4", password="x"))
    html = client.get("/admin/").content.decode()
    assert "快照中的记录" in html and "普法宣传" not in html
    assert timezone.localtime(taken_at).strftime("%Y-%m-%d %H:%M") in html
    report = client.get("/admin/reports/site-health/").content.decode()
    assert "快照中的记录" in report
    # Past the limit, the next reader runs the checks again and stores the new run.
    HealthSnapshot.objects.update(taken_at=timezone.now() - datetime.timedelta(hours=2))
    html = client.get("/admin/").content.decode()
    assert "普法宣传" in html and "快照中的记录" not in html
    assert HealthSnapshot.objects.count() == 1


def test_site_health_command_stores_its_run(tree):
    import io

    from django.core.management import CommandError, call_command

    from health.models import HealthSnapshot

    try:
        call_command("site_health", "--json", stdout=io.StringIO())
    except CommandError:
        pass  # blocking findings exit non-zero; the run is stored either way
    snapshot = HealthSnapshot.objects.get()
    assert any(row["title"] == "普法宣传" for row in snapshot.findings)
