"""Every UI string is translated into all ten languages, and nothing is left fuzzy."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "mitplan" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_catalog_is_complete(language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"no catalog for {language}: run `make messages`"
    catalog = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not untranslated, (
        f"{language}: {len(untranslated)} untranslated: {untranslated[:5]}"
    )
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy: {fuzzy[:5]}"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_translations_keep_their_placeholders(language):
    catalog = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    for entry in catalog.translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            # A plural form may drop the number ("one message"), never add or rename one.
            found = PLACEHOLDER.findall(form)
            assert set(found) <= set(
                expected + PLACEHOLDER.findall(entry.msgid_plural or "")
            ), (
                language,
                entry.msgid,
                form,
            )
