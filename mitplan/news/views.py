"""What the news pages show besides their own fields: the list of an index page (a
page of articles, the categories to filter by) and the process around a page."""

from django.http import Http404
from django.utils.translation import gettext as _

from mitplan.core import pagecache
from mitplan.processes.portal import portal_page
from mitplan.processes.selectors import process_for_pages

from . import selectors
from .models import Category

CATEGORY_PARAMETER = "kategorie"


def process_context(process_id) -> dict:
    """The process a news page belongs to, as the pages of a process show it
    (navigation, status notices); nothing for the news of every process."""
    if not process_id:
        return {}
    process = process_for_pages(process_id)
    return {
        "process": process,
        "process_page": portal_page(process),
        "fields_of_action": list(process.fields_of_action.all()),
    }


def _category(request) -> Category | None:
    """The category asked for with ?kategorie=slug; a 404 for one that is not there,
    so a made-up address is no page of its own."""
    asked = request.GET.getlist(CATEGORY_PARAMETER)
    if not asked:
        return None
    if len(asked) > 1:
        raise Http404(_("Choose one category."))
    category = Category.objects.filter(slug=asked[0][:80]).first()
    if category is None:
        raise Http404(_("There is no such category."))
    return category


def _written_page(request, results) -> bool:
    """Whether ?page= (if given) names the page shown, written as it links it."""
    asked = request.GET.getlist("page")
    return not asked or (
        len(asked) == 1 and asked[0] == str(results.number) and results.number > 1
    )


def index_context(request, page) -> dict:
    around = process_context(page.process_id)
    process = around.get("process")
    category = _category(request)
    results = selectors.article_list(
        process=process,
        category=category,
        page_number=request.GET.get("page"),
    )
    if _written_page(request, results) and set(request.GET) <= {
        "page",
        CATEGORY_PARAMETER,
    }:
        pagecache.query_understood(request)
    return {
        **around,
        "results": results,
        "category": category,
        "categories": selectors.categories_in_use(process=process),
        "filter_query": f"{CATEGORY_PARAMETER}={category.slug}" if category else "",
        "feed_atom": page.url + page.reverse_subpage("feed_atom"),
        "feed_rss": page.url + page.reverse_subpage("feed_rss"),
    }


def article_context(request, page) -> dict:
    return {
        **process_context(page.process_id),
        "categories": list(page.categories.all()),
    }
