"""Every letter renders from its case as HTML and as a PDF; the served answer reaches the query page."""

import re

import pytest
from django.urls import reverse

from applications import actions
from applications.choices import ANSWER_TYPES, REASONS_BY_ANSWER
from applications.letters import letters_for
from tests.applications.conftest import application_data

pytestmark = pytest.mark.django_db

D = __import__("datetime").date


def pdf_fonts(pdf):
    import io

    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def received_case(agencies):
    from applications.demo import at

    case, code = actions.submit_online(application_data(agencies["dept_a"]), submitted_at=at(D(2026, 3, 2)))
    actions.confirm_receipt(case, D(2026, 3, 2))
    return case, code


@pytest.mark.parametrize("answer_type", [value for value, _ in ANSWER_TYPES])
def test_every_answer_type_produces_its_letter(agencies, answer_type):
    case, _ = received_case(agencies)
    reason = REASONS_BY_ANSWER.get(answer_type, [("", "")])[0][0]
    text = f"答复正文：{answer_type} 的具体内容。"
    actions.decide(case, D(2026, 3, 20), answer_type, reason, text)
    (letter,) = letters_for(case)
    html = letter.render_html()
    assert case.number in html and text in html and "武冈市城市管理和综合执法局" in html
    assert "《中华人民共和国政府信息公开条例》第" in html and "2026年3月2日" in html
    assert "11010519491231002X" not in html
    pdf = letter.render_pdf()
    assert pdf.startswith(b"%PDF")
    assert any("CJK" in name for name in pdf_fonts(pdf)), "the letter must embed a CJK font, not tofu"


def test_the_correction_and_extension_notices(agencies):
    case, _ = received_case(agencies)
    actions.request_correction(case, D(2026, 3, 4), 15, "请写明文件的名称或文号。")
    actions.receive_correction(case, D(2026, 3, 16))
    actions.extend(case, D(2026, 4, 10), 20, "需要调取档案。")
    correction, extension = letters_for(case)
    html = correction.render_html()
    assert "补正告知书" in html and "请写明文件的名称或文号。" in html and "15个工作日" in html
    html = extension.render_html()
    # Restarted on 16 Mar: day 20 is 14 Apr; 20 more are 15–30 Apr (12), 6–9 May (4, Sat 9 worked;
    # 1–5 May are holidays) and 11–14 May → 14 May.
    assert "延期答复告知书" in html and "延长20个工作日" in html and "2026年5月14日" in html
    assert extension.render_pdf().startswith(b"%PDF")


def test_the_served_answer_becomes_visible_on_the_query_page(client, agencies):
    case, code = received_case(agencies)
    actions.decide(case, D(2026, 3, 20), "disclosed", "", "现向您提供该文件。")
    query = lambda: client.post(reverse("applications:query"), {"number": case.number, "code": code})  # noqa: E731
    assert "答复书" not in query().content.decode()
    (letter,) = letters_for(case)
    assert client.get(reverse("applications:letter", args=[letter.pk])).status_code == 404
    actions.record_service(case, D(2026, 3, 20), "electronic")
    html = query().content.decode()
    assert "政府信息公开申请答复书（予以公开）" in html
    link = re.search(r'href="(/ysqgk/letters/\d+/)"', html).group(1)
    assert "现向您提供该文件。" in client.get(link).content.decode()
    pdf = client.get(link + "pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Another visitor, without the code, cannot open it.
    client.cookies.clear()
    assert client.get(link).status_code == 404
