"""The applicant's 补正 online: only after the query page, type and size checked, stored where no
URL reaches it, downloaded by the case's handlers only, the clock restarted, never cached."""

import datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from applications import actions
from applications.models import CaseEvent, CaseView, CorrectionAttachment
from tests.applications.conftest import application_data

pytestmark = pytest.mark.django_db
D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    cache.clear()
    settings.APPLICATION_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.APPLICATION_PRIVATE_ROOT
    cache.clear()


@pytest.fixture
def waiting(agencies):
    # Received and sent back today, so the 15-working-day period for the correction is running.
    today = timezone.localdate()
    case, code = actions.register(application_data(agencies["dept_a"]), "in_person", today)
    actions.request_correction(case, today, 15, "请写明所需文件的名称或文号。")
    return case, code


def verify(client, case, code):
    response = client.post(reverse("applications:query"), {"number": case.number, "code": code})
    assert response.status_code == 200
    return response.content.decode()


def correction_url(case):
    return reverse("applications:correction", args=[case.number])


def test_without_the_code_the_page_sends_the_visitor_to_the_query_page(client, waiting):
    case, _ = waiting
    response = client.get(correction_url(case))
    assert response.status_code == 302 and response["Location"].startswith(reverse("applications:query"))
    posted = client.post(correction_url(case), {"text": "补正"})
    assert posted.status_code == 302 and not case.events.filter(kind=CaseEvent.CORRECTION_RECEIVED).exists()


def test_the_applicant_corrects_online_and_the_clock_restarts_today(client, agencies, waiting, private_root):
    case, code = waiting
    query = verify(client, case, code)
    assert f'href="{correction_url(case)}"' in query and "网上提交补正材料" in query
    page = client.get(correction_url(case))
    assert page.status_code == 200 and "请写明所需文件的名称或文号。" in page.content.decode()
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert 'enctype="multipart/form-data"' in page.content.decode()

    files = [SimpleUploadedFile("营业执照.png", PNG, "image/png"), SimpleUploadedFile("说明.pdf", PDF,
                                                                                    "application/pdf")]
    response = client.post(correction_url(case), {"text": "所需文件为《2025年城区占道经营整治工作方案》。",
                                                  "attachments": files})
    assert response.status_code == 302
    done = client.get(response["Location"])
    today = timezone.localdate()
    assert "补正材料已提交" in done.content.decode() and "no-store" in done["Cache-Control"]

    case.refresh_from_db()
    event = case.events.get(kind=CaseEvent.CORRECTION_RECEIVED)
    assert case.status == "processing" and event.on == today and event.user is None
    state = case.clock(today=today)
    assert state.clock_start == today and state.due_on == case.due_on
    assert event.online_correction.text.startswith("所需文件为")
    stored = list(CorrectionAttachment.objects.order_by("pk"))
    assert [a.name for a in stored] == ["营业执照.png", "说明.pdf"]
    for attachment in stored:
        path = Path(attachment.file.path)
        assert path.is_file() and private_root in path.parents and "营业执照" not in path.name
        with pytest.raises(ValueError):
            _ = attachment.file.url
    assert not (Path(private_root).parent / "media").exists()

    # The office reads it in the timeline and downloads it; another agency's handler cannot.
    client.force_login(agencies["handler_a"])
    detail = client.get(reverse("applications_admin:detail", args=[case.pk])).content.decode()
    assert "申请人补正内容" in detail and "营业执照.png" in detail and "申请人（网上提交）" in detail
    url = reverse("applications_admin:attachment", args=[case.pk, stored[1].pk])
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment") and download["X-Content-Type-Options"] == "nosniff"
    assert CaseView.objects.filter(application=case, action="attachment").count() == 1
    client.force_login(agencies["handler_b"])
    assert client.get(url).status_code in (302, 403)

    # Once received, the page says so instead of taking a second correction.
    client.logout()
    verify(client, case, code)
    again = client.post(correction_url(case), {"text": "再补充一点"})
    assert again.status_code == 409 and "当前不需要补正" in again.content.decode()


@pytest.mark.parametrize("name, content, message", [
    ("说明.pdf", b"<html><script>alert(1)</script></html>", "网页代码"),
    ("照片.png", PDF, "与扩展名 .png 不符"),
    ("脚本.svg", b"<svg/>", "不在允许范围内"),
    ("压缩包.zip", b"PK\x03\x04" + b"\x00" * 30, "不在允许范围内"),
])
def test_bad_attachments_are_refused_and_nothing_is_stored(client, waiting, private_root, name, content, message):
    case, code = waiting
    verify(client, case, code)
    response = client.post(correction_url(case), {"text": "补正内容", "attachments": [SimpleUploadedFile(name,
                                                                                                       content)]})
    assert response.status_code == 400 and message in response.content.decode()
    case.refresh_from_db()
    assert case.status == "awaiting_correction" and not CorrectionAttachment.objects.exists()
    assert not Path(private_root).exists() or not any(Path(private_root).rglob("*.*"))


@override_settings(APPLICATION_CORRECTION_MAX_BYTES=1024)
def test_size_limit_and_missing_text(client, waiting):
    case, code = waiting
    verify(client, case, code)
    big = client.post(correction_url(case), {"text": "补正", "attachments": [
        SimpleUploadedFile("大.pdf", PDF + b"0" * 2048)]})
    assert big.status_code == 400 and "超过" in big.content.decode()
    empty = client.post(correction_url(case), {"text": ""})
    assert empty.status_code == 400 and "请填写补正内容" in empty.content.decode()
    assert not case.events.filter(kind=CaseEvent.CORRECTION_RECEIVED).exists()


@override_settings(APPLICATION_QUERY_RATE_LIMIT=2, APPLICATION_QUERY_RATE_WINDOW=60)
def test_submissions_are_rate_limited(client, waiting, rate_limit_clock):
    case, code = waiting
    verify(client, case, code)
    for _ in range(2):
        assert client.post(correction_url(case), {"text": ""}).status_code == 400
    limited = client.post(correction_url(case), {"text": "补正内容"})
    assert limited.status_code == 429 and "过于频繁" in limited.content.decode()
    assert not case.events.filter(kind=CaseEvent.CORRECTION_RECEIVED).exists()


def test_after_the_period_the_site_takes_no_correction(client, agencies):
    from applications.demo import at

    case, code = actions.register(application_data(agencies["dept_a"]), "in_person", D(2026, 3, 2),
                                  submitted_at=at(D(2026, 3, 2)))
    actions.request_correction(case, D(2026, 3, 4), 5, "请写明所需文件的名称或文号。")  # until Wed 11 Mar
    verify(client, case, code)
    refused = client.post(correction_url(case), {"text": "迟到的补正"})
    assert refused.status_code == 409 and "补正期限（2026年03月11日）已届满" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == "awaiting_correction"
