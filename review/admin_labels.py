"""Labels Wagtail 8.0.1 leaves without a translatable string (issue 16).

Two page fields (group page permissions, pages a workflow applies to) have no label, so Django
derives "Page" from the field name; no catalogue can translate that. Set once at start-up.
"""

from wagtail.admin.forms.workflows import WorkflowPageForm
from wagtail.users.forms import PagePermissionsForm


def install():
    PagePermissionsForm.base_fields["page"].label = "页面"
    WorkflowPageForm.base_fields["page"].label = "页面"
