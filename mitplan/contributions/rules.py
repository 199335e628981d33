"""Who may do what with contributions.

Process owners (the integration office) hold the Django permissions
`contributions.change_contribution` (moderate) and `contributions.change_statement`
(publish statements). Expert-group members act only on their own group's items.
"""

from mitplan.processes.models import ExpertGroupMember


def can_moderate(user) -> bool:
    return bool(user and user.is_authenticated) and user.has_perm(
        "contributions.change_contribution"
    )


def can_publish_statements(user) -> bool:
    return bool(user and user.is_authenticated) and user.has_perm(
        "contributions.change_statement"
    )


def expert_group_ids(user) -> set[int]:
    if not (user and user.is_authenticated):
        return set()
    return set(
        ExpertGroupMember.objects.filter(user=user).values_list("group_id", flat=True)
    )


def is_expert_in(user, group) -> bool:
    return group is not None and group.pk in expert_group_ids(user)


def can_see_internal(user, contribution) -> bool:
    """Unpublished items, drafts and reports: moderators, and the group it went to."""
    return can_moderate(user) or is_expert_in(user, contribution.expert_group)
