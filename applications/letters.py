"""The office's letters, filled in from the case: 补正告知书 (art 30), 延期答复告知书 (art 33),
说明理由告知书 and 延迟答复告知书 (art 35), the 缴费通知书 (国办函〔2020〕109号) and the answer letter of
each answer type (art 36–39). Each letter belongs to the timeline event that sent it, so what was
served never changes when the case changes later. HTML is laid out for A4 after GB/T 9704
(docs/applications.md); the PDF is the same HTML through WeasyPrint."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from applications import choices
from applications.models import CaseEvent

LETTER_KINDS = {
    CaseEvent.CORRECTION_REQUESTED: "政府信息公开申请补正告知书",
    CaseEvent.EXTENDED: "政府信息公开申请延期答复告知书",
    CaseEvent.REASONS_REQUESTED: "政府信息公开申请说明理由告知书",
    CaseEvent.LONGER_PERIOD: "政府信息公开申请延迟答复告知书",
    CaseEvent.FEE_NOTIFIED: "政府信息公开信息处理费缴费通知书",
    CaseEvent.DECIDED: "政府信息公开申请答复书",
}
ANSWER_TITLES = {
    "already_public": "政府信息公开申请答复书（已主动公开）",
    "disclosed": "政府信息公开申请答复书（予以公开）",
    "partly_disclosed": "政府信息公开申请答复书（部分公开）",
    "not_disclosed": "政府信息公开申请答复书（不予公开）",
    "cannot_provide": "政府信息公开申请答复书（无法提供）",
    "not_processed": "政府信息公开申请答复书（不予处理）",
    "other": "政府信息公开申请答复书",
}
# The legal ground cited for each answer (《中华人民共和国政府信息公开条例》).
ANSWER_BASIS = {
    "already_public": "第三十六条第（一）项",
    "disclosed": "第三十六条第（二）项",
    "partly_disclosed": "第三十七条",
    "not_disclosed": "第三十六条第（三）项",
    "cannot_provide": {"not_held": "第三十六条第（四）项、第（五）项", "needs_creation": "第三十八条",
                       "still_unclear": "第三十条"},
    "not_processed": {"petition": "第三十九条第一款", "repeat": "第三十六条第（六）项",
                      "publication": "第三十九条第二款", "excessive": "第三十五条",
                      "confirmation": "第三十九条第二款"},
    "other": "第三十六条第（七）项",
}
ANSWER_OPENINGS = {
    "already_public": "您申请获取的政府信息已经主动公开，现告知您获取该政府信息的方式和途径。",
    "disclosed": "您申请获取的政府信息属于公开范围，本机关予以公开，现向您提供该政府信息。",
    "partly_disclosed": "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，本机关向您提供可以公开的部分，"
                        "并对不予公开的内容说明理由。",
    "not_disclosed": "经审查，您申请获取的政府信息依法不予公开。",
    "cannot_provide": "经审查，本机关无法提供您申请获取的政府信息。",
    "not_processed": "经审查，您的申请本机关不作为政府信息公开申请处理。",
    "other": "经审查，现对您的申请答复如下。",
}


@dataclass
class Letter:
    event: CaseEvent
    application: object

    @property
    def pk(self):
        return self.event.pk

    @property
    def kind(self):
        return self.event.kind

    @property
    def title(self):
        if self.kind == CaseEvent.DECIDED:
            return ANSWER_TITLES.get(self.application.answer_type, LETTER_KINDS[self.kind])
        return LETTER_KINDS[self.kind]

    @property
    def reference(self):
        suffix = {CaseEvent.CORRECTION_REQUESTED: "补", CaseEvent.EXTENDED: "延", CaseEvent.DECIDED: "答",
                  CaseEvent.REASONS_REQUESTED: "理", CaseEvent.LONGER_PERIOD: "迟", CaseEvent.FEE_NOTIFIED: "费"}[self.kind]
        return f"{self.application.number}-{suffix}"

    @property
    def served_on(self):
        if self.kind == CaseEvent.DECIDED:
            return self.application.served_on
        return self.event.on

    @property
    def is_public(self):
        """Notices are public once sent; the answer once it has been served."""
        return self.kind != CaseEvent.DECIDED or self.application.served_on is not None

    def context(self):
        application = self.application
        basis = ANSWER_BASIS.get(application.answer_type, "")
        if isinstance(basis, dict):
            basis = basis.get(application.answer_reason, "")
        state = application.clock()
        return {
            "letter": self, "application": application, "agency_name": application.agency.organisation.name,
            "event": self.event, "state": state, "basis": basis,
            "opening": ANSWER_OPENINGS.get(application.answer_type, ""),
            "reason_label": choices.label(choices.ALL_REASONS, application.answer_reason),
            "salutation": application.name,
            "desk": getattr(application.agency, "application_desk", None),
        }

    def render_html(self):
        return render_to_string("applications/letters/letter.html", self.context())

    def render_pdf(self):
        from weasyprint import HTML  # imported here: the site runs without pango when no PDF is asked for

        return HTML(string=self.render_html()).write_pdf()


def letters_for(application):
    events = application.events.filter(kind__in=list(LETTER_KINDS)).order_by("on", "pk")
    return [Letter(event, application) for event in events]


def served_letters(application):
    return [letter for letter in letters_for(application) if letter.is_public]


def letter_by_id(application, letter_id):
    return next((letter for letter in letters_for(application) if letter.pk == letter_id), None)
