"""Confirming and cancelling e-mail updates. Links in mails only open a page; the
change needs a button press (POST), so mail scanners that open links change nothing.
The unsubscribe POST also accepts RFC 8058 one-click requests from mail programs,
which carry no CSRF token: the secret token in the URL is the proof."""

from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt

from mitplan.core.origin import same_origin_post

from .models import Subscription
from .services import subscription_cancel, subscription_confirm
from .topics import resolve


@same_origin_post
def confirm(request, token: str):
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        # An old link (unsubscribed, or never confirmed and deleted): say so.
        return TemplateResponse(request, "notifications/gone.html", {}, status=404)
    done = False
    if request.method == "POST":
        subscription = subscription_confirm(token=token)
        done = True
    return TemplateResponse(
        request,
        "notifications/confirm.html",
        {
            "subscription": subscription,
            "followed": resolve(subscription.topic),
            "done": done or subscription.confirmed_at is not None,
        },
    )


@csrf_exempt
def unsubscribe(request, token: str):
    subscription = Subscription.objects.filter(token=token).first()
    if request.method == "POST":
        subscription_cancel(token=token)
        return TemplateResponse(request, "notifications/unsubscribed.html", {})
    if subscription is None:
        return TemplateResponse(request, "notifications/unsubscribed.html", {})
    return TemplateResponse(
        request,
        "notifications/unsubscribe.html",
        {"subscription": subscription, "followed": resolve(subscription.topic)},
    )
