"""Who may comment: anyone, while a running phase of the process allows it."""

import rules

from mitplan.processes.rules import action_open, owner_may

rules.add_rule("comments.comment", action_open("comments"))
# Hiding a comment is moderation: who moderates contributions.
rules.add_rule("comments.hide", owner_may("contributions.change_contribution"))
