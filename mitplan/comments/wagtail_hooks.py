from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .services import LOG_HIDDEN


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    """Hiding a comment enters Wagtail's audit log under its contribution."""
    actions.register_action(LOG_HIDDEN, _("Comment hidden"), _("Comment hidden"))
