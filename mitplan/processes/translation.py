from modeltranslation.translator import TranslationOptions, register

from .models import (
    Advisor,
    ExpertGroup,
    ExpertGroupMember,
    FieldOfAction,
    Phase,
    Process,
    StatusChange,
)


@register(Process)
class ProcessTranslation(TranslationOptions):
    fields = ("title", "summary", "status_notice")


@register(Phase)
class PhaseTranslation(TranslationOptions):
    fields = ("title", "description")


@register(StatusChange)
class StatusChangeTranslation(TranslationOptions):
    fields = ("notice",)


@register(FieldOfAction)
class FieldOfActionTranslation(TranslationOptions):
    fields = ("name", "summary", "description")


@register(ExpertGroup)
class ExpertGroupTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ExpertGroupMember)
class ExpertGroupMemberTranslation(TranslationOptions):
    fields = ("role",)


@register(Advisor)
class AdvisorTranslation(TranslationOptions):
    fields = ("role",)
