from django import forms


class TokenForm(forms.Form):
    token = forms.CharField(
        label="动态口令", min_length=6, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "pattern": "[0-9]*", "autofocus": True}),
        help_text="打开手机上的验证器应用，输入本网站对应的 6 位数字。",
        error_messages={"required": "请输入动态口令。", "min_length": "动态口令为 6 位数字。",
                        "max_length": "动态口令为 6 位数字。"},
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isascii() or not token.isdigit():
            raise forms.ValidationError("动态口令只含数字。")
        return token


class ResetTwoFactorForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150,
                               error_messages={"required": "请输入用户名。"})
