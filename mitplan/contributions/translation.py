from modeltranslation.translator import TranslationOptions, register

from .models import Statement, Tag


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("group", "name")


@register(Statement)
class StatementTranslation(TranslationOptions):
    fields = ("text",)
