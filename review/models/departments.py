from django.contrib.auth.models import Group
from django.db import models
from wagtail.admin.panels import FieldPanel


# Registered with its own admin menu entry in review.admin_menu, not under 片段.
class Department(models.Model):
    """A department of the city platform (集约化): its organisation, its own subtree and its groups.

    The groups carry page permissions on `root_page` only, and document and image
    permissions on `collection` only, so a department's staff can't see or touch
    another department's pages or files. `review.departments.setup_department`
    creates the column and the groups; the admin form calls it on save.
    """

    organisation = models.OneToOneField(
        "disclosure.Organisation", verbose_name="机构", on_delete=models.PROTECT, related_name="department",
    )
    short_name = models.CharField("部门简称", max_length=50, unique=True, help_text="如“市城管局”，用于栏目名与用户组名")
    slug = models.SlugField("栏目路径", max_length=50, help_text="部门栏目在“部门信息公开”下的路径，如 scgj")
    root_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="部门栏目", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    drafter_group = models.OneToOneField(Group, verbose_name="信息员组", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+")
    reviewer_group = models.OneToOneField(Group, verbose_name="审核员组", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    leader_group = models.OneToOneField(Group, verbose_name="领导组", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    # Documents and images belong to the department's collection: its groups hold the
    # document and image permissions on it, and on nothing else (docs/security.md §1).
    collection = models.OneToOneField("wagtailcore.Collection", verbose_name="文件集合", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="department")

    panels = [FieldPanel("organisation"), FieldPanel("short_name"), FieldPanel("slug")]

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name

    def groups(self):
        return [g for g in (self.drafter_group, self.reviewer_group, self.leader_group) if g is not None]

    @classmethod
    def for_page(cls, page):
        """The department whose subtree holds `page` (deepest first), or None."""
        candidates = cls.objects.filter(root_page__isnull=False).select_related("root_page")
        best = None
        for department in candidates:
            if page.path.startswith(department.root_page.path):
                if best is None or department.root_page.depth > best.root_page.depth:
                    best = department
        return best
