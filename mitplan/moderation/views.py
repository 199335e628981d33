"""Residents report a contribution or a comment (below a process's portal)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from mitplan.contributions.views import breadcrumbs_to, detail_url, public_contribution
from mitplan.core import ratelimits
from mitplan.core.origin import same_origin_post
from mitplan.core.parsing import parse_id
from mitplan.core.ratelimits import Limit
from mitplan.core.sending import NotCarriedOut, carry_out
from mitplan.processes.portal import page_context

from . import services
from .forms import ReportForm

ALREADY_REPORTED = gettext_lazy(
    "You have reported this already; the moderation will look at it. One report "
    "per person is enough."
)


@never_cache
@same_origin_post
def contribution_report(request, *, page, pk: int):
    contribution = public_contribution(page, pk)
    comment = None
    comment_id = request.GET.get("comment") or request.POST.get("comment")
    if comment_id:
        comment_pk = parse_id(comment_id)
        if comment_pk is None:
            raise Http404
        comment = contribution.comments.filter(pk=comment_pk, is_hidden=False).first()
        if comment is None:
            raise Http404
    status = 200
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        target = f"comment:{comment.pk}" if comment else f"contribution:{pk}"
        limits = [
            Limit.per_client(request, "contributions.report", settings.REPORT_RATE),
            # One report per network address and item a day; more add nothing.
            Limit.per_target(
                "contributions.report.item",
                f"{ratelimits.client_address(request)}|{target}",
                "1/d",
                message=ALREADY_REPORTED,
            ),
        ]
        if form.is_valid():
            try:
                carry_out(
                    lambda: services.report_add(
                        reason=form.cleaned_data["reason"],
                        explanation=form.cleaned_data["explanation"],
                        contribution=None if comment else contribution,
                        comment=comment,
                    ),
                    *limits,
                )
            except NotCarriedOut as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status
            else:
                return redirect(
                    detail_url(page, contribution.pk) + "?reported=1#reported"
                )
        else:
            status = 400
    context = page_context(
        request,
        page,
        form=form,
        contribution=contribution,
        reported_comment=comment,
        breadcrumbs_extra=[*breadcrumbs_to(page, contribution), (None, _("Report"))],
    )
    return TemplateResponse(
        request, "moderation/report_form.html", context, status=status
    )
