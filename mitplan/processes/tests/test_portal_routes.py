"""Apps serve their addresses below a portal by registering them; the portal page
builds its routes from the registry (no database)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from mitplan.cms.models import ProcessPage
from mitplan.processes import portal


def test_the_portal_serves_what_the_apps_registered():
    names = {pattern.name for pattern in ProcessPage.get_subpage_urls()}
    assert {"portal", "field_list", "field_detail", "advisor_list"} <= names
    assert {"contribution_list", "contribution_detail", "contribution_report"} <= names


def test_a_route_reverses_and_resolves_below_the_portal():
    resolver = ProcessPage.get_resolver()
    assert resolver.reverse("contribution_detail", 7) == "beitraege/7/"
    assert resolver.resolve("/beitraege/7/kommentieren/").url_name == ("comment_create")


def test_a_taken_route_name_cannot_be_registered_again(monkeypatch):
    monkeypatch.setattr(portal, "_routes", dict(portal._routes))

    def other_view(request, *, page):
        return None

    with pytest.raises(ImproperlyConfigured, match="contribution_list"):
        portal.add_routes(portal.Route("x/", other_view, "contribution_list"))
    # The same registration twice (a second ready()) is harmless.
    portal.add_routes(portal._routes["contribution_list"])


def test_a_registered_view_gets_the_portal_page_and_the_arguments():
    seen = {}

    def view(request, *, page, pk):
        seen.update(request=request, page=page, pk=pk)
        return "answer"

    served = portal._served_by_the_page(view)
    page, request = object(), object()
    assert served(page, request, pk=3) == "answer"
    assert seen == {"request": request, "page": page, "pk": 3}
