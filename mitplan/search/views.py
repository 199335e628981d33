from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import get_language

from .forms import SearchForm
from .selectors import MAX_PAGE, search_results


def _page_number(value: str) -> int:
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError, OverflowError):
        return 1


def search(request):
    form = SearchForm(request.GET if "q" in request.GET else None)
    query = ""
    results = None
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            results = search_results(
                query=query,
                language=get_language(),
                page_number=_page_number(request.GET.get("page", "1")),
            )
    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "page_obj": results,
            "pagination_query": urlencode({"q": query}),
        },
    )
    if query:
        # Each query is its own address: kept out of the shared page cache, which
        # would otherwise fill with whatever anyone typed (core/pagecache.py).
        patch_cache_control(response, private=True)
    return response
