"""Files staff publish (downloads, videos, captions) and self-hosted videos.

A document knows its language, so a link to an Arabic leaflet on a German page is
marked `hreflang="ar"`, and every link to it says its format and size ("PDF, 1.2 MB")."""

import contextlib
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.documents.models import AbstractDocument
from wagtail.models import Orderable

from mitplan.core.panels import translated_panels

# Names readers know a format by; anything else is shown as its extension.
FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": "ODT",
    "ods": "ODS",
    "txt": "TXT",
    "csv": "CSV",
    "zip": "ZIP",
    "vtt": "WebVTT",
    "mp4": "MP4",
    "webm": "WebM",
    "jpg": "JPEG",
    "png": "PNG",
}
VIDEO_EXTENSIONS = ("mp4", "webm")


def document_upload_to(instance, filename: str) -> str:
    """A safe name whatever the uploader's was: lower-case ASCII letters, digits and
    hyphens, the extension kept (no path, no dots, no spaces, no control characters)."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = extension, ""
    stem = slugify(stem)[:80].strip("-") or "document"
    extension = slugify(extension)[:10]
    return f"documents/{stem}.{extension}" if extension else f"documents/{stem}"


def language_choices():
    return list(settings.LANGUAGES)


class Document(AbstractDocument):
    file = models.FileField(upload_to=document_upload_to, verbose_name=_("file"))
    # Wagtail's own Document (still installed) takes the default reverse names.
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by user"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_by_user.wagtail_reference_index_ignore = True
    tags = TaggableManager(
        help_text=None,
        blank=True,
        verbose_name=_("tags"),
        related_name="mitplan_documents",
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=language_choices,
        default="de",
        help_text=_("The language the document is written in."),
    )
    description = models.TextField(
        _("description"),
        max_length=1000,
        blank=True,
        help_text=_("What the document contains, in one or two sentences."),
    )

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "tags",
        "language",
        *(f"description_{code}" for code, _name in settings.LANGUAGES),
    )

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def save(self, *args, **kwargs):
        # Wagtail's upload forms set the size; documents made in code get it here,
        # so every link can say it without opening the file.
        if self.file and self.file_size is None:
            with contextlib.suppress(OSError):
                self.file_size = self.file.size
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        size = self.file.size if self.file else 0
        limit = settings.MITPLAN_DOCUMENT_MAX_UPLOAD_SIZE
        if size and size > limit:
            raise ValidationError(
                {
                    "file": _("This file is %(size)s; files may be at most %(limit)s.")
                    % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
                }
            )

    @property
    def format_name(self) -> str:
        extension = self.file_extension.lower()
        return FORMAT_NAMES.get(extension, extension.upper())

    @property
    def label(self) -> str:
        """Format and size in the active language: "PDF, 1.2 MB", "PDF, 1,2 MB"."""
        if self.file_size is None:
            return self.format_name
        return _("%(format)s, %(size)s") % {
            "format": self.format_name,
            "size": filesizeformat(self.file_size),
        }

    @property
    def is_video(self) -> bool:
        return self.file_extension.lower() in VIDEO_EXTENSIONS


class Video(ClusterableModel):
    """A self-hosted video: the file, a poster, captions per language and a
    transcript, so it can be followed without sound and without the video."""

    title = models.CharField(_("title"), max_length=255)
    file = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("video file"),
        help_text=_("A WebM or MP4 file."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("poster image"),
    )
    poster_alt = models.CharField(
        _("alternative text of the poster"),
        max_length=300,
        blank=True,
        help_text=_("What the poster image shows."),
    )
    poster_credit = models.CharField(
        _("credit of the poster"), max_length=200, blank=True
    )
    transcript = models.TextField(
        _("transcript or description"),
        blank=True,
        help_text=_("What is said and shown, for people who cannot watch or hear it."),
    )

    panels = [
        *translated_panels("title", "transcript"),
        FieldPanel("file"),
        FieldPanel("poster"),
        FieldPanel("poster_alt"),
        FieldPanel("poster_credit"),
        InlinePanel("captions", label=_("Captions")),
    ]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.file_id and not self.file.is_video:
            errors["file"] = _("Choose a video file (WebM or MP4).")
        if self.poster_id and not self.poster_alt.strip():
            errors["poster_alt"] = _("Describe the poster image.")
        if self.poster_id and not self.poster_credit.strip():
            errors["poster_credit"] = _("Name who made the poster image.")
        if errors:
            raise ValidationError(errors)


class Caption(Orderable):
    """One WebVTT caption track of a video, in one language."""

    video = ParentalKey(Video, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(
        _("language"), max_length=8, choices=language_choices, default="de"
    )
    file = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("WebVTT file"),
    )

    panels = [FieldPanel("language"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("captions")
        constraints = [
            models.UniqueConstraint(
                fields=["video", "language"], name="documents_caption_one_per_language"
            )
        ]

    def clean(self):
        super().clean()
        if self.file_id and self.file.file_extension.lower() != "vtt":
            raise ValidationError({"file": _("Choose a WebVTT file (.vtt).")})
