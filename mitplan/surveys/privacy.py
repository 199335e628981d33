"""Personal data of surveys: a signed-in resident's own responses, the drafts that
let a person resume on the same device, and the digests that keep "one response per
person" while a survey is open. Answers themselves stay in the results; what could
lead back to a person goes as soon as it is no longer needed."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from mitplan.core.privacy import Person, PersonalData, register

from .models import Draft, Response, Survey


def _export_responses(person: Person) -> list[dict]:
    return [
        {
            "survey": r.survey.title,
            "process": r.survey.process.slug,
            "sent_at": r.submitted_at.isoformat(),
            "language": r.language,
            "answers": r.answers,
        }
        for r in Response.objects.filter(account=person.user)
        .select_related("survey__process")
        .order_by("pk")
    ]


def _erase_responses(person: Person) -> None:
    # The answers stay counted in the results, without the account: the response
    # becomes like any anonymous one (its counters are not touched).
    Response.objects.filter(account=person.user).update(account=None, respondent_key="")


def _expire_drafts() -> int:
    """Drafts nobody resumed for a while, and every draft of a closed survey."""
    now = timezone.now()
    stale = now - timedelta(days=settings.RETENTION_SURVEY_DRAFT_DAYS)
    old = Draft.objects.filter(changed_at__lt=stale)
    closed = Draft.objects.filter(survey__in=Survey.objects.ended(now))
    count = old.delete()[0]
    return count + closed.delete()[0]


def _expire_respondent_keys() -> int:
    """Once a survey has ended nobody can answer twice any more, so the digests
    that linked a response to a device, account or code are dropped."""
    return (
        Response.objects.filter(survey__in=Survey.objects.ended(timezone.now()))
        .exclude(respondent_key="", account__isnull=True)
        .update(respondent_key="", account=None)
    )


register(
    PersonalData(
        name="survey_responses",
        order=30,
        fields=("surveys.Response.account",),
        export=_export_responses,
        erase=_erase_responses,
        expire=_expire_respondent_keys,
        expired="{count} survey response(s) unlinked from device, account or code",
    )
)
register(
    PersonalData(
        name="survey_drafts",
        order=31,
        fields=(),
        why="Unsent answers kept under a digest of the device's cookie so the person "
        "can resume; no account, no IP; deleted after "
        "RETENTION_SURVEY_DRAFT_DAYS or when the survey ends.",
        expire=_expire_drafts,
        expired="{count} unsent survey draft(s)",
    )
)
register(
    PersonalData(
        name="survey_staff_records",
        order=900,
        fields=("surveys.Response.entered_by", "surveys.Quote.picked_by"),
        why="Staff who typed in paper questionnaires and picked quotes for the "
        "results: the audit trail, never shown publicly; staff accounts are removed "
        "by administrators, and the references then become empty.",
    )
)
