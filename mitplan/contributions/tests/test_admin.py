import pytest
from django.contrib.auth import get_user_model

from mitplan.contributions.models import Contribution
from mitplan.processes.models import ExpertGroupMember, FieldOfAction, Process
from mitplan.processes.roles import EXPERT_GROUPS, PROCESS_OWNERS

from .factories import ContributionFactory
from .staff import moderate_url
from .staff import staff_login as staff

pytestmark = pytest.mark.django_db


def test_process_owner_publishes_forwards_and_answers(client):
    staff(client, "amt", PROCESS_OWNERS)
    contribution = ContributionFactory(moderation_state="pending", published_at=None)
    assert client.get(moderate_url(contribution)).status_code == 200
    client.post(moderate_url(contribution), {"action": "publish"})
    group = contribution.field_of_action.expert_group
    client.post(
        moderate_url(contribution), {"action": "forward", "expert_group": group.pk}
    )
    response = client.post(
        moderate_url(contribution),
        {
            "action": "publish_statement",
            "outcome": "taken",
            "text_de": "Übernommen.",
            "text_en": "",
        },
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.is_public
    assert contribution.processing_state == Contribution.Processing.ANSWERED
    assert contribution.statement.is_published
    public = client.get(contribution.get_absolute_url()).content.decode()
    assert "Übernommen." in public


def test_reject_without_reason_is_explained_and_changes_nothing(client):
    staff(client, "amt", PROCESS_OWNERS)
    contribution = ContributionFactory(moderation_state="pending", published_at=None)
    response = client.post(
        moderate_url(contribution), {"action": "reject", "reason": ""}
    )
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.moderation_state == "pending"


def test_expert_sees_only_their_groups_contributions_and_cannot_publish(client):
    user = staff(client, "expertin", EXPERT_GROUPS)
    bildung = FieldOfAction.objects.get(slug="bildung")
    ExpertGroupMember.objects.create(
        group=bildung.expert_group, name="Expertin", user=user
    )
    own = ContributionFactory(
        field_of_action=bildung, expert_group=bildung.expert_group, title="Unsere"
    )
    other_field = FieldOfAction.objects.get(slug="wirtschaft")
    other = ContributionFactory(
        field_of_action=other_field,
        expert_group=other_field.expert_group,
        title="Fremde",
    )
    listing = client.get("/admin/participation/contributions/").content.decode()
    assert "Unsere" in listing and "Fremde" not in listing
    # Their rows open the screen where they write the statement.
    assert f'href="{moderate_url(own)}"' in listing
    # Wagtail answers a refusal by sending the user back to the dashboard.
    assert client.get(moderate_url(other)).status_code in (302, 403)
    client.post(moderate_url(own), {"action": "publish"})
    client.post(
        moderate_url(own),
        {"action": "draft_statement", "outcome": "partly", "text_de": "Entwurf"},
    )
    own.refresh_from_db()
    assert not own.statement.is_published
    client.post(
        moderate_url(own),
        {"action": "publish_statement", "outcome": "partly", "text_de": "x"},
    )
    own.refresh_from_db()
    assert not own.statement.is_published


def test_residents_cannot_open_the_moderation(client):
    user = get_user_model().objects.create_user(
        username="bewohnerin", password="x" * 12
    )
    client.force_login(user)
    contribution = ContributionFactory()
    assert client.get(moderate_url(contribution)).status_code in (302, 403)


def test_offline_input_is_published_with_its_source(client):
    staff(client, "amt", PROCESS_OWNERS)
    process = Process.objects.get(slug="lip-2")
    field = FieldOfAction.objects.get(slug="soziales")
    response = client.post(
        f"/admin/participation/contributions/offline/{process.pk}/",
        {
            "field_of_action": field.pk,
            "kind": "wish",
            "title": "Beratung auf Arabisch",
            "text": "Am Infotisch gesammelt.",
            "language": "de",
            "source_note": "Auftaktveranstaltung, Dialogrunde 3",
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get(title="Beratung auf Arabisch")
    assert contribution.is_public and contribution.source == "offline"
    html = client.get(contribution.get_absolute_url()).content.decode()
    assert "Auftaktveranstaltung, Dialogrunde 3" in html


def test_the_edit_link_of_the_list_opens_the_moderation(client):
    staff(client, "amt", PROCESS_OWNERS)
    contribution = ContributionFactory()
    response = client.get(f"/admin/participation/contributions/edit/{contribution.pk}/")
    assert response.status_code == 302
    assert response["Location"] == moderate_url(contribution)


def test_statistics_and_exports_for_process_owners(client):
    from io import BytesIO

    import openpyxl

    staff(client, "amt", PROCESS_OWNERS)
    process = Process.objects.get(slug="lip-2")
    ContributionFactory(title='=HYPERLINK("http://evil")', pseudonym="Geheim")
    html = client.get(
        f"/admin/participation/contributions/statistics/{process.pk}/"
    ).content.decode()
    assert "Bildung" in html and "mp-stats__bar" in html
    csv = b"".join(
        client.get(
            f"/admin/participation/contributions/export/{process.pk}.csv"
        ).streaming_content
    ).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "@example" not in csv
    response = client.get(
        f"/admin/participation/contributions/export/{process.pk}.xlsx"
    )
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://evil")' in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_experts_cannot_export(client):
    staff(client, "expertin", EXPERT_GROUPS)
    process = Process.objects.get(slug="lip-2")
    response = client.get(f"/admin/participation/contributions/export/{process.pk}.csv")
    assert response.status_code in (302, 403)
