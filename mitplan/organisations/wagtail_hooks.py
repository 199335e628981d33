from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from mitplan.core.panels import translated_panels

from .models import Organisation


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    add_to_admin_menu = True
    menu_order = 160
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("website"),
        *translated_panels("description"),
    ]


@hooks.register("register_admin_viewset")
def register_viewset():
    return OrganisationViewSet("organisations")
