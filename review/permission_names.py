"""Chinese permission names (issue 16).

Django stores each permission's name in the database, in English ("Can add page"), when it
first creates it; the group editor shows these names as they are, so no translation catalogue
can reach them. After every `migrate` this renames them in Chinese from the model's own
(translated) verbose name; names an administrator changed by hand are left alone.
"""

from django.utils import translation

ACTIONS = {"add": "添加", "change": "修改", "delete": "删除", "view": "查看"}
CUSTOM_NAMES = {
    ("wagtailadmin", "access_admin"): "可以访问管理后台",
    ("wagtailcore", "bulk_delete_page"): "可以删除含下级页面的页面",
    ("wagtailcore", "lock_page"): "可以锁定页面，并解锁自己锁定的页面",
    ("wagtailcore", "publish_page"): "可以发布页面",
    ("wagtailcore", "unlock_page"): "可以解锁任何人锁定的页面",
    ("wagtaildocs", "choose_document"): "可以选择文档",
    ("wagtailimages", "choose_image"): "可以选择图片",
}
ENGLISH_DEFAULTS = ("Can add ", "Can change ", "Can delete ", "Can view ")


def chinese_name(permission, model):
    custom = CUSTOM_NAMES.get((permission.content_type.app_label, permission.codename))
    if custom:
        return custom
    action, _, model_name = permission.codename.partition("_")
    if action not in ACTIONS or model is None or model_name != model._meta.model_name:
        return None
    if not permission.name.startswith(ENGLISH_DEFAULTS):
        return None
    return f"可以{ACTIONS[action]}{model._meta.verbose_name}"


def rename_permissions(app_config, using="default", apps=None, **kwargs):
    """post_migrate receiver. It may run before auth's own receiver for the same app, so it
    creates the app's permissions first (idempotent, as auth's receiver is)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    create_permissions(app_config, verbosity=0, using=using, apps=apps or global_apps)
    permissions = Permission.objects.using(using).filter(content_type__app_label=app_config.label)
    with translation.override("zh-hans"):
        for permission in permissions.select_related("content_type"):
            name = chinese_name(permission, permission.content_type.model_class())
            if name and name != permission.name:
                permission.name = str(name)[:255]
                permission.save(update_fields=["name"], using=using)
