"""What the app answers where a server would otherwise answer in bare English."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

LONG = "x" * 5000


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_a_too_long_address_is_a_page_in_the_readers_language(client, lang):
    response = client.get(f"/{lang}/lip/beitraege/?suche={LONG}")
    assert response.status_code == 414
    page = response.content.decode()
    assert f'lang="{lang}"' in page
    with translation.override(lang):
        assert translation.gettext("The address is too long") in page
    assert LONG not in page


def test_a_too_long_api_address_is_answered_in_json(client):
    response = client.get(f"/api/v1/contributions?q={LONG}")
    assert response.status_code == 414
    assert response.json()["detail"]


def test_an_address_of_ordinary_length_is_served(client):
    assert client.get("/de/lip/beitraege/?suche=" + "x" * 200).status_code == 200
