"""A survey's results as something people follow by e-mail (notifications.topics):
one mail when interim results are first published and one when the final results
are, each linking to the results page."""

from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

from mitplan.core.parsing import parse_id
from mitplan.notifications import services as notifications
from mitplan.notifications.topics import Topic, add_topic, topic_of
from mitplan.processes.portal import url_below_portal

from .models import Survey


def _find(key: str):
    pk = parse_id(key)
    if pk is None:
        return None
    return Survey.objects.select_related("process").filter(pk=pk).first()


def _url(survey) -> str:
    if not (survey.are_results_public or survey.final_results is not None):
        return ""
    return url_below_portal(survey.process, "survey_results", survey.slug)


TOPIC = Topic(
    kind="survey",
    find=_find,
    title=lambda survey: survey.title,
    url=_url,
    note=lambda survey: (
        ""
        if _url(survey)
        else _("The results are not public yet. Once they are, we send you the link.")
    ),
    asked=_(
        "You asked to be told by e-mail when results of the survey “%(title)s” are "
        "published."
    ),
    news=_("News on the survey “%(title)s”: %(step)s."),
    why=_(
        "You get this mail because you asked to hear about this survey's results. "
        "To stop them with one click:"
    ),
    back=_("Back to the results"),
)

INTERIM_PUBLISHED = _("interim results published")
FINAL_PUBLISHED = _("final results published")


def topic(survey) -> str:
    return topic_of(TOPIC.kind, survey.pk)


def followers_tell(survey, step) -> int:
    """Mail the confirmed followers (after the current transaction commits)."""
    return notifications.subscribers_notify(topic=topic(survey), step=step)


def _forget_followers(sender, instance, **kwargs):
    # Addresses that followed a deleted survey have nothing left to hear of.
    notifications.topic_forget(topic(instance))


def register() -> None:
    add_topic(TOPIC)
    post_delete.connect(
        _forget_followers, sender=Survey, dispatch_uid="survey_followers"
    )
