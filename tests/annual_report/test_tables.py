"""Tables 2–4 against hand-counted fixtures (tests/annual_report/conftest.py)."""

import pytest

from annual_report import tables
from applications import statistics

pytestmark = pytest.mark.django_db


def test_table2_counts_match_the_hand_counted_fixtures(data):
    rows = tables.values_by_key(tables.table2(data["org_a"], 2025, {"fee_amount": 1.5, "rules_issued": 0}))
    assert rows["normative"] == [2, 1, 3]
    assert rows["licensing"] == [1]
    assert rows["penalty"] == [2]
    assert rows["fees"] == [1.5]
    assert rows["rules"] == [0, 0, 0]


def test_table2_a_year_earlier_and_later(data):
    assert tables.values_by_key(tables.table2(data["org_a"], 2024, {}))["normative"] == [1, 0, 2]
    assert tables.values_by_key(tables.table2(data["org_a"], 2026, {}))["normative"] == [0, 1, 2]


def test_entered_figures_are_marked_and_computed_ones_name_their_source(data):
    rows = {r["key"]: r for r in tables.table2(data["org_a"], 2025, {"fee_amount": 2})}
    assert all(cell["entered"] and cell["source"] == tables.ENTERED for cell in rows["fees"]["cells"])
    assert all(cell["entered"] for cell in rows["coercion"]["cells"] + rows["rules"]["cells"])
    assert not any(cell["entered"] for cell in rows["normative"]["cells"] + rows["penalty"]["cells"])
    assert "规范性文件" in rows["normative"]["cells"][0]["source"]


def test_table3_equals_the_applications_statistics(data):
    computed = tables.as_lists({"3": tables.table3(data["org_a"], 2025)})["3"]
    assert computed == statistics.table3_lists(2025, data["dept_a"])
    values = tables.values_by_key(tables.table3(data["org_a"], 2025))
    assert values[statistics.NEW][-1] == 2 and values[statistics.CARRIED_IN][-1] == 1
    assert values[statistics.CARRIED_OUT][-1] == 1


def test_table3_of_an_agency_without_applications_is_all_zero(data):
    rows = tables.table3(data["org_b"], 2025)
    assert rows and all(cell["value"] == 0 for r in rows for cell in r["cells"])


def test_table4_counts_and_totals(data):
    values = tables.values_by_key(tables.table4(data["org_a"], 2025))
    assert values["review"] == [1, 0, 0, 1, 2]
    assert values["lawsuit_direct"] == [0, 0, 1, 0, 1]
    assert values["lawsuit_after_review"] == [0, 0, 0, 0, 0]
