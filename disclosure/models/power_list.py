"""权责清单: a list page holding structured power items (an orderable inline, so the
whole list is versioned and published as one document, as the bureau publishes it)."""

from collections import Counter

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from .base import DisclosurePage

POWER_CATEGORY_CHOICES = [
    ("licensing", "行政许可"),
    ("penalty", "行政处罚"),
    ("coercion", "行政强制"),
    ("levy", "行政征收"),
    ("payment", "行政给付"),
    ("inspection", "行政检查"),
    ("confirmation", "行政确认"),
    ("reward", "行政奖励"),
    ("adjudication", "行政裁决"),
    ("other", "其他"),
]
POWER_CATEGORY_LABELS = dict(POWER_CATEGORY_CHOICES)

# Names found in real lists (the seed says 行政强制措施, 行政监督检查, 其他行政权利).
POWER_CATEGORY_ALIASES = {
    "行政强制措施": "coercion", "行政强制执行": "coercion", "强制": "coercion",
    "行政监督检查": "inspection", "监督检查": "inspection", "检查": "inspection",
    "其他行政权力": "other", "其他行政权利": "other", "其它": "other", "其他权力": "other",
    "许可": "licensing", "处罚": "penalty", "征收": "levy", "给付": "payment",
    "确认": "confirmation", "奖励": "reward", "裁决": "adjudication",
}


def category_from_label(text):
    """Map a category as written in a file to its code, or None."""
    value = (text or "").strip()
    if not value:
        return None
    if value in POWER_CATEGORY_LABELS:
        return value
    for code, label in POWER_CATEGORY_CHOICES:
        if value == label:
            return code
    return POWER_CATEGORY_ALIASES.get(value)


class PowerListPage(DisclosurePage):
    page_description = "部门权责清单：逐项列出职权、依据和责任事项，可从表格导入"

    content_panels = DisclosurePage.content_panels + [
        InlinePanel("items", heading="权责事项", label="事项"),
    ]

    class Meta:
        verbose_name = "权责清单"

    def inline_errors(self, formsets, submitted):
        from .forms import live_inline_forms

        errors, seen = {}, {}
        if "items" in formsets:
            for index, data in live_inline_forms(formsets["items"]):
                code = (data.get("code") or "").strip()
                if not code:
                    continue
                if code in seen:
                    errors[("items", index, "code")] = f"编码“{code}”与第{seen[code] + 1}项重复，每个事项的编码须唯一。"
                else:
                    seen[code] = index
        return errors

    def category_counts(self, items=None):
        """[(code, label, count)] in the statutory order, non-zero categories only."""
        counts = Counter(item.category for item in (items if items is not None else self.items.all()))
        return [(code, label, counts[code]) for code, label in POWER_CATEGORY_CHOICES if counts[code]]

    def count_sentence(self, items=None):
        items = list(items if items is not None else self.items.all())
        parts = [f"{label}{count}项" for _, label, count in self.category_counts(items)]
        sentence = f"共{len(items)}项"
        if parts:
            sentence += "，其中" + "、".join(parts)
        return sentence + "。"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = list(self.items.all())
        selected = request.GET.get("category", "")
        if selected not in POWER_CATEGORY_LABELS:
            selected = ""
        context.update({
            "count_sentence": self.count_sentence(items),
            "category_counts": self.category_counts(items),
            "selected_category": selected,
            "selected_category_label": POWER_CATEGORY_LABELS.get(selected, ""),
            "shown_items": [i for i in items if not selected or i.category == selected],
        })
        return context


class PowerItem(Orderable):
    page = ParentalKey(PowerListPage, on_delete=models.CASCADE, related_name="items")
    code = models.CharField("编码", max_length=60)
    name = models.CharField("事项名称", max_length=300)
    category = models.CharField("类别", max_length=20, choices=POWER_CATEGORY_CHOICES)
    basis = models.TextField("设定依据", blank=True)
    implementing_body = models.CharField("实施主体", max_length=200, blank=True)
    responsibilities = models.TextField("责任事项", blank=True)
    accountability = models.TextField("追责情形", blank=True)
    note = models.CharField("备注", max_length=300, blank=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("category"), FieldPanel("basis"),
              FieldPanel("implementing_body"), FieldPanel("responsibilities"),
              FieldPanel("accountability"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "权责事项"

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def category_label(self):
        return POWER_CATEGORY_LABELS.get(self.category, self.category)
