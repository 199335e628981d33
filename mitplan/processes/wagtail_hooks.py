"""Staff screens for processes, fields of action, expert groups and advisors."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from mitplan.core.panels import translated_panels

from . import admin_views
from .forms import SpokenLanguagesWidget
from .models import Advisor, ExpertGroup, FieldOfAction, Process
from .services import NOTICE_CORRECTED

# The status actions staff may take, by current status.
STATUS_ACTIONS = {
    Process.Status.PLANNED: [("start", _("Start"), "resubmit")],
    Process.Status.ACTIVE: [
        ("pause", _("Pause"), "pick"),
        ("complete", _("Complete"), "success"),
    ],
    Process.Status.PAUSED: [
        ("resume", _("Resume"), "resubmit"),
        ("complete", _("Complete"), "success"),
    ],
    Process.Status.COMPLETED: [],
}


class ProcessEditView(EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        for action, label, icon in STATUS_ACTIONS[Process.Status(self.object.status)]:
            buttons.append(
                HeaderButton(
                    label,
                    url=reverse(
                        "processes_status_change", args=[self.object.pk, action]
                    ),
                    icon_name=icon,
                )
            )
        newest = self.object.status_changes.order_by("-changed_at", "-pk").first()
        if newest is not None:
            buttons.append(
                HeaderButton(
                    _("Correct the public notice"),
                    url=reverse(
                        "processes_notice_correct", args=[self.object.pk, newest.pk]
                    ),
                    icon_name="edit",
                )
            )
        return buttons


class ProcessViewSet(ModelViewSet):
    name = "processes"
    url_prefix = "participation/processes"
    model = Process
    icon = "list-ol"
    menu_label = _("Processes")
    edit_view_class = ProcessEditView
    list_display = ["title", "status", "mandate_reference", "status_changed_at"]
    list_filter = ["status"]
    search_fields = ["title", "mandate_reference"]
    panels = [
        *translated_panels("title", "summary"),
        FieldPanel("slug"),
        FieldPanel("mandate_reference"),
        FieldPanel("moderation_mode"),
        MultiFieldPanel(
            [
                InlinePanel(
                    "phases",
                    label=_("Phase"),
                    panels=[
                        *translated_panels("title", "description"),
                        FieldPanel("starts_on"),
                        FieldPanel("ends_on"),
                        FieldPanel("actions"),
                    ],
                )
            ],
            heading=_("Phases"),
        ),
    ]


class FieldOfActionViewSet(ModelViewSet):
    name = "fields_of_action"
    url_prefix = "participation/fields-of-action"
    model = FieldOfAction
    icon = "folder-open-inverse"
    menu_label = _("Fields of action")
    list_display = ["name", "process", "sort_order"]
    list_filter = ["process"]
    search_fields = ["name"]
    panels = [
        FieldPanel("process"),
        *translated_panels("name", "summary", "description"),
        FieldPanel("slug"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]


class ExpertGroupViewSet(ModelViewSet):
    name = "expert_groups"
    url_prefix = "participation/expert-groups"
    model = ExpertGroup
    icon = "group"
    menu_label = _("Expert groups")
    list_display = ["name", "field_of_action"]
    search_fields = ["name"]
    panels = [
        FieldPanel("field_of_action"),
        *translated_panels("name", "description"),
        InlinePanel(
            "members",
            label=_("Member"),
            panels=[
                FieldPanel("name"),
                *translated_panels("role"),
                FieldPanel("organisation"),
                FieldPanel("user"),
                FieldPanel("is_listed_publicly"),
            ],
        ),
    ]


class AdvisorViewSet(ModelViewSet):
    name = "advisors"
    url_prefix = "participation/advisors"
    model = Advisor
    icon = "user"
    menu_label = _("Advisors")
    list_display = ["name", "organisation", "email"]
    search_fields = ["name", "email"]
    panels = [
        FieldPanel("name"),
        *translated_panels("role"),
        FieldPanel("organisation"),
        FieldPanel("fields_of_action"),
        FieldPanel("email"),
        FieldPanel("is_email_public"),
        FieldPanel("phone"),
        FieldPanel("languages", widget=SpokenLanguagesWidget),
        FieldPanel("photo"),
        FieldPanel("has_photo_consent"),
        FieldPanel("sort_order"),
    ]


class ParticipationGroup(ViewSetGroup):
    menu_label = _("Participation")
    menu_icon = "group"
    menu_order = 150
    items = (ProcessViewSet, FieldOfActionViewSet, ExpertGroupViewSet, AdvisorViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ParticipationGroup()


@hooks.register("register_admin_urls")
def register_status_urls():
    return [
        path(
            "participation/processes/<int:pk>/status/<str:action>/",
            admin_views.status_change,
            name="processes_status_change",
        ),
        path(
            "participation/processes/<int:pk>/notices/<int:change_id>/",
            admin_views.notice_correct,
            name="processes_notice_correct",
        ),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        NOTICE_CORRECTED,
        _("Correct the public notice"),
        _("Public notice corrected"),
    )
