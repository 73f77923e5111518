"""行政执法公示 / 双公示: one page per licensing or penalty decision."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from disclosure.identifiers import CREDIT_CODE_SHAPE, clean_code, credit_code_problem, id_number_problem
from disclosure.personal_data import mask_name, scrub_personal_numbers
from disclosure.workdays import working_days_between

from .base import DisclosurePage, not_before_error

PUBLICATION_DEADLINE_WORKDAYS = 7
DEFAULT_PUBLICITY_YEARS = 3

DECISION_TYPE_CHOICES = [("penalty", "行政处罚"), ("licensing", "行政许可")]
PARTY_TYPE_CHOICES = [
    ("organisation", "法人及非法人组织"),
    ("individual", "自然人"),
    ("sole_trader", "个体工商户"),
]
STATUS_CHOICES = [("active", "公示中"), ("revoked", "已撤销"), ("expired", "已到期")]


class EnforcementDecisionPage(DisclosurePage):
    """A 行政处罚 or 行政许可 decision under 双公示. 决定书文号 is the page's 文号."""

    page_description = "行政处罚、行政许可决定的“双公示”，按时限公开并可撤下"

    decision_type = models.CharField("决定类型", max_length=20, choices=DECISION_TYPE_CHOICES, default="penalty")
    party_name = models.CharField("当事人（行政相对人名称）", max_length=200)
    party_type = models.CharField("行政相对人类别", max_length=20, choices=PARTY_TYPE_CHOICES,
                                  default="organisation")
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人（负责人）", max_length=100, blank=True)
    id_number = models.CharField("证件号码", max_length=30, blank=True,
                                 help_text="自然人身份证号，仅用于报送信用平台，网站上永不显示")
    phone = models.CharField("联系电话", max_length=30, blank=True, help_text="网站上永不显示")
    violation_type = models.CharField("违法行为类型", max_length=200, blank=True)
    facts = models.TextField("违法事实", blank=True)
    basis = models.TextField("处罚依据", blank=True)
    penalty_category = models.CharField("处罚类别", max_length=100, blank=True,
                                        help_text="如：警告、罚款、没收违法所得、责令停产停业；多项用“；”分隔")
    penalty_content = models.TextField("处罚内容", blank=True)
    fine_amount = models.DecimalField("罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    confiscated_amount = models.DecimalField("没收违法所得、非法财物金额（元）", max_digits=14, decimal_places=2,
                                             null=True, blank=True)
    licence_revoked = models.CharField("暂扣或吊销证照名称及编号", max_length=200, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    publicity_on = models.DateField("公示日期", null=True, blank=True, help_text="留空则取发布日期")
    publicity_until = models.DateField("公示截止日期", null=True, blank=True,
                                       help_text=f"留空则为决定日期起{DEFAULT_PUBLICITY_YEARS}年；到期后自动撤下")
    status = models.CharField("状态", max_length=20, choices=STATUS_CHOICES, default="active")
    revoked_on = models.DateField("撤销日期", null=True, blank=True)
    revocation_notice = models.TextField("撤销说明", blank=True, help_text="撤销后在原网址向公众显示的说明")

    content_panels = DisclosurePage.content_panels[:1] + [
        MultiFieldPanel([
            FieldPanel("decision_type"), FieldPanel("doc_number", heading="决定书文号"),
            FieldPanel("decided_on"), FieldPanel("publicity_on"), FieldPanel("publicity_until"),
            FieldPanel("status"), FieldPanel("revoked_on"), FieldPanel("revocation_notice"),
        ], heading="决定与公示"),
        MultiFieldPanel([
            FieldPanel("party_name"), FieldPanel("party_type"), FieldPanel("credit_code"),
            FieldPanel("legal_representative"), FieldPanel("id_number"), FieldPanel("phone"),
        ], heading="行政相对人"),
        MultiFieldPanel([
            FieldPanel("violation_type"), FieldPanel("facts"), FieldPanel("basis"),
            FieldPanel("penalty_category"), FieldPanel("penalty_content"), FieldPanel("fine_amount"),
            FieldPanel("confiscated_amount"), FieldPanel("licence_revoked"),
        ], heading="违法事实与处罚"),
    ] + DisclosurePage.content_panels[1:]


    class Meta:
        verbose_name = "行政执法决定公示"

    def clean(self):
        super().clean()
        errors = {}
        if self.decision_type == "penalty":
            for field in ("facts", "basis", "penalty_category", "penalty_content"):
                if not getattr(self, field):
                    errors[field] = "行政处罚决定必须填写此项。"
        if self.decided_on is None:
            errors["decided_on"] = "请填写决定日期。"
        if self.credit_code and not CREDIT_CODE_SHAPE.fullmatch(clean_code(self.credit_code)):
            errors["credit_code"] = "统一社会信用代码应为18位（数字或大写字母，不含I、O、Z、S、V）。"
        if self.party_type == "organisation" and not self.credit_code:
            errors["credit_code"] = "法人及非法人组织须填写统一社会信用代码。"
        if self.status == "revoked" and not self.revocation_notice:
            errors["revocation_notice"] = "撤销的决定须填写向公众说明的撤销说明。"
        if self.decided_on and self.publicity_until and self.publicity_until < self.decided_on:
            errors["publicity_until"] = "公示截止日期不能早于决定日期。"
        if errors:
            raise ValidationError(errors)
        self.credit_code = clean_code(self.credit_code)
        if self.status == "revoked" and self.revoked_on is None:
            self.revoked_on = timezone.localdate()
        if self.decided_on and self.publicity_until is None:
            self.publicity_until = _add_years(self.decided_on, DEFAULT_PUBLICITY_YEARS)

    # The title and summaries are masked on save (normalise_fields); the rest is checked.
    PERSONAL_DATA_FIELDS = ("source_name", "author")

    def editor_errors(self, submitted):
        errors = super().editor_errors(submitted)
        decided_on, publicity_on = submitted.get("decided_on"), submitted.get("publicity_on")
        checks = {
            "publicity_on": not_before_error("公示日期", publicity_on, "决定日期", decided_on,
                                             "：决定作出后才能公示。"),
            "published_on": not_before_error("发布日期", submitted.get("published_on"), "决定日期", decided_on),
            "publicity_until": not_before_error("公示截止日期", submitted.get("publicity_until"), "公示日期", publicity_on),
            "revoked_on": not_before_error("撤销日期", submitted.get("revoked_on"), "决定日期", decided_on),
        }
        for field, problem in checks.items():
            if problem and field not in errors:
                errors[field] = problem
        for field in ("fine_amount", "confiscated_amount"):
            amount = submitted.get(field)
            if amount is not None and amount < 0:
                label = self._meta.get_field(field).verbose_name
                errors[field] = f"{label}不能为负数；没有罚没款请留空。"
        # Length and characters are checked by clean() (imports too); here the check digit,
        # the prefix and a pasted 身份证号, which legacy data may break.
        credit_code = clean_code(submitted.get("credit_code"))
        problem = credit_code_problem(credit_code) if CREDIT_CODE_SHAPE.fullmatch(credit_code) else None
        if problem:
            errors["credit_code"] = problem
        problem = id_number_problem(submitted.get("id_number"))
        if problem:
            errors["id_number"] = problem
        return errors

    def normalise_fields(self):
        super().normalise_fields()
        # The title shows up in lists, feeds, <title> and the catalogue: mask it at the source.
        if self.title:
            self.title = self.mask_personal_data(self.title)
            self.draft_title = self.title
        # Free-text metadata that templates print as-is (<meta name="Description"> etc.).
        for field in ("seo_title", "search_description", "summary", "keywords"):
            value = getattr(self, field)
            if value:
                setattr(self, field, self.mask_personal_data(value))

    # --- deadlines and status ----------------------------------------------------------

    @property
    def effective_publicity_on(self):
        return self.publicity_on or self.display_date

    def publication_delay(self):
        """Working days from 决定日期 to 公示日期 (7 is the legal limit)."""
        if not self.decided_on or not self.effective_publicity_on:
            return None
        return working_days_between(self.decided_on, self.effective_publicity_on)

    @property
    def is_overdue(self):
        delay = self.publication_delay()
        return delay is not None and delay > PUBLICATION_DEADLINE_WORKDAYS

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        # The overdue flag shows wherever editors see the page in the admin (explorer, search, reports).
        return f"{title}【超期公示】" if self.is_overdue else title

    def current_status(self, today=None):
        today = today or timezone.localdate()
        if self.status == "revoked":
            return "revoked"
        if self.status == "expired" or (self.publicity_until and self.publicity_until < today):
            return "expired"
        return "active"

    def is_withdrawn_from_public(self):
        return self.current_status() != "active"

    def get_sitemap_urls(self, request=None):
        return [] if self.is_withdrawn_from_public() else super().get_sitemap_urls(request)

    @property
    def status_label(self):
        return dict(STATUS_CHOICES)[self.current_status()]

    # --- what citizens may see -----------------------------------------------------------

    @property
    def masks_party(self):
        return self.party_type in {"individual", "sole_trader"}

    def mask_personal_data(self, text):
        """The text as the public may see it: numbers scrubbed, a private party's name masked."""
        text = scrub_personal_numbers(text)
        if self.masks_party and self.party_name:
            text = text.replace(self.party_name, mask_name(self.party_name))
        if self.party_type == "sole_trader" and self.legal_representative:
            text = text.replace(self.legal_representative, mask_name(self.legal_representative))
        return text

    @property
    def public_party_name(self):
        if self.party_type == "individual":
            return mask_name(self.party_name)
        return self.mask_personal_data(self.party_name)

    @property
    def public_legal_representative(self):
        if self.party_type == "organisation":
            return self.legal_representative
        return mask_name(self.legal_representative)

    @property
    def public_title(self):
        return self.mask_personal_data(self.title)

    def public_text(self, field):
        return self.mask_personal_data(getattr(self, field) or "")

    def public_fields(self):
        """(label, value) pairs shown on the page; never the 证件号码 or 联系电话."""
        licensing = self.decision_type == "licensing"
        rows = [
            ("决定书文号", self.doc_number),
            ("决定类型", self.get_decision_type_display()),
            ("行政相对人名称", self.public_party_name),
            ("行政相对人类别", self.get_party_type_display()),
        ]
        if self.party_type != "individual":
            rows += [("统一社会信用代码", self.credit_code), ("法定代表人（负责人）", self.public_legal_representative)]
        if not licensing:
            rows += [("违法行为类型", self.public_text("violation_type")), ("违法事实", self.public_text("facts"))]
        rows += [
            ("许可依据" if licensing else "处罚依据", self.public_text("basis")),
            ("许可类别" if licensing else "处罚类别", self.penalty_category),
            ("许可内容" if licensing else "处罚内容", self.public_text("penalty_content")),
            ("罚款金额（元）", f"{self.fine_amount:,.2f}" if self.fine_amount is not None and not licensing else ""),
            ("决定日期", self.decided_on.isoformat() if self.decided_on else ""),
            ("公示日期", self.effective_publicity_on.isoformat() if self.effective_publicity_on else ""),
            ("公示截止日期", self.publicity_until.isoformat() if self.publicity_until else ""),
            ("许可机关" if licensing else "处罚机关", self.publisher.name if self.publisher_id else ""),
        ]
        return [(label, value) for label, value in rows if value]

    def public_body_html(self):
        """The free-text body, rendered, with personal data masked like the fields above."""
        from django.utils.safestring import mark_safe

        return mark_safe(self.mask_personal_data(str(self.body))) if self.body else ""

    def body_text(self):
        """What search and summaries see: the public fields and body, already masked."""
        lines = [f"{label}：{value}" for label, value in self.public_fields()]
        body = super().body_text()
        if body:
            lines.append(self.mask_personal_data(body))
        return "\n".join(lines)

    def serve(self, request, *args, **kwargs):
        status = self.current_status()
        if status == "expired":
            # The publicity period is over: the decision leaves the public site.
            raise Http404("公示期已满")
        if status == "revoked":
            # The notice stays reachable (listings tag it 已撤销, QR codes point to it), so it
            # answers 200 like any page a link checker follows; noindex keeps it out of engines.
            context = self.get_context(request, *args, **kwargs)
            return TemplateResponse(request, "disclosure/enforcement_revoked.html", context)
        return super().serve(request, *args, **kwargs)


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def expired_decisions(today=None):
    today = today or timezone.localdate()
    return EnforcementDecisionPage.objects.filter(publicity_until__lt=today).exclude(status="revoked")


def withdrawn_decisions(today=None):
    """Decisions no longer offered to citizens: revoked, or past their publicity period
    (even before the daily job has unpublished them). Mirrors `is_withdrawn_from_public`."""
    today = today or timezone.localdate()
    return EnforcementDecisionPage.objects.filter(
        Q(status__in=["revoked", "expired"]) | Q(publicity_until__lt=today))


__all__ = ["EnforcementDecisionPage", "expired_decisions", "withdrawn_decisions"]
