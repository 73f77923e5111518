"""One application for government information (《条例》第二十九条) and its numbering."""

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from applications import choices
from applications.clock import ClockEvent, WorkCalendar, compute_clock
from disclosure.personal_data import mask_id_number, mask_mobile

NUMBER_PREFIX = "YSQ"
# No 0/O, 1/I/L: the applicant copies the code from a screen or a letter.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_query_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=choices.OPEN_STATUSES)

    def visible_to(self, user):
        from applications.roles import agencies_for

        agencies = agencies_for(user)
        return self if agencies is None else self.filter(agency__in=agencies)


class Application(models.Model):
    number = models.CharField("申请编号", max_length=20, unique=True, editable=False)
    code_hash = models.CharField("查询码（摘要）", max_length=128, editable=False)
    agency = models.ForeignKey("review.Department", verbose_name="受理机关", on_delete=models.PROTECT,
                               related_name="applications")
    channel = models.CharField("申请渠道", max_length=20, choices=choices.CHANNELS, default="online")
    status = models.CharField("状态", max_length=30, choices=choices.STATUSES, default=choices.STATUS_SUBMITTED,
                              db_index=True)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    is_demo = models.BooleanField("示例数据", default=False)

    applicant_type = models.CharField("申请人类型", max_length=20, choices=choices.APPLICANT_TYPES)
    organisation_kind = models.CharField("组织类别", max_length=20, choices=choices.ORGANISATION_KINDS, blank=True)
    name = models.CharField("姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=choices.ID_TYPES, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人或负责人", max_length=50, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    description = models.TextField("所需政府信息的名称、文号或便于查询的其他特征性描述")
    format = models.CharField("信息的载体形式", max_length=20, choices=choices.FORMATS)
    delivery = models.CharField("获取信息的方式", max_length=20, choices=choices.DELIVERIES)

    # Cached from the timeline so lists and exports can filter and sort in SQL.
    received_on = models.DateField("收到申请日期", null=True, blank=True)
    due_on = models.DateField("答复期限", null=True, blank=True)
    answer_type = models.CharField("答复类型", max_length=30, choices=choices.ANSWER_TYPES, blank=True)
    answer_reason = models.CharField("答复理由类别", max_length=30, choices=choices.ALL_REASONS, blank=True)
    answer_text = models.TextField("答复内容", blank=True)
    decided_on = models.DateField("答复日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_method = models.CharField("送达方式", max_length=20, choices=choices.SERVICE_METHODS, blank=True)
    closure = models.CharField("办结情形", max_length=30, choices=choices.CLOSURES, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at"]

    def __str__(self):
        return self.number

    # --- identity and the query code -------------------------------------------------
    @property
    def masked_id_number(self):
        if not self.id_number:
            return ""
        if self.id_type == "resident_id" and len(self.id_number) == 18:
            return mask_id_number(self.id_number)
        keep = max(1, len(self.id_number) // 4)
        return self.id_number[:keep] + "*" * (len(self.id_number) - 2 * keep) + self.id_number[-keep:]

    @property
    def masked_phone(self):
        return mask_mobile(self.phone) if len(self.phone) == 11 and self.phone.isdigit() else self.phone

    @property
    def applicant_category(self):
        """The table-3 column: "person" or the organisation's kind."""
        return "person" if self.applicant_type == "person" else (self.organisation_kind or "other")

    def set_query_code(self):
        code = new_query_code()
        self.code_hash = make_password(code)
        return code

    def check_query_code(self, code):
        return bool(code) and check_password(code.strip().upper(), self.code_hash)

    def save_with_number(self):
        """Save a new case with the next YSQ-<year>-NNNNNN number (retried if two race)."""
        year = timezone.localtime(self.submitted_at).year
        prefix = f"{NUMBER_PREFIX}-{year}-"
        for _ in range(5):
            last = (Application.objects.filter(number__startswith=prefix).order_by("-number")
                    .values_list("number", flat=True).first())
            self.number = prefix + "%06d" % (int(last.rsplit("-", 1)[1]) + 1 if last else 1)
            try:
                with transaction.atomic():
                    self.save()
                return self
            except IntegrityError:
                self.pk = None
        raise IntegrityError("could not allocate an application number")

    # --- the clock -------------------------------------------------------------------
    def clock_events(self):
        return [ClockEvent(kind=e.kind, on=e.on, days=e.days, party=e.party, until=e.until)
                for e in self.events.all().order_by("on", "pk")]

    def clock(self, today=None, calendar=None):
        return compute_clock(self.clock_events(), today or timezone.localdate(), calendar or WorkCalendar())

    @property
    def is_open(self):
        return self.status in choices.OPEN_STATUSES

    @property
    def outcome_on(self):
        """The day the case left the clock: the answer, or a closure without one."""
        return self.decided_on or (self.closed_on if self.closure and self.closure != choices.CLOSURE_ANSWERED
                                   else None)

    @property
    def intake_on(self):
        return self.received_on or timezone.localtime(self.submitted_at).date()

    def refresh_cached_clock(self, calendar=None):
        state = self.clock(calendar=calendar)
        self.received_on, self.due_on = state.received_on, state.due_on
        return state

    def get_status_display_for_public(self):
        return self.get_status_display()


def handler_emails(application):
    """Addresses of the staff who handle `application` (its agency's 依申请公开 group)."""
    desk = getattr(application.agency, "application_desk", None)
    if desk is None or desk.group_id is None:
        return []
    return sorted({u.email for u in desk.group.user_set.filter(is_active=True) if u.email})


