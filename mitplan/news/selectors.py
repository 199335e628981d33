"""Reads of the news for pages, feeds and the API. Each owns its joins, so a list
costs the same number of queries at 3 articles a page as at 30."""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.images import get_image_model

from mitplan.core.caching import cached_until_data_changes
from mitplan.processes.notices import Notice

from .models import ArticlePage, Category, NewsIndexPage

PAGE_SIZE = 10
NEWEST = 3
# The teaser image as lists and the portal show it (16:9, sharp on a phone).
TEASER_RENDITION = "fill-640x360"


def _in_active_language(queryset):
    # A join on the locale, not Locale.get_active() (a query of its own).
    return queryset.filter(locale__language_code=get_language())


def articles(*, process=None, category: Category | None = None):
    """The live, public articles in the active language, newest first: of one
    process, or (process None) of every process and of none."""
    queryset = _in_active_language(ArticlePage.objects.live().public())
    if process is not None:
        queryset = queryset.filter(process=process)
    if category is not None:
        queryset = queryset.filter(categories=category)
    images = get_image_model().objects.prefetch_renditions(TEASER_RENDITION)
    return (
        queryset.annotate(
            shown=Coalesce("dated_on", TruncDate("first_published_at")),
        )
        .select_related("locale")
        .prefetch_related(
            Prefetch("image", queryset=images),
            Prefetch("categories", queryset=Category.objects.order_by("sort_order")),
        )
        .order_by(F("shown").desc(nulls_last=True), "-pk")
    )


def article_list(
    *, process=None, category: Category | None = None, page_number=None
) -> PaginatorPage:
    """One page of the list of a news index (PAGE_SIZE articles). A page number that
    is no number answers the first page, one past the end the last."""
    queryset = articles(process=process, category=category)
    return Paginator(queryset, PAGE_SIZE).get_page(
        page_number if str(page_number or "").isdigit() else 1
    )


def newest_articles(*, process=None, limit: int = NEWEST) -> list[ArticlePage]:
    return list(articles(process=process)[:limit])


def categories_in_use(*, process=None) -> list[Category]:
    """The categories the articles of a list are filed under (the filter offers
    only those)."""
    used = Category.objects.filter(
        articles__live=True, articles__locale__language_code=get_language()
    )
    if process is not None:
        used = used.filter(articles__process=process)
    return list(used.distinct().order_by("sort_order", "pk"))


def index_for(process) -> NewsIndexPage | None:
    """The live news index of a process (None: of every process) in the active
    language."""
    return (
        _in_active_language(NewsIndexPage.objects.live().public())
        .filter(process=process)
        .first()
    )


# --- What every page shows: status notices and feed addresses, from the cache ------


@dataclass(frozen=True)
class _Current:
    """A status notice as the cache keeps it, with the end it is shown until."""

    process_id: int | None
    notice: Notice
    ends_at: object  # datetime | None


@dataclass(frozen=True)
class SiteNews:
    """What every page of the site needs of the news in one language: the current
    status notices and the addresses of the feeds (index page URL by process id,
    0 for the news of every process)."""

    notices: tuple[_Current, ...]
    index_urls: dict


def _read_site_news(language: str) -> SiteNews:
    now = timezone.now()
    current = (
        ArticlePage.objects.live()
        .public()
        .filter(
            locale__language_code=language,
            kind=ArticlePage.Kind.NOTICE,
            is_withdrawn=False,
        )
        .filter(Q(notice_ends_at__isnull=True) | Q(notice_ends_at__gt=now))
        .select_related("locale")
        .order_by("-first_published_at", "-pk")
    )
    notices = tuple(
        _Current(
            process_id=article.process_id,
            notice=Notice(
                title=article.title,
                text=article.teaser,
                url=article.get_url() or "",
                # An alias shows the German page: say so to screen readers.
                language="de" if article.alias_of_id else language,
            ),
            ends_at=article.notice_ends_at,
        )
        for article in current
    )
    indexes = (
        NewsIndexPage.objects.live().public().filter(locale__language_code=language)
    )
    index_urls = {index.process_id or 0: index.get_url() for index in indexes}
    return SiteNews(notices=notices, index_urls=index_urls)


def site_news() -> SiteNews:
    """One cache read per page, read again once data a page shows changes."""
    language = get_language()
    return cached_until_data_changes(
        f"news:site:v2:{language}", lambda: _read_site_news(language)
    )


def current_notices(process) -> list[Notice]:
    """The notice source (processes.notices) the news register: the status notices
    of the process and those of the news of every process, while they are shown."""
    now = timezone.now()
    process_id = getattr(process, "pk", None)
    return [
        current.notice
        for current in site_news().notices
        if current.process_id in (None, process_id)
        and (current.ends_at is None or current.ends_at > now)
    ]
