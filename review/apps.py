from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "审核与发布"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from review import denied, publication
        from review.files import policy as file_policy

        denied.install()
        publication.install()
        file_policy.install()
