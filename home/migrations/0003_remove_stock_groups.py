"""Remove Wagtail's stock Editors and Moderators groups and its "Moderators approval" workflow.

They come from wagtailcore's initial data with page permissions on the whole tree: anyone put
in them would bypass the department limits and the 三审 workflow, and their English names sit
beside the project's roles (review/roles.py). Members are not dropped: an Editors member becomes
a 信息员, a Moderators member an 审核员 (global roles only; an administrator then adds them to
their department's group, as docs/operations.md describes).

The default workflow and its task are deleted only if no page ever went through them; otherwise
they are kept, deactivated, so the review history stays readable.
"""

from django.db import migrations

STOCK_GROUPS_TO_ROLES = {"Editors": "信息员", "Moderators": "审核员"}
DEFAULT_WORKFLOW = "Moderators approval"


def remove_stock_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW):
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        WorkflowPage.objects.filter(workflow=workflow).delete()
        WorkflowContentType.objects.filter(workflow=workflow).delete()
        if WorkflowState.objects.filter(workflow=workflow).exists():
            workflow.active = False
            workflow.save(update_fields=["active"])
            Task.objects.filter(id__in=task_ids).update(active=False)
            continue
        workflow.delete()
        for task in Task.objects.filter(id__in=task_ids):
            if not task.workflow_tasks.exists() and not TaskState.objects.filter(task=task).exists():
                task.delete()

    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    for stock_name, role_name in STOCK_GROUPS_TO_ROLES.items():
        stock = Group.objects.filter(name=stock_name).first()
        if stock is None:
            continue
        members = list(stock.user_set.all())
        if members:
            role, _ = Group.objects.get_or_create(name=role_name)
            if access_admin is not None:
                role.permissions.add(access_admin)
            for user in members:
                user.groups.add(role)
        stock.delete()  # its page, collection and task memberships go with it


def chinese_root_names(apps, schema_editor):
    """Wagtail names the tree's root page and root collection "Root"; editors see both in
    breadcrumbs and choosers."""
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Root").update(title="根目录", draft_title="根目录")
    Collection.objects.filter(depth=1, name="Root").update(name="全部文件")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_page_depth_path_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.RunPython(remove_stock_groups, migrations.RunPython.noop),
        migrations.RunPython(chinese_root_names, migrations.RunPython.noop),
    ]
