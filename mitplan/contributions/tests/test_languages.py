"""The language of a contribution: recognised from its text, accurately for short
texts in the site's ten languages; the page's language only where the text says
nothing; only known codes stored, on every path."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import override

from mitplan.contributions import services
from mitplan.contributions.languages import detect_language  # the old import works
from mitplan.contributions.models import Contribution
from mitplan.processes.models import FieldOfAction, Process

from .factories import ContributionFactory
from .test_views import NEW, form_data

SAMPLE = json.loads(
    (Path(__file__).parent / "fixtures" / "language_sample.json").read_text("utf-8")
)
SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The floor for the labelled sample (18 texts of 1-3 sentences or 3-8 word titles per
# language, the kind residents write about courses, childcare, jobs, housing, clubs,
# schools). A text counts as recognised only if it is recognised from whichever of
# the ten pages it is sent (the page's language must not rescue or spoil it).
# The detector this replaced got 72 % overall (Bulgarian 9/18 as Russian, Turkish
# 6/18, Polish 9/18, German 8/18 left to the page); lingua restricted to the ten gets
# 100 %. 95 % overall leaves room for a library update that moves one or two short
# titles, and 16 of 18 per language still catches a systematic confusion of one
# language with another (a pair like Bulgarian/Russian, Arabic/Farsi), which is what
# residents would notice: their text marked as a language it is not.
OVERALL_FLOOR = 0.95
PER_LANGUAGE_FLOOR = 16


def test_the_sample_has_at_least_15_texts_in_each_site_language():
    assert sorted(SAMPLE) == sorted(SITE_LANGUAGES)
    assert all(len(texts) >= 15 for texts in SAMPLE.values())


def test_the_detector_recognises_the_labelled_sample_from_any_page(capsys):
    right = {}
    mistakes = []
    for language, texts in SAMPLE.items():
        right[language] = 0
        for text in texts:
            guesses = {detect_language(text, fallback=page) for page in SITE_LANGUAGES}
            if guesses == {language}:
                right[language] += 1
            else:
                mistakes.append((language, sorted(guesses), text))
    total = sum(len(texts) for texts in SAMPLE.values())
    overall = sum(right.values()) / total
    report = "language detection on the labelled sample: " + ", ".join(
        f"{language} {right[language]}/{len(SAMPLE[language])}" for language in SAMPLE
    )
    report += f"; overall {sum(right.values())}/{total} = {overall:.1%}"
    with capsys.disabled():
        print(f"\n{report}")
    assert overall >= OVERALL_FLOOR, (report, mistakes)
    assert all(count >= PER_LANGUAGE_FLOOR for count in right.values()), (
        report,
        mistakes,
    )


@pytest.mark.parametrize("text", ["", "   ", "👍👍 +1", "12345 !!!", "https://x.org/a"])
@pytest.mark.parametrize("page", ["uk", "fa", "de"])
def test_the_page_language_decides_when_the_text_says_nothing(text, page):
    assert detect_language(text, fallback=page) == page


@pytest.mark.parametrize("page", SITE_LANGUAGES)
def test_the_page_language_never_overrides_a_clear_text(page):
    assert detect_language("Gute Idee, unterstütze ich!", fallback=page) == "de"
    assert detect_language("Дякую за ідею, підтримую!", fallback=page) == "uk"
    assert detect_language("ممنون، ایده خوبی است", fallback=page) == "fa"


def test_a_word_of_several_languages_takes_the_page_language_of_its_script():
    # "Super" is German, English and Romanian alike: the page decides.
    assert detect_language("Super", fallback="de") == "de"
    assert detect_language("Super", fallback="en") == "en"
    assert detect_language("Super", fallback="ro") == "ro"
    # but an Arabic page never makes a Latin word Arabic
    assert detect_language("Super", fallback="ar") in {"de", "en", "ro", "tr", "pl"}


@pytest.mark.parametrize("forged", ["zz", "<b>x</b>", "", "de-at", "ku"])
def test_only_a_site_language_comes_out_whatever_the_fallback(forged):
    assert detect_language("👍", fallback=forged) == settings.LANGUAGE_CODE
    assert detect_language("Sprachkurs am Abend", fallback=forged) == "de"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["zz", "<b>x</b>", ""])
def test_the_service_refuses_an_unknown_language_code(code):
    process = Process.objects.get(slug="lip-2")
    with pytest.raises(ValidationError) as refused:
        services.contribution_submit(
            process=process,
            field_of_action=FieldOfAction.objects.filter(process=process).first(),
            kind="idea",
            title="Sprachcafé",
            text="Ein Sprachcafé in der Bibliothek.",
            language=code,
        )
    assert "language" in refused.value.message_dict
    assert not Contribution.objects.filter(title="Sprachcafé").exists()


@pytest.mark.django_db
def test_a_language_residents_are_offered_beyond_the_ten_is_kept():
    process = Process.objects.get(slug="lip-2")
    contribution, _created = services.contribution_submit(
        process=process,
        field_of_action=FieldOfAction.objects.filter(process=process).first(),
        kind="idea",
        title="Kursên zimanî",
        text="Kursên zimanê almanî ji bo dayikan.",
        language="ku",
    )
    assert contribution.language == "ku"


@pytest.mark.django_db
def test_the_database_refuses_an_unknown_code_on_any_other_path():
    contribution = ContributionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.filter(pk=contribution.pk).update(language="zz")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionFactory(language="<b>x</b>")


@pytest.mark.django_db
def test_a_forged_page_language_is_not_stored(client):
    response = client.post(
        NEW.format(lang="en"),
        form_data(title="2026 / 2027", text="123 456 !!!", ui_language="zz"),
    )
    assert response.status_code == 302
    assert Contribution.objects.get(title="2026 / 2027").language == "en"


@pytest.mark.django_db
def test_a_german_idea_sent_from_the_english_page_is_german(client):
    client.post(
        NEW.format(lang="en"),
        form_data(
            title="Hausaufgabenhilfe",
            text="Kostenlose Hausaufgabenhilfe in den Stadtteilbibliotheken",
            ui_language="en",
        ),
    )
    assert Contribution.objects.get(title="Hausaufgabenhilfe").language == "de"


@pytest.mark.django_db
def test_the_author_can_correct_the_recognised_language(client):
    client.post(
        NEW.format(lang="de"),
        form_data(title="Kurse", text="Mehr Sprachkurse am Abend.", language="pl"),
    )
    assert Contribution.objects.get(title="Kurse").language == "pl"


@pytest.mark.django_db
def test_the_form_offers_recognition_and_no_page_language_field(client):
    with override("de"):
        html = client.get(NEW.format(lang="de")).content.decode()
    assert 'name="language"' in html
    assert 'value="auto"' in html
    assert 'name="ui_language"' not in html
