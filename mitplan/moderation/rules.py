"""Who may close abuse reports: process owners (and whoever staff gave the
permission)."""

import rules

from mitplan.processes.rules import owner_may

rules.add_rule("moderation.close_report", owner_may("moderation.change_report"))
