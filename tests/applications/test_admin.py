"""The office's side: who sees what, the action forms, registering paper applications, the audit log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications import actions
from applications.models import Application, CaseEvent, CaseView
from tests.applications.conftest import application_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(agencies):
    a, _ = actions.submit_online(application_data(agencies["dept_a"], name="甲申请人"))
    b, _ = actions.submit_online(application_data(agencies["dept_b"], name="乙申请人"))
    return a, b


def test_staff_see_only_their_agencys_cases_in_the_list_detail_and_export(client, agencies, cases):
    mine, theirs = cases
    client.force_login(agencies["handler_a"])
    listing = client.get(reverse("applications_admin:list")).content.decode()
    assert mine.number in listing and theirs.number not in listing
    assert client.get(reverse("applications_admin:detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("applications_admin:detail", args=[theirs.pk])).status_code in (302, 403)
    export = client.get(reverse("applications_admin:export")).content.decode("utf-8-sig")
    assert mine.number in export and theirs.number not in export
    assert "11010519491231002X" not in export and "110105********002X" in export
    action = client.post(reverse("applications_admin:action", args=[theirs.pk, "received"]),
                         {"received-on": timezone.localdate().isoformat()})
    assert action.status_code in (302, 403) and not theirs.events.filter(kind=CaseEvent.RECEIVED).exists()


def test_the_site_administrator_sees_every_agency(client, agencies, cases):
    client.force_login(agencies["site_admin"])
    listing = client.get(reverse("applications_admin:list")).content.decode()
    assert all(case.number in listing for case in cases)
    filtered = client.get(reverse("applications_admin:list"), {"agency": agencies["dept_b"].pk}).content.decode()
    assert cases[1].number in filtered and cases[0].number not in filtered


def test_users_without_the_role_are_refused(client, agencies, cases):
    from django.contrib.auth import get_user_model

    from review.roles import ROLE_DRAFTER, add_user_to_role

    drafter = get_user_model().objects.create_user("drafter", password="x")
    add_user_to_role(drafter, ROLE_DRAFTER, agencies["dept_a"])
    client.force_login(drafter)
    assert client.get(reverse("applications_admin:list")).status_code in (302, 403)
    assert client.get(reverse("applications_admin:detail", args=[cases[0].pk])).status_code in (302, 403)


def test_reading_a_case_is_logged_and_the_id_number_is_masked(client, agencies, cases):
    client.force_login(agencies["handler_a"])
    html = client.get(reverse("applications_admin:detail", args=[cases[0].pk])).content.decode()
    assert "110105********002X" in html and "11010519491231002X" not in html
    assert CaseView.objects.filter(application=cases[0], user=agencies["handler_a"], action="view").exists()


def test_actions_through_the_forms_build_the_timeline(client, agencies, cases):
    case = cases[0]
    client.force_login(agencies["handler_a"])
    today = timezone.localdate()
    url = lambda kind: reverse("applications_admin:action", args=[case.pk, kind])  # noqa: E731
    assert client.post(url("received"), {"received-on": today.isoformat()}).status_code == 302
    case.refresh_from_db()
    assert case.status == "processing" and case.received_on == today and case.due_on is not None
    # A reason is required for an extension; the refusal is a Chinese message, not a 500.
    refused = client.post(url("extended"), {"extended-on": today.isoformat(), "extended-days": "20"})
    assert refused.status_code == 400 and "请填写延期理由" in refused.content.decode()
    too_long = client.post(url("extended"), {"extended-on": today.isoformat(), "extended-days": "30",
                                             "extended-reason": "需要调取档案"})
    assert too_long.status_code == 400
    assert client.post(url("extended"), {"extended-on": today.isoformat(), "extended-days": "20",
                                         "extended-reason": "需要调取档案，经负责人同意"}).status_code == 302
    second = client.post(url("extended"), {"extended-on": today.isoformat(), "extended-days": "5",
                                           "extended-reason": "再次延期"})
    assert second.status_code == 400 and "只能延长一次" in second.content.decode()
    assert client.post(url("decided"), {"decided-on": today.isoformat(), "decided-answer_type": "not_disclosed",
                                        "decided-answer_text": "理由见下"}).status_code == 400
    assert client.post(url("decided"), {"decided-on": today.isoformat(), "decided-answer_type": "not_disclosed",
                                        "decided-answer_reason": "process_information",
                                        "decided-answer_text": "属于内部研究过程中的信息。"}).status_code == 302
    assert client.post(url("served"), {"served-on": today.isoformat(), "served-method": "post"}).status_code == 302
    case.refresh_from_db()
    assert case.status == "served" and case.served_on == today and case.service_method == "post"
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "received", "extended", "decided", "served"]
    assert all(e.user == agencies["handler_a"] for e in case.events.exclude(kind="submitted"))
    bad_date = client.post(url("closed"), {"closed-on": "2026-13-45", "closed-closure": "answered"})
    assert bad_date.status_code == 400 and "日期格式" in bad_date.content.decode()


def test_registering_a_posted_application(client, agencies):
    client.force_login(agencies["handler_b"])
    received = timezone.localdate() - datetime.timedelta(days=3)
    data = application_data("ssfj", channel="registered_post", received_on=received.isoformat())
    response = client.post(reverse("applications_admin:register"), data)
    assert response.status_code == 302
    case = Application.objects.get()
    assert case.channel == "registered_post" and case.received_on == received and case.status == "processing"
    assert "签收之日" in case.events.get(kind="received").reason
    # Another agency's handler cannot register for it.
    client.force_login(agencies["handler_a"])
    response = client.post(reverse("applications_admin:register"), data)
    assert response.status_code == 400 and Application.objects.count() == 1


def test_unknown_years_are_warned_about_until_the_notice_is_entered(client, agencies, cases):
    from applications.clock import WorkCalendar
    from applications.models import HolidayOverride
    from applications.views.admin import calendar_warning

    late_2026 = datetime.date(2026, 11, 30)
    assert "2027年的节假日安排尚未录入" in calendar_warning(WorkCalendar(), today=late_2026)
    assert calendar_warning(WorkCalendar(), today=datetime.date(2026, 6, 1)) == ""
    client.force_login(agencies["handler_a"])
    expected = calendar_warning(WorkCalendar())
    listing = client.get(reverse("applications_admin:list")).content.decode()
    assert (expected in listing) if expected else ("节假日安排尚未录入" not in listing)
    HolidayOverride.objects.create(date=datetime.date(2027, 1, 1), is_workday=False, note="元旦")
    assert calendar_warning(WorkCalendar(), today=late_2026) == ""


def test_letters_in_the_admin_follow_the_agency_limits(client, agencies, cases):
    from applications.letters import letters_for

    case = cases[0]
    actions.confirm_receipt(case, timezone.localdate())
    actions.decide(case, timezone.localdate(), "disclosed", "", "现向您提供该文件。")
    (letter,) = letters_for(case)
    url = reverse("applications_admin:letter", args=[case.pk, letter.pk])
    client.force_login(agencies["handler_b"])
    assert client.get(url).status_code in (302, 403)
    client.force_login(agencies["handler_a"])
    response = client.get(url)
    assert response.status_code == 200 and case.number in response.content.decode()
    assert CaseView.objects.filter(application=case, action="letter").count() == 1


def test_the_dashboard_shows_the_calendar_warning_to_handlers(client, agencies):
    from applications.clock import WorkCalendar
    from applications.views.admin import calendar_warning

    client.force_login(agencies["handler_a"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    if calendar_warning(WorkCalendar()):
        assert "节假日安排待录入" in html and "/admin/snippets/applications/holidayoverride/" in html
    else:
        assert "节假日安排待录入" not in html
