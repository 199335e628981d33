"""Following a survey's results by e-mail: a small page with one field, linked from
the results; the address is confirmed by mail before anything else is sent."""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mitplan.core.origin import same_origin_post
from mitplan.core.ratelimits import Limit
from mitplan.core.sending import NotCarriedOut, carry_out
from mitplan.notifications import services as notifications
from mitplan.notifications.forms import SubscribeForm
from mitplan.processes.portal import page_context

from . import following, selectors
from .views import breadcrumbs, survey_or_404, url_of


@same_origin_post
def survey_follow(request, *, page, slug):
    survey = survey_or_404(page, slug)
    form = SubscribeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                carry_out(
                    lambda: notifications.subscription_request(
                        topic=following.topic(survey),
                        email=form.cleaned_data["email"].strip().lower(),
                        language=get_language(),
                        user=request.user,
                    ),
                    Limit.per_client(
                        request, "surveys.follow", settings.SUBSCRIBE_RATE
                    ),
                )
            except NotCarriedOut as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status
            else:
                # One answer whether the address followed before or not: the
                # page must not tell others who follows.
                return redirect(
                    url_of(page, "survey_follow", survey.slug) + "?done=1#done"
                )
        else:
            status = 400
    context = page_context(request, page)
    context.update(
        survey=survey,
        form=form,
        done=request.GET.get("done", ""),
        is_final=survey.final_results is not None,
        results_url=url_of(page, "survey_results", survey.slug),
        is_live=selectors.is_live(survey),
        breadcrumbs_extra=breadcrumbs(page, survey, (None, _("Results by e-mail"))),
    )
    response = TemplateResponse(
        request, "surveys/survey_follow.html", context, status=status
    )
    response["Cache-Control"] = "private, no-store"
    return response
