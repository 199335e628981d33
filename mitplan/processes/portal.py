"""Where a process is shown, and what other apps add to its pages.

The portal pages of a process are Wagtail pages (cms), which sit above the
participation apps; those apps serve addresses below a portal, link to them and add
panels to a process's pages without importing cms:
- cms registers how to find a process's portal page (`locate_portal_with`);
- apps register their routes (`add_routes`, in their AppConfig.ready) and the
  portal page serves them, and they register panels (`add_panel`);
- a view below the portal gets its context from `page_context`, typed by `Portal`.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern
from django.urls import path as url_path

_locate: Callable | None = None


def locate_portal_with(locate: Callable) -> None:
    """Called once by the app that serves the portal (cms): `locate(process)` answers
    the live portal page of a process in the active language, or None."""
    global _locate
    _locate = locate


def portal_page(process):
    """The live portal page of a process in the active language (None if none is
    published, or if no app serves portals)."""
    return _locate(process) if _locate else None


def url_below_portal(process, route: str, *args) -> str:
    """The address of one of the portal's routes ("contribution_detail", pk), or ""
    when the process has no live portal."""
    page = portal_page(process)
    if page is None:
        return ""
    return page.url + page.reverse_subpage(route, args=list(args))


@dataclass(frozen=True)
class Panel:
    """A section an app adds to a page of a process. place: which page ("fields":
    the fields of action); template: what it renders, given `data`; data(process):
    what the template shows."""

    place: str
    name: str
    template: str
    data: Callable
    order: int = 100


_panels: dict[tuple[str, str], Panel] = {}


def add_panel(panel: Panel) -> None:
    _panels[(panel.place, panel.name)] = panel


def panels_for(place: str, process) -> list[dict]:
    """What the page at `place` includes: [{"template": …, "data": …}], in order."""
    return [
        {"template": panel.template, "data": panel.data(process)}
        for panel in sorted(_panels.values(), key=lambda p: (p.order, p.name))
        if panel.place == place
    ]


# --- Routes below a portal ---------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """An address below a process's portal, in Django's path syntax relative to the
    portal ("beitraege/<int:pk>/"), served by `view(request, *, page, **kwargs)`
    (`page`: the portal page). `name` reverses it: `page.reverse_subpage(name)`;
    names start with the app's own word ("contribution_…", "field_…"), so two apps
    cannot take the same one unnoticed (registering a taken name fails)."""

    pattern: str
    view: Callable
    name: str


_routes: dict[str, Route] = {}


def add_routes(*routes: Route) -> None:
    for route in routes:
        taken = _routes.get(route.name)
        if taken is not None and taken != route:
            raise ImproperlyConfigured(
                f"Portal route {route.name!r} is registered twice "
                f"({taken.view.__module__} and {route.view.__module__})."
            )
        _routes[route.name] = route


def _served_by_the_page(view: Callable) -> Callable:
    # The portal page calls a route as one of its methods (page, request, …).
    @functools.wraps(view)
    def serve(page, request, *args, **kwargs):
        return view(request, *args, page=page, **kwargs)

    return serve


def portal_urls() -> list[URLPattern]:
    """The registered routes as URL patterns, in the order they were registered."""
    return [
        url_path(route.pattern, _served_by_the_page(route.view), name=route.name)
        for route in _routes.values()
    ]


# --- What every page below a portal knows ---------------------------------------------


@dataclass(frozen=True)
class Portal:
    """The process a page below its portal belongs to, what residents can do in it
    right now, and its fields of action (every page's navigation shows them)."""

    page: Any  # the portal page (cms.ProcessPage)
    process: Any  # processes.Process, with its phases and fields
    participation: Any  # processes.participation.Participation
    fields_of_action: list


def portal_of(page) -> Portal:
    from .participation import participation
    from .selectors import process_for_pages

    process = process_for_pages(page.process_id)
    return Portal(
        page=page,
        process=process,
        participation=participation(process),
        fields_of_action=list(process.fields_of_action.all()),
    )


def page_context(request, page, **extra) -> dict:
    """The template context of a page below the portal: Wagtail's own (page,
    request), the `Portal` under its names, and `extra`. These pages show none of
    the portal's editorial text, so no "not translated yet" notice for it."""
    from wagtail.models import Page

    portal = portal_of(page)
    return {
        **Page.get_context(page, request),
        "portal": portal,
        "process": portal.process,
        "process_page": page,
        "participation": portal.participation,
        "fields_of_action": portal.fields_of_action,
        "shows_page_content": False,
        **extra,
    }
