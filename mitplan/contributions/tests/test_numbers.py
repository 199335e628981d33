"""One number format per language on a page: the hints, the server's messages and
the live count (site.js groups with data-group) write numbers alike — Latin digits
without grouping in Farsi, "5 000" (no-break space) in Ukrainian."""

import re

import pytest
from django.utils import translation
from django.utils.formats import number_format

from .factories import ContributionFactory

pytestmark = pytest.mark.django_db

NON_LATIN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
NUMBER = re.compile(r"\d[\d\u00a0\u202f.,]*\d|\d")
YEAR = re.compile(r"(19|20)\d\d")  # years are written without grouping
FORMS = ["/{lang}/lip/beitraege/neu/", "/{lang}/kontakt/{advisor}/"]


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def sent_too_long(client, url):
    """The form sent back with an overlong text: the server's message has numbers."""
    return client.post(url, {"text": "x" * 5001, "message": "x" * 5001})


@pytest.mark.parametrize("url", FORMS)
def test_farsi_forms_write_every_number_in_one_digit_system(client, advisor, url):
    url = url.format(lang="fa", advisor=advisor.pk)
    for response in (client.get(url), sent_too_long(client, url)):
        main = main_of(response.content.decode())
        assert not NON_LATIN_DIGITS.findall(main), NON_LATIN_DIGITS.findall(main)
    html = client.get(url).content.decode()
    assert 'data-group=""' in html  # the live count does not group either


@pytest.mark.parametrize("url", FORMS)
def test_ukrainian_forms_group_every_large_number_alike(client, advisor, url):
    url = url.format(lang="uk", advisor=advisor.pk)
    with translation.override("uk"):
        five_thousand = number_format(5000, force_grouping=True)
    assert five_thousand == "5\u00a0000"
    for response in (client.get(url), sent_too_long(client, url)):
        text = visible_text(main_of(response.content.decode()))
        large = [
            n
            for n in NUMBER.findall(text)
            if len(re.sub(r"\D", "", n)) >= 4 and not YEAR.fullmatch(n)
        ]
        assert large, "the form states its limit"
        ungrouped = [n for n in large if not re.fullmatch(r"\d{1,3}(\u00a0\d{3})+", n)]
        assert not ungrouped, ungrouped
    html = client.get(url).content.decode()
    assert 'data-group="\u00a0"' in html


@pytest.mark.parametrize("lang", ["uk", "fa"])
def test_the_comment_form_on_a_detail_page_writes_its_limit_alike(client, lang):
    contribution = ContributionFactory()
    html = client.get(f"/{lang}/lip/beitraege/{contribution.pk}/").content.decode()
    main = main_of(html)
    assert 'name="text"' in main  # the comment form is there
    assert not NON_LATIN_DIGITS.findall(main)
    with translation.override(lang):
        limit = number_format(2000, force_grouping=True)
    assert limit in visible_text(main)
    if lang == "uk":
        assert "2000" not in visible_text(main)
