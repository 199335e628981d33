"""Staff in tests: a signed-in member of a role group, and the moderation screen."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

PROCESS_OWNERS = "Prozessverantwortliche"
EXPERT_GROUPS = "Fachgruppen"


def staff_login(client, username, group_name, *, language=None):
    """A new account in the role group, signed in; `language` sets the admin's."""
    user = get_user_model().objects.create_user(username=username, password="x" * 12)
    user.groups.add(Group.objects.get(name=group_name))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    client.force_login(user)
    return user


def staff_in_english(client, username, group_name):
    """Staff whose admin speaks English, for tests that read its texts."""
    return staff_login(client, username, group_name, language="en")


def moderate_url(contribution) -> str:
    return f"/admin/participation/contributions/{contribution.pk}/moderate/"
