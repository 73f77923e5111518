"""补正 submitted online by the applicant (《条例》第三十条), with its attachments.

Attachments hold personal data and are stored outside MEDIA_ROOT, in APPLICATION_PRIVATE_ROOT,
by a storage that has no URL: the office downloads them only through the admin view, which
checks that the user handles the case (docs/applications.md)."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models


def _private_root():
    return str(getattr(settings, "APPLICATION_PRIVATE_ROOT", None) or os.path.join(settings.BASE_DIR, "private"))


class PrivateFileStorage(FileSystemStorage):
    """Reads its folder from settings on every use (so a test can point it elsewhere) and refuses
    to build a URL: nothing stored here is ever served by the web server."""

    @property
    def base_location(self):
        return _private_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("application attachments have no public URL")


def private_storage():
    return PrivateFileStorage()


def attachment_path(instance, filename):
    # The applicant's file name is kept in `name`; on disk only a random name, so a crafted
    # name can neither collide nor say anything about the case.
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"applications/corrections/{uuid.uuid4().hex}{extension}"


class CorrectionSubmission(models.Model):
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE,
                                    related_name="online_corrections")
    event = models.OneToOneField("applications.CaseEvent", on_delete=models.CASCADE,
                                 related_name="online_correction")
    text = models.TextField("补正内容")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "网上补正"
        verbose_name_plural = "网上补正"


class CorrectionAttachment(models.Model):
    submission = models.ForeignKey(CorrectionSubmission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("附件", upload_to=attachment_path, storage=private_storage, max_length=200)
    name = models.CharField("原文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        verbose_name = "补正附件"
        verbose_name_plural = "补正附件"
        ordering = ["pk"]

    def __str__(self):
        return self.name
