"""Who may do what, role by role: every cell of the table is a request and a look
at what it changed, not only at the status code."""

import pytest
from django.contrib.auth import get_user_model

from mitplan.contributions.models import Contribution, Statement
from mitplan.processes.models import ExpertGroupMember, FieldOfAction, Process
from mitplan.processes.roles import EXPERT_GROUPS, PROCESS_OWNERS, group_of

from .factories import ContributionFactory
from .staff import moderate_url

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "expert", "other_expert", "owner"]


def login(client, role):
    if role == "anonymous":
        return
    user = get_user_model().objects.create_user(username=role, password="x" * 12)
    if role == "owner":
        user.groups.add(group_of(PROCESS_OWNERS))
    if role in ("expert", "other_expert"):
        user.groups.add(group_of(EXPERT_GROUPS))
        slug = "bildung" if role == "expert" else "soziales"
        group = FieldOfAction.objects.get(slug=slug).expert_group
        ExpertGroupMember.objects.create(group=group, name=role, user=user)
    client.force_login(user)


@pytest.fixture
def items():
    bildung = FieldOfAction.objects.get(slug="bildung")
    return {
        "pending": ContributionFactory(
            field_of_action=bildung, moderation_state="pending", published_at=None
        ),
        "forwarded": ContributionFactory(
            field_of_action=bildung,
            expert_group=bildung.expert_group,
            processing_state="with_expert_group",
        ),
    }


def sees_pending_on_the_public_page(client, items):
    return client.get(items["pending"].get_absolute_url() or "/").status_code == 200


def opens_the_moderation_of_a_pending_item(client, items):
    return client.get(moderate_url(items["pending"])).status_code == 200


def publishes_a_pending_item(client, items):
    client.post(moderate_url(items["pending"]), {"action": "publish"})
    items["pending"].refresh_from_db()
    return items["pending"].is_public


def rejects_a_pending_item(client, items):
    client.post(
        moderate_url(items["pending"]), {"action": "reject", "reason": "Doppelt"}
    )
    items["pending"].refresh_from_db()
    return items["pending"].moderation_state == "rejected"


def opens_an_item_of_the_bildung_group(client, items):
    return client.get(moderate_url(items["forwarded"])).status_code == 200


def drafts_a_statement(client, items):
    client.post(
        moderate_url(items["forwarded"]),
        {"action": "draft_statement", "outcome": "partly", "text_de": "Entwurf"},
    )
    return Statement.objects.filter(contribution=items["forwarded"]).exists()


def publishes_a_statement(client, items):
    client.post(
        moderate_url(items["forwarded"]),
        {"action": "publish_statement", "outcome": "taken", "text_de": "Übernommen"},
    )
    return Statement.objects.filter(
        contribution=items["forwarded"], published_at__isnull=False
    ).exists()


def sees_the_statistics(client, items):
    process = Process.objects.get(slug="lip-2")
    url = f"/admin/participation/contributions/statistics/{process.pk}/"
    return client.get(url).status_code == 200


def exports_with_pseudonyms(client, items):
    process = Process.objects.get(slug="lip-2")
    url = f"/admin/participation/contributions/export/{process.pk}.csv"
    response = client.get(url)
    if response.status_code != 200:
        return False
    content = b"".join(
        response.streaming_content if response.streaming else [response.content]
    )
    return b"pseudonym" in content.splitlines()[0].lower()


def enters_offline_input(client, items):
    process = Process.objects.get(slug="lip-2")
    before = Contribution.objects.count()
    client.post(
        f"/admin/participation/contributions/offline/{process.pk}/",
        {
            "field_of_action": FieldOfAction.objects.get(slug="bildung").pk,
            "kind": "idea",
            "title": "Vom Zettel",
            "text": "Beim Auftakt an Tisch 3 notiert.",
            "language": "de",
            "source_note": "Auftakt, Tisch 3",
        },
    )
    return Contribution.objects.count() == before + 1


#                                        anon   resident expert other  owner
MATRIX = {
    sees_pending_on_the_public_page:        (0,     0,      0,     0,     0),
    opens_the_moderation_of_a_pending_item: (0,     0,      0,     0,     1),
    publishes_a_pending_item:               (0,     0,      0,     0,     1),
    rejects_a_pending_item:                 (0,     0,      0,     0,     1),
    opens_an_item_of_the_bildung_group:     (0,     0,      1,     0,     1),
    drafts_a_statement:                     (0,     0,      1,     0,     1),
    publishes_a_statement:                  (0,     0,      0,     0,     1),
    sees_the_statistics:                    (0,     0,      0,     0,     1),
    exports_with_pseudonyms:                (0,     0,      0,     0,     1),
    enters_offline_input:                   (0,     0,      0,     0,     1),
}  # fmt: skip


@pytest.mark.parametrize("action", list(MATRIX), ids=lambda action: action.__name__)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, items, role, action):
    login(client, role)
    expected = bool(MATRIX[action][ROLES.index(role)])
    assert action(client, items) is expected
