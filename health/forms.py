from django.core.validators import MinValueValidator
from wagtail.admin.forms import WagtailAdminModelForm


class ColumnPeriodForm(WagtailAdminModelForm):
    """The period's form. A PositiveIntegerField's form field accepts 0 and words its refusal of a
    negative number as “大于或等于0”; here the model's own rule (at least 1 day) decides, with its
    message, and the browser's number input starts at 1."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = self.fields["days"]
        days.min_value = 1
        days.validators = [v for v in days.validators
                           if not (isinstance(v, MinValueValidator) and v.limit_value == 0)]
        days.widget.attrs["min"] = "1"
