"""Every step of a case, as the office records it. Each call validates against the law and the
current status, appends one timeline event (who, when, why) and updates the cached clock in
one transaction, so a refused step leaves nothing half-written."""

from django.db import transaction
from django.utils import timezone

from applications import choices
from applications.clock import MAX_EXTENSION_WORKING_DAYS, ClockError
from applications.models import Application, CaseEvent

E = CaseEvent


class ActionError(ValueError):
    """A step the case's state or the law does not allow; the message is shown to the office."""


# kind: (statuses it may follow, status after it)
TRANSITIONS = {
    E.RECEIVED: ([choices.STATUS_SUBMITTED], choices.STATUS_PROCESSING),
    E.CORRECTION_REQUESTED: ([choices.STATUS_PROCESSING], choices.STATUS_AWAITING_CORRECTION),
    E.CORRECTION_RECEIVED: ([choices.STATUS_AWAITING_CORRECTION], choices.STATUS_PROCESSING),
    E.EXTENDED: ([choices.STATUS_PROCESSING, choices.STATUS_CONSULTING, choices.STATUS_AWAITING_FEE], None),
    E.REASONS_REQUESTED: ([choices.STATUS_PROCESSING, choices.STATUS_CONSULTING, choices.STATUS_AWAITING_FEE], None),
    E.LONGER_PERIOD: ([choices.STATUS_PROCESSING, choices.STATUS_CONSULTING, choices.STATUS_AWAITING_FEE], None),
    E.CONSULTATION_STARTED: ([choices.STATUS_PROCESSING], choices.STATUS_CONSULTING),
    E.CONSULTATION_ENDED: ([choices.STATUS_CONSULTING], choices.STATUS_PROCESSING),
    E.FEE_NOTIFIED: ([choices.STATUS_PROCESSING], choices.STATUS_AWAITING_FEE),
    E.FEE_PAID: ([choices.STATUS_AWAITING_FEE], choices.STATUS_PROCESSING),
    E.DECIDED: ([choices.STATUS_PROCESSING, choices.STATUS_CONSULTING, choices.STATUS_AWAITING_FEE],
                choices.STATUS_DECIDED),
    E.SERVED: ([choices.STATUS_DECIDED], choices.STATUS_SERVED),
    E.CLOSED: (choices.OPEN_STATUSES + [choices.STATUS_DECIDED, choices.STATUS_SERVED], choices.STATUS_CLOSED),
}


# art 30 (one notice), art 33 (one extension), art 35 (one longer period), 109号 (one fee per application)
ONCE_ONLY = [E.CORRECTION_REQUESTED, E.EXTENDED, E.LONGER_PERIOD, E.FEE_NOTIFIED]


def allowed_actions(application):
    done = set(application.events.filter(kind__in=ONCE_ONLY).values_list("kind", flat=True))
    return [kind for kind, (before, _) in TRANSITIONS.items() if application.status in before and kind not in done]


@transaction.atomic
def record(case, kind, on, user=None, reason="", days=None, party="", today=None, event_fields=None, **updates):
    application = Application.objects.select_for_update().get(pk=case.pk)
    before, after = TRANSITIONS[kind]
    if application.status not in before:
        raise ActionError("当前状态（%s）不能%s。" % (application.get_status_display(), dict(E.KINDS)[kind]))
    today = today or timezone.localdate()
    if on is None:
        raise ActionError("请填写日期。")
    if on > today:
        raise ActionError("日期不能晚于今天。")
    last = application.events.order_by("-on").first()
    if last is not None and on < last.on:
        raise ActionError(f"日期不能早于上一步（{last.get_kind_display()}，{last.on:%Y-%m-%d}）。")
    if kind == E.FEE_NOTIFIED and application.events.filter(kind=kind).exists():
        raise ActionError("每件申请只能发出一次收费通知，且不得按两种标准重复计算（国办函〔2020〕109号第三条）。")
    event = CaseEvent.objects.create(application=application, kind=kind, on=on, user=user, reason=reason,
                                     days=days, party=party, **(event_fields or {}))
    try:
        application.clock(today=today)
    except ClockError as error:
        raise ActionError(str(error)) from error
    if after is not None:
        application.status = after
    for field, value in updates.items():
        setattr(application, field, value)
    application.refresh_cached_clock()
    application.save()
    case.refresh_from_db()  # the caller's copy sees the new status
    return event


def new_application(data, channel="online", submitted_at=None):
    application = Application(channel=channel, **data)
    if submitted_at is not None:
        application.submitted_at = submitted_at
    code = application.set_query_code()
    return application, code


@transaction.atomic
def submit_online(data, submitted_at=None):
    """A citizen's web submission: the clock waits for the office to confirm receipt (art 31)."""
    application, code = new_application(data, "online", submitted_at)
    application.save_with_number()
    CaseEvent.objects.create(application=application, kind=E.SUBMITTED,
                             on=timezone.localtime(application.submitted_at).date(), reason="申请人通过网站提交")
    return application, code


@transaction.atomic
def register(data, channel, received_on, user=None, reason="", today=None, submitted_at=None):
    """An application handed in, posted or faxed: registered and received in one step."""
    if channel not in dict(choices.CHANNELS):
        raise ActionError("请选择申请渠道。")
    application, code = new_application(data, channel, submitted_at)
    application.save_with_number()
    CaseEvent.objects.create(application=application, kind=E.REGISTERED, on=received_on, user=user,
                             reason=reason or "窗口登记（%s）" % choices.label(choices.CHANNELS, channel))
    record(application, E.RECEIVED, received_on, user, choices.RECEIPT_RULES[channel], today=today)
    application.refresh_from_db()
    return application, code


def confirm_receipt(application, on, user=None, reason="", today=None):
    return record(application, E.RECEIVED, on, user, reason or choices.RECEIPT_RULES[application.channel],
                  today=today)


def request_correction(application, on, days, reason, user=None, today=None):
    if not reason.strip():
        raise ActionError("请一次性列明需要补正的全部事项（《条例》第三十条）。")
    if not days or days < 1:
        raise ActionError("请填写合理的补正期限（工作日）。")
    return record(application, E.CORRECTION_REQUESTED, on, user, reason, days=days, today=today)


def receive_correction(application, on, user=None, reason="", today=None):
    return record(application, E.CORRECTION_RECEIVED, on, user, reason or "收到申请人补正材料，答复期限重新计算",
                  today=today)


@transaction.atomic
def submit_correction_online(application, text, files=()):
    """The applicant's own 补正 through the query page: received today, so the clock restarts at
    zero from today (art 30). The event, the text and every attachment are stored together or
    not at all. `files` are (name, uploaded file) pairs already checked by the form."""
    from applications.models import CorrectionAttachment, CorrectionSubmission

    today = timezone.localdate()
    event = record(application, E.CORRECTION_RECEIVED, today, None, "申请人通过网站提交补正，答复期限自当日重新计算",
                   today=today)
    submission = CorrectionSubmission.objects.create(application=application, event=event, text=text)
    saved = []
    try:
        for name, upload in files:
            attachment = CorrectionAttachment(submission=submission, name=name[:200], size=upload.size)
            attachment.file.save(name, upload, save=False)
            saved.append(attachment.file.name)
            attachment.save()
    except Exception:
        # The rows roll back with the transaction; the files written so far must go with them.
        storage = CorrectionAttachment._meta.get_field("file").storage
        for stored in saved:
            storage.delete(stored)
        raise
    return submission


def extend(application, on, days, reason, user=None, today=None):
    if not reason.strip():
        raise ActionError("延长答复期限须经负责人同意并说明理由（《条例》第三十三条）。")
    if not days or not 0 < days <= MAX_EXTENSION_WORKING_DAYS:
        raise ActionError("延长的期限最长不得超过20个工作日。")
    return record(application, E.EXTENDED, on, user, reason, days=days, today=today)


def start_consultation(application, on, party, reason, user=None, today=None):
    if party not in dict(choices.CONSULTATION_PARTIES):
        raise ActionError("请选择征求意见的对象。")
    return record(application, E.CONSULTATION_STARTED, on, user, reason, party=party, today=today)


def end_consultation(application, on, reason="", user=None, today=None):
    started = application.events.filter(kind=E.CONSULTATION_STARTED).order_by("-on", "-pk").first()
    return record(application, E.CONSULTATION_ENDED, on, user, reason or "收到意见", party=started.party if started
                  else "", today=today)


def request_reasons(application, on, reason, user=None, today=None):
    """Art 35: the number or frequency of requests is clearly unreasonable; ask for the reasons.
    The clock keeps running: the law gives this step no pause."""
    if not reason.strip():
        raise ActionError("请写明申请数量、频次明显超过合理范围的情况和需要说明的事项（《条例》第三十五条）。")
    return record(application, E.REASONS_REQUESTED, on, user, reason, today=today)


def set_longer_period(application, on, until, reason, user=None, today=None):
    """Art 35: the reasons are reasonable but the answer cannot be given in the art 33 period;
    the office sets a reasonable later due date and tells the applicant."""
    if not reason.strip():
        raise ActionError("请说明申请理由合理但无法在法定期限内答复的原因（《条例》第三十五条）。")
    if until is None:
        raise ActionError("请填写确定的答复期限。")
    state = application.clock(today=today)
    if state.due_on is not None and until <= state.due_on:
        raise ActionError(f"确定的答复期限须晚于现行答复期限（{state.due_on:%Y-%m-%d}）。")
    return record(application, E.LONGER_PERIOD, on, user, reason, today=today, event_fields={"until": until})


def notify_fee(application, on, method, pages=None, reason="", user=None, today=None):
    """A fee notice under 国办函〔2020〕109号: the amount is computed here, never typed in."""
    from applications import fees

    if method not in dict(choices.FEE_METHODS):
        raise ActionError("请选择计费方式（按件计收或按量计收）。")
    if method == choices.FEE_PER_VOLUME and (not pages or pages < 1):
        raise ActionError("按量计收请填写提供的政府信息页数。")
    quote = fees.quote(application, method, pages)
    if quote.amount == 0:
        raise ActionError("%s，无需发出收费通知。" % quote.calculation)
    text = quote.calculation + (f"\n{reason.strip()}" if reason.strip() else "")
    return record(application, E.FEE_NOTIFIED, on, user, text, today=today,
                  event_fields={"fee_method": method, "fee_quantity": quote.quantity, "fee_amount": quote.amount})


def record_payment(application, on, user=None, reason="", today=None):
    return record(application, E.FEE_PAID, on, user, reason or "申请人已缴费", today=today)


def decide(application, on, answer_type, answer_reason, answer_text, user=None, today=None):
    if answer_type not in dict(choices.ANSWER_TYPES):
        raise ActionError("请选择答复类型。")
    reasons = choices.REASONS_BY_ANSWER.get(answer_type)
    if reasons and answer_reason not in dict(reasons):
        raise ActionError("请选择“%s”的理由类别。" % choices.label(choices.ANSWER_TYPES, answer_type))
    if not reasons:
        answer_reason = ""
    if not answer_text.strip():
        raise ActionError("请填写答复内容（不予公开、无法提供、不予处理的须说明理由和依据）。")
    return record(application, E.DECIDED, on, user, answer_text, today=today, answer_type=answer_type,
                  answer_reason=answer_reason, answer_text=answer_text, decided_on=on)


def record_service(application, on, method, user=None, reason="", today=None):
    if method not in dict(choices.SERVICE_METHODS):
        raise ActionError("请选择送达方式。")
    return record(application, E.SERVED, on, user, reason or choices.label(choices.SERVICE_METHODS, method),
                  today=today, served_on=on, service_method=method)


def close(application, on, closure, reason="", user=None, today=None):
    if closure not in dict(choices.CLOSURES):
        raise ActionError("请选择办结情形。")
    state = application.clock(today=today)
    if closure == choices.CLOSURE_ANSWERED and application.status != choices.STATUS_SERVED:
        raise ActionError("答复送达后才能以“答复已送达”办结。")
    if closure == choices.CLOSURE_CORRECTION_OVERDUE:
        if application.status != choices.STATUS_AWAITING_CORRECTION:
            raise ActionError("只有待补正的申请才能以逾期不补正办结。")
        if state.correction_due_on and on <= state.correction_due_on:
            raise ActionError(f"补正期限（{state.correction_due_on:%Y-%m-%d}）尚未届满。")
    if closure == choices.CLOSURE_FEE_UNPAID:
        if application.status != choices.STATUS_AWAITING_FEE:
            raise ActionError("只有待缴费的申请才能以逾期未缴费办结。")
        if state.fee_due_on and on <= state.fee_due_on:
            raise ActionError(f"缴费期限（{state.fee_due_on:%Y-%m-%d}）尚未届满。")
    return record(application, E.CLOSED, on, user, reason or choices.label(choices.CLOSURES, closure),
                  today=today, closure=closure, closed_on=on)
