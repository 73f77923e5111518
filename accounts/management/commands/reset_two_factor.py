from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit import Outcome, record


class Command(BaseCommand):
    help = "解除用户的验证器（手机丢失或更换时）；该用户下次登录后须重新绑定。"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError("没有用户名为“%s”的用户。" % username)
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        if removed:
            record(None, username, Outcome.OTP_REMOVED, actor="manage.py reset_two_factor")
            self.stdout.write("已解除“%s”的验证器，该用户下次登录后须重新绑定。" % username)
        else:
            self.stdout.write("“%s”没有绑定验证器。" % username)
