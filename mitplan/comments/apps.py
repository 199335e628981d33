from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "mitplan.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from mitplan.processes.actions import Action, add_actions

        add_actions(Action("comments", _("residents can comment"), order=20))
