from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "govsearch"
    verbose_name = "全文检索"

    def ready(self):
        from search import signals

        signals.connect()
