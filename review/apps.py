from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "审核与发布"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from review import admin_labels, denied, publication
        from review.files import policy as file_policy
        from review.permission_names import rename_permissions

        denied.install()
        publication.install()
        file_policy.install()
        admin_labels.install()
        # After auth's own post_migrate handler has created any new permissions.
        post_migrate.connect(rename_permissions, dispatch_uid="review.rename_permissions")
