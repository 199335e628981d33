from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "mitplan.processes"
    label = "processes"
    verbose_name = _("Participation processes")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles
        from .portal import add_routes
        from .routes import ROUTES

        add_routes(*ROUTES)
        roles.grant(roles.PROCESS_OWNERS, "wagtailadmin.access_admin")
        roles.grant(
            roles.PROCESS_OWNERS, "processes.view_process", "processes.change_process"
        )
        roles.grant(roles.EXPERT_GROUPS, "wagtailadmin.access_admin")
        post_migrate.connect(
            roles.after_migrate, sender=self, dispatch_uid="mitplan.processes.roles"
        )
