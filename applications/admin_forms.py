"""The office's forms: one per timeline step, and the register form for paper applications."""

from django import forms
from django.utils import timezone

from applications import choices
from applications.forms import ApplicationForm
from applications.models import CaseEvent

E = CaseEvent
DATE_LABELS = {
    E.RECEIVED: "收到申请日期", E.CORRECTION_REQUESTED: "补正告知日期", E.CORRECTION_RECEIVED: "收到补正日期",
    E.EXTENDED: "延期告知日期", E.REASONS_REQUESTED: "告知日期", E.LONGER_PERIOD: "告知日期",
    E.CONSULTATION_STARTED: "发出征求意见日期", E.CONSULTATION_ENDED: "收到意见日期",
    E.FEE_NOTIFIED: "收费通知日期", E.FEE_PAID: "缴费日期", E.DECIDED: "答复日期", E.SERVED: "送达日期",
    E.CLOSED: "办结日期",
}
ACTION_FIELDS = {
    E.RECEIVED: ["reason"],
    E.CORRECTION_REQUESTED: ["days", "reason"],
    E.CORRECTION_RECEIVED: ["reason"],
    E.EXTENDED: ["days", "reason"],
    E.CONSULTATION_STARTED: ["party", "reason"],
    E.CONSULTATION_ENDED: ["reason"],
    E.REASONS_REQUESTED: ["reason"],
    E.LONGER_PERIOD: ["until", "reason"],
    E.FEE_NOTIFIED: ["fee_method", "pages", "reason"],
    E.FEE_PAID: ["reason"],
    E.DECIDED: ["answer_type", "answer_reason", "answer_text"],
    E.SERVED: ["method", "reason"],
    E.CLOSED: ["closure", "reason"],
}
REASON_LABELS = {
    E.CORRECTION_REQUESTED: "需要补正的事项（一次性列明）", E.EXTENDED: "延期理由及负责人同意情况",
    E.CONSULTATION_STARTED: "征求意见的对象和事项",
    E.REASONS_REQUESTED: "申请数量、频次明显超过合理范围的情况及需说明的事项",
    E.LONGER_PERIOD: "申请理由合理但无法在法定期限内答复的原因",
}
OPTIONAL_REASON_LABELS = {E.FEE_NOTIFIED: "缴费方式和其他说明（金额由系统按国办函〔2020〕109号计算）"}
DAYS_LABELS = {E.CORRECTION_REQUESTED: "补正期限（工作日）", E.EXTENDED: "延长工作日数（最多20）"}


class ActionForm(forms.Form):
    on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}),
                         error_messages={"required": "请填写日期。", "invalid": "日期格式应为 YYYY-MM-DD。"})
    days = forms.IntegerField(label="工作日数", min_value=1, max_value=60, required=False)
    party = forms.ChoiceField(label="征求意见对象", choices=choices.CONSULTATION_PARTIES, required=False)
    answer_type = forms.ChoiceField(label="答复类型", choices=[("", "请选择")] + choices.ANSWER_TYPES, required=False)
    answer_reason = forms.ChoiceField(label="理由类别（不予公开、无法提供、不予处理时必选）",
                                      choices=[("", "—")] + choices.ALL_REASONS, required=False)
    answer_text = forms.CharField(label="答复内容（已公开的写明获取途径；不予公开等写明理由和依据）",
                                  widget=forms.Textarea(attrs={"rows": 5}), required=False)
    until = forms.DateField(label="确定的答复期限（须晚于现行答复期限）", widget=forms.DateInput(attrs={"type": "date"}),
                            required=False, error_messages={"invalid": "日期格式应为 YYYY-MM-DD。"})
    fee_method = forms.ChoiceField(label="计费方式", choices=[("", "请选择")] + choices.FEE_METHODS, required=False)
    pages = forms.IntegerField(label="页数（按量计收时填写）", min_value=1, max_value=1_000_000, required=False,
                               error_messages={"min_value": "页数至少为1。", "invalid": "请填写整数页数。"})
    method = forms.ChoiceField(label="送达方式", choices=choices.SERVICE_METHODS, required=False)
    closure = forms.ChoiceField(label="办结情形", choices=choices.CLOSURES, required=False)
    reason = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000)

    def __init__(self, kind, *args, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = ["on"] + ACTION_FIELDS[kind]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.fields["on"].label = DATE_LABELS[kind]
        if "reason" in self.fields and kind in REASON_LABELS:
            self.fields["reason"].label = REASON_LABELS[kind]
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = f"请填写{REASON_LABELS[kind]}。"
        if "reason" in self.fields and kind in OPTIONAL_REASON_LABELS:
            self.fields["reason"].label = OPTIONAL_REASON_LABELS[kind]
        if "until" in self.fields:
            self.fields["until"].required = True
            self.fields["until"].error_messages["required"] = "请填写确定的答复期限。"
        if "fee_method" in self.fields:
            self.fields["fee_method"].required = True
            self.fields["fee_method"].error_messages["required"] = "请选择计费方式。"
        if "days" in self.fields:
            self.fields["days"].label = DAYS_LABELS[kind]
            self.fields["days"].required = True
            self.fields["days"].error_messages["required"] = "请填写工作日数。"

    @property
    def title(self):
        return dict(E.KINDS)[self.kind]


class RegisterForm(ApplicationForm):
    """Paper, post, fax and in-person applications, entered by the office (art 31)."""

    channel = forms.ChoiceField(label="申请渠道", choices=[c for c in choices.CHANNELS if c[0] != "online"])
    received_on = forms.DateField(label="收到申请日期", widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text="当面提交为提交之日；挂号信为签收之日；平常信函为与申请人确认之日；"
                                            "传真为双方确认之日（《条例》第三十一条）",
                                  error_messages={"required": "请填写收到申请日期。",
                                                  "invalid": "日期格式应为 YYYY-MM-DD。"})

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, agencies=agencies, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("收到申请日期不能晚于今天。")
        return value
