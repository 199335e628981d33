"""What other apps add to a contribution, without contributions importing them.

Comments, abuse reports and (later) measures of the plan build on contributions.
They register here, in their AppConfig.ready:
- a section of the public page (`DetailSection`): comments and their form;
- a section of the staff screen (`StaffSection`): the comments to hide, the abuse
  reports to close;
- staff actions on that screen (`staff_actions.add_staff_action`);
and they listen to `contribution_merged` to move what is theirs.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal

# Sent inside the merge's transaction, with duplicate= and target= (both locked):
# whatever belongs to the duplicate and should follow it moves now.
contribution_merged = Signal()


@dataclass(frozen=True)
class DetailSection:
    """A section of a contribution's public page, below its text and statement.

    context(request, page, contribution, form) -> dict: what `template` gets under
    `section` (form: the section's form when a POST to it was refused and the page
    is shown again with its errors, else None). `form_name` is the key under which
    the refusing view passes that form."""

    name: str
    template: str
    context: Callable
    form_name: str = ""
    order: int = 100


@dataclass(frozen=True)
class StaffSection:
    """A section of the staff screen of one contribution; context(request,
    contribution, forms) -> dict, given to `template` as `section`."""

    name: str
    template: str
    context: Callable
    order: int = 100


_detail: dict[str, DetailSection] = {}
_staff: dict[str, StaffSection] = {}


def _add(registry: dict, section) -> None:
    taken = registry.get(section.name)
    if taken is not None and taken != section:
        raise ImproperlyConfigured(f"Section {section.name!r} is registered twice.")
    registry[section.name] = section


def add_detail_section(section: DetailSection) -> None:
    _add(_detail, section)


def add_staff_section(section: StaffSection) -> None:
    _add(_staff, section)


def detail_sections(request, page, contribution, forms: dict) -> list[dict]:
    return [
        {
            "template": section.template,
            "section": section.context(
                request, page, contribution, forms.get(section.form_name)
            ),
        }
        for section in sorted(_detail.values(), key=lambda s: (s.order, s.name))
    ]


def staff_sections(request, contribution, forms: dict) -> list[dict]:
    return [
        {
            "template": section.template,
            "section": section.context(request, contribution, forms),
        }
        for section in sorted(_staff.values(), key=lambda s: (s.order, s.name))
    ]
