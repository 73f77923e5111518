"""Roles (global groups), the 三审 workflow and department set-up. Everything here is idempotent."""

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from disclosure.site_tree import site_root
from review.files.collections import revoke_role_root_permissions, sort_files_into_departments
from review.role_names import (  # noqa: F401 (re-exported: the role names are used as review.roles.*)
    EDITORIAL_ROLES,
    ROLE_DRAFTER,
    ROLE_LEADER,
    ROLE_REVIEWER,
    ROLE_SITE_ADMIN,
    ROLES,
    WAGTAIL_STOCK_GROUPS,
)

WORKFLOW_NAME = "三审发布流程"
REVIEW_TASK_NAME = "科室审核"
LEADER_TASK_NAME = "领导审批"

# Page permissions each role holds on its department's subtree. No `publish` for
# 信息员 or 审核员: that is what keeps every publication route (publish button,
# bulk publish, admin API, unpublish, moving live pages, copy-and-publish) closed to them.
DEPARTMENT_PAGE_PERMISSIONS = {
    ROLE_DRAFTER: ["add", "change"],
    ROLE_REVIEWER: ["add", "change", "lock", "unlock"],
    ROLE_LEADER: ["add", "change", "publish", "lock", "unlock"],
}
ALL_PAGE_PERMISSIONS = ["add", "bulk_delete", "change", "lock", "publish", "unlock"]
# Documents and images are permissioned by collection: each department's groups on its own
# collection (review.files.collections), 站点管理员 on the root. The global 信息员/审核员/领导
# groups hold none, or every department could replace every other department's files.
WORKFLOW_COLUMN_PATHS = ["zwgk/"]  # 政务公开: every disclosure and news column inherits it


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permissions(group, page, types):
    for permission_type in types:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", f"{permission_type}_page"),
        )


def _root_collection_permissions(group, pairs):
    root = Collection.get_first_root_node()
    for app_label, codename in pairs:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=_permission(app_label, codename),
        )


def page_at(relative_path):
    """The page at `relative_path` below the default site's root (e.g. "zwgk/zfxxgk/"), or None."""
    root = site_root()
    if root is None:
        return None
    return Page.objects.filter(url_path=root.url_path + relative_path.strip("/") + "/").first()




@transaction.atomic
def setup_roles(stdout=None):
    """Create or update the four role groups, the two tasks and the workflow."""
    from review.models import LeaderApprovalTask, SecrecyReviewTask

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    access_admin = _permission("wagtailadmin", "access_admin")
    for name in EDITORIAL_ROLES:
        groups[name].permissions.add(access_admin)
    revoke_role_root_permissions(django_apps, EDITORIAL_ROLES + WAGTAIL_STOCK_GROUPS)
    site_admin = groups[ROLE_SITE_ADMIN]
    site_admin.permissions.set(Permission.objects.all())
    _page_permissions(site_admin, Page.get_first_root_node(), ALL_PAGE_PERMISSIONS)
    _root_collection_permissions(site_admin, [
        (p.content_type.app_label, p.codename)
        for p in Permission.objects.filter(content_type__app_label__in=["wagtaildocs", "wagtailimages"])
        .select_related("content_type")
    ])

    # Wagtail's stock groups hold page permissions on the whole tree: anyone put in them
    # would bypass the department limits and the review workflow.
    GroupPagePermission.objects.filter(group__name__in=WAGTAIL_STOCK_GROUPS).delete()

    review_task = SecrecyReviewTask.objects.filter(name=REVIEW_TASK_NAME).first() or \
        SecrecyReviewTask.objects.create(name=REVIEW_TASK_NAME)
    review_task.groups.add(groups[ROLE_REVIEWER], site_admin)
    leader_task = LeaderApprovalTask.objects.filter(name=LEADER_TASK_NAME).first() or \
        LeaderApprovalTask.objects.create(name=LEADER_TASK_NAME)
    leader_task.groups.add(groups[ROLE_LEADER], site_admin)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first() or Workflow.objects.create(name=WORKFLOW_NAME)
    for order, task in enumerate([review_task, leader_task]):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})

    assigned = []
    for path in WORKFLOW_COLUMN_PATHS:
        column = page_at(path)
        if column is not None:
            WorkflowPage.objects.update_or_create(page=column, defaults={"workflow": workflow})
            assigned.append(column.title)
    if stdout is not None:
        stdout.write("角色已就绪：%s；审核流程“%s”（%s → %s）%s" % (
            "、".join(ROLES), WORKFLOW_NAME, REVIEW_TASK_NAME, LEADER_TASK_NAME,
            "已应用于：" + "、".join(assigned) if assigned else "尚未应用（栏目树不存在）",
        ))
    return workflow


DEPARTMENTS_PARENT_PATH = "zwgk/zfxxgk/bmxxgk/"


def department_group_name(short_name, role):
    return f"{short_name}-{role}"


@transaction.atomic
def setup_department(organisation, short_name, slug, parent=None, stdout=None):
    """Give `organisation` its column under 部门信息公开, its 信息员/审核员/领导 groups and its file
    collection (the groups' only document and image permissions), and move the files its
    pages already use into that collection."""
    from disclosure.models import ColumnPage
    from review.models import Department

    department = Department.objects.filter(organisation=organisation).first() or Department(organisation=organisation)
    department.short_name, department.slug = short_name, slug
    if department.root_page_id is None:
        parent = parent or page_at(DEPARTMENTS_PARENT_PATH)
        if parent is None:
            raise ValueError("找不到“部门信息公开”栏目（%s），请先运行 manage.py load_demo_site 或指定上级栏目" %
                             DEPARTMENTS_PARENT_PATH)
        column = parent.get_children().filter(slug=slug).first()
        if column is None:
            column = ColumnPage(title=short_name, slug=slug, column_type="list", show_in_menus=True)
            parent.add_child(instance=column)
            column.save_revision().publish()
        department.root_page = column
    for role, attr in [(ROLE_DRAFTER, "drafter_group"), (ROLE_REVIEWER, "reviewer_group"),
                       (ROLE_LEADER, "leader_group")]:
        group = getattr(department, attr) or Group.objects.get_or_create(name=department_group_name(short_name, role))[0]
        _page_permissions(group, department.root_page, DEPARTMENT_PAGE_PERMISSIONS[role])
        setattr(department, attr, group)
    department.save()
    moved = sort_files_into_departments(django_apps)
    department.refresh_from_db()
    if stdout is not None:
        stdout.write("部门“%s”已就绪：栏目 %s，用户组 %s，文件集合“%s”（移入 %d 个文件）" % (
            short_name, department.root_page.url, "、".join(g.name for g in department.groups()),
            department.collection.name if department.collection else "—", moved.get(short_name, 0)))
    return department


def add_user_to_role(user, role, department=None):
    """Put `user` in the global role group and, for a department, its department group."""
    user.groups.add(Group.objects.get(name=role))
    if department is not None and role in EDITORIAL_ROLES:
        attr = {ROLE_DRAFTER: "drafter_group", ROLE_REVIEWER: "reviewer_group", ROLE_LEADER: "leader_group"}[role]
        user.groups.add(getattr(department, attr))
