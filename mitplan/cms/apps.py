from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "mitplan.cms"
    label = "cms"
    verbose_name = _("Pages")

    def ready(self):
        from mitplan.processes.portal import locate_portal_with

        from . import locales, navigation  # noqa: F401  (connect their signal handlers)
        from .selectors import process_page_for

        locate_portal_with(process_page_for)

        from django.db.models.signals import post_migrate

        from .setup import after_migrate

        post_migrate.connect(after_migrate, sender=self, dispatch_uid="mitplan.cms")
