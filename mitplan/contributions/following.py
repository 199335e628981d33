"""A contribution as something people follow by e-mail (notifications.topics):
its author on the form, anyone on its page."""

from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

from mitplan.core.parsing import parse_id
from mitplan.notifications import services as notifications
from mitplan.notifications.topics import Topic, add_topic, topic_of

from .models import Contribution


def _find(key: str):
    pk = parse_id(key)
    if pk is None:
        return None
    return Contribution.objects.select_related("process").filter(pk=pk).first()


def _note(contribution) -> str:
    if contribution.moderation_state == Contribution.Moderation.PENDING:
        return _(
            "Your contribution is waiting for the moderation. Once it is published, "
            "we send you the link."
        )
    return ""


TOPIC = Topic(
    kind="contribution",
    find=_find,
    title=lambda contribution: contribution.title,
    url=lambda contribution: (
        contribution.get_absolute_url() if contribution.is_public else ""
    ),
    note=_note,
    asked=_(
        "You asked to be told by e-mail what becomes of the contribution “%(title)s”."
    ),
    news=_("News on the contribution “%(title)s”: %(step)s."),
    why=_(
        "You get this mail because you asked for updates on this contribution. To "
        "stop them with one click:"
    ),
    back=_("Back to the contribution"),
)


def topic(contribution) -> str:
    return topic_of(TOPIC.kind, contribution.pk)


def is_authors_address(contribution, subscription) -> bool:
    """Whether the subscription is the author's: given with the contribution, or a
    verified address of the author's account."""
    return subscription.is_author or notifications.is_verified_address_of(
        contribution.author_id, subscription.email
    )


def _forget_followers(sender, instance, **kwargs):
    notifications.topic_forget(topic(instance))


def register() -> None:
    add_topic(TOPIC)
    post_delete.connect(
        _forget_followers, sender=Contribution, dispatch_uid="contribution_followers"
    )
