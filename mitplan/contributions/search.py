"""Published contributions in site search, in the language they were written in."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from mitplan.search.registry import Entry, Searchable, add_searchable

from .models import Contribution


def contribution_entries(contribution: Contribution) -> list[Entry]:
    if not contribution.is_public:
        return []
    with translation.override(contribution.language):
        url = contribution.get_absolute_url()
    return [
        Entry(
            language=contribution.language,
            title=contribution.title,
            body=contribution.text,
            url=url,
            process_id=contribution.process_id,
            published_at=contribution.published_at,
        )
    ]


def register() -> None:
    add_searchable(
        Searchable(
            model=Contribution,
            kind="contribution",
            label=_("Contribution"),
            prefix="contribution",
            entries_for=contribution_entries,
            objects=lambda: Contribution.objects.published().select_related("process"),
        )
    )
