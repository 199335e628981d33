"""Seed the demo with many articles and events, for `python -m bench.content`.

`python -m bench.content_seed --articles 1000 --events 1000` (in a data directory
that `make setup` prepared). Pages are added below the LIP portal's news and event
lists (made when missing) and published as Wagtail publishes them; the search index
is rebuilt afterwards. Not for production data."""

import argparse
import datetime
import os

import django


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1000)
    arguments = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Locale

    from mitplan.cms.models import ProcessPage
    from mitplan.events.models import EventIndexPage, EventPage
    from mitplan.news.models import ArticlePage, NewsIndexPage

    german = Locale.objects.get(language_code="de")
    portal = ProcessPage.objects.get(locale=german, slug="lip")
    news = NewsIndexPage.objects.child_of(portal).first()
    if news is None:
        news = portal.add_child(
            instance=NewsIndexPage(title="Aktuelles", slug="aktuelles", locale=german)
        )
    events = EventIndexPage.objects.child_of(portal).first()
    if events is None:
        events = portal.add_child(
            instance=EventIndexPage(
                title="Veranstaltungen", slug="veranstaltungen", locale=german
            )
        )
    news, events = news.specific, events.specific
    today = timezone.localdate()
    for number in range(arguments.articles):
        news.add_child(
            instance=ArticlePage(
                title=f"Meldung {number} zum Integrationsplan",
                slug=f"bench-meldung-{number}",
                teaser=f"Kurzfassung der Meldung {number}: Bildung, Arbeit und Teilhabe.",
                dated_on=today - datetime.timedelta(days=number),
                locale=german,
            )
        )
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    for number in range(arguments.events):
        # Half of them ahead, half behind: the upcoming and the past list are full.
        starts_at = start + datetime.timedelta(days=number - arguments.events // 2)
        events.add_child(
            instance=EventPage(
                title=f"Dialogrunde {number}",
                slug=f"bench-veranstaltung-{number}",
                kind="dialogue_round",
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=2),
                teaser="Austausch zu den Handlungsfeldern des Integrationsplans.",
                venue_name="Neues Rathaus",
                venue_city="Musterstadt",
                allows_registration=True,
                capacity=40,
                locale=german,
            )
        )
    call_command("rebuild_search_index")
    print(
        f"Live pages, every language and the demo's included: "
        f"{ArticlePage.objects.live().count()} articles, "
        f"{EventPage.objects.live().count()} events.",
        flush=True,
    )


if __name__ == "__main__":
    main()
