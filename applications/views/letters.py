"""Letters as print-ready HTML and PDF: for the applicant once served, and for the office."""

from django.http import Http404, HttpResponse

from applications.letters import letter_by_id
from applications.models import CaseEvent
from applications.views.public import SESSION_VERIFIED


def _public_letter(request, letter_id):
    event = CaseEvent.objects.filter(pk=letter_id).select_related("application").first()
    if event is None or event.application_id not in request.session.get(SESSION_VERIFIED, []):
        raise Http404("未找到文书")
    letter = letter_by_id(event.application, letter_id)
    if letter is None or not letter.is_public:
        raise Http404("未找到文书")
    return letter


def letter_response(letter, pdf=False):
    if not pdf:
        return HttpResponse(letter.render_html(), content_type="text/html; charset=utf-8")
    try:
        content = letter.render_pdf()
    except (ImportError, OSError):
        return HttpResponse("PDF 生成组件不可用，请使用网页版文书打印。", status=503,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter.reference}.pdf"'
    return response


def public_letter(request, letter_id):
    return letter_response(_public_letter(request, letter_id))


def public_letter_pdf(request, letter_id):
    return letter_response(_public_letter(request, letter_id), pdf=True)

