from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "mitplan.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from mitplan.comments.services import comment_hidden
        from mitplan.contributions.extending import add_staff_section
        from mitplan.contributions.staff_actions import add_staff_action
        from mitplan.processes import roles
        from mitplan.processes.portal import add_routes

        from . import rules, staff  # noqa: F401 (rules registers)
        from .routes import ROUTES

        add_routes(*ROUTES)
        add_staff_section(staff.SECTION)
        add_staff_action(staff.CloseReport())
        comment_hidden.connect(
            staff.close_reports_on_hidden_comment, dispatch_uid="moderation"
        )
        roles.grant(
            roles.PROCESS_OWNERS, "moderation.view_report", "moderation.change_report"
        )
