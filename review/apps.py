from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "审核与发布"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from disclosure.models.forms import FORM_INITIALISERS
        from review import admin_labels, denied, publication
        from review.editor_defaults import apply_department_defaults
        from review.files import policy as file_policy
        from review.permission_names import rename_permissions

        denied.install()
        publication.install()
        file_policy.install()
        admin_labels.install()
        if apply_department_defaults not in FORM_INITIALISERS:
            FORM_INITIALISERS.append(apply_department_defaults)
        # After auth's own post_migrate handler has created any new permissions.
        post_migrate.connect(rename_permissions, dispatch_uid="review.rename_permissions")
