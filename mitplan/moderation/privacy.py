"""Personal data of moderation: which staff member closed a report."""

from mitplan.core.privacy import PersonalData, register

register(
    PersonalData(
        name="moderation_staff_records",
        order=900,
        fields=("moderation.Report.resolved_by",),
        why="The staff member who closed a report: audit trail of staff. Reports "
        "keep nothing about the person who reported.",
    )
)
