"""Personal data of contributions: what a resident sent and supported, and the staff
records kept for the audit."""

from django.db.models import F

from mitplan.core.privacy import Person, PersonalData, register

from .models import Contribution, Support
from .selectors import contributions_of_author


def _export_contributions(person: Person) -> list[dict]:
    return [
        {
            "id": c.pk,
            "process": c.process.slug,
            "field_of_action": c.field_of_action.slug,
            "kind": c.kind,
            "title": c.title,
            "text": c.text,
            "language": c.language,
            "pseudonym": c.pseudonym,
            "sent_at": c.created_at.isoformat(),
            "moderation": c.moderation_state,
            "reason_given_by_the_moderation": c.moderation_reason,
            "processing": c.processing_state,
        }
        for c in contributions_of_author(person.user)
    ]


def _erase_contributions(person: Person) -> None:
    # What was never public goes; what others could read stays, without a name.
    own = Contribution.objects.filter(author=person.user)
    own.filter(
        moderation_state__in=[
            Contribution.Moderation.PENDING,
            Contribution.Moderation.REJECTED,
        ]
    ).delete()
    own.update(author=None, pseudonym="")


def _export_supports(person: Person) -> list[dict]:
    return [
        {"contribution": contribution_id, "at": at.isoformat()}
        for contribution_id, at in Support.objects.filter(user=person.user)
        .order_by("pk")
        .values_list("contribution_id", "created_at")
    ]


def _erase_supports(person: Person) -> None:
    # Withdrawn, and the counts follow.
    supports = Support.objects.filter(user=person.user)
    supported = list(supports.values_list("contribution_id", flat=True))
    Contribution.objects.filter(pk__in=supported).update(
        support_count=F("support_count") - 1
    )
    supports.delete()


register(
    PersonalData(
        name="contributions",
        order=10,
        fields=("contributions.Contribution.author",),
        export=_export_contributions,
        erase=_erase_contributions,
    )
)
register(
    PersonalData(
        name="supports",
        order=20,
        fields=("contributions.Support.user",),
        export=_export_supports,
        erase=_erase_supports,
    )
)
register(
    PersonalData(
        name="contribution_staff_records",
        order=900,
        fields=(
            "contributions.Statement.drafted_by",
            "contributions.Statement.published_by",
            "contributions.HistoryEntry.actor",
        ),
        why="Staff who drafted and published statements and moved contributions "
        "on: the audit trail, never shown publicly; staff accounts are removed by "
        "administrators, and the references then become empty.",
    )
)
