from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from mitplan.api.api import api
from mitplan.cms import sitemaps
from mitplan.cms import views as cms_views
from mitplan.core import views as core_views
from mitplan.core.altcha import altcha_challenge_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.health, name="health"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", sitemaps.robots, name="robots"),
    path("altcha/challenge", altcha_challenge_view, name="altcha_challenge"),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("mitplan.contributions.urls")),
    path("", include("mitplan.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("", include("mitplan.contact.urls")),
    path("", include("mitplan.notifications.urls")),
    path("suche/", include("mitplan.search.urls")),
    # Wagtail serves every page below the language prefix, so it comes last; our
    # serve() adds the cross-site check page forms rely on (mitplan.cms.views).
    re_path(r"^((?:[\w\-]+/)*)$", cms_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "mitplan.core.views.bad_request"
handler403 = "mitplan.core.views.permission_denied"
handler404 = "mitplan.core.views.page_not_found"
handler500 = "mitplan.core.views.server_error"

if settings.MITPLAN_SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.insert(
        0,
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    )
