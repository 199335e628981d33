"""A new install without legal pages says so on the admin dashboard, to whoever may
choose them, and links to the setting."""

from django.contrib.auth import get_user_model
from wagtail.models import Site

from mitplan.cms.models import FooterLinks


def test_missing_legal_pages_are_on_the_dashboard_until_chosen(client, db):
    site = Site.objects.get(is_default_site=True)
    footer = FooterLinks.for_site(site)
    chosen = (footer.imprint_page_id, footer.privacy_page_id)
    FooterLinks.objects.filter(pk=footer.pk).update(
        imprint_page=None, privacy_page=None
    )
    admin = get_user_model().objects.create_superuser(
        "chefin", "chefin@example.org", "x" * 12
    )
    client.force_login(admin)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 legal pages (imprint, privacy notice, accessibility statement)" in html
    assert f"/admin/settings/cms/footerlinks/{site.pk}/" in html

    FooterLinks.objects.filter(pk=footer.pk).update(
        imprint_page_id=chosen[0], privacy_page_id=chosen[1]
    )
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "legal page" not in html
