from django.urls import reverse
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.models import Site

from .models import FooterLinks

LEGAL_PAGES = ("imprint_page_id", "privacy_page_id", "accessibility_page_id")


@hooks.register("mitplan_waiting_work")
def legal_pages_missing(user):
    """A new install has no imprint, privacy notice or accessibility statement: the
    dashboard asks whoever may choose them to do so (the footer links them)."""
    if not user.has_perm("cms.change_footerlinks"):
        return []
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    footer = FooterLinks.for_site(site)
    missing = sum(1 for name in LEGAL_PAGES if getattr(footer, name) is None)
    if not missing:
        return []
    return [
        {
            "count": missing,
            "icon": "warning",
            "url": reverse(
                "wagtailsettings:edit", args=["cms", "footerlinks", site.pk]
            ),
            "text": ngettext(
                "%(counter)s legal page (imprint, privacy notice, accessibility "
                "statement) is not chosen for the footer yet",
                "%(counter)s legal pages (imprint, privacy notice, accessibility "
                "statement) are not chosen for the footer yet",
                missing,
            )
            % {"counter": missing},
        }
    ]
