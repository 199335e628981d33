"""Where a process is shown, and what other apps add to its pages.

The portal pages of a process are Wagtail pages (cms), which sit above the
participation apps; those apps link to a process's pages and add panels to them
without importing cms: cms registers how to find a process's portal page
(`locate_portal_with`), apps register panels (`add_panel`), and both are asked here.
"""

from collections.abc import Callable
from dataclasses import dataclass

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
