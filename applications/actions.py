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
    E.CONSULTATION_STARTED: ([choices.STATUS_PROCESSING], choices.STATUS_CONSULTING),
    E.CONSULTATION_ENDED: ([choices.STATUS_CONSULTING], choices.STATUS_PROCESSING),
    E.FEE_NOTIFIED: ([choices.STATUS_PROCESSING], choices.STATUS_AWAITING_FEE),
    E.FEE_PAID: ([choices.STATUS_AWAITING_FEE], choices.STATUS_PROCESSING),
    E.DECIDED: ([choices.STATUS_PROCESSING, choices.STATUS_CONSULTING, choices.STATUS_AWAITING_FEE],
                choices.STATUS_DECIDED),
    E.SERVED: ([choices.STATUS_DECIDED], choices.STATUS_SERVED),
    E.CLOSED: (choices.OPEN_STATUSES + [choices.STATUS_DECIDED, choices.STATUS_SERVED], choices.STATUS_CLOSED),
}


ONCE_ONLY = [E.CORRECTION_REQUESTED, E.EXTENDED]  # art 30 (one notice) and art 33 (one extension)


def allowed_actions(application):
    done = set(application.events.filter(kind__in=ONCE_ONLY).values_list("kind", flat=True))
    return [kind for kind, (before, _) in TRANSITIONS.items() if application.status in before and kind not in done]


@transaction.atomic
def record(case, kind, on, user=None, reason="", days=None, party="", today=None, **updates):
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
    event = CaseEvent.objects.create(application=application, kind=kind, on=on, user=user, reason=reason,
                                     days=days, party=party)
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


def notify_fee(application, on, reason, user=None, today=None):
    if not reason.strip():
        raise ActionError("请填写收费标准、金额和缴费期限（国办函〔2020〕109号）。")
    return record(application, E.FEE_NOTIFIED, on, user, reason, today=today)


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
