from modeltranslation.translator import TranslationOptions, register

from .models import Choice, Question, Survey


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "introduction", "privacy_text", "thanks_text")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = (
        "text",
        "help_text",
        "other_label",
        "scale_min_label",
        "scale_max_label",
        "unit",
    )


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label",)
