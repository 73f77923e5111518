from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "审核与发布"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from review.denied import install

        install()

        from review import admin_labels

        admin_labels.install()

        from django.db.models.signals import post_migrate

        from review.permission_names import rename_permissions

        # After auth's own post_migrate handler has created any new permissions.
        post_migrate.connect(rename_permissions, dispatch_uid="review.rename_permissions")
