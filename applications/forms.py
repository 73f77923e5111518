"""The citizen's application form. Field names are a stable interface (docs/applications.md)."""

import re

from django import forms

from applications import choices
from disclosure.identifiers import clean_code, credit_code_problem
from disclosure.personal_data import is_valid_id_number

PERSON_FIELDS = ["id_type", "id_number"]
ORGANISATION_FIELDS = ["organisation_kind", "credit_code", "legal_representative", "contact_name"]
MODEL_FIELDS = ["applicant_type", "organisation_kind", "name", "id_type", "id_number", "credit_code",
                "legal_representative", "contact_name", "phone", "email", "address", "postcode", "description",
                "format", "delivery"]


def accepting_agencies():
    from review.models import Department

    return (Department.objects.filter(application_desk__accepts_online=True)
            .select_related("organisation").order_by("short_name"))


class ApplicationForm(forms.Form):
    applicant_type = forms.ChoiceField(label="申请人类型", choices=choices.APPLICANT_TYPES, widget=forms.RadioSelect)
    name = forms.CharField(label="姓名或名称", max_length=100,
                           help_text="自然人填写姓名；法人或其他组织填写全称")
    id_type = forms.ChoiceField(label="证件类型", choices=[("", "请选择")] + choices.ID_TYPES, required=False)
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    organisation_kind = forms.ChoiceField(label="组织类别", choices=[("", "请选择")] + choices.ORGANISATION_KINDS,
                                          required=False)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=30, required=False)
    legal_representative = forms.CharField(label="法定代表人或负责人", max_length=50, required=False)
    contact_name = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30)
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "请输入有效的电子邮箱地址。"})
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    agency = forms.ChoiceField(label="受理机关", choices=())
    description = forms.CharField(label="所需政府信息的名称、文号或便于查询的其他特征性描述", max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    format = forms.ChoiceField(label="信息的载体形式", choices=choices.FORMATS, widget=forms.RadioSelect)
    delivery = forms.ChoiceField(label="获取信息的方式", choices=choices.DELIVERIES, widget=forms.RadioSelect)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {d.slug: d for d in (agencies if agencies is not None else accepting_agencies())}
        self.fields["agency"].choices = [("", "请选择受理机关")] + [
            (slug, d.organisation.name) for slug, d in self.agencies.items()]
        for _name, field in self.fields.items():
            verb = "选择" if isinstance(field, forms.ChoiceField) else "填写"
            field.error_messages["required"] = f"请{verb}{field.label}。"
            field.error_messages["invalid_choice"] = f"请从列表中选择{field.label}。"
            if isinstance(field.widget, (forms.TextInput, forms.EmailInput, forms.Textarea, forms.Select)):
                field.widget.attrs.setdefault("class", "field__input")

    def clean_phone(self):
        phone = re.sub(r"[\s-]", "", self.cleaned_data["phone"])
        if not re.fullmatch(r"\+?\d{7,15}", phone):
            raise forms.ValidationError("请输入有效的联系电话（手机号或带区号的固定电话）。")
        return phone

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not re.fullmatch(r"\d{6}", postcode):
            raise forms.ValidationError("邮政编码应为6位数字。")
        return postcode

    def clean_agency(self):
        slug = self.cleaned_data["agency"]
        if slug not in self.agencies:
            raise forms.ValidationError("请选择受理机关。")
        return self.agencies[slug]

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_type")
        if kind == "person":
            self._clean_person(data)
        elif kind == "organisation":
            self._clean_organisation(data)
        delivery = data.get("delivery")
        if delivery == "post" and not data.get("address"):
            self.add_error("address", "选择邮寄的，请填写通信地址。")
        if delivery == "email" and not data.get("email"):
            self.add_error("email", "选择电子邮件的，请填写电子邮箱。")
        return data

    def _clean_person(self, data):
        for field in ORGANISATION_FIELDS:
            data[field] = ""
        if not data.get("id_type"):
            self.add_error("id_type", "请选择证件类型。")
        number = clean_code(data.get("id_number"))
        data["id_number"] = number
        if not number:
            self.add_error("id_number", "请填写证件号码。")
        elif data.get("id_type") == "resident_id" and not is_valid_id_number(number):
            self.add_error("id_number", "居民身份证号码不正确：应为18位，且校验位、出生日期须符合GB 11643。")

    def _clean_organisation(self, data):
        for field in PERSON_FIELDS:
            data[field] = ""
        if not data.get("organisation_kind"):
            self.add_error("organisation_kind", "请选择组织类别。")
        code = clean_code(data.get("credit_code"))
        data["credit_code"] = code
        if not code:
            self.add_error("credit_code", "请填写统一社会信用代码。")
        else:
            problem = credit_code_problem(code)
            if problem:
                self.add_error("credit_code", problem)
        for field, message in [("legal_representative", "请填写法定代表人或负责人。"),
                               ("contact_name", "请填写联系人。")]:
            if not data.get(field):
                self.add_error(field, message)

    def application_data(self):
        data = {field: self.cleaned_data.get(field) or "" for field in MODEL_FIELDS}
        data["agency"] = self.cleaned_data["agency"]
        return data


class QueryForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=30)
    code = forms.CharField(label="查询码", max_length=30)
