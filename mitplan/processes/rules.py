"""Who may do what in a process, as predicates of (user, process) that apps compose
into their permissions (django-rules, as adhocracy4 does).

Two kinds of predicate, and permissions are made of both:
- roles: process owners and expert-group members. Every predicate takes the process
  (None: "in any process", for screens that list several). In this first version
  a process owner's role holds for every process (the staff group); expert-group
  members are bound to their group's process already.
- phases: `action_open("comments")` holds while the running phases of the process
  allow the resident action (participation.py).

Permissions are registered under "app.verb" (contributions/rules.py) and checked with
`rules.test_rule(name, user, process)` in the services, so that the admin, the public
views, the API and staff input share one gate."""

import rules
from django.core.exceptions import PermissionDenied

from .models import ExpertGroupMember, Process
from .participation import participation


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def owner_may(permission: str):
    """A role predicate: a process owner of the process who holds `permission`
    (the Django permission an app granted the role, processes/roles.py; staff may
    give it to other groups too). First version: for every process alike, so the
    process is not asked yet; per-process owners change this one place."""

    @rules.predicate(name=f"owner_may:{permission}")
    def may(user, process=None) -> bool:
        return _signed_in(user) and user.has_perm(permission)

    return may


@rules.predicate
def is_expert(user, process=None) -> bool:
    """A member of an expert group of this process (of any process for None)."""
    if not _signed_in(user):
        return False
    members = ExpertGroupMember.objects.filter(user=user)
    if process is not None:
        members = members.filter(group__field_of_action__process=process)
    return members.exists()


def action_open(code: str):
    """A predicate: the resident action `code` is open in the process right now."""

    @rules.predicate(name=f"action_open:{code}")
    def is_open(user, process) -> bool:
        return isinstance(process, Process) and participation(process).allows(code)

    return is_open


def holds(permission: str, user, process=None) -> bool:
    """Whether a registered permission holds (False for one nobody registered)."""
    return rules.test_rule(permission, user, process)


def require(permission: str, user, process=None) -> None:
    """The services' gate for staff: PermissionDenied unless `permission` holds."""
    if not holds(permission, user, process):
        raise PermissionDenied
