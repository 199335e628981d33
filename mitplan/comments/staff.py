"""The comments on the staff screen of a contribution: all of them, each with
"hide" for those who moderate (contributions/extending.py, staff_actions.py)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mitplan.contributions.extending import StaffSection
from mitplan.contributions.staff_actions import StaffAction

from . import selectors, services
from .forms import HideForm
from .models import Comment


class HideComment(StaffAction):
    name = "hide"
    form_class = HideForm

    def run(self, request, contribution, form):
        comment = get_object_or_404(
            Comment, pk=form.cleaned_data["comment"], contribution=contribution
        )
        hidden = services.comment_hide(
            comment=comment, reason=form.cleaned_data["reason"], actor=request.user
        )
        closed = getattr(hidden, "reports_closed", 0)
        if closed:
            return (
                _("Comment hidden.")
                + " "
                + ngettext(
                    "Its open abuse report was closed with your reason.",
                    "Its %(count)s open abuse reports were closed with your reason.",
                    closed,
                )
                % {"count": closed}
            )
        return _("Comment hidden.")


SECTION = StaffSection(
    name="comments",
    template="comments/admin/staff_section.html",
    context=lambda request, contribution, forms: {
        "comments": selectors.for_staff(contribution)
    },
    order=20,
)
