"""Personal data of processes: expert group members, advisors, who switched phases."""

from mitplan.core.privacy import Person, PersonalData, register

from .models import ExpertGroupMember


def _export_memberships(person: Person) -> list[dict]:
    return [
        {"expert_group": str(member.group), "name": member.name, "role": member.role}
        for member in ExpertGroupMember.objects.filter(user=person.user)
        .select_related("group")
        .order_by("pk")
    ]


register(
    PersonalData(
        name="expert_group_memberships",
        order=40,
        fields=("processes.ExpertGroupMember.user",),
        export=_export_memberships,
        why="Membership is the city's record of who works in an expert group; "
        "deleting the account only removes the link to it.",
    )
)
register(
    PersonalData(
        name="process_staff_records",
        order=900,
        fields=("processes.StatusChange.changed_by", "processes.Advisor.email"),
        why="Who paused or resumed a process (audit trail of staff) and the work "
        "address of an advisor that staff publish as a contact.",
    )
)
