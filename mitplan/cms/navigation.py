"""The links every page carries (home, main menu, footer), built once per site and
language and kept in the cache until a page or the footer setting changes, so a
page view spends no queries on them."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import translate_url
from django.utils.translation import get_language, gettext
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import FooterLinks, ProcessPage
from .selectors import pages_in_locale

VERSION_KEY = "navigation:version"
TIMEOUT = 24 * 3600


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    path: str  # treebeard path, to mark the current section
    lang: str = ""  # the title's language when it is an untranslated (German) copy


@dataclass(frozen=True)
class Navigation:
    home: Link | None = None
    menu: list[Link] = field(default_factory=list)
    footer: list[Link] = field(default_factory=list)
    privacy_url: str = ""


def _link(page: Page, site: Site, title: str = "") -> Link:
    url = page.get_url(current_site=site) or ""
    if title and isinstance(page.specific_deferred, ProcessPage):
        # "Contact" on a process portal means the list of its advisors.
        url += page.specific_deferred.reverse_subpage("advisor_list")
    return Link(
        title=title or page.title,
        url=url,
        path=page.path,
        lang=settings.LANGUAGE_CODE if page.alias_of_id and not title else "",
    )


def navigation_build(site: Site, language: str) -> Navigation:
    locale = (
        Locale.objects.filter(language_code=language).first() or site.root_page.locale
    )
    [home] = pages_in_locale([site.root_page], locale)
    menu = home.get_children().live().public().in_menu()
    footer = FooterLinks.for_site(site)
    # The contact link is named by its role, whatever page staff chose for it.
    roles = [
        (footer.imprint_page_id, ""),
        (footer.privacy_page_id, ""),
        (footer.accessibility_page_id, ""),
        (footer.contact_page_id, gettext("Contact")),
    ]
    chosen = Page.objects.live().in_bulk([pk for pk, _label in roles if pk])
    present = [(chosen[pk], label) for pk, label in roles if pk in chosen]
    localized = pages_in_locale([page for page, _label in present], locale)
    privacy = [
        page
        for page, (source, _label) in zip(localized, present, strict=True)
        if source.pk == footer.privacy_page_id
    ]
    return Navigation(
        privacy_url=privacy[0].get_url(current_site=site) if privacy else "",
        home=_link(home, site),
        menu=[_link(page, site) for page in menu],
        footer=[
            _link(page, site, label)
            for page, (_source, label) in zip(localized, present, strict=True)
        ],
    )


def navigation_for(request) -> Navigation:
    if hasattr(request, "_mitplan_navigation"):
        return request._mitplan_navigation
    site = Site.find_for_request(request)
    if site is None:
        return Navigation()
    version = cache.get_or_set(VERSION_KEY, 1, None)
    key = f"navigation:{version}:{site.pk}:{get_language()}"
    navigation = cache.get(key)
    if navigation is None:
        navigation = navigation_build(site, get_language())
        cache.set(key, navigation, TIMEOUT)
    request._mitplan_navigation = navigation
    return navigation


def translation_urls(page, request) -> dict[str, str]:
    """{language: url} of a page's translations (or German aliases), cached like the
    navigation, since every page's language switcher needs them."""
    version = cache.get_or_set(VERSION_KEY, 1, None)
    key = f"translations:{version}:{page.translation_key}"
    urls = cache.get(key)
    if urls is None:
        urls = {}
        for translation in page.get_translations(inclusive=True).select_related(
            "locale"
        ):
            url = translation.get_url(request)
            if url:
                urls[translation.locale.language_code] = url
        cache.set(key, urls, TIMEOUT)
    return urls


def language_urls(request, page=None) -> dict[str, str]:
    """{language: path} of what the reader sees, in every language: for a Wagtail
    page its translation (or German alias), keeping a routed sub-path such as
    /handlungsfelder/bildung/ and the query; for any other view the same address
    under the other language's prefix."""
    urls = {}
    if page is not None and hasattr(page, "translation_key"):
        page_url = page.url or ""
        suffix = (
            request.path[len(page_url) :] if request.path.startswith(page_url) else ""
        )
        # The query too: filters, search, sort, the comment being answered.
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        urls = {
            code: url + suffix + query
            for code, url in translation_urls(page, request).items()
        }
    return {
        code: urls.get(code) or translate_url(request.get_full_path(), code)
        for code, _name in settings.LANGUAGES
    }


def navigation_invalidate(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(navigation_invalidate, dispatch_uid=f"navigation-{id(signal)}")


@receiver(post_delete, sender=Page)
@receiver(post_save, sender=FooterLinks)
@receiver(post_save, sender=Site)
def _navigation_changed(**kwargs):
    navigation_invalidate()
