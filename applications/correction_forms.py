"""The applicant's online 补正: text and optional attachments, checked by name and content."""

from pathlib import Path

from django import forms
from django.conf import settings

from disclosure.file_types import HEAD_BYTES, content_kind, file_type_problem

MAX_FILES = 5
# What an applicant sends to complete an application: documents and scans or photos of an ID
# or a licence. No archives (they hide what they hold) and no markup.
DOCUMENT_EXTENSIONS = {"pdf", "doc", "docx", "wps", "ofd", "txt"}
IMAGE_CONTENT = {"jpg": {"jpg"}, "jpeg": {"jpg"}, "png": {"png"}}
ALLOWED_EXTENSIONS = sorted(DOCUMENT_EXTENSIONS | set(IMAGE_CONTENT))


def max_file_bytes():
    return int(getattr(settings, "APPLICATION_CORRECTION_MAX_BYTES", 10 * 1024 * 1024))


def attachment_problem(name, head):
    """None if the file may be kept; else the reason in Chinese. Name and content must agree."""
    extension = Path(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        return f"文件 {Path(name).name} 的类型不在允许范围内（可上传 {'、'.join(ALLOWED_EXTENSIONS)}）"
    if extension in IMAGE_CONTENT:
        if content_kind(head) not in IMAGE_CONTENT[extension]:
            return f"文件 {Path(name).name} 的内容与扩展名 .{extension} 不符"
        return None
    return file_type_problem(name, head)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class CorrectionForm(forms.Form):
    text = forms.CharField(label="补正内容", max_length=4000, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="请按补正告知书列明的事项逐项补充说明",
                           error_messages={"required": "请填写补正内容。",
                                           "max_length": "补正内容不能超过4000字。"})
    attachments = MultipleFileField(
        label="附件（可选）", required=False,
        error_messages={"invalid": "上传的文件无效，请重新选择。", "empty": "上传的文件是空的。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = (
            f"最多{MAX_FILES}个文件，每个不超过{max_file_bytes() // (1024 * 1024)}MB；"
            f"可上传 {'、'.join(ALLOWED_EXTENSIONS)}")
        self.fields["attachments"].widget.attrs["accept"] = ",".join("." + e for e in ALLOWED_EXTENSIONS)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "field__input")

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"最多上传{MAX_FILES}个附件。")
        problems = []
        for upload in files:
            name = Path(upload.name).name
            if upload.size > max_file_bytes():
                problems.append(f"文件 {name} 超过{max_file_bytes() // (1024 * 1024)}MB")
                continue
            upload.seek(0)
            head = upload.read(HEAD_BYTES)
            upload.seek(0)
            problem = attachment_problem(name, head)
            if problem:
                problems.append(problem)
        if problems:
            raise forms.ValidationError([p + "。" for p in problems])
        return [(Path(upload.name).name, upload) for upload in files]
