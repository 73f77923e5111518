from django import forms

SECRECY_REQUIRED_MESSAGE = "未勾选“已完成保密审查”，不能审核通过（《政府信息公开条例》第十七条：公开前须进行保密审查）。"


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea({"rows": 3}))


class RejectForm(forms.Form):
    comment = forms.CharField(
        label="退回意见", widget=forms.Textarea({"rows": 3}),
        error_messages={"required": "请填写退回意见，信息员将看到这条意见。"},
    )


class SecrecyApprovalForm(ReviewCommentForm):
    secrecy_confirmed = forms.BooleanField(
        label="已完成保密审查",
        help_text="确认本信息不涉及国家秘密、工作秘密、商业秘密和个人隐私，可以公开。",
        error_messages={"required": SECRECY_REQUIRED_MESSAGE},
    )
