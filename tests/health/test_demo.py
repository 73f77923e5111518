import io

import pytest
from django.core.management import call_command

from health.checks import BLOCKING, WARNING, run_checks
from health.demo import load

pytestmark = pytest.mark.django_db


def test_demo_is_healthy_apart_from_one_example_column(demo_site):
    load(io.StringIO(), {})
    load(io.StringIO(), {})  # loading twice adds nothing twice
    findings = run_checks()
    assert [f for f in findings if f.severity == BLOCKING] == []
    stale = [f for f in findings if f.check == "column_stale"]
    assert [(f.severity, f.title) for f in stale] == [(WARNING, "部门动态（示例数据）")]
    assert "如不更新将于" in stale[0].message
    call_command("site_health", stdout=io.StringIO())  # exits 0: no CommandError
