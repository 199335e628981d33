from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "mitplan.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published

        from mitplan.processes import roles
        from mitplan.processes.actions import Action, add_actions
        from mitplan.processes.portal import Panel, add_panel

        from . import (
            rules,  # noqa: F401 (registers the permissions)
            services,
        )
        from .models import EventPage
        from .panels import upcoming_panel

        add_actions(Action("events", _("residents can register for events"), order=50))
        add_panel(
            Panel(
                place="portal",
                name="events",
                template="events/panels/cached.html",
                data=upcoming_panel,
                order=20,
            )
        )
        roles.grant(roles.PROCESS_OWNERS, "events.view_registration")

        def published(sender, instance, **kwargs):
            # A capacity raised by staff moves the waiting people up at once.
            services.event_published(event_id=instance.pk)

        page_published.connect(
            published, sender=EventPage, dispatch_uid="events.published", weak=False
        )
