from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "站点"

    def ready(self):
        from home.security.csp import nonce_chooser_scripts

        nonce_chooser_scripts()
