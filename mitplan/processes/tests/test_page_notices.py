"""One compact notice block right below each page's heading: the status notice in
brief with a link to its full text, and at most one line on untranslated text."""

import pytest
from django.conf import settings

from mitplan.core.templatetags.translations import brief
from mitplan.processes.models import Process

pytestmark = pytest.mark.django_db

PAGES = [
    "/{lang}/lip/",
    "/{lang}/lip/handlungsfelder/",
    "/{lang}/lip/handlungsfelder/bildung/",
    "/{lang}/lip/beitraege/",
    "/{lang}/lip/ansprechpersonen/",
]

LONG_NOTICE = (
    "Wegen der Pandemie ruht die Arbeit am Integrationsplan. Die Online-Beteiligung "
    "geht weiter: Ihre Ideen, Wünsche und Kritik sind weiterhin willkommen, und die "
    "Fachgruppen nehmen sie auf, sobald sie wieder tagen können."
)


@pytest.fixture
def german_only_notice(process):
    """The pause notice written in German only, as staff often publish it first."""
    for code, _name in settings.LANGUAGES:
        setattr(process, f"status_notice_{code}", "")
    process.status_notice_de = LONG_NOTICE
    process.save()
    change = process.status_changes.get(status=Process.Status.PAUSED)
    for code, _name in settings.LANGUAGES:
        setattr(change, f"notice_{code}", "")
    change.notice_de = LONG_NOTICE
    change.save()
    return process


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("lang", ["ar", "uk", "fa"])
@pytest.mark.parametrize("url", PAGES)
def test_one_language_notice_and_a_short_pause_notice_below_the_heading(
    client, german_only_notice, lang, url
):
    response = client.get(url.format(lang=lang))
    assert response.status_code == 200
    main = main_of(response.content.decode())
    heading_end = main.index("</h1>")
    notice = main.index("mp-process-notice")
    assert heading_end < notice  # below the heading, not above it
    assert main.count("mp-lang-notice") == 1
    assert main.count("has not been translated into your language yet") <= 1
    box = main[notice:].split("</div>\n</div>", 1)[0]
    assert brief(LONG_NOTICE) in box
    assert LONG_NOTICE not in box  # short: the full text is one link away
    assert "#status-notice" in box


def test_the_full_notice_is_in_the_portal_timeline(client, german_only_notice):
    html = client.get("/uk/lip/").content.decode()
    entry = html.split('id="status-notice"', 1)[1].split("</li>", 1)[0]
    assert LONG_NOTICE in entry


def test_a_translated_notice_needs_no_language_notice(client, process):
    process.status_notice_en = "Paused because of the pandemic."
    process.save()
    html = main_of(client.get("/en/lip/handlungsfelder/").content.decode())
    assert "mp-lang-notice" not in html
    assert "Paused because of the pandemic." in html
    assert Process.objects.get(pk=process.pk).is_paused


def test_brief_keeps_the_first_sentence_or_cuts_at_a_word():
    assert brief("Erster Satz. Zweiter Satz.") == "Erster Satz."
    assert brief("توقف العمل. تستمر المشاركة؟") == "توقف العمل."
    cut = brief("wort " * 60, limit=40)
    assert cut.endswith(" …") and len(cut) <= 42
    assert not cut[:-2].endswith(" ")
