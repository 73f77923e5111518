"""What the page editor fills in and offers first from the editor's department (issue 16).

A new disclosure item gets 发布机构 and 来源 from the department that owns the column it is
created in (or, outside any department's column, from the editor's only department). The
发布机构 list puts the department's own bodies (its organisation and the bodies under it)
first, then every other body; an editor can still pick any of them.
"""

from django import forms
from django.db.models import Q

from review.models import Department


def departments_of(user):
    if user is None or not user.is_authenticated:
        return Department.objects.none()
    groups = user.groups.all()
    return Department.objects.filter(
        Q(drafter_group__in=groups) | Q(reviewer_group__in=groups) | Q(leader_group__in=groups),
    ).select_related("organisation").distinct()


def department_for(user, parent_page):
    """The department whose column holds `parent_page`, else the user's only department."""
    if parent_page is not None:
        department = Department.for_page(parent_page)
        if department is not None:
            return department
    own = list(departments_of(user)[:2])
    return own[0] if len(own) == 1 else None


def own_bodies(organisation):
    """The organisation and every body below it, in tree order."""
    from disclosure.models import Organisation

    found, frontier = [organisation], [organisation.pk]
    while frontier:
        children = list(Organisation.objects.filter(parent_id__in=frontier).exclude(
            pk__in=[o.pk for o in found]).order_by("name"))
        found.extend(children)
        frontier = [c.pk for c in children]
    return found


def publisher_choices(department):
    """Select choices: the department's bodies first under 本部门, the rest under 其他机构."""
    from disclosure.models import Organisation

    own = own_bodies(department.organisation) if department is not None else []
    own_ids = {o.pk for o in own}
    others = [(o.pk, o.name) for o in Organisation.objects.exclude(pk__in=own_ids).order_by("name")]
    if not own:
        return [("", "---------")] + others
    return [("", "---------"), ("本部门", [(o.pk, o.name) for o in own]), ("其他机构", others)]


def apply_department_defaults(form, user, parent_page):
    """Prefill a new page's 发布机构/来源 and order the 发布机构 list for `user`."""
    department = department_for(user, parent_page)
    if "publisher" in form.fields:
        field = form.fields["publisher"]
        field.widget = forms.Select(choices=publisher_choices(department))
        field.widget.choices = publisher_choices(department)
    if department is None or form.instance.pk is not None or form.is_bound:
        return
    organisation = department.organisation
    if "publisher" in form.fields and not form.initial.get("publisher"):
        form.initial["publisher"] = organisation.pk
    if "source_name" in form.fields and not form.initial.get("source_name"):
        form.initial["source_name"] = organisation.name
