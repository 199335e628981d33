from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mitplan.core"
    label = "core"
    verbose_name = "mitplan core"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
        from .pagecache import watch_database_writes

        watch_database_writes()
