"""Who may do what with contributions, composed of the role and phase predicates of
processes/rules.py and registered as permissions, which the services check.

Process owners (the integration office) hold the Django permissions
`contributions.change_contribution` (moderate) and `contributions.change_statement`
(publish statements), granted to their role in apps.py. Expert-group members act
only on their own group's items. Residents send and support while a running phase
allows it; staff enter what came on paper in any phase.
"""

import rules

from mitplan.processes.models import ExpertGroupMember
from mitplan.processes.rules import action_open, holds, owner_may

moderates = owner_may("contributions.change_contribution")
publishes_statements = owner_may("contributions.change_statement")

rules.add_rule("contributions.moderate", moderates)
rules.add_rule("contributions.publish_statement", publishes_statements)
# Paper and event input: staff enter it whatever the phase.
rules.add_rule("contributions.enter_offline", moderates)
rules.add_rule("contributions.send", action_open("contributions"))
rules.add_rule("contributions.support", action_open("supports"))


def can_moderate(user, process=None) -> bool:
    return holds("contributions.moderate", user, process)


def can_publish_statements(user, process=None) -> bool:
    return holds("contributions.publish_statement", user, process)


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
    return can_moderate(user, contribution.process) or is_expert_in(
        user, contribution.expert_group
    )
