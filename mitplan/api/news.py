"""The news in the open data API: the live, public articles and status notices of
every process (/articles) or of one (/processes/{slug}/articles), newest first, in
one language (the request's, or `?language=`), in pages. Read from
news/selectors.py: a page costs the same queries whatever its length."""

from datetime import date

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from mitplan.core.parsing import parse_slug
from mitplan.news import selectors as news_selectors
from mitplan.processes.models import Process

from .errors import ERRORS, NOT_FOUND

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class ImageOut(Schema):
    url: str  # the teaser image as lists show it (16:9)
    alt: str
    credit: str


class ArticleOut(Schema):
    title: str
    teaser: str
    # The date the article is dated (or first published), None before publishing.
    dated: date | None
    url: str
    kind: str  # "article" or "notice"
    is_withdrawn: bool
    categories: list[str]
    image: ImageOut | None
    # The language title and teaser are written in: "de" where a page shows the
    # German original because it is not translated yet.
    language: str
    process: str | None  # the process's slug; None for news of every process


class ArticleFilters(Schema):
    language: str = Field("", max_length=10)


class ArticlePagination(PageNumberPagination):
    """Pages of 20 (at most 100 on request); a page past the end is empty."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs):
        super().__init__(page_size=20, max_page_size=100, **kwargs)


router = Router(tags=["news"])


def _language(filters: ArticleFilters) -> str:
    if not filters.language:
        return translation.get_language()
    if filters.language not in LANGUAGES:
        raise HttpError(422, f"Unknown language; one of: {', '.join(LANGUAGES)}.")
    return filters.language


class _Articles:
    """Articles that pagination slices and counts, turned into output rows in the
    language they were read in."""

    def __init__(self, request, queryset, language: str, process_slugs: dict):
        self.request = request
        self.queryset = queryset
        self.language = language
        self.process_slugs = process_slugs

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        with translation.override(self.language):
            return [self._out(article) for article in self.queryset[index]]

    def _out(self, article) -> dict:
        url = article.get_url(self.request) or ""
        image = None
        if article.image is not None:
            rendition = article.image.get_rendition(news_selectors.TEASER_RENDITION)
            image = {
                "url": self.request.build_absolute_uri(rendition.url),
                "alt": article.image_alt,
                "credit": article.image_credit,
            }
        return {
            "title": article.title,
            "teaser": article.teaser,
            "dated": article.shown,
            "url": self.request.build_absolute_uri(url) if url else "",
            "kind": article.kind,
            "is_withdrawn": article.is_withdrawn,
            "categories": [category.name for category in article.categories.all()],
            "image": image,
            "language": "de" if article.alias_of_id else self.language,
            "process": self.process_slugs.get(article.process_id),
        }


def _articles(request, language: str, process=None) -> _Articles:
    with translation.override(language):
        queryset = news_selectors.articles(process=process)
    if process is not None:
        slugs = {process.pk: process.slug}
    else:
        slugs = dict(Process.objects.values_list("pk", "slug"))
    return _Articles(request, queryset, language, slugs)


@router.get("/articles", response={200: list[ArticleOut], **ERRORS})
@paginate(ArticlePagination)
def article_list(request, filters: Query[ArticleFilters]):
    """The news of every process and of none, newest first."""
    return _articles(request, _language(filters))


@router.get("/processes/{slug}/articles", response={200: list[ArticleOut], **NOT_FOUND})
@paginate(ArticlePagination)
def process_article_list(
    request,
    filters: Query[ArticleFilters],
    slug: str = Path(..., max_length=100),  # noqa: B008
):
    """The news of one process, newest first."""
    if parse_slug(slug) is None:
        raise Http404
    process = get_object_or_404(Process, slug=slug)
    return _articles(request, _language(filters), process)
