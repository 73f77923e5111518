from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from applications.clock.calendar import package_knows_year


@register_snippet
class HolidayOverride(models.Model):
    """One day of a State Council 节假日安排 notice, for a year chinese-calendar does not know yet.

    A year counts as entered once it has at least one row, so enter the whole notice: every
    holiday that falls on a weekday (is_workday off) and every make-up Saturday or Sunday
    (is_workday on). Weekends and weekdays not listed keep their ordinary status.
    """

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日", help_text="调休上班的周末勾选；放假的工作日不勾选")
    note = models.CharField("说明", max_length=100, blank=True, help_text="如“2027年春节”及通知文号")

    panels = [FieldPanel("date"), FieldPanel("is_workday"), FieldPanel("note")]

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]

    def __str__(self):
        return "%s %s%s" % (self.date, "上班" if self.is_workday else "放假", f"（{self.note}）" if self.note else "")

    def clean(self):
        if self.date and package_knows_year(self.date.year):
            raise ValidationError({"date": f"{self.date.year}年的节假日安排已内置（chinese-calendar），无需录入。"})
