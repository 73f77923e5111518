"""Password rule of 等保 2.0: besides length, at least three of the four character classes."""

import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

CLASSES = [
    ("大写字母", lambda c: c in string.ascii_uppercase),
    ("小写字母", lambda c: c in string.ascii_lowercase),
    ("数字", lambda c: c.isdigit()),
    ("符号", lambda c: not c.isalnum()),
]


class CharacterClassValidator:
    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        used = sum(1 for _, test in CLASSES if any(test(char) for char in password))
        if used < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return "密码须包含大写字母、小写字母、数字、符号这四类字符中的至少 %d 类。" % self.min_classes


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2.19 changed this message's msgid and its zh_Hans catalogue still has the old one,
    so the stock validator answers in English; the site's editors read Chinese."""

    def get_error_message(self):
        return "密码太短，至少需要 %d 个字符。" % self.min_length

    def get_help_text(self):
        return "密码至少需要 %d 个字符。" % self.min_length
