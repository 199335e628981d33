from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "mitplan.processes"
    label = "processes"
    verbose_name = _("Participation processes")

    def ready(self):
        from .portal import add_routes
        from .routes import ROUTES

        add_routes(*ROUTES)
