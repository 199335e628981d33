import pytest
from django.core import mail

from mitplan.cms.models import AccessibilityStatementPage

from .test_advisor_message import form_data

pytestmark = pytest.mark.django_db


def test_statement_page_has_the_feedback_form(client):
    response = client.get("/de/barrierefreiheit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "BITV 2.0" in html
    assert 'name="message"' in html


def test_feedback_is_mailed_to_the_site_contact(client, settings):
    settings.SITE_CONTACT_EMAIL = "barrierefrei@example.org"
    response = client.post(
        "/en/barrierefreiheit/",
        form_data(page_url="/de/lip/", message="Kontrast zu gering"),
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/barrierefreiheit/gesendet/"
    [message] = mail.outbox
    assert message.to == ["barrierefrei@example.org"]
    assert "Kontrast zu gering" in message.body
    assert "/de/lip/" in message.body
    assert client.get(response["Location"]).status_code == 200


def test_feedback_goes_to_the_address_set_on_the_page(client):
    AccessibilityStatementPage.objects.update(feedback_email="a11y@example.org")
    client.post("/de/barrierefreiheit/", form_data())
    assert mail.outbox[0].to == ["a11y@example.org"]


def test_bad_feedback_gets_errors_in_the_language(client):
    response = client.post("/ar/barrierefreiheit/", form_data(email="", message=""))
    assert response.status_code == 400
    assert "هذا الحقل مطلوب." in response.content.decode()
    assert not mail.outbox
