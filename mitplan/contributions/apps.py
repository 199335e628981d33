from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "mitplan.contributions"
    label = "contributions"
    verbose_name = _("Contributions")

    def ready(self):
        from mitplan.core.counters import Counter, add_counter
        from mitplan.processes import roles
        from mitplan.processes.actions import Action, add_actions
        from mitplan.processes.portal import Panel, add_panel, add_routes

        from . import following, rules, search, staff_actions  # noqa: F401 (registers)
        from .models import Contribution, Support
        from .routes import ROUTES
        from .selectors import responsiveness_by_field

        add_routes(*ROUTES)
        search.register()
        following.register()
        add_counter(Counter(Contribution, "support_count", Support, "contribution"))
        staff_actions.register()
        roles.grant(
            roles.PROCESS_OWNERS,
            "contributions.view_contribution",
            "contributions.change_contribution",
            "contributions.view_statement",
            "contributions.change_statement",
        )
        roles.grant(roles.EXPERT_GROUPS, "contributions.view_contribution")
        add_actions(
            Action("contributions", _("residents can send contributions"), order=10),
            Action("supports", _("residents can support contributions"), order=30),
        )
        # "Who answers how quickly" on the fields of action of a process.
        add_panel(
            Panel(
                place="fields",
                name="responsiveness",
                template="contributions/panels/responsiveness.html",
                data=responsiveness_by_field,
            )
        )
