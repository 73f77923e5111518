"""Top-level admin menu entries for what a county administrator maintains (issue 16).

部门 and 敏感词 are snippets, but an administrator looks for them in the main menu, not
under 片段. Wagtail shows a snippet viewset's menu item only to users holding one of the
model's add/change/delete/view permissions, and its views answer 403 to everyone else:
in this project only 站点管理员 holds them (review.roles.setup_roles).
"""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from review.models import Department, SensitiveWord


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = "部门"
    menu_name = "departments"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["short_name", "organisation", "root_page"]
    search_fields = None


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = "敏感词"
    menu_name = "sensitive-words"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["word", "note", "active"]
    list_filter = ["active"]


register_snippet(DepartmentViewSet)
register_snippet(SensitiveWordViewSet)
