"""Load the demo process into an empty database (what `make setup` calls), and its
translations into a demo database that lacks them."""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Locale, Page, Site
from wagtail_localize.synctree import synchronize_tree

from mitplan.cms.models import (
    AccessibilityStatementPage,
    FooterLinks,
    ProcessPage,
    StandardPage,
)
from mitplan.cms.setup import home_ensure, locales_ensure
from mitplan.organisations.models import Organisation
from mitplan.processes.models import (
    Advisor,
    ExpertGroup,
    ExpertGroupMember,
    FieldOfAction,
    Phase,
    Process,
    StatusChange,
)
from mitplan.search.indexing import index_rebuild

from . import content
from .contributions import contributions_load
from .events import events_ensure
from .media import media_load
from .news import news_ensure
from .survey import demo_survey_ensure
from .survey_article import survey_article_ensure
from .translating import demo_translations_ensure


def _tr(field: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{field}_{code}": text for code, text in texts.items()}


def _aware(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _process_create() -> Process:
    data = content.PROCESS
    process = Process.objects.create(
        slug=data["slug"],
        mandate_reference=data["mandate_reference"],
        **_tr("title", data["title"]),
        **_tr("summary", data["summary"]),
    )
    for order, phase in enumerate(content.PHASES):
        Phase.objects.create(
            process=process,
            sort_order=order,
            starts_on=phase["starts_on"],
            ends_on=phase["ends_on"],
            actions=list(phase.get("open", ())),
            **_tr("title", phase["title"]),
            **_tr("description", phase["description"]),
        )
    # The model case's own history: started at the kickoff, paused by the pandemic.
    StatusChange.objects.create(
        process=process,
        status=Process.Status.ACTIVE,
        changed_at=_aware(data["started_on"]),
    )
    paused_at = _aware(data["paused_on"])
    StatusChange.objects.create(
        process=process,
        status=Process.Status.PAUSED,
        changed_at=paused_at,
        **_tr("notice", data["pause_notice"]),
    )
    process.status = Process.Status.PAUSED
    process.status_changed_at = paused_at
    for field, value in _tr("status_notice", data["pause_notice"]).items():
        setattr(process, field, value)
    process.save()
    return process


def _fields_create(process: Process) -> None:
    organisations = [
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in content.ORGANISATIONS
    ]
    fields = {}
    for order, data in enumerate(content.FIELDS):
        field = FieldOfAction.objects.create(
            process=process,
            slug=data["slug"],
            icon=data["icon"],
            sort_order=order,
            **_tr("name", data["name"]),
            **_tr("summary", data["summary"]),
            **_tr("description", data["description"]),
        )
        fields[field.slug] = field
        group = ExpertGroup.objects.create(
            field_of_action=field,
            name_de=f"Fachgruppe {data['name']['de']}",
            name_en=f"Expert group {data['name']['en']}",
        )
        for member_order, (name, role_de, role_en, org) in enumerate(content.MEMBERS):
            ExpertGroupMember.objects.create(
                group=group,
                name=name,
                role_de=role_de,
                role_en=role_en,
                organisation=organisations[org],
                sort_order=member_order,
            )
    for order, (name, role_de, role_en, org, slugs, languages, phone) in enumerate(
        content.ADVISORS
    ):
        local = name.split()[-1].lower()
        advisor = Advisor.objects.create(
            name=name,
            role_de=role_de,
            role_en=role_en,
            organisation=organisations[org],
            email=f"{local}@example.org",
            languages=languages,
            phone=phone,
            sort_order=order,
        )
        advisor.fields_of_action.set([fields[slug] for slug in slugs])


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def _pages_create(process: Process, source: Locale) -> dict[str, Page]:
    # The platform's home page (cms.setup) becomes the demo's.
    home = home_ensure(source)
    home.title = content.HOME["de"]["title"]
    home.intro = content.HOME["de"]["intro"]
    _publish(home)
    site = Site.objects.get(root_page=home)

    portal = home.add_child(
        instance=ProcessPage(
            title=content.PORTAL["de"]["title"],
            slug=content.PORTAL["de"]["slug"],
            intro=content.PORTAL["de"]["intro"],
            process=process,
            body=content.portal_body("de"),
            show_in_menus=True,
        )
    )
    _publish(portal)
    pages = {"home": home, "portal": portal}
    for data in content.STANDARD_PAGES:
        pages[data["key"]] = _publish(
            home.add_child(
                instance=StandardPage(
                    title=data["title"]["de"],
                    slug=data["slug"],
                    body=data["body"]["de"],
                    show_in_menus=data.get("in_menu", False),
                )
            )
        )
    data = content.ACCESSIBILITY
    pages["accessibility"] = _publish(
        home.add_child(
            instance=AccessibilityStatementPage(
                title=data["title"]["de"],
                slug=data["slug"],
                intro=data["intro"]["de"],
                body=data["body"]["de"],
            )
        )
    )
    footer = FooterLinks.for_site(site)
    footer.imprint_page = pages["imprint"]
    footer.privacy_page = pages["privacy"]
    footer.accessibility_page = pages["accessibility"]
    footer.contact_page = pages["portal"]
    footer.save()
    return pages


@transaction.atomic
def demo_load() -> bool:
    """Create the demo process and pages in all ten languages; False if there is
    content already."""
    if Process.objects.exists() or Page.objects.filter(depth__gt=2).exists():
        return False
    source = locales_ensure()
    process = _process_create()
    _fields_create(process)
    pages = _pages_create(process, source)
    media_load(portal=pages["portal"], plain=pages["plain_language"])
    for locale in Locale.objects.exclude(pk=source.pk):
        synchronize_tree(source, locale)
    contributions_load(process)
    demo_survey_ensure(process)
    demo_translations_ensure()
    news_ensure(process)
    events_ensure(process)
    survey_article_ensure(process)
    index_rebuild()  # what was indexed before its portal existed gets its address
    # After the news and events, which are made once this transaction commits.
    transaction.on_commit(_renditions_make)
    return True


# The sizes the demo's pages show its images in (see the {% image %} tags of the
# news, events and block templates).
RENDITIONS = (
    "fill-640x360",
    "width-1200",
    "width-800",
    "width-800|format-webp",
    "width-1280|format-webp",
)


def _renditions_make() -> None:
    """Make the resized copies of the demo's images now, so the first readers'
    pages only read (a page that makes one writes to the database)."""
    # Looked up in the database, not through Wagtail's rendition cache: a copy
    # made inside a transaction that was rolled back may still sit in the cache.
    for image in get_image_model().objects.prefetch_related("renditions"):
        made = {rendition.filter_spec for rendition in image.renditions.all()}
        missing = [Filter(spec) for spec in RENDITIONS if spec not in made]
        if missing:
            image.create_renditions(*missing)


@transaction.atomic
def demo_translations_load() -> int:
    """Give a demo loaded before its translations existed the missing ones, keeping
    every text staff have written (see `translating`); returns how many it added."""
    return demo_translations_ensure()
