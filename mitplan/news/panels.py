"""The newest news as a panel of other pages (processes.portal.add_panel): the
process's on its portal, every process's on the home page.

The panel is rendered once per process and language and kept in the shared cache
(one cache read per page view, no query) until data a page shows changes
(`core.caching.cached_until_data_changes`)."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from mitplan.core.caching import cached_until_data_changes
from mitplan.processes.portal import Panel

from . import selectors

TEMPLATE = "news/includes/newest_panel.html"


def _render(process) -> str:
    index = selectors.index_for(process)
    articles = selectors.newest_articles(process=process)
    if not articles:
        return ""
    return render_to_string(
        TEMPLATE,
        {"articles": articles, "index_url": index.get_url() if index else ""},
    )


def newest(process) -> dict:
    key = f"news:panel:v2:{get_language()}:{getattr(process, 'pk', None) or 0}"
    return {"html": cached_until_data_changes(key, lambda: _render(process))}


PANELS = (
    Panel(
        place="portal",
        name="news",
        template="news/includes/newest_panel_cached.html",
        data=newest,
        order=50,
    ),
    Panel(
        place="home",
        name="news",
        template="news/includes/newest_panel_cached.html",
        data=newest,
        order=50,
    ),
)
