from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "mitplan.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from django.db.models import Q

        from mitplan.contributions.extending import (
            DetailSection,
            add_detail_section,
            add_staff_section,
            contribution_merged,
        )
        from mitplan.contributions.models import Contribution
        from mitplan.contributions.staff_actions import add_staff_action
        from mitplan.core.counters import Counter, add_counter
        from mitplan.processes.actions import Action, add_actions
        from mitplan.processes.portal import add_routes

        from . import rules, staff, views  # noqa: F401 (rules registers)
        from .models import Comment
        from .routes import ROUTES
        from .services import comments_follow_merge

        add_actions(Action("comments", _("residents can comment"), order=20))
        # What the public page says: visible comments, replies included.
        add_counter(
            Counter(
                Contribution,
                "comment_count",
                Comment,
                "contribution",
                where=Q(is_hidden=False),
            )
        )
        add_routes(*ROUTES)
        add_detail_section(
            DetailSection(
                name="comments",
                template="comments/section.html",
                context=views.section_context,
                form_name="comment",
                order=10,
            )
        )
        add_staff_section(staff.SECTION)
        add_staff_action(staff.HideComment())
        contribution_merged.connect(comments_follow_merge, dispatch_uid="comments")
