"""E-mail updates on anything an app registered as a topic (topics.py): double
opt-in, one-click unsubscribe, and a mail on every step the app announces."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from mitplan.core import ratelimits
from mitplan.core.addresses import clean_email
from mitplan.core.mail import send_mail
from mitplan.core.ratelimits import Limit
from mitplan.core.text import isolate

from .models import Subscription
from .topics import resolve


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return _absolute(reverse(name, kwargs=kwargs))


MAILBOX_FULL = _(
    "We have sent several confirmation mails to this e-mail address in a short "
    "time, so we send no more for now. Please use the link in one of them, or try "
    "again later. What you wrote is still here."
)


def confirmation_limits(email: str) -> list[Limit]:
    """How many confirmation mails one address may get, whoever asks: no one can
    flood a stranger's mailbox, by changing their address or their browser."""
    email = clean_email(email)
    return [
        Limit.per_target(group, email, rate, message=MAILBOX_FULL)
        for group, rate in (
            ("notifications.confirm.hour", settings.CONFIRMATION_MAIL_RATE_HOUR),
            ("notifications.confirm.day", settings.CONFIRMATION_MAIL_RATE_DAY),
        )
    ]


@transaction.atomic
def subscription_request(
    *,
    topic: str,
    email: str,
    language: str,
    user=None,
    is_author: bool = False,
) -> Subscription:
    """Ask for updates: the address gets one mail with a confirmation link, nothing more
    until it is confirmed. Asking again resends the link and creates nothing new. An
    address the signed-in `user` has already confirmed for the account needs no
    second confirmation."""
    email = clean_email(email)
    try:
        with transaction.atomic():
            subscription, _created = Subscription.objects.get_or_create(
                topic=topic,
                email=email,
                defaults={"language": language, "is_author": is_author},
            )
    except IntegrityError:
        subscription = Subscription.objects.get(topic=topic, email=email)
    if subscription.confirmed_at is None and _is_verified_address(user, email):
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    if subscription.confirmed_at is None:
        # Counted here, where the mail is sent, so every caller keeps the cap;
        # over it, LimitReached undoes the request (this function is one
        # transaction) and the caller says so.
        ratelimits.reserve(*confirmation_limits(email))
        followed = resolve(topic)
        with translation.override(subscription.language):
            body = render_to_string(
                "notifications/mail/confirm.txt",
                {
                    "asked": _said(followed.topic.asked, title=followed.title),
                    "confirm_url": _url(
                        "notifications:confirm",
                        subscription.language,
                        token=subscription.token,
                    ),
                    "site_name": settings.SITE_NAME,
                },
            )
            subject = render_to_string(
                "notifications/mail/confirm_subject.txt",
                {"site_name": settings.SITE_NAME},
            ).strip()
        transaction.on_commit(
            lambda: send_mail.enqueue(
                subject=subject, body=body, to=[email], headers={}
            )
        )
    return subscription


def _is_verified_address(user, email: str) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return is_verified_address_of(user.pk, email)


def _said(text, **values) -> str:
    """A registered text in the active language, with the title isolated (one
    written right to left cannot turn the sentence around)."""
    if "title" in values:
        values["title"] = isolate(str(values["title"]))
    return str(text) % values


def subscription_confirm(*, token: str) -> Subscription | None:
    subscription = Subscription.objects.filter(token=token).first()
    if subscription and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def subscription_cancel(*, token: str) -> bool:
    """Unsubscribe: the address is deleted, not just flagged."""
    deleted, _details = Subscription.objects.filter(token=token).delete()
    return bool(deleted)


def subscribers_notify(
    *,
    topic: str,
    step: str,
    for_author: Callable[[Subscription], bool] = lambda subscription: False,
    reason: str = "",
) -> int:
    """Mail every confirmed subscriber of `topic`, each in their language, that
    `step` (a lazily translated label) happened, after the transaction that made the
    change has committed. `reason` goes only to the addresses `for_author` accepts:
    it may speak of the author, and the others hear the step."""
    followed = resolve(topic)
    if followed.thing is None:
        return 0
    subscriptions = list(
        Subscription.objects.filter(topic=topic).exclude(confirmed_at=None)
    )
    for subscription in subscriptions:
        with translation.override(subscription.language):
            unsubscribe_url = _url(
                "notifications:unsubscribe",
                subscription.language,
                token=subscription.token,
            )
            url = followed.url
            context = {
                "news": _said(followed.topic.news, title=followed.title, step=step),
                "subject": _said(
                    _("[%(site_name)s] %(step)s: %(title)s"),
                    site_name=settings.SITE_NAME,
                    step=step,
                    title=Truncator(followed.title).chars(60),
                ),
                "reason": reason if reason and for_author(subscription) else "",
                "url": _absolute(url) if url else "",
                "why": followed.topic.why,
                "unsubscribe_url": unsubscribe_url,
            }
            body = render_to_string("notifications/mail/update.txt", context)
            subject = context["subject"]
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        transaction.on_commit(
            lambda s=subject, b=body, e=subscription.email, h=headers: (
                send_mail.enqueue(subject=s, body=b, to=[e], headers=h)
            )
        )
    return len(subscriptions)


def confirmed_count(topic: str) -> int:
    return Subscription.objects.filter(topic=topic).exclude(confirmed_at=None).count()


def is_verified_address_of(user_id, email: str) -> bool:
    """Whether `email` is an address the account confirmed."""
    if user_id is None:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(
        user_id=user_id, email__iexact=email, verified=True
    ).exists()


def unconfirmed_subscriptions_purge(*, older_than_days: int) -> int:
    """Forget addresses that asked for updates but never confirmed (retention):
    without the confirmation nothing was ever sent to them, and nothing will be."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _by_model = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted


def topic_forget(topic: str) -> int:
    """The thing is gone: so are the addresses that followed it."""
    deleted, _by_model = Subscription.objects.filter(topic=topic).delete()
    return deleted
