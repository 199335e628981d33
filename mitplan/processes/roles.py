"""The staff roles of a participation process, as Wagtail groups.

Process owners (the integration office) moderate, publish statements and run the
process; expert-group members see and answer the contributions of their own group
(the screens filter by membership). A role is known by its key, not by its group's
name: staff may rename the group. The apps grant their permissions to the roles
(`grant`, in AppConfig.ready); after `migrate` a post_migrate handler of processes
creates the groups and gives them what was granted, on every install, with or
without the demo. It adds, never removes: staff may give a role more."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    key: str
    name: str  # the group's name when it is created, in the site's language


PROCESS_OWNERS = Role("process_owners", _("Process owners"))
EXPERT_GROUPS = Role("expert_groups", _("Expert groups"))
ROLES = (PROCESS_OWNERS, EXPERT_GROUPS)

# role key -> {(app_label, codename)}
_grants: dict[str, set[tuple[str, str]]] = {role.key: set() for role in ROLES}


def grant(role: Role, *permissions: str) -> None:
    """Give a role permissions, as "app_label.codename"."""
    for permission in permissions:
        app_label, codename = permission.split(".", 1)
        _grants[role.key].add((app_label, codename))


def granted(role: Role) -> set[tuple[str, str]]:
    return set(_grants[role.key])


def group_of(role: Role):
    """The role's group (None before the first migrate)."""
    from .models import StaffRole

    found = StaffRole.objects.filter(key=role.key).select_related("group").first()
    return found.group if found else None


def roles_ensure() -> None:
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from .models import StaffRole

    # Permissions of apps after this one in INSTALLED_APPS do not exist yet when
    # our post_migrate runs; creating them is idempotent.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    for role in ROLES:
        found = StaffRole.objects.filter(key=role.key).select_related("group").first()
        if found is None:
            with translation.override(settings.LANGUAGE_CODE):
                group, _created = Group.objects.get_or_create(name=str(role.name))
            found = StaffRole.objects.create(key=role.key, group=group)
        for app_label, codename in sorted(_grants[role.key]):
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                found.group.permissions.add(permission)


def after_migrate(sender, using="default", plan=None, **kwargs):
    """post_migrate of processes: only when migrations ran forward (not a flush)."""
    # plan None: a flush (transactional tests), not a migrate. An empty plan is a
    # migrate with nothing to apply, or one that built tables without migrations.
    if plan is None or (plan and all(backwards for _migration, backwards in plan)):
        return
    roles_ensure()
