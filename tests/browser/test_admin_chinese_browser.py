"""The page editor after its JavaScript has run: no English either (issue 16 part 4).

The server-side test (tests/review/test_admin_chinese.py) sees the HTML; this one sees what
Chromium shows once Wagtail's scripts have built the StreamField, the table block and the
autosave status from the JavaScript catalogue (/admin/jsi18n/).
"""

import pytest
from django.contrib.auth import get_user_model

from review.roles import ROLE_DRAFTER, add_user_to_role, setup_department, setup_roles
from tests.review.conftest import build_tree
from tests.review.english import VISIBLE_ATTRIBUTES, english_in
from tests.review.test_admin_chinese import make_normative_document

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "ui-test-password-2026"

# What Chromium actually renders: the text of displayed elements (innerText skips hidden ones)
# and the labels of displayed elements. A widget's markup that is never shown (the date
# picker's unused "Save Selected" button) is not something an editor reads.
SHOWN_TEXT = """(attributes) => {
    const found = [["innerText", document.body.innerText]];
    for (const element of document.querySelectorAll("*")) {
        if (!element.getClientRects().length) continue;
        for (const name of attributes) {
            const value = element.getAttribute(name);
            if (value && value.trim()) found.push([element.tagName.toLowerCase() + " " + name, value.trim()]);
        }
    }
    return found;
}"""


def english_shown(page, data):
    texts = []
    for where, text in page.evaluate(SHOWN_TEXT, list(VISIBLE_ATTRIBUTES)):
        texts.extend((where, line.strip()) for line in text.splitlines() if line.strip())
    return english_in(texts, data)


@pytest.mark.django_db(transaction=True)
def test_page_editor_shows_no_english_once_its_scripts_ran(live_server, page_at):
    tree = build_tree()
    setup_roles()
    department = setup_department(tree["org_a"], "市城管局", "scgj")
    drafter = get_user_model().objects.create_user(username="信息员乙", password=PASSWORD)
    add_user_to_role(drafter, ROLE_DRAFTER, department)
    document = make_normative_document(department.root_page, drafter)
    base = live_server.url

    page = page_at(1280, 900)
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", "信息员乙")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")

    page.goto(f"{base}/admin/pages/{document.pk}/edit/")
    # the table block's editor (Handsontable) and the StreamField's insert buttons are built by JS
    page.locator(".handsontable").first.wait_for()
    insert = page.locator("[data-streamfield-list-container] button[title], .c-sf-add-button").first
    insert.wait_for()
    assert "插入内容块" in (insert.get_attribute("title") or insert.get_attribute("aria-label") or
                           insert.inner_text())
    assert page.get_by_text("哪些单元格作为表头？").count() or page.locator("text=表头").count()
    found = english_shown(page, [drafter.username])
    assert not found, "\n".join(f"{where}: {text}" for where, text in found)

    page.goto(f"{base}/admin/pages/add/disclosure/normativedocumentpage/{department.root_page.pk}/")
    page.locator("[data-streamfield-list-container] button[title], .c-sf-add-button").first.wait_for()
    found = english_shown(page, [drafter.username])
    assert not found, "\n".join(f"{where}: {text}" for where, text in found)
