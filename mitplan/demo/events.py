"""The model case's events, from its public facts: the kickoff on 18 January 2020
with its seven dialogue rounds and their results (table hosts with made-up names),
the joint working conference of all expert groups in the New Town Hall, the
election of two delegates of migrant organisations (made-up names), the advisory
councils' evaluation round on 7 September 2020, and one upcoming dialogue round
that takes registrations (dated from today). The demo process is paused (the
pandemic), so the upcoming one shows as postponed: that is the model case.

German and English: the index and the events are translated into English; the
other eight languages show the German pages (aliases), as the news do. Photos are
drawn here (colour fields and shapes, no faces) with alt text and a credit.
Created once the demo's loading has committed, after the news."""

import io
from datetime import datetime, time, timedelta

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.synctree import synchronize_tree

from mitplan.cms.models import ProcessPage
from mitplan.events.models import (
    DialogueResult,
    EventIndexPage,
    EventPage,
    EventPhoto,
)
from mitplan.processes.models import Process

from .news import _picture
from .translating import page_translations_ensure
from .translations import SOURCE

# The languages the demo's events are written in; the others show German.
LANGUAGES = ("de", "en")
INDEX_SLUG = "veranstaltungen"
CREDIT = "Stadt Musterstadt (Demo)"  # the page adds the ©

INDEX = {
    "de": ("Veranstaltungen", "Termine und Berichte zum Integrationsplan."),
    "en": ("Events", "Dates and reports on the integration plan."),
}

TOWN_HALL = {
    "venue_name": "Neues Rathaus",
    "venue_street": "Rathausplatz 1",
    "venue_postal_code": "12345",
    "venue_city": "Musterstadt",
}

# German → English of every text below (the venue's name included).
ENGLISH = {
    "Neues Rathaus": "New Town Hall",
    "Musterstadt": "Musterstadt",
    "Rathausplatz 1": "Rathausplatz 1",
    "12345": "12345",
}


def _at(day, hour: int, minute: int = 0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _events(today) -> list[dict]:
    from datetime import date

    upcoming = today + timedelta(days=21)
    return [
        {
            "slug": "auftaktveranstaltung",
            "kind": EventPage.Kind.KICKOFF,
            "starts_at": _at(date(2020, 1, 18), 10),
            "ends_at": _at(date(2020, 1, 18), 16),
            "place": TOWN_HALL,
            "access": {"has_step_free_access": True, "has_childcare": True},
            "title": ("Auftaktveranstaltung", "Kickoff event"),
            "teaser": (
                "Der Start der Überarbeitung des Integrationsplans: sieben "
                "Dialogrunden mit Bürgerinnen und Bürgern, Fachleuten, Politik und "
                "Verwaltung.",
                "The start of the integration plan's revision: seven dialogue "
                "rounds with residents, experts, politics and the administration.",
            ),
            "report": (
                "Rund 250 Menschen kamen. An sieben Tischen wurden Ideen, Wünsche "
                "und Kritik gesammelt; die Ergebnisse gingen an die Fachgruppen.",
                "About 250 people came. At seven tables they collected ideas, wishes "
                "and critiques; the results went to the expert groups.",
            ),
            "photos": [
                (
                    ("#0b6e4f", "#ffffff", "tables"),
                    "Sieben weiße Kreise, wie Tische angeordnet, auf grünem Grund.",
                    "Seven white circles, arranged like tables, on a green ground.",
                ),
                (
                    ("#004b76", "#f4c430", "circle"),
                    "Ein gelber Kreis auf dunkelblauem Grund.",
                    "A yellow circle on a dark blue ground.",
                ),
            ],
            "results": [
                (
                    "Bildung",
                    "Tischpatin Erika Musterfrau (erfundener Name)",
                    "Mehr Sprachkurse am Abend\nElternarbeit in mehreren Sprachen",
                ),
                (
                    "Arbeit und Wirtschaft",
                    "Tischpate Max Beispiel (erfundener Name)",
                    "Abschlüsse schneller anerkennen\nPraktika in der Verwaltung",
                ),
                (
                    "Gesundheit und Soziales",
                    "Tischpatin Lena Platzhalter (erfundener Name)",
                    "Dolmetschen beim Arzt\nBeratung im Stadtteil",
                ),
                (
                    "Wohnen und Stadtleben",
                    "Tischpate Omar Fiktiv (erfundener Name)",
                    "Bezahlbare Wohnungen\nBegegnungsorte im Quartier",
                ),
                (
                    "Demokratie und Teilhabe",
                    "Tischpatin Ana Demo (erfundener Name)",
                    "Wahlrecht für alle, die hier leben\nMehr Sitze im Beirat",
                ),
                (
                    "Stadtverwaltung",
                    "Tischpate Jonas Muster (erfundener Name)",
                    "Formulare in leichter Sprache\nInterkulturelle Schulungen",
                ),
                (
                    "Antidiskriminierung",
                    "Tischpatin Selin Beispiel (erfundener Name)",
                    "Eine Beschwerdestelle\nKampagne gegen Rassismus",
                ),
            ],
        },
        {
            "slug": "gemeinsame-arbeitskonferenz",
            "kind": EventPage.Kind.WORKING_MEETING,
            "starts_at": _at(date(2020, 2, 15), 10),
            "ends_at": _at(date(2020, 2, 15), 15),
            "place": TOWN_HALL,
            "access": {"has_step_free_access": True, "has_induction_loop": True},
            "title": (
                "Gemeinsame Arbeitskonferenz aller Fachgruppen",
                "Joint working conference of all expert groups",
            ),
            "teaser": (
                "Die Fachgruppen aller sechs Handlungsfelder treffen sich im Neuen "
                "Rathaus.",
                "The expert groups of all six fields of action meet in the New Town "
                "Hall.",
            ),
            "report": (
                "Die Fachgruppen haben sich über ihre Arbeit ausgetauscht und "
                "besprochen, wo ihre Handlungsfelder einander berühren.",
                "The expert groups shared their work and discussed where their "
                "fields of action touch each other.",
            ),
            "photos": [
                (
                    ("#6a1b9a", "#ffd54f", "hall"),
                    "Ein gelbes Gebäude mit Giebel auf violettem Grund.",
                    "A yellow building with a gable on a violet ground.",
                )
            ],
        },
        {
            "slug": "wahl-der-delegierten",
            "kind": EventPage.Kind.ELECTION,
            "starts_at": _at(date(2020, 2, 27), 18),
            "ends_at": _at(date(2020, 2, 27), 20),
            "place": TOWN_HALL,
            "access": {"has_step_free_access": True},
            "title": (
                "Wahl von zwei Delegierten der Migrantenorganisationen",
                "Election of two delegates of migrant organisations",
            ),
            "teaser": (
                "Die Migrantenorganisationen wählen zwei Delegierte in die "
                "Lenkungsgruppe.",
                "The migrant organisations elect two delegates into the steering "
                "group.",
            ),
            "report": (
                "Gewählt wurden Mara Musterfrau und Yusuf Platzhalter (Namen "
                "erfunden, Demo).",
                "Mara Musterfrau and Yusuf Platzhalter were elected (made-up names, "
                "demo).",
            ),
            "photos": [
                (
                    ("#b71c1c", "#ffffff", "two"),
                    "Zwei weiße Kreise nebeneinander auf rotem Grund.",
                    "Two white circles side by side on a red ground.",
                )
            ],
        },
        {
            "slug": "auswertungsrunde-der-beiraete",
            "kind": EventPage.Kind.EVALUATION_ROUND,
            "starts_at": _at(date(2020, 9, 7), 17),
            "ends_at": _at(date(2020, 9, 7), 19),
            "place": TOWN_HALL,
            "access": {"has_step_free_access": True},
            "title": (
                "Auswertungsrunde der Beiräte",
                "The advisory councils' evaluation round",
            ),
            "teaser": (
                "Die Beiräte werten die bisherigen Ergebnisse aus.",
                "The advisory councils evaluate the results so far.",
            ),
            "report": (
                "Die Beiräte haben die Ergebnisse der Dialogrunden und der "
                "Online-Befragung besprochen.",
                "The advisory councils discussed the results of the dialogue rounds "
                "and of the online survey.",
            ),
            "photos": [
                (
                    ("#37474f", "#80cbc4", "bars"),
                    "Drei türkise Balken verschiedener Höhe auf grauem Grund.",
                    "Three turquoise bars of different heights on a grey ground.",
                )
            ],
        },
        {
            "slug": "dialogrunde-wohnen",
            "kind": EventPage.Kind.DIALOGUE_ROUND,
            "starts_at": _at(upcoming, 18),
            "ends_at": _at(upcoming, 20),
            "place": {
                "venue_name": "Stadtteilzentrum Nordstadt",
                "venue_street": "Marktstraße 5",
                "venue_postal_code": "12345",
                "venue_city": "Musterstadt",
            },
            "access": {
                "has_step_free_access": True,
                "has_childcare": True,
                "interpretation_languages": "Arabisch, Türkisch",
            },
            "registration": {"allows_registration": True, "capacity": 40},
            "title": ("Dialogrunde Wohnen", "Dialogue round on housing"),
            "teaser": (
                "Wie wohnen wir gut zusammen? Bitte melden Sie sich an.",
                "How do we live together well? Please register.",
            ),
        },
    ]


# The upcoming event and the index in Arabic too: the event residents can still
# register for is the one an Arabic reader meets on the portal.
ARABIC = {
    INDEX["de"][0]: "الفعاليات",
    INDEX["de"][1]: "مواعيد وتقارير حول خطة الاندماج.",
    "Dialogrunde Wohnen": "جولة حوار حول السكن",
    "Wie wohnen wir gut zusammen? Bitte melden Sie sich an.": (
        "كيف نعيش معًا بشكل جيد؟ يُرجى التسجيل."
    ),
    "Stadtteilzentrum Nordstadt": "مركز حي نوردشتات",
    "Marktstraße 5": "Marktstraße 5",
    "12345": "12345",
    "Musterstadt": "Musterstadt",
    "Arabisch, Türkisch": "العربية، التركية",
}

EXTRA_ENGLISH = {
    "Stadtteilzentrum Nordstadt": "Nordstadt community centre",
    "Marktstraße 5": "Marktstraße 5",
    "Arabisch, Türkisch": "Arabic, Turkish",
}


def _image(slug: str, number: int, picture):
    title = f"Demo: {slug} {number}"
    Image = get_image_model()
    found = Image.objects.filter(title=title).first()
    if found is not None:
        return found
    return Image.objects.create(
        title=title,
        file=ImageFile(io.BytesIO(_picture(*picture)), name=f"event-{slug}.png"),
        collection=Collection.get_first_root_node(),
    )


def events_ensure(process: Process) -> None:
    """Create the events once the demo's loading has committed."""
    transaction.on_commit(lambda: events_create(process))


def _index_ensure(portal) -> EventIndexPage:
    index = EventIndexPage.objects.child_of(portal).first()
    if index is None:
        title, intro = INDEX[SOURCE]
        index = portal.add_child(
            instance=EventIndexPage(title=title, slug=INDEX_SLUG, intro=intro)
        )
        index.save_revision().publish()
    return index


@transaction.atomic
def events_create(process: Process, *, today=None) -> list[EventPage]:
    """The index and the events that are not there yet, in German and English."""
    source = Locale.objects.get(language_code=SOURCE)
    portal = ProcessPage.objects.filter(locale=source, process=process).first()
    if portal is None:
        return []
    index = _index_ensure(portal)
    english = {**ENGLISH, **EXTRA_ENGLISH}
    created = []
    for data in _events(today or timezone.localdate()):
        if EventPage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        report = data.get("report")
        event = EventPage(
            title=data["title"][0],
            slug=data["slug"],
            kind=data["kind"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            teaser=data["teaser"][0],
            report=[("paragraph", f"<p>{report[0]}</p>")] if report else [],
            **data["place"],
            **data["access"],
            **data.get("registration", {}),
        )
        for number, (picture, alt_de, alt_en) in enumerate(data.get("photos", [])):
            event.photos.add(
                EventPhoto(
                    image=_image(data["slug"], number, picture),
                    alt_text=alt_de,
                    credit=CREDIT,
                )
            )
            english[alt_de] = alt_en
        for topic, host, outcomes in data.get("results", []):
            event.results.add(DialogueResult(topic=topic, host=host, outcomes=outcomes))
        index.add_child(instance=event)
        event.save_revision().publish()
        english.update({data["title"][0]: data["title"][1]})
        english.update({data["teaser"][0]: data["teaser"][1]})
        if report:
            english[report[0]] = report[1]
        created.append(event)
    for locale in Locale.objects.exclude(pk=source.pk):
        synchronize_tree(source, locale)
    english.update(dict(zip(INDEX["de"], INDEX["en"], strict=True)))
    for page in [index, *created]:
        _translate(page, english)
    return created


def _translate(page, english: dict[str, str]) -> None:
    """Into English, and into Arabic where every text of the page has its Arabic."""
    german = {}
    for number, segment in enumerate(extract_segments(page.specific)):
        if hasattr(segment, "render_text") and segment.path != "slug":
            german[f"events.{page.slug}.{number}"] = segment.render_text()
    languages = {
        SOURCE: german,
        "en": {key: english.get(text, text) for key, text in german.items()},
    }
    if all(text in ARABIC for text in german.values()):
        languages["ar"] = {key: ARABIC[text] for key, text in german.items()}
    page_translations_ensure(page, f"events.{page.slug}", languages)
