"""Atom and RSS feeds of a news index (of one process, or of every process), in the
language of the address they are read at (/de/…/atom/, /en/…/atom/)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from . import selectors

FEED_SIZE = 20


class RssFeed(Feed):
    feed_type = Rss201rev2Feed
    # Feed.language is read as an attribute; left None, the feed says the
    # language the address is read in (get_language()).

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, page):
        return page

    def _address(self, page) -> str:
        # On the host the reader asked, like the sitemap and the pages' own links
        # (the Wagtail site's host may be a placeholder such as localhost).
        return self.request.build_absolute_uri(page.get_url(self.request))

    def title(self, page):
        return page.title

    def link(self, page):
        return self._address(page)

    def description(self, page):
        return page.intro

    def feed_url(self, page):
        return self.request.build_absolute_uri()

    def items(self, page):
        return selectors.articles(process=page.process)[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Plain text, escaped by the feed: nothing an editor typed is taken as HTML.
        return article.teaser

    def item_link(self, article):
        return self._address(article)

    def item_guid(self, article):
        return self._address(article)

    def item_pubdate(self, article):
        if article.dated_on:
            return timezone.make_aware(datetime.combine(article.dated_on, time(9, 0)))
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at or article.first_published_at

    def item_categories(self, article):
        return [category.name for category in article.categories.all()]


class AtomFeed(RssFeed):
    feed_type = Atom1Feed

    def subtitle(self, page):
        return page.intro
