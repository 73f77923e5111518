"""Permission policies for documents and images: a file that a live page links can't be
deleted except by a 站点管理员.

Wagtail asks the registered policy before every delete route (the delete view, the
multiple-upload delete, the bulk delete action), so refusing here closes all of them at
once; the views answer 403. Registered with exact_class=True from ReviewConfig.ready(), so it
wins over the policy that wagtail.documents / wagtail.images register for the same models.
"""

from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from review.files.usage import is_used_by_live_page


def is_site_admin(user):
    from review.roles import ROLE_SITE_ADMIN

    return user.is_active and (user.is_superuser or user.groups.filter(name=ROLE_SITE_ADMIN).exists())


class DepartmentFilePermissionPolicy(CollectionOwnershipPermissionPolicy):
    def user_has_any_permission_for_instance(self, user, actions, instance):
        if "delete" in actions and not is_site_admin(user) and is_used_by_live_page(instance):
            actions = [action for action in actions if action != "delete"]
            if not actions:
                return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


def install():
    from wagtail.documents import get_document_model, get_document_model_string
    from wagtail.images import get_image_model, get_image_model_string
    from wagtail.permissions import register_permission_policy

    register_permission_policy(get_document_model(), DepartmentFilePermissionPolicy(
        get_document_model_string(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user",
    ), exact_class=True)
    register_permission_policy(get_image_model(), DepartmentFilePermissionPolicy(
        get_image_model_string(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user",
    ), exact_class=True)
