"""What every mitplan install has, with or without the demo: a locale per UI language
(each mirroring the German tree, so a page without a translation shows the German one
and says so) and mitplan's home page in place of Wagtail's "Welcome" placeholder.
Created after `migrate` (a post_migrate handler, as django.contrib.sites does), so a
new city's empty database is a usable platform in ten languages."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Collection, Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from .models import HomePage


def locales_ensure() -> Locale:
    """A Locale per UI language, each synchronised from the German source."""
    source, _created = Locale.objects.get_or_create(
        language_code=settings.LANGUAGE_CODE
    )
    for code, _name in settings.LANGUAGES:
        if code == source.language_code:
            continue
        locale, _created = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": source}
        )
    return source


def home_ensure(source: Locale) -> HomePage:
    """mitplan's home page, the default site's root; Wagtail's placeholder goes."""
    home = HomePage.objects.filter(locale=source).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    if root is None:  # a flushed database (transactional tests) has no tree at all
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=source))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    for placeholder in root.get_children().exact_type(Page):
        placeholder.delete()
    with translation.override(source.language_code):
        home = root.add_child(
            instance=HomePage(
                title=settings.SITE_NAME,
                slug="start",
                intro=_(
                    "Here the city revises its plans together with the people who "
                    "live here: read what is planned, send your ideas and follow "
                    "what becomes of them."
                ),
                locale=source,
            )
        )
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = settings.SITE_NAME
    site.save()
    return home


@transaction.atomic
def platform_ensure() -> HomePage:
    source = locales_ensure()
    home = home_ensure(source)
    for locale in Locale.objects.exclude(pk=source.pk):
        synchronize_tree(source, locale)
    return home


def after_migrate(sender, using="default", plan=None, **kwargs):
    """post_migrate of cms: only when migrations ran forward (not on a flush)."""
    # plan None: a flush (transactional tests), not a migrate. An empty plan is a
    # migrate with nothing to apply, or one that built tables without migrations.
    if plan is None or (plan and all(backwards for _migration, backwards in plan)):
        return
    platform_ensure()
