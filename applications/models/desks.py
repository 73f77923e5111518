from django.contrib.auth.models import Group
from django.db import models


class ApplicationDesk(models.Model):
    """A department that accepts applications, and the group of its 依申请公开 staff."""

    department = models.OneToOneField("review.Department", verbose_name="部门", on_delete=models.CASCADE,
                                      related_name="application_desk")
    group = models.OneToOneField(Group, verbose_name="依申请公开用户组", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    accepts_online = models.BooleanField("接受网上申请", default=True)
    office_address = models.CharField("受理地址", max_length=200, blank=True)
    office_phone = models.CharField("咨询电话", max_length=30, blank=True)

    class Meta:
        verbose_name = "依申请公开受理机关"
        verbose_name_plural = "依申请公开受理机关"
        ordering = ["department__short_name"]

    def __str__(self):
        return str(self.department)
