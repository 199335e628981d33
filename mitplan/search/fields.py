"""The fields of action of each process, in every language they are written in."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from mitplan.processes.models import FieldOfAction
from mitplan.processes.portal import url_below_portal

from .registry import Entry, Searchable, add_searchable
from .text import plain


def field_entries(field: FieldOfAction) -> list[Entry]:
    entries = []
    for code, _name in settings.LANGUAGES:
        suffix = code.replace("-", "_")
        name = getattr(field, f"name_{suffix}", "")
        if not name:
            continue
        with translation.override(code):
            url = url_below_portal(field.process, "field_detail", field.slug)
        entries.append(
            Entry(
                language=code,
                title=name,
                body=" ".join(
                    [
                        getattr(field, f"summary_{suffix}", "") or "",
                        plain(getattr(field, f"description_{suffix}", "") or ""),
                    ]
                ),
                url=url,
                group=f"field:{field.pk}",
                process_id=field.process_id,
            )
        )
    return entries


def register() -> None:
    add_searchable(
        Searchable(
            model=FieldOfAction,
            kind="field",
            label=_("Field of action"),
            prefix="field",
            entries_for=field_entries,
            objects=lambda: FieldOfAction.objects.select_related("process"),
        )
    )
