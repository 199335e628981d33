"""The event page's attendee list in the admin: a button in the page's header and
the screens of admin_views.py."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import admin_views, rules
from .models import EventPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return admin_views.URLS


@hooks.register("register_page_header_buttons")
def attendee_button(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, EventPage):
        return
    if not rules.can_read_registrations(user, page.specific_deferred.process):
        return
    yield Button(
        _("Attendees"),
        url=reverse("events_attendees", args=[page.pk]),
        icon_name="group",
        priority=40,
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    label = _("Event attendees exported")
    actions.register_action(admin_views.LOG_EXPORTED, label, label)
