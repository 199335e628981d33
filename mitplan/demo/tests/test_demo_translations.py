"""The demo's content in all ten languages: every translatable text of the demo
process and every demo page exists in the nine languages besides German, differs
from the German text, and a later `load_demo` keeps what staff wrote."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from modeltranslation.translator import translator
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments

from mitplan.cms.models import HomePage, StandardPage
from mitplan.cms.navigation import navigation_build
from mitplan.contributions.models import Tag
from mitplan.demo import content
from mitplan.demo.translating import demo_pages, demo_translations_ensure
from mitplan.demo.translations import TARGETS, source_texts, texts
from mitplan.processes.models import (
    Advisor,
    ExpertGroup,
    ExpertGroupMember,
    FieldOfAction,
    Phase,
    StatusChange,
)

pytestmark = pytest.mark.django_db

# The only demo texts that may read the same as in German: names of the model
# case's places, kept in Latin letters where the language writes them so.
PROPER_NOUNS = {"Nordstadt", "Südviertel"}

# German words an Arabic reader of the portal must not meet.
GERMAN_WORDS = [
    "Bildung",
    "Wirtschaft",
    "Soziales",
    "Stadtleben",
    "Demokratie",
    "Stadtverwaltung",
    "Handlungsfeld",
    "Fachgruppe",
    "Fachberater",
    "Auftaktveranstaltung",
    "Online-Beteiligung",
    "Erarbeitung",
    "Ratsbeschluss",
    "Corona",
    "Integrationsplan",
    "Impressum",
    "Datenschutz",
    "Barrierefreiheit",
    "Leichte Sprache",
    "Stadtteil",
    "Zielgruppe",
]


def _assert_translated(what: str, german: str, translations: dict[str, str]):
    for language in TARGETS:
        text = translations[language]
        assert text, f"{what}: no {language} text"
        if german not in PROPER_NOUNS:
            assert text != german, f"{what}: the {language} text is the German one"


def _demo_objects(process):
    yield process
    yield from StatusChange.objects.filter(process=process).exclude(notice_de="")
    yield from Phase.objects.filter(process=process)
    yield from FieldOfAction.objects.filter(process=process)
    yield from ExpertGroup.objects.filter(field_of_action__process=process)
    yield from ExpertGroupMember.objects.filter(group__field_of_action__process=process)
    yield from Advisor.objects.filter(fields_of_action__process=process).distinct()
    yield from Tag.objects.filter(process=process)


def test_every_language_module_has_every_demo_text_and_no_german_one():
    german = source_texts("de")
    for language in TARGETS:
        translated = texts(language)
        assert set(translated) == set(german), language
    for key, text in german.items():
        _assert_translated(
            key, text, {language: texts(language)[key] for language in TARGETS}
        )


def test_every_translatable_field_of_the_demo_is_in_all_ten_languages(process):
    checked = 0
    for obj in _demo_objects(process):
        for field in translator.get_options_for_model(type(obj)).fields:
            german = getattr(obj, f"{field}_de")
            if not german:
                continue
            _assert_translated(
                f"{type(obj).__name__} {obj.pk} {field}",
                german,
                {language: getattr(obj, f"{field}_{language}") for language in TARGETS},
            )
            checked += 1
    assert checked >= 70


def _page_texts(page: Page) -> list[tuple[str, str]]:
    """(field path, text) of a page's translatable text, slugs left out."""
    return [
        (segment.path, segment.render_text())
        for segment in extract_segments(page.specific)
        if hasattr(segment, "render_text") and segment.path != "slug"
    ]


def test_every_demo_page_is_translated_in_every_language(process):
    pages = demo_pages(process)
    assert set(pages) == {
        "home",
        "portal",
        "page.imprint",
        "page.privacy",
        "page.plain_language",
        "page.accessibility",
    }
    for key, page in pages.items():
        german = _page_texts(page)
        assert german, key
        for language in TARGETS:
            translated_page = page.get_translation(
                Locale.objects.get(language_code=language)
            )
            assert translated_page.alias_of_id is None, (key, language)
            assert translated_page.live, (key, language)
            # What the admin's page tree shows is the translated title too.
            assert translated_page.draft_title == translated_page.title
            translated = dict(_page_texts(translated_page))
            for path, text in german:
                _assert_translated(
                    f"{key} {path}",
                    text,
                    {
                        code: translated[path] if code == language else "-"
                        for code in TARGETS
                    },
                )


def test_footer_links_are_in_every_language():
    site = HomePage.objects.get(locale__language_code="de").get_site()
    with translation.override("de"):
        german = [link.title for link in navigation_build(site, "de").footer]
    assert len(german) == 4
    for language in TARGETS:
        with translation.override(language):
            footer = navigation_build(site, language).footer
        assert len(footer) == 4, language
        # Imprint, privacy notice, accessibility statement: the pages' titles
        # ("Contact" is an interface word from the catalogs, Polish "Kontakt").
        for link, german_title in zip(footer[:3], german[:3], strict=True):
            assert link.title and link.title != german_title, (language, link)
            assert link.lang == "", (language, link)  # not a German fallback


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("lip/", "portal.body.0"),
        ("lip/handlungsfelder/", "field.bildung.name"),
        ("lip/handlungsfelder/bildung/", "group.bildung.name"),
        ("datenschutz/", "page.privacy.title"),
    ],
)
def test_an_arabic_reader_meets_no_german_field_names(client, path, key):
    response = client.get(f"/ar/{path}")
    assert response.status_code == 200
    text = _visible_text(response.content.decode())
    found = [word for word in GERMAN_WORDS if word.lower() in text.lower()]
    assert found == []
    assert texts("ar")[key] in text


def test_loading_again_adds_missing_translations_and_keeps_staff_edits(process):
    field = FieldOfAction.objects.get(process=process, slug="bildung")
    field.name_ar = ""  # as in a demo loaded before the translations existed
    field.summary_tr = "Eğitim: personelin kendi metni"  # written by staff
    field.save()
    economy = FieldOfAction.objects.get(process=process, slug="wirtschaft")
    economy.summary_de = "Von der Redaktion neu geschrieben."
    economy.summary_uk = ""
    economy.save()
    # The Ukrainian imprint still shows the German page, as before the translations.
    german_imprint = StandardPage.objects.get(
        locale__language_code="de", slug="impressum"
    )
    ukrainian = Locale.objects.get(language_code="uk")
    german_imprint.get_translation(ukrainian).delete()
    german_imprint.create_alias(
        parent=german_imprint.get_parent().get_translation(ukrainian),
        update_locale=ukrainian,
        reset_translation_key=False,
    )
    Translation.objects.filter(
        source__object_id=german_imprint.translation_key, target_locale=ukrainian
    ).delete()

    assert demo_translations_ensure() >= 2

    field.refresh_from_db()
    economy.refresh_from_db()
    assert field.name_ar == texts("ar")["field.bildung.name"]
    assert field.summary_tr == "Eğitim: personelin kendi metni"
    # A German text staff rewrote gets no translation of the demo's old text.
    assert economy.summary_uk in ("", None)
    imprint = german_imprint.get_translation(ukrainian).specific
    assert imprint.alias_of_id is None
    assert imprint.title == texts("uk")["page.imprint.title"]
    # Nothing left to do the second time.
    assert demo_translations_ensure() == 0


def test_an_edit_of_the_german_page_shows_as_needing_an_update(process):
    """The translations are wagtail-localize's own, so its editor tracks them."""
    portal = demo_pages(process)["portal"].specific
    arabic = Locale.objects.get(language_code="ar")
    translation_ = Translation.objects.get(
        source__object_id=portal.translation_key, target_locale=arabic
    )
    total, done = translation_.get_progress()
    assert total == done > 0
    portal.intro = "Ein neuer Einleitungstext der Redaktion."
    portal.save_revision().publish()
    TranslationSource.update_or_create_from_instance(portal)
    total, done = translation_.get_progress()
    assert done == total - 1


def test_the_process_reads_in_each_language(process):
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            assert process.title == texts(language)["process.title"]
    assert content.PROCESS["title"]["de"] == process.title_de
