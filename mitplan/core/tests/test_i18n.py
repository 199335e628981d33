"""Texts kept per language: read, set and offered in forms the same way everywhere."""

from types import SimpleNamespace

from django import forms

from mitplan.core.i18n import (
    other_languages,
    per_language_fields,
    per_language_values,
    site_languages,
    texts_of,
    texts_set,
)


def test_the_source_language_comes_first_and_is_not_among_the_others():
    assert site_languages()[0] == "de"
    assert len(site_languages()) == 10
    assert "de" not in other_languages() and len(other_languages()) == 9


def test_texts_are_read_and_set_per_language_and_unknown_codes_ignored():
    thing = SimpleNamespace(**{f"notice_{code}": None for code in site_languages()})
    texts_set(thing, "notice", {"de": "  Pause  ", "ar": "توقف", "xx": "nie"})
    assert not hasattr(thing, "notice_xx")
    texts = texts_of(thing, "notice")
    assert texts["de"] == "Pause" and texts["ar"] == "توقف" and texts["en"] == ""
    texts_set(thing, "notice", {"de": "anders", "en": "other"}, only=["en"])
    assert texts_of(thing, "notice")["de"] == "Pause"  # the source stays


def test_a_form_gets_one_field_per_language_and_gives_them_back_by_code():
    class Notice(forms.Form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            per_language_fields(
                self, "notice", ["de", "ar"], lambda code: forms.CharField()
            )

    form = Notice({"notice_de": "Pause", "notice_ar": "توقف"})
    assert form.is_valid()
    assert per_language_values(form, "notice", ["de", "ar"]) == {
        "de": "Pause",
        "ar": "توقف",
    }
