"""The newest news as a panel of other pages (processes.portal.add_panel): the
process's on its portal, every process's on the home page.

The panel is rendered once per process and language and kept in the shared cache
(one cache read per page view, no query), until a page of news or a category is
saved, published, unpublished, moved or deleted (`panels_changed`, called with
`selectors.site_news_changed`)."""

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

from mitplan.core.caching import forget_now_and_after_commit
from mitplan.processes.portal import Panel

from . import selectors

TEMPLATE = "news/includes/newest_panel.html"


def _key(process_id: int, language: str) -> str:
    return f"news:panel:v1:{language}:{process_id}"


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
    language = get_language()
    key = _key(getattr(process, "pk", None) or 0, language)
    return {
        "html": cache.get_or_set(key, lambda: _render(process), selectors.CACHE_SECONDS)
    }


def panels_changed() -> None:
    """Forget the panels of every process (and of the home page) in every language."""
    from mitplan.processes.models import Process

    def forget():
        ids = [0, *Process.objects.values_list("pk", flat=True)]
        cache.delete_many(
            [_key(pk, code) for pk in ids for code, _name in settings.LANGUAGES]
        )

    forget_now_and_after_commit(forget)


def panels_changed_by_image(sender, **kwargs) -> None:
    panels_changed()


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
