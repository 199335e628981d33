"""Staff correct a published pause notice (audit-logged); overlong notices are
refused with an error that says what to do."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from mitplan.processes import services
from mitplan.processes.models import Process

from .factories import ProcessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser(
        username="staff", email="erika.beispiel@example.org", password="x" * 12
    )


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_correcting_the_pause_notice_changes_every_page_and_is_logged(
    staff_client, staff, process
):
    change = process.status_changes.get(status=Process.Status.PAUSED)
    edit = staff_client.get(f"/admin/participation/processes/edit/{process.pk}/")
    url = f"/admin/participation/processes/{process.pk}/notices/{change.pk}/"
    assert url in edit.content.decode()
    form = staff_client.get(url)
    assert "Corona-Pandemie" in form.content.decode()  # filled with what is public

    response = staff_client.post(
        url, {"notice_de": "Pausiert wegen der Pandemie (korrigiert)."}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    process.refresh_from_db()
    assert change.notice_de == "Pausiert wegen der Pandemie (korrigiert)."
    assert process.status_notice_de == change.notice_de
    html = staff_client.get("/de/lip/").content.decode()
    assert "Pausiert wegen der Pandemie (korrigiert)." in html

    entry = ModelLogEntry.objects.get(action=services.NOTICE_CORRECTED)
    assert entry.user == staff
    assert entry.object_id == str(process.pk)
    assert "Corona-Pandemie" in entry.data["before"]
    assert entry.data["after"] == change.notice_de
    history = staff_client.get(
        f"/admin/participation/processes/history/{process.pk}/"
    ).content.decode()
    with translation.override("de"):  # the staff member's admin language
        assert gettext("Public notice corrected") in history


def test_a_pause_notice_cannot_be_corrected_to_nothing(staff_client, process):
    change = process.status_changes.get(status=Process.Status.PAUSED)
    url = f"/admin/participation/processes/{process.pk}/notices/{change.pk}/"
    response = staff_client.post(url, {"notice_de": "  "})
    assert response.status_code == 200
    change.refresh_from_db()
    assert "Corona-Pandemie" in change.notice_de


def test_correcting_an_older_notice_leaves_the_current_one(staff, process):
    started = process.status_changes.get(status=Process.Status.ACTIVE)
    services.status_notice_correct(
        change=started, notice={"de": "Auftakt im Rathaus"}, user=staff
    )
    process.refresh_from_db()
    assert "Corona-Pandemie" in process.status_notice_de


def test_an_overlong_notice_is_refused_with_a_clear_error(staff_client, process):
    too_long = "Wegen der Pandemie pausiert. " * 40  # more than 1,000 characters
    response = staff_client.post(
        f"/admin/participation/processes/{process.pk}/status/resume/",
        {"notice_de": too_long},
    )
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("de"):
        expected = gettext(
            "At most %(limit_value)d characters fit (this text has %(show_value)d). "
            "Shorten it and link to a page for the details."
        ) % {"limit_value": 1000, "show_value": len(too_long.strip())}
    assert expected in html
    process.refresh_from_db()
    assert process.status == Process.Status.PAUSED


def test_the_services_refuse_an_overlong_notice_in_any_language():
    process = ProcessFactory(status=Process.Status.ACTIVE)
    with pytest.raises(ValidationError) as error:
        services.process_pause(
            process=process, notice={"de": "Pause.", "ar": "توقف " * 300}
        )
    assert error.value.error_list[0].code == "notice_too_long"
    assert "Arabic" in error.value.messages[0] or "العربية" in error.value.messages[0]
    process.refresh_from_db()
    assert process.status == Process.Status.ACTIVE


def test_a_german_correction_warns_about_translations_that_still_say_the_old(
    staff_client, process
):
    change = process.status_changes.get(status=Process.Status.PAUSED)
    url = f"/admin/participation/processes/{process.pk}/notices/{change.pk}/"
    with translation.override("en"):
        response = staff_client.post(
            url,
            {
                "notice_de": "Pausiert bis zum Herbst (korrigiert).",
                "notice_en": change.notice_en,  # left as it was
                "notice_ar": "",  # emptied: readers see the German text
            },
            follow=True,
            headers={"Accept-Language": "en"},
        )
    shown = [str(message) for message in response.context["messages"]]
    assert any("English" in message for message in shown), shown
    assert not any("Arabic" in message for message in shown)


def test_no_warning_when_every_language_was_corrected_or_german_is_unchanged():
    before = {"de": "Alt", "en": "Old", "ar": "قديم"}
    assert services.notice_translations_left_behind(before, dict(before)) == []
    assert (
        services.notice_translations_left_behind(
            before, {"de": "Neu", "en": "New", "ar": "جديد"}
        )
        == []
    )
    assert services.notice_translations_left_behind(
        before, {"de": "Neu", "en": "Old", "ar": "جديد"}
    ) == ["en"]
