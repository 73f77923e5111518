"""The 依申请公开 form in Debian's Chromium at 320 px: it fits, submits and shows the number."""

import io
import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def agencies_live_server(live_server, transactional_db):
    from applications.roles import setup_desk
    from home.demo import build_site
    from review.demo import setup_demo_departments

    build_site(io.StringIO())
    for department in setup_demo_departments(io.StringIO()).values():
        setup_desk(department)
    return live_server


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.django_db(transaction=True)
def test_the_form_at_320px(agencies_live_server, page_at):
    from applications.models import Application

    page = page_at(320, 740)
    page.goto(agencies_live_server.url + "/zwgk/zfxxgk/")
    page.get_by_role("link", name="依申请公开", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/ysqgk/")
    assert overflow(page) <= 0, "horizontal overflow at 320px"
    # A first submission with a bad 身份证号 comes back with a Chinese error, still fitting.
    page.get_by_label("自然人").check()
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill("110105194912310021")
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("电子邮箱").fill("zhangsan@example.com")
    page.get_by_label("受理机关").select_option("scgj")
    page.get_by_label("所需政府信息的名称、文号或便于查询的其他特征性描述").fill("2025年城区占道经营整治工作方案")
    page.get_by_label("电子", exact=True).check()
    page.get_by_label("电子邮件", exact=True).check()
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    assert "居民身份证号码不正确" in page.content()
    assert overflow(page) <= 0
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    number = page.locator("#receipt-number").inner_text().strip()
    assert re.fullmatch(r"YSQ-\d{4}-\d{6}", number)
    assert len(page.locator("#receipt-code").inner_text().strip()) == 10
    assert overflow(page) <= 0
    assert Application.objects.filter(number=number).exists()
    page.get_by_role("link", name=re.compile("查询")).last.click()
    page.wait_for_load_state()
    assert page.get_by_label("申请编号").input_value() == number


@pytest.mark.django_db(transaction=True)
def test_the_online_correction_at_320px(agencies_live_server, page_at, settings, tmp_path):
    from django.utils import timezone

    from applications import actions
    from applications.models import CaseEvent
    from review.models import Department

    settings.APPLICATION_PRIVATE_ROOT = tmp_path / "private"
    department = Department.objects.get(slug="scgj")
    case, code = actions.register({
        "applicant_type": "person", "name": "张三", "id_type": "resident_id", "id_number": "11010519491231002X",
        "phone": "13800138000", "agency": department, "description": "那份文件", "format": "electronic",
        "delivery": "email"}, "in_person", timezone.localdate())
    actions.request_correction(case, timezone.localdate(), 15, "请写明所需文件的名称或文号。")
    attachment = tmp_path / "说明.pdf"
    attachment.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

    page = page_at(320, 740)
    page.goto(agencies_live_server.url + "/ysqgk/query/")
    page.get_by_label("申请编号").fill(case.number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("link", name="网上提交补正材料").click()
    page.wait_for_load_state()
    assert "请写明所需文件的名称或文号。" in page.content()
    assert overflow(page) <= 0, "horizontal overflow at 320px"
    # Without text: a Chinese error, still fitting.
    page.get_by_role("button", name="提交补正").click()
    page.wait_for_load_state()
    assert "请填写补正内容" in page.content() and overflow(page) <= 0
    page.get_by_label("补正内容").fill("所需文件为《2025年城区占道经营整治工作方案》。")
    page.get_by_label("附件（可选）").set_input_files(str(attachment))
    page.get_by_role("button", name="提交补正").click()
    page.wait_for_load_state()
    assert "补正材料已提交" in page.content() and overflow(page) <= 0
    event = case.events.get(kind=CaseEvent.CORRECTION_RECEIVED)
    assert event.online_correction.attachments.get().name == "说明.pdf"
