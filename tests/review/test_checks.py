"""Pre-publish content checks: what blocks, what warns, and where editors meet them."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import TaskState
from wagtail.rich_text import RichText

from disclosure.personal_data import id_checksum_char, is_valid_id_number
from review.checks import run_checks
from review.models import SensitiveWord
from tests.review.conftest import create_page, login, page_form, task_state_of, workflow_action

pytestmark = pytest.mark.django_db


def make_id(first17="43058119900307123"):
    return first17 + id_checksum_char(first17)


VALID_ID = make_id()
BAD_CHECKSUM_ID = VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1")


def article(tree, **fields):
    from disclosure.models import ArticlePage

    body = fields.pop("body", [])
    page = ArticlePage(title=fields.pop("title", "测试信息"), slug=fields.pop("slug", "t"), **fields)
    page.body = [("paragraph", RichText(p)) for p in body]
    return page


def test_id_number_validation():
    assert is_valid_id_number(VALID_ID)
    assert not is_valid_id_number(BAD_CHECKSUM_ID)
    assert not is_valid_id_number(make_id("43058119901307123"))  # month 13
    assert not is_valid_id_number(make_id("99058119900307123"))  # no such province
    assert is_valid_id_number("11010519491231002X")  # the published sample number


def test_id_and_mobile_findings_name_field_and_mask(tree):
    page = article(tree, summary="联系电话13812345678", body=[f"<p>当事人身份证号{VALID_ID}，已处罚。</p>"])
    findings = run_checks(page)
    messages = [str(f) for f in findings if f.blocking]
    assert any(m.startswith("【正文第1块") and VALID_ID[:6] + "********" + VALID_ID[14:] in m for m in messages)
    assert not any(VALID_ID in m for m in messages), "the full ID number must never be echoed"
    assert any(m.startswith("【内容概述】") and "138****5678" in m for m in messages)


def test_invalid_checksum_and_other_long_numbers_do_not_block(tree):
    page = article(tree, body=[f"<p>编号{BAD_CHECKSUM_ID}；账号6222021234567890123；电话0739-4228019。</p>"])
    assert [f for f in run_checks(page) if f.blocking] == []


def test_full_width_digits_are_caught(tree):
    page = article(tree, body=["<p>手机：１３９１２３４５６７８</p>"])
    assert any("139****5678" in str(f) for f in run_checks(page))


def test_sensitive_word_from_admin_list(tree):
    SensitiveWord.objects.create(word="内部资料")
    SensitiveWord.objects.create(word="停用词", active=False)
    page = article(tree, title="关于内部资料的通知", body=["<p>停用词不算。</p>"])
    findings = [str(f) for f in run_checks(page) if f.blocking]
    assert findings == ["【标题】含有敏感词“内部资料”"]


def test_warnings_doc_number_dates_and_links(tree):
    missing_id = 999999
    draft = article(tree, slug="draft-target", title="未发布页面")
    tree["gzdt"].add_child(instance=draft)
    draft.unpublish() if draft.live else None
    page = article(
        tree, doc_number="武政发[2024]3号", written_on=datetime.date(2024, 3, 5),
        published_on=datetime.date(2024, 3, 1),
        body=[f'<p><a linktype="page" id="{missing_id}">旧链接</a><a linktype="page" id="{draft.pk}">草稿</a>'
              f'<a href="/zwgk/nope/">坏链接</a><a href="/zwgk/gzdt/">工作动态</a><a href="https://example.org/">外链</a></p>'],
    )
    findings = run_checks(page)
    assert not any(f.blocking for f in findings)
    text = "\n".join(str(f) for f in findings)
    assert "【文号】文号“武政发[2024]3号”不符合“机关代字〔年份〕序号”格式" in text
    assert "【发布日期】发布日期 2024-03-01 早于成文日期 2024-03-05" in text
    assert "内部链接指向的页面已不存在" in text
    assert "内部链接指向未发布的页面“未发布页面”" in text
    assert "内部链接“/zwgk/nope/”指向的页面不存在" in text
    assert "/zwgk/gzdt/" not in text and "example.org" not in text
    good = article(tree, doc_number="武政发〔2024〕3号")
    assert run_checks(good) == []


def test_attachment_text_is_checked(tree):
    document = Document(title="处罚决定书")
    document.file.save("decision.txt", ContentFile(f"当事人：张三，身份证号：{VALID_ID}".encode("gbk")), save=False)
    document.save()
    page = article(tree)
    page.body = [("attachment", {"document": document, "title": ""})]
    findings = [str(f) for f in run_checks(page) if f.blocking]
    assert any(f.startswith("【附件《处罚决定书》】含有身份证号") for f in findings)


def test_docx_attachment_text_is_checked(tree):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", '<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>联系人手机</w:t>'
                                              '</w:r><w:r><w:t>13700001111</w:t></w:r></w:p></w:body></w:document>')
    document = Document(title="联系表")
    document.file.save("contacts.docx", ContentFile(buffer.getvalue()), save=False)
    document.save()
    page = article(tree)
    page.body = [("attachment", {"document": document, "title": "联系表"})]
    assert any("【附件《联系表》】含有手机号码 137****1111" in str(f) for f in run_checks(page))


def submit(client, tree, slug, paragraphs):
    login(client, tree["drafter"])
    response, page = create_page(client, tree["dept_a"].root_page, slug=slug, paragraphs=paragraphs)
    client.logout()
    return response, page


def test_blocking_finding_stops_submission_with_message(client, tree):
    response, page = submit(client, tree, "leak", [f"<p>身份证号{VALID_ID}</p>"])
    assert page is not None, "the draft is still saved"
    assert not page.workflow_in_progress
    login(client, tree["drafter"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "含有身份证号" in edit and VALID_ID not in edit.split("<form", 1)[0]


def test_valid_id_in_body_blocks_approval_and_bad_checksum_does_not(client, tree):
    _, page = submit(client, tree, "ok", [f"<p>编号{BAD_CHECKSUM_ID}</p>"])
    assert page.workflow_in_progress, "an invalid checksum is not an ID number"
    # The reviewer edits in a real ID number (e.g. pasting the source); approval is refused.
    login(client, tree["reviewer"])
    revision_page = page.get_latest_revision_as_object()
    revision_page.body = [("paragraph", RichText(f"<p>编号{VALID_ID}</p>"))]
    revision_page.save_revision(user=tree["reviewer"])
    response = workflow_action(client, page, "approve", secrecy_confirmed="on")
    assert task_state_of(page).status == TaskState.STATUS_IN_PROGRESS
    assert task_state_of(page).task.name == "科室审核"
    assert "refused=checks" in response.json()["redirect"]
    report = client.get(response.json()["redirect"]).content.decode()
    assert "含有身份证号" in report and "内容检查发现必须修改的问题" in report


def test_sensitive_word_blocks_approval_and_names_it(client, tree):
    _, page = submit(client, tree, "word", ["<p>本文为公开信息。</p>"])
    assert page.workflow_in_progress
    SensitiveWord.objects.create(word="公开信息")  # added to the list while the page waits for review
    login(client, tree["reviewer"])
    data = page_form("城管局工作通知", "word", paragraphs=("<p>本文为公开信息。</p>",))
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve",
                 "workflow-action-extra-data": '{"secrecy_confirmed": true, "comment": ""}'})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)
    assert task_state_of(page).status == TaskState.STATUS_IN_PROGRESS
    assert task_state_of(page).task.name == "科室审核"
    assert "含有敏感词“公开信息”" in response.content.decode()
    # Through the modal too:
    modal = workflow_action(client, page, "approve", secrecy_confirmed="on")
    assert task_state_of(page).status == TaskState.STATUS_IN_PROGRESS
    assert task_state_of(page).task.name == "科室审核"
    assert "含有敏感词“公开信息”" in client.get(modal.json()["redirect"]).content.decode()


def test_warnings_do_not_block_submission(client, tree):
    login(client, tree["drafter"])
    _, page = create_page(client, tree["dept_a"].root_page, slug="warn", doc_number="武政发2024年3号",
                          written_on="2025-10-10", published_on="2025-10-09")
    assert page.workflow_in_progress
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "内容检查（提醒）" in edit and "六角括号" in edit
    assert "发布日期 2025-10-09 早于成文日期 2025-10-10" in edit


def test_editor_links_to_the_content_check_report(client, tree):
    _, page = submit(client, tree, "report", ["<p>联系人手机13912345678。</p>"])
    login(client, tree["drafter"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    report_url = reverse("review_check", args=[page.pk])
    assert report_url in edit
    report = client.get(report_url).content.decode()
    assert "139****5678" in report and "13912345678" not in report
    client.logout()
    login(client, tree["drafter_b"])
    assert client.get(report_url).status_code == 403


def minimal_pdf(text):
    """A one-page PDF whose text layer is `text` (ASCII, Helvetica)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_attachment_text_is_checked(tree):
    document = Document(title="处罚决定书扫描件")
    document.file.save("decision.pdf", ContentFile(minimal_pdf("Contact 13700001111")), save=False)
    document.save()
    page = article(tree)
    page.body = [("attachment", {"document": document, "title": "处罚决定书"})]
    assert any("【附件《处罚决定书扫描件》】含有手机号码 137****1111" in str(f) for f in run_checks(page))


def test_a_damaged_pdf_attachment_does_not_break_the_checks(tree):
    document = Document(title="损坏文件")
    document.file.save("broken.pdf", ContentFile(b"%PDF-1.4 not really a pdf"), save=False)
    document.save()
    page = article(tree)
    page.body = [("attachment", {"document": document, "title": "损坏文件"})]
    assert not [f for f in run_checks(page) if "附件《损坏文件》" in str(f)]


def test_proactive_disclosure_deadline_of_20_working_days(tree):
    """《条例》第二十六条: 20 working days from 成文日期, on the official calendar. Written on
    2025-09-12 (Friday), the 20th working day is 2025-10-16: National Day week (10-01…10-08)
    is a holiday and Sunday 09-28 and Saturday 10-11 are make-up workdays."""
    on_time = article(tree, slug="on-time", doc_number="武政发〔2025〕3号",
                      written_on=datetime.date(2025, 9, 12), published_on=datetime.date(2025, 10, 16))
    assert run_checks(on_time) == []
    late = article(tree, slug="late", doc_number="武政发〔2025〕4号",
                   written_on=datetime.date(2025, 9, 12), published_on=datetime.date(2025, 10, 17))
    findings = run_checks(late)
    assert not any(f.blocking for f in findings)
    assert [str(f) for f in findings] == [
        "【发布日期】发布日期 2025-10-17 距成文日期 2025-09-12 已有21个工作日，超过《政府信息公开条例》"
        "第二十六条规定的20个工作日主动公开时限，请在审核意见中说明原因"]
