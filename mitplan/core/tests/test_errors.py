import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "lang,text", [("de", 'lang="de"'), ("ar", 'dir="rtl"'), ("en", "Page not found")]
)
def test_404_page_speaks_the_language_of_the_address(client, lang, text):
    response = client.get(f"/{lang}/gibt-es-nicht/")
    assert response.status_code == 404
    assert text in response.content.decode()


def test_root_redirects_to_german(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_malformed_query_strings_do_not_fail(client):
    for url in [
        "/de/lip/?%ff%fe=%00",
        "/de/lip/handlungsfelder/%00/",
        "/de/kontakt/abc/",
    ]:
        assert client.get(url).status_code in (200, 400, 404), url
