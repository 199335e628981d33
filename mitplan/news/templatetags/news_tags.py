"""{% news_feed_links process %} in every page's head: the Atom and RSS feeds of the
news of every process and, on a page of a process, of that process. From the one
cached read every page makes of the news (selectors.site_news), no query."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .. import selectors

register = template.Library()


@register.simple_tag
def news_feed_links(process=None):
    urls = selectors.site_news().index_urls
    wanted = [(0, _("News"))]
    process_id = getattr(process, "pk", None)
    if process_id and process_id in urls:
        wanted.insert(0, (process_id, _("News of this process")))
    links = []
    for key, title in wanted:
        base = urls.get(key)
        if not base:
            continue
        links.append(("application/atom+xml", f"{title} (Atom)", f"{base}atom/"))
        links.append(("application/rss+xml", f"{title} (RSS)", f"{base}rss/"))
    return format_html_join(
        "\n  ",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        links,
    ) or format_html("")
