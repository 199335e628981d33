"""Online surveys of a process: the questionnaire (survey, questions, choices), the
responses, and the tallies the results are read from.

A response keeps its answers as one JSON object (question code → value), so that a
survey's definition can grow (a translation, a corrected wording) without touching
the stored answers, and an export reads one row per response. The public results
never count responses: they read `Tally` rows, which the submitting service adds to
in the same transaction as the response (`manage.py recount_surveys` checks them).

Texts residents read are translated per field (translation.py); German is the source.
Codes (of questions and choices) are what answers, tallies and exports refer to:
once responses exist they never change (services.definition_change_refusal).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from mitplan.processes.models import Process

# No "__": the form names a matrix's line "q_<question>__<line>".
code_validator = RegexValidator(
    r"^(?!.*__)[A-Za-z][A-Za-z0-9_]{0,39}$",
    _(
        "A code starts with a letter and holds letters, digits and single _ "
        "(at most 40)."
    ),
)
# An answer's code may start with a digit ("1to5", LimeSurvey's "1"): it names no
# variable of its own in the exports.
choice_code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_]{0,39}$",
    _("An answer's code holds letters, digits and _ (at most 40)."),
)

# Bars for a question only once this many people answered it (staff may raise it).
DEFAULT_MIN_RESPONDENTS = 10
# A group of a breakdown is shown only with at least this many respondents.
MIN_GROUP_SIZE = 5


class SurveyQuerySet(models.QuerySet):
    def listed(self):
        """What the portal lists: surveys that have opened."""
        return self.filter(opens_at__lte=timezone.now())

    def ended(self, now):
        """Closed by staff or past their closing time: nobody can answer any more."""
        return self.filter(Q(closed_at__isnull=False) | Q(closes_at__lte=now))


class Survey(ClusterableModel):
    class Audience(models.TextChoices):
        ANYONE = "anyone", _("Anyone (one response per device)")
        SIGNED_IN = "signed_in", _("Signed-in residents (one response per account)")
        ACCESS_CODE = "access_code", _("Holders of an access code (one per code)")

    process = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        related_name="surveys",
        verbose_name=_("process"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    introduction = models.TextField(_("introduction"), max_length=4000, blank=True)
    privacy_text = models.TextField(
        _("privacy text"),
        max_length=4000,
        blank=True,
        help_text=_(
            "What is kept, for how long and why. The platform adds what it keeps "
            "itself (the cookie that marks a started survey)."
        ),
    )
    thanks_text = models.TextField(_("text after sending"), max_length=2000, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    audience = models.CharField(
        _("who may answer"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.ANYONE,
    )
    min_respondents = models.PositiveSmallIntegerField(
        _("fewest answers before a question's results show"),
        default=DEFAULT_MIN_RESPONDENTS,
        validators=[MinValueValidator(DEFAULT_MIN_RESPONDENTS)],
    )
    are_results_public = models.BooleanField(
        _("publish interim results"),
        default=True,
        help_text=_("Off: the results page says that results are not published."),
    )
    shows_sources_apart = models.BooleanField(
        _("show online and paper responses apart"), default=False
    )
    breakdown_by_language = models.BooleanField(
        _("offer a breakdown by the language answered in"), default=True
    )
    # Closed by staff before closes_at; a pause of the process does not close it.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The results as published at closing; never changes afterwards.
    final_results = models.JSONField(null=True, blank=True, editable=False)

    # Counters (services keep them, recount_surveys checks them).
    response_count = models.PositiveIntegerField(default=0, editable=False)
    results_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Staff edits (not the counters, which change by update()): part of the key
    # under which the results are cached.
    changed_at = models.DateTimeField(auto_now=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "slug"], name="survey_slug_unique_in_process"
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("A survey closes after it opens.")}, code="order"
            )

    @property
    def ends_at(self):
        """When answering ends: closing by staff or the planned date."""
        if self.closed_at and self.closed_at < self.closes_at:
            return self.closed_at
        return self.closes_at

    def is_over(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    def has_opened(self, now=None) -> bool:
        return (now or timezone.now()) >= self.opens_at

    def languages(self) -> list[str]:
        """The languages the survey is offered in: German and every language its
        title is translated into (staff translate the rest with it)."""
        offered = [settings.LANGUAGE_CODE]
        for code, _name in settings.LANGUAGES:
            if code != settings.LANGUAGE_CODE and getattr(self, f"title_{code}", ""):
                offered.append(code)
        return offered


class Question(ClusterableModel, Orderable):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale")
        MATRIX = "matrix", _("Matrix (several items on one scale)")
        RANKING = "ranking", _("Ranking")
        NUMBER = "number", _("Number")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.MATRIX, Kind.RANKING)
    TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)

    survey = ParentalKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("survey"),
    )
    code = models.CharField(
        _("code"),
        max_length=40,
        validators=[code_validator],
        help_text=_("Names the question in exports and conditions, e.g. age_group."),
    )
    page = models.PositiveSmallIntegerField(
        _("page"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("question"), max_length=1000)
    help_text = models.TextField(_("help text"), max_length=1000, blank=True)
    is_required = models.BooleanField(_("answer required"), default=False)
    allows_other = models.BooleanField(_('offers "other, namely …"'), default=False)
    other_label = models.CharField(_('label of "other"'), max_length=200, blank=True)
    min_choices = models.PositiveSmallIntegerField(
        _("fewest choices"), null=True, blank=True
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most choices"), null=True, blank=True
    )
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    scale_min_label = models.CharField(
        _("label of the lowest"), max_length=100, blank=True
    )
    scale_max_label = models.CharField(
        _("label of the highest"), max_length=100, blank=True
    )
    allows_dont_know = models.BooleanField(_('offers "don\'t know"'), default=False)
    number_min = models.DecimalField(
        _("smallest number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    number_max = models.DecimalField(
        _("largest number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    # Shown only if the condition holds on earlier answers (conditions.py).
    condition = models.JSONField(_("show only if"), null=True, blank=True)
    publishes_results = models.BooleanField(_("publish its results"), default=True)
    is_breakdown = models.BooleanField(
        _("offer a breakdown of the results by this question"), default=False
    )

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"], name="question_code_unique_in_survey"
            )
        ]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"

    @property
    def has_choices(self) -> bool:
        return self.kind in self.CHOICE_KINDS

    @property
    def is_text(self) -> bool:
        return self.kind in self.TEXT_KINDS

    def options(self):
        return [c for c in self.choices.all() if c.role == Choice.Role.OPTION]

    def items(self):
        return [c for c in self.choices.all() if c.role == Choice.Role.ITEM]

    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))


class Choice(Orderable):
    """An answer to choose (role option), or for a matrix one of its rows (item);
    a matrix's columns are its options."""

    class Role(models.TextChoices):
        OPTION = "option", _("Answer")
        ITEM = "item", _("Item (matrix row)")

    question = ParentalKey(
        Question,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("question"),
    )
    code = models.CharField(
        _("code"), max_length=40, validators=[choice_code_validator]
    )
    label = models.CharField(_("label"), max_length=300)
    role = models.CharField(
        _("role"), max_length=10, choices=Role.choices, default=Role.OPTION
    )

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "role", "code"],
                name="choice_code_unique_in_question",
            )
        ]

    def __str__(self):
        return self.label


class Response(models.Model):
    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper questionnaire")
        EVENT = "event", _("Collected at an event")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses"
    )
    answers = models.JSONField(default=dict)
    language = models.CharField(_("language answered in"), max_length=8)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ONLINE
    )
    source_note = models.CharField(
        _("where it was collected"), max_length=200, blank=True
    )
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # Who answered, only as far as "one response per person" needs it: a digest
    # of the device's token (anyone), the account (signed-in), or the code.
    respondent_key = models.CharField(max_length=64, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by (staff)"),
    )
    submission_key = models.CharField(
        max_length=120, null=True, blank=True, unique=True
    )
    submission_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"],
                condition=~Q(respondent_key=""),
                name="one_response_per_respondent",
            ),
            models.UniqueConstraint(
                fields=["survey", "account"],
                condition=Q(account__isnull=False),
                name="one_response_per_account",
            ),
        ]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self):
        return f"{self.survey_id}#{self.pk}"


class Draft(models.Model):
    """Answers of a started survey, kept so the person can resume on the same
    device (the cookie holds the token; this row only its digest)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    respondent_key = models.CharField(max_length=64)
    answers = models.JSONField(default=dict)
    language = models.CharField(max_length=8, blank=True)
    access_code = models.ForeignKey(
        "AccessCode", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"], name="one_draft_per_respondent"
            )
        ]

    def __str__(self):
        return f"{self.survey_id}: draft"


class AccessCode(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="access_codes"
    )
    code = models.CharField(max_length=20, unique=True)
    group = models.CharField(_("invited group"), max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("access code")
        verbose_name_plural = _("access codes")

    def __str__(self):
        return self.code


class Tally(models.Model):
    """How often `key` was answered to `question` (by responses from `source`),
    overall (`group_by` "") or within the group `group_key` of a breakdown
    (`group_by`: a question's code, or "@language"). Keys: a choice code, a scale
    value, "@other", "@dont_know", "item:choice" (matrix), "choice@rank" (ranking),
    a number (numbers), "@answered" (respondents of the question) and, on the
    survey's own row (question null), "@responses"."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=40)  # its code; "" for the survey's row
    key = models.CharField(max_length=100)
    source = models.CharField(max_length=10)
    group_by = models.CharField(max_length=41, default="")
    group_key = models.CharField(max_length=100, default="")
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question", "key", "source", "group_by", "group_key"],
                name="one_tally_per_key",
            )
        ]
        indexes = [models.Index(fields=["survey", "group_by"])]

    def __str__(self):
        return f"{self.question}/{self.key}: {self.count}"


class Quote(models.Model):
    """A free-text answer staff picked to show with the results, after reading it."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="quotes"
    )
    text = models.TextField(_("quote"), max_length=2000)
    picked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    picked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_quote_per_answer"
            )
        ]

    def __str__(self):
        return self.text[:60]
