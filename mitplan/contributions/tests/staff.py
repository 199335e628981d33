"""Staff in tests: a signed-in member of a role group, and the moderation screen."""

from wagtail.users.models import UserProfile

from conftest import staff_member
from mitplan.processes.roles import EXPERT_GROUPS, PROCESS_OWNERS

__all__ = ["EXPERT_GROUPS", "PROCESS_OWNERS", "staff_in_english", "staff_login"]


def staff_login(client, username, role, *, language=None):
    """A new account in the role (processes.roles), signed in; `language` sets the
    admin's."""
    user = staff_member(username, role)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    client.force_login(user)
    return user


def staff_in_english(client, username, role):
    """Staff whose admin speaks English, for tests that read its texts."""
    return staff_login(client, username, role, language="en")


def moderate_url(contribution) -> str:
    return f"/admin/participation/contributions/{contribution.pk}/moderate/"
