from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "mitplan.cms"
    label = "cms"
    verbose_name = _("Pages")

    def ready(self):
        from . import locales, navigation  # noqa: F401  (connect their signal handlers)
