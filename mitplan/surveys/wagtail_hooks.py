"""Staff screens for surveys: the survey with its questions and their answers (one
form, questions and answers reordered with their move buttons), and from its edit
screen the live monitor, closing, access codes, paper questionnaires, quotes and
the exports."""

from django import forms
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, ButtonWithDropdown, HeaderButton

from mitplan.core.panels import translated_panels

from . import (
    admin_views,
    changes,
    conditions,
    definition,
    export_views,
    limesurvey,
    limesurvey_views,
    services,
)
from .models import Question, Response, Survey

# Questions and help texts are a sentence or two: a short box keeps the long form
# of a survey's questions readable (it grows as staff type).
SHORT_TEXT = forms.Textarea(attrs={"rows": 2})

CONDITION_HELP = _(
    'Shown only if … (optional). Examples: {"question": "engaged", "in": ["yes"]} · '
    '{"question": "age", "op": ">=", "value": 18} · {"any": [ … , … ]} · '
    '{"all": [ … , … ]}. Only questions on earlier pages.'
)


class SurveyEditView(EditView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        pk = self.object.pk
        buttons.append(
            HeaderButton(
                _("Monitor"),
                url=reverse("surveys_monitor", args=[pk]),
                icon_name="view",
            )
        )
        more = [
            (_("Enter a paper questionnaire"), "surveys_paper", [pk], "plus"),
            (_("Access codes"), "surveys_codes", [pk], "key"),
            (_("Quotes from free-text answers"), "surveys_quotes", [pk], "openquote"),
            (_("Export responses (CSV)"), "surveys_export", [pk, "csv"], "download"),
            (_("Export responses (Excel)"), "surveys_export", [pk, "xlsx"], "download"),
            (_("Export responses (SPSS)"), "surveys_export", [pk, "sav"], "download"),
            (_("Codebook (CSV)"), "surveys_export", [pk, "codebook"], "download"),
            (
                _("Export the questions (JSON)"),
                "surveys_definition_export",
                [pk],
                "download",
            ),
            (_("Close the survey now"), "surveys_close", [pk], "lock"),
        ]
        buttons.append(
            ButtonWithDropdown(
                label=_("More"),
                icon_name="dots-horizontal",
                buttons=[
                    Button(
                        label,
                        url=reverse(name, args=args),
                        icon_name=icon,
                        priority=10 * i,
                    )
                    for i, (label, name, args, icon) in enumerate(more, start=1)
                ],
            )
        )
        return buttons

    def save_instance(self):
        was_public = (
            Survey.objects.filter(pk=self.object.pk)
            .values_list("are_results_public", flat=True)
            .first()
        )
        instance = super().save_instance()
        if instance.are_results_public and not was_public:
            services.results_published(instance)
        return instance

    def is_valid(self, form):
        """Refuse edits that would corrupt given answers, and conditions that do
        not fit, before anything is saved."""
        if not super().is_valid(form):
            return False
        before = list(
            Question.objects.filter(survey=self.object).prefetch_related("choices")
        )
        edited = form.save(commit=False)
        questions = sorted(
            edited.questions.all(), key=lambda q: (q.page, q.sort_order or 0)
        )
        problems = []
        if self.object.pk and Response.objects.filter(survey=self.object).exists():
            problems += changes.change_refusals(before, questions)
        problems += condition_problems(questions)
        if not problems:
            return True
        for problem in problems:
            form.add_error(None, problem)
        self.produced_error_code = "validation_error"
        self.produced_error_message = _("The survey was not saved: %(problems)s") % {
            "problems": " ".join(problems)
        }
        return False


def condition_problems(questions) -> list[str]:
    problems = []
    for question in questions:
        earlier = {q.code: q for q in questions if q.page < question.page}
        try:
            conditions.validate(question.condition, earlier=earlier)
        except Exception as error:  # noqa: BLE001 - ValidationError, said to staff
            messages_ = getattr(error, "messages", [str(error)])
            problems.append(f"{question.code}: {' '.join(messages_)}")
    return problems


class SurveyIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Import from LimeSurvey"),
                url=reverse("surveys_limesurvey_import"),
                icon_name="upload",
            ),
            HeaderButton(
                _("Import questions (JSON)"),
                url=reverse("surveys_definition_import"),
                icon_name="upload",
            ),
        ]


class SurveyViewSet(ModelViewSet):
    name = "surveys"
    url_prefix = "participation/surveys"
    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    menu_order = 160
    add_to_admin_menu = True
    edit_view_class = SurveyEditView
    index_view_class = SurveyIndexView
    list_display = ["title", "process", "opens_at", "closes_at", "response_count"]
    list_filter = ["process"]
    search_fields = ["title"]
    copy_view_enabled = False

    @cached_property
    def edit_handler(self):
        question_panels = [
            FieldRowPanel([FieldPanel("code"), FieldPanel("page"), FieldPanel("kind")]),
            *translated_panels("text", "help_text", widget=SHORT_TEXT),
            FieldRowPanel(
                [
                    FieldPanel("is_required"),
                    FieldPanel("publishes_results"),
                    FieldPanel("is_breakdown"),
                ]
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("min_choices"), FieldPanel("max_choices")]
                    ),
                    FieldPanel("allows_other"),
                    *translated_panels("other_label"),
                ],
                heading=_("Choice questions"),
                classname="collapsed",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("scale_min"),
                            FieldPanel("scale_max"),
                            FieldPanel("allows_dont_know"),
                        ]
                    ),
                    *translated_panels("scale_min_label", "scale_max_label"),
                ],
                heading=_("Scale questions"),
                classname="collapsed",
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("number_min"), FieldPanel("number_max")]),
                    *translated_panels("unit"),
                ],
                heading=_("Number questions"),
                classname="collapsed",
            ),
            FieldPanel("condition", help_text=CONDITION_HELP),
            InlinePanel(
                "choices",
                label=_("Answer or matrix line"),
                panels=[
                    FieldRowPanel([FieldPanel("code"), FieldPanel("role")]),
                    *translated_panels("label"),
                ],
            ),
        ]
        return TabbedInterface(
            [
                ObjectList(
                    [
                        FieldPanel("process"),
                        *translated_panels(
                            "title", "introduction", "privacy_text", "thanks_text"
                        ),
                        FieldPanel("slug"),
                        FieldRowPanel(
                            [FieldPanel("opens_at"), FieldPanel("closes_at")]
                        ),
                        FieldPanel("audience"),
                    ],
                    heading=_("Survey"),
                ),
                ObjectList(
                    [
                        InlinePanel(
                            "questions", label=_("Question"), panels=question_panels
                        )
                    ],
                    heading=_("Questions"),
                ),
                ObjectList(
                    [
                        FieldPanel("are_results_public"),
                        FieldPanel("min_respondents"),
                        FieldPanel("breakdown_by_language"),
                        FieldPanel("shows_sources_apart"),
                    ],
                    heading=_("Results"),
                ),
            ]
        )


@hooks.register("register_admin_viewset")
def register_viewset():
    return SurveyViewSet()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("participation/surveys/<int:pk>/", include(admin_views.URLS)),
        *export_views.URLS,
        *limesurvey_views.URLS,
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(services.LOG_CLOSED, _("Survey closed"), _("Survey closed"))
    actions.register_action(
        services.LOG_CODES, _("Access codes created"), _("Access codes created")
    )
    actions.register_action(services.LOG_QUOTE, _("Quote picked"), _("Quote picked"))
    for action, label in (
        (export_views.LOG_EXPORTED, _("Survey responses exported")),
        (definition.LOG_DEFINITION_EXPORTED, _("Survey questions exported")),
        (definition.LOG_DEFINITION_IMPORTED, _("Survey questions imported")),
    ):
        actions.register_action(action, label, label)
    actions.register_action(
        limesurvey.LOG_IMPORTED,
        _("Survey imported from LimeSurvey"),
        _("Survey imported from LimeSurvey"),
    )
    actions.register_action(
        services.LOG_PAPER,
        _("Paper questionnaire entered"),
        _("Paper questionnaire entered"),
    )
