from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "mitplan.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from mitplan.processes import roles
        from mitplan.processes.portal import add_routes

        from .routes import ROUTES

        add_routes(*ROUTES)
        roles.grant(
            roles.PROCESS_OWNERS, "moderation.view_report", "moderation.change_report"
        )
