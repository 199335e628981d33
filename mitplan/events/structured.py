"""schema.org `Event` data for search engines, as JSON-LD in the event's page.
Escaped as Django's json_script escapes (<, >, & as \\u003C…), so no text an editor
wrote can close the script element."""

import json

from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from . import rules

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

_STATUS = "https://schema.org/"


def event_data(event, *, process, url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "url": url,
        "eventStatus": _STATUS
        + (
            "EventPostponed" if rules.is_postponed(event, process) else "EventScheduled"
        ),
        "organizer": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": settings.SITE_URL,
        },
    }
    if event.teaser:
        data["description"] = event.teaser
    locations = []
    if event.has_venue:
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.venue_street,
                    "postalCode": event.venue_postal_code,
                    "addressLocality": event.venue_city,
                    "addressCountry": "DE",
                },
            }
        )
    if event.is_online:
        # The link itself is for registered people only: the page stands for it.
        locations.append({"@type": "VirtualLocation", "url": url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
        data["eventAttendanceMode"] = _STATUS + (
            "MixedEventAttendanceMode"
            if len(locations) == 2
            else "OnlineEventAttendanceMode"
            if event.is_online
            else "OfflineEventAttendanceMode"
        )
    return data


def event_json_ld(event, *, process, url: str) -> str:
    text = json.dumps(
        event_data(event, process=process, url=url), ensure_ascii=False
    ).translate(_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - escaped above
    )
