"""Two-factor sign-in with TOTP, through the real login, middleware and views."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import LoginEvent
from tests.accounts.helpers import browser, make_user, sign_in, token_for
from tests.sign_in import force_login_password_only

pytestmark = pytest.mark.django_db

Outcome = LoginEvent.Outcome


def enrol_after_sign_in(client, username):
    response = sign_in(client, username)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/enrol/?next=")
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "绑定验证器" in text
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    # The secret is printed for manual entry, in groups of four.
    from base64 import b32encode
    secret = b32encode(device.bin_key).decode().rstrip("=")
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in text
    # Menus and pages stay closed until the code is entered.
    assert client.get("/admin/pages/").status_code == 302
    wrong = client.post("/admin/two-factor/enrol/", {"token": "000000", "next": "/admin/"})
    if token_for(device) != "000000":
        assert wrong.status_code == 200 and "动态口令不正确" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post("/admin/two-factor/enrol/", {"token": token_for(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_site_admin_without_device_is_sent_to_enrol_and_then_reaches_the_dashboard(site_admin):
    client = browser()
    device = enrol_after_sign_in(client, "zhandian_admin")
    outcomes = set(LoginEvent.objects.filter(username="zhandian_admin").values_list("outcome", flat=True))
    assert {Outcome.SUCCESS, Outcome.OTP_ENROLLED} <= outcomes

    # Next time the password alone is not enough: the code is asked for before any admin page.
    client.post("/admin/logout/")
    assert sign_in(client, "zhandian_admin").status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/verify/")
    refused = client.post("/admin/two-factor/verify/", {"token": "12ab56", "next": "/admin/pages/"})
    assert refused.status_code == 200 and "动态口令只含数字" in refused.content.decode()
    # The code just used at enrolment cannot be replayed; the authenticator's next one works.
    replayed = client.post("/admin/two-factor/verify/", {"token": token_for(device), "next": "/admin/pages/"})
    assert replayed.status_code == 200 and "动态口令" in replayed.content.decode()
    assert LoginEvent.objects.filter(username="zhandian_admin", outcome=Outcome.OTP_FAILURE).exists()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post("/admin/two-factor/verify/", {"token": token_for(device, steps_ahead=1),
                                                         "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_leader_is_sent_to_enrol_too(leader):
    enrol_after_sign_in(browser(), "lingdao")


def test_department_leader_group_alone_also_requires_the_second_factor(roles):
    from accounts.policy import requires_second_factor
    from review.roles import setup_department
    from tests.review.conftest import build_tree

    tree = build_tree()
    department = setup_department(tree["org_a"], "市城管局", "scgj")
    user = make_user("dept_leader_only")
    user.groups.add(department.leader_group)
    assert requires_second_factor(user)
    drafter = make_user("dept_drafter_only")
    drafter.groups.add(department.drafter_group)
    assert not requires_second_factor(drafter)


def test_drafter_is_not_forced_but_can_enrol_voluntarily(drafter):
    client = browser()
    assert sign_in(client, "xinxiyuan").status_code == 302
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/")
    assert "两步验证" in account.content.decode()
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200 and "启用两步验证" in page.content.decode()
    client.get("/admin/two-factor/enrol/")
    device = TOTPDevice.objects.get(user=drafter)
    response = client.post("/admin/two-factor/enrol/", {"token": token_for(device), "next": "/admin/two-factor/"})
    assert response.status_code == 302
    assert "两步验证已启用" in client.get("/admin/two-factor/").content.decode()

    # From now on this drafter, too, must give the code.
    client.post("/admin/logout/")
    sign_in(client, "xinxiyuan")
    assert client.get("/admin/").status_code == 302
    # ...and can switch it off again once verified.
    device.refresh_from_db()
    client.post("/admin/two-factor/verify/", {"token": token_for(device, steps_ahead=1), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200
    client.post("/admin/two-factor/disable/")
    assert not TOTPDevice.objects.filter(user=drafter).exists()


def test_required_user_cannot_switch_it_off(site_admin):
    client = browser()
    client.force_login(site_admin)
    client.post("/admin/two-factor/disable/")
    assert TOTPDevice.objects.filter(user=site_admin, confirmed=True).exists()


def test_a_password_only_session_reaches_nothing(site_admin):
    """Every path is guarded, not only /admin/: /django-admin/, documents, the admin API."""
    site_admin.is_staff = True
    site_admin.save()
    TOTPDevice.objects.create(user=site_admin, name="手机", confirmed=True)
    client = browser()
    force_login_password_only(client, site_admin)
    for path in ["/admin/", "/admin/pages/", "/admin/api/main/pages/", "/django-admin/", "/admin/two-factor/enrol/",
                 "/admin/reports/login-events/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/two-factor/verify/"), path


def test_a_user_with_a_device_cannot_bind_another_with_the_password_alone(drafter):
    device = TOTPDevice.objects.create(user=drafter, name="手机", confirmed=True)
    client = browser()
    force_login_password_only(client, drafter)
    response = client.get("/admin/two-factor/enrol/")
    assert response.status_code == 302 and "/two-factor/verify/" in response["Location"]
    assert list(TOTPDevice.objects.filter(user=drafter)) == [device]


def test_the_verify_page_refuses_foreign_next_urls(drafter):
    device = TOTPDevice.objects.create(user=drafter, name="手机", confirmed=True)
    client = browser()
    force_login_password_only(client, drafter)
    response = client.post("/admin/two-factor/verify/", {"token": token_for(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_site_admin_resets_a_lost_device(site_admin, leader):
    TOTPDevice.objects.create(user=leader, name="丢失的手机", confirmed=True)
    admin = browser()
    admin.force_login(site_admin)
    page = admin.get("/admin/account-security/")
    assert "解除丢失的验证器" in page.content.decode()
    response = admin.post("/admin/account-security/reset-two-factor/", {"username": "lingdao"}, follow=True)
    assert "已解除“lingdao”的验证器" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=leader).exists()
    event = LoginEvent.objects.get(outcome=Outcome.OTP_REMOVED)
    assert (event.username, event.actor) == ("lingdao", "zhandian_admin")
    # The leader signs in with the password and has to enrol again.
    client = browser("192.0.2.44")
    sign_in(client, "lingdao")
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/enrol/")


def test_management_command_resets_a_lost_device(leader):
    import io

    from django.core.management import call_command

    TOTPDevice.objects.create(user=leader, name="丢失的手机", confirmed=True)
    out = io.StringIO()
    call_command("reset_two_factor", "lingdao", stdout=out)
    assert not TOTPDevice.objects.filter(user=leader).exists()
    assert "lingdao" in out.getvalue()
    assert LoginEvent.objects.filter(username="lingdao", outcome=Outcome.OTP_REMOVED).exists()


def test_enrol_page_qr_code_holds_the_otpauth_uri(leader):
    from io import BytesIO

    import cairosvg
    import zxingcpp
    from PIL import Image

    client = browser()
    force_login_password_only(client, leader)
    text = client.get("/admin/two-factor/enrol/").content.decode()
    svg = re.search(r"<svg.*?</svg>", text, re.S).group(0)
    if "xmlns" not in svg:
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=400, background_color="white")
    decoded = zxingcpp.read_barcodes(Image.open(BytesIO(png)))
    device = TOTPDevice.objects.get(user=leader)
    assert decoded and decoded[0].text == device.config_url
    assert decoded[0].text.startswith("otpauth://totp/")


def test_demo_users_are_told_how_to_enrol(db):
    import io

    from review.demo import DEMO_USERS, create_demo_users, setup_demo_departments
    from tests.review.conftest import build_tree

    build_tree()
    out = io.StringIO()
    create_demo_users(setup_demo_departments(io.StringIO()), out)
    text = out.getvalue()
    assert "两步验证：admin、cgj_ld 必须使用" in text
    assert "扫描二维码" in text and "reset_two_factor" in text
    # The printed password of the demo leader gets them to the enrolment page.
    password = dict((row[0], row[1]) for row in DEMO_USERS)["cgj_ld"]
    client = browser()
    assert sign_in(client, "cgj_ld", password).status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/enrol/")
