from modeltranslation.translator import TranslationOptions, register

from .models import Document, Video


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("description",)


@register(Video)
class VideoTranslation(TranslationOptions):
    fields = ("title", "transcript")
