from django.db import models


class Appeal(models.Model):
    """A 行政复议 or 行政诉讼 about disclosure (table 4 of the 30号 annual report)."""

    KINDS = [("review", "行政复议"), ("lawsuit_direct", "行政诉讼（未经复议直接起诉）"),
             ("lawsuit_after_review", "行政诉讼（复议后起诉）")]
    RESULTS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结")]

    agency = models.ForeignKey("review.Department", verbose_name="被申请（被告）机关", on_delete=models.PROTECT,
                               related_name="disclosure_appeals")
    application = models.ForeignKey("applications.Application", verbose_name="关联申请", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="appeals")
    kind = models.CharField("类别", max_length=30, choices=KINDS)
    filed_on = models.DateField("申请或起诉日期")
    result = models.CharField("结果", max_length=20, choices=RESULTS, default="pending")
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "复议诉讼记录"
        verbose_name_plural = "复议诉讼记录"
        ordering = ["-filed_on"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filed_on}"
