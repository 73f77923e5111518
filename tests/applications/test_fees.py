"""信息处理费 (国办函〔2020〕109号) at every band boundary, the month count by identity, the fee
notice through the admin form, its letter, the paused clock and the yearly fee figure."""

import datetime

import pytest
from django.urls import reverse

from applications import actions, fees
from applications.letters import letters_for
from applications.models import CaseEvent
from applications.statistics import information_fees
from tests.applications.conftest import application_data

D = datetime.date


@pytest.mark.parametrize("place, rate", [
    (1, 0), (10, 0),  # 10件以下（含10件）不收费
    (11, 100), (30, 100),  # 11—30件（含30件）100元/件
    (31, 200), (40, 200),  # 31件起以10件为一档，每档提高100元/件
    (41, 300), (50, 300), (51, 400), (60, 400), (61, 500),
])
def test_per_application_bands(place, rate):
    assert fees.per_application_rate(place) == rate
    assert fees.per_application_quote(place).amount == rate


@pytest.mark.parametrize("pages, amount", [
    (1, 0), (30, 0),  # 30页以下（含30页）不收费
    (31, 10), (100, 70 * 10),  # 31—100页：10元/页
    (101, 700 + 20), (200, 700 + 100 * 20),  # 101—200页：20元/页
    (201, 2700 + 40), (350, 2700 + 150 * 40),  # 200页以上：40元/页
])
def test_per_volume_bands_are_progressive(pages, amount):
    assert fees.per_volume_quote(pages).amount == amount


def test_the_calculation_is_shown_band_by_band():
    text = fees.per_volume_quote(350).calculation
    assert "31—100页的部分70页×10元/页＝700元" in text
    assert "101—200页的部分100页×20元/页＝2000元" in text
    assert "201页以上的部分150页×40元/页＝6000元" in text and "合计8700元" in text
    assert "第31—40件200元/件" in fees.per_application_quote(35).calculation


def register(agency, day, **overrides):
    from applications.demo import at

    case, _ = actions.register(application_data(agency, **overrides), "in_person", day, submitted_at=at(day))
    return case


@pytest.mark.django_db
def test_per_application_counts_the_same_applicant_in_the_calendar_month(agencies):
    dept = agencies["dept_a"]
    register(dept, D(2026, 2, 27))  # the month before does not count
    register(dept, D(2026, 3, 2), id_number="", id_type="", name="另一人", phone="13900139000")
    register(agencies["dept_b"], D(2026, 3, 2))  # another agency charges on its own
    cases = [register(dept, D(2026, 3, 2 + i // 3)) for i in range(11)]
    assert [fees.place_in_month(c) for c in (cases[0], cases[9], cases[10])] == [1, 10, 11]

    with pytest.raises(actions.ActionError, match="不收费"):
        actions.notify_fee(cases[9], D(2026, 3, 6), "per_application")
    assert not cases[9].events.filter(kind=CaseEvent.FEE_NOTIFIED).exists()

    event = actions.notify_fee(cases[10], D(2026, 3, 6), "per_application")
    assert (event.fee_method, event.fee_quantity, event.fee_amount) == ("per_application", 11, 100)
    assert "2026年3月向本机关累计申请第11件" in event.reason
    cases[10].refresh_from_db()
    assert cases[10].status == "awaiting_fee"


@pytest.mark.django_db
def test_a_per_volume_fee_notice_through_the_admin_form(client, agencies):
    case = register(agencies["dept_a"], D(2026, 3, 2))
    client.force_login(agencies["handler_a"])
    before = client.get(reverse("applications_admin:detail", args=[case.pk])).content.decode()
    assert "按件计收：同一申请人2026年3月向本机关累计申请第1件" in before and "本件收费0元" in before
    url = reverse("applications_admin:action", args=[case.pk, "fee_notified"])
    missing = client.post(url, {"fee_notified-on": "2026-03-04", "fee_notified-fee_method": "per_volume"})
    assert missing.status_code == 400 and "按量计收请填写提供的政府信息页数" in missing.content.decode()
    assert client.post(url, {"fee_notified-on": "2026-03-04", "fee_notified-fee_method": "per_volume",
                             "fee_notified-pages": "101", "fee_notified-reason": "请到窗口缴纳"}).status_code == 302
    case.refresh_from_db()
    event = case.events.get(kind=CaseEvent.FEE_NOTIFIED)
    assert case.status == "awaiting_fee" and event.fee_amount == 720 and "请到窗口缴纳" in event.reason
    # The clock stops while the fee is unpaid: the due date moves with every working day of the pause.
    state = case.clock(today=D(2026, 3, 11))
    assert state.phase == "paused" and state.paused_working_days == 5 and state.due_on == D(2026, 4, 7)
    detail = client.get(reverse("applications_admin:detail", args=[case.pk])).content.decode()
    assert "按量计收，金额 720 元" in detail
    letter = next(x for x in letters_for(case) if x.kind == CaseEvent.FEE_NOTIFIED)
    html = letter.render_html()
    assert "信息处理费缴费通知书" in html and "720元" in html and "国办函〔2020〕109号" in html
    assert letter.render_pdf().startswith(b"%PDF")

    actions.record_payment(case, D(2026, 3, 9))
    again = client.post(url, {"fee_notified-on": "2026-03-10", "fee_notified-fee_method": "per_volume",
                              "fee_notified-pages": "300"})
    assert again.status_code == 400 and case.events.filter(kind=CaseEvent.FEE_NOTIFIED).count() == 1
    totals = information_fees(2026, agency=agencies["dept_a"])
    assert (totals.notices, totals.paid, totals.amount_paid) == (1, 1, 720)
    assert information_fees(2026, agency=agencies["dept_b"]).amount_paid == 0
    assert information_fees(2025).amount_paid == 0
