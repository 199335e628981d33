from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "mitplan.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from mitplan.core.pagecache import writes_unseen
        from mitplan.processes import roles
        from mitplan.processes.actions import Action, add_actions
        from mitplan.processes.portal import add_routes

        from . import (
            embeds,
            following,
            rules,  # noqa: F401 (registers the permissions)
        )
        from .routes import ROUTES

        add_routes(*ROUTES)
        following.register()
        # Saving a page of answers on the way changes no public page.
        writes_unseen("surveys_draft")
        embeds.register()

        add_actions(Action("surveys", _("residents can answer surveys"), order=40))
        roles.grant(
            roles.PROCESS_OWNERS,
            "surveys.view_survey",
            "surveys.add_survey",
            "surveys.change_survey",
            "surveys.view_response",
            "surveys.add_response",
        )
