import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from mitplan.processes.models import Process

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser(
        username="staff", email="staff@example.org", password="x" * 12
    )
    client.force_login(user)
    return client


def test_staff_resume_and_pause_with_a_public_notice(staff_client, process):
    edit = staff_client.get(f"/admin/participation/processes/edit/{process.pk}/")
    assert edit.status_code == 200
    assert (
        f"/admin/participation/processes/{process.pk}/status/resume/"
        in edit.content.decode()
    )

    response = staff_client.post(
        f"/admin/participation/processes/{process.pk}/status/resume/",
        {"shift_phases": "on"},
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.status == Process.Status.ACTIVE

    response = staff_client.post(
        f"/admin/participation/processes/{process.pk}/status/pause/", {}
    )
    assert response.status_code == 200  # the German notice is required
    assert process.status_changes.filter(status="paused").count() == 1

    response = staff_client.post(
        f"/admin/participation/processes/{process.pk}/status/pause/",
        {"notice_de": "Sommerpause bis September", "notice_en": "Summer break"},
    )
    assert response.status_code == 302
    html = staff_client.get("/de/lip/handlungsfelder/").content.decode()
    assert "Sommerpause bis September" in html


def test_unknown_action_is_404(staff_client, process):
    response = staff_client.get(
        f"/admin/participation/processes/{process.pk}/status/explode/", follow=True
    )
    assert response.status_code == 404


def test_residents_cannot_change_the_status(client, process):
    user = get_user_model().objects.create_user(username="resident", password="x" * 12)
    client.force_login(user)
    response = client.post(
        f"/admin/participation/processes/{process.pk}/status/resume/",
        {"shift_phases": "on"},
    )
    assert response.status_code in (302, 403)
    process.refresh_from_db()
    assert process.status == Process.Status.PAUSED


@pytest.mark.parametrize(
    "url,model",
    [
        ("/admin/participation/processes/", "processes.Process"),
        ("/admin/participation/fields-of-action/", "processes.FieldOfAction"),
        ("/admin/participation/expert-groups/", "processes.ExpertGroup"),
        ("/admin/participation/advisors/", "processes.Advisor"),
        ("/admin/organisations/", "organisations.Organisation"),
    ],
)
def test_staff_screens_list_and_edit(staff_client, url, model):
    from django.apps import apps

    first = apps.get_model(model).objects.order_by("pk").first()
    listing = staff_client.get(url)
    assert listing.status_code == 200
    assert f'href="{url}edit/{first.pk}/"' in listing.content.decode()
    assert staff_client.get(f"{url}edit/{first.pk}/").status_code == 200


def _form_data(html: str) -> dict:
    """What a browser would send for the page's edit form, unchanged."""
    from bs4 import BeautifulSoup

    form = next(
        form
        for form in BeautifulSoup(html, "html.parser").find_all("form")
        if form.find(attrs={"name": "phases-TOTAL_FORMS"})
    )
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "textarea":
            value = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            value = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if not field.has_attr("checked"):
                continue
            value = field.get("value", "on")
        else:
            value = field.get("value", "")
        data.setdefault(name, []).append(value)
    return data


def test_staff_choose_a_phases_actions_from_what_the_apps_declared(
    staff_client, process
):
    url = f"/admin/participation/processes/edit/{process.pk}/"
    html = staff_client.get(url).content.decode()
    phase = process.phases.order_by("sort_order", "starts_on", "pk").first()
    index = list(process.phases.all()).index(phase)
    for code in ("contributions", "comments", "supports"):
        assert f'name="phases-{index}-actions" value="{code}"' in html
    data = _form_data(html)
    data[f"phases-{index}-actions"] = ["comments"]
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    phase.refresh_from_db()
    assert phase.actions == ["comments"]


def test_a_role_keeps_its_group_when_staff_rename_it():
    from mitplan.processes import roles

    group = roles.group_of(roles.PROCESS_OWNERS)
    group.name = "Integrationsbüro"
    group.save()
    roles.roles_ensure()  # as after the next migrate
    assert roles.group_of(roles.PROCESS_OWNERS).pk == group.pk
    assert not Group.objects.filter(name="Prozessverantwortliche").exists()
    assert group.permissions.filter(codename="change_statement").exists()


def test_resuming_lists_the_status_notices_that_stay_until_withdrawn(
    staff_client, process
):
    page = staff_client.get(
        f"/admin/participation/processes/{process.pk}/status/resume/"
    ).content.decode()
    # The demo's notice article ("goes on despite Corona") is not ended by resuming.
    assert "/aktuelles/online-befragung-laeuft-weiter/" in page
    assert "Corona" in page
