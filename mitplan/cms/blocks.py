"""Content blocks editors compose pages from. Headings stop at h2-h4 so editors
cannot break the page outline; images always carry alt text and a credit; a live
result is one the apps lend (processes.embeds), so cms imports none of them.
Videos from a platform load nothing from it before the reader asks (two clicks)."""

import copy
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from mitplan.processes.embeds import embed_choices, embed_problem, embed_render

PARAGRAPH_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        search_index=False,  # a setting, not text a reader sees
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("Heading")
        description = _("A section heading (level 2 to 4).")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Credit"), max_length=200)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("Image")
        description = _("An image with alternative text and credit.")


class NoticeBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        search_index=False,  # a setting, not text a reader sees
        choices=[("info", _("Information")), ("warning", _("Warning"))],
        default="info",
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "warning"
        template = "cms/blocks/notice.html"
        label = _("Notice")
        description = _("A highlighted box for an important piece of information.")


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Question or title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Answer or text"), features=PARAGRAPH_FEATURES)


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/accordion.html"
        label = _("Questions and answers")
        description = _("Sections that open on click, e.g. frequently asked questions.")


class FigureChoiceBlock(blocks.ChoiceBlock):
    """A choice among the figures the apps lend, read when the editor opens the
    form. A stored value is read as it is: Wagtail's ChoiceBlock would look it up
    among all the choices (a query) on every read of the page. Migrations record
    it as a plain ChoiceBlock with the callable, not the list."""

    def to_python(self, value):
        return value

    def normalize(self, value):
        return value


class LiveResultBlock(blocks.StructBlock):
    """A live figure of an app, e.g. one survey question's interim results: drawn
    anew (from cached counters) whenever the page is read."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    level = blocks.ChoiceBlock(
        search_index=False,  # a setting, not text a reader sees
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )
    figure = FigureChoiceBlock(
        choices=embed_choices,
        label=_("Result"),
        search_index=False,
    )

    class Meta:
        icon = "table"
        template = "cms/blocks/live_result.html"
        label = _("Live result")
        description = _(
            "The current results of a survey question as a chart, updated with "
            "every answer."
        )

    def clean(self, value):
        value = super().clean(value)
        problem = embed_problem(value["figure"])
        if problem:
            raise blocks.StructBlockValidationError(
                block_errors={"figure": ValidationError(problem)}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["figure"] = embed_render(
            value["figure"], request=(parent_context or {}).get("request")
        )
        return context


HEADING_LEVELS = [("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"), max_length=2000)
    who = blocks.CharBlock(label=_("Who said it"), max_length=200)
    role = blocks.CharBlock(
        label=_("Role or organisation"), max_length=200, required=False
    )

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Quote")
        description = _("A quotation with the person who said it.")


class DownloadListBlock(blocks.StructBlock):
    """Documents to download; each link says format, size and, where it differs
    from the page's, the document's language."""

    title = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS, default="h2", label=_("Level"), search_index=False
    )
    documents = blocks.ListBlock(
        DocumentChooserBlock(label=_("Document")), min_num=1, label=_("Documents")
    )

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/download_list.html"
        label = _("Downloads")
        description = _("A list of documents with their format and size.")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Text"), max_length=500)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=80)

    class Meta:
        icon = "pick"
        template = "cms/blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A short text with a button leading to a page or address.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value["page"]) == bool(value["url"]):
            message = ValidationError(_("Choose a page or enter an address, not both."))
            raise blocks.StructBlockValidationError(
                block_errors={"page": message, "url": message}
            )
        return value


class ContactCardBlock(blocks.StructBlock):
    """A contact person or office. Personal data of staff, published on purpose:
    name and work contacts only."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(label=_("Role"), max_length=200, required=False)
    organisation = blocks.CharBlock(
        label=_("Organisation"), max_length=200, required=False
    )
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), max_length=50, required=False)
    address = blocks.TextBlock(label=_("Address"), max_length=500, required=False)

    class Meta:
        icon = "user"
        template = "cms/blocks/contact_card.html"
        label = _("Contact")
        description = _("Name, role and how to reach a contact person or office.")


class VideoChooserBlock(SnippetChooserBlock):
    """Chooses a video; a page reads its videos with their player's files at once."""

    def bulk_to_python(self, values):
        from mitplan.documents.selectors import videos_to_show

        found = videos_to_show().in_bulk(values)
        seen, result = set(), []
        for pk in values:
            video = found.get(pk)
            # The same video twice on a page: two objects, as Wagtail's own does.
            result.append(
                copy.copy(video) if video is not None and pk in seen else video
            )
            seen.add(pk)
        return result


class VideoBlock(blocks.StructBlock):
    video = VideoChooserBlock("documents.Video", label=_("Video"))

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"
        label = _("Video")
        description = _(
            "A video from this site, with captions, a transcript and a download link."
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        video = value["video"]
        context["captions"] = list(video.captions.all()) if video else []
        return context


@dataclass(frozen=True)
class VideoProvider:
    name: str
    hosts: tuple[str, ...]
    pattern: str  # matched against host + path + "?" + query; group "id"
    embed: str  # the player's address, privacy-enhanced where offered


VIDEO_PROVIDERS = (
    VideoProvider(
        "YouTube",
        ("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"),
        r"^(?:(?:www\.|m\.)?youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)"
        r"|youtu\.be/)(?P<id>[\w-]{6,20})",
        "https://www.youtube-nocookie.com/embed/{id}",
    ),
    VideoProvider(
        "Vimeo",
        ("vimeo.com", "www.vimeo.com", "player.vimeo.com"),
        r"^(?:www\.)?(?:player\.)?vimeo\.com/(?:video/)?(?P<id>\d{4,12})",
        "https://player.vimeo.com/video/{id}?dnt=1",
    ),
)


def external_video(url: str) -> tuple[VideoProvider, str] | None:
    """(provider, the player's address) for a known platform's video address."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https"):
        return None
    target = f"{parts.hostname or ''}{parts.path}?{parts.query}"
    for provider in VIDEO_PROVIDERS:
        if parts.hostname in provider.hosts:
            found = re.match(provider.pattern, target)
            if found:
                return provider, provider.embed.format(id=found["id"])
    return None


class ExternalVideoBlock(blocks.StructBlock):
    """A video on a platform, behind a placeholder: nothing is loaded from the
    platform until the reader clicks "Load video" (the player is inserted then by
    external-video.js); without JavaScript the placeholder links to the video."""

    url = blocks.URLBlock(
        label=_("Address of the video"),
        help_text=_("A YouTube or Vimeo address."),
    )
    title = blocks.CharBlock(label=_("Title of the video"), max_length=200)
    poster = ImageChooserBlock(
        label=_("Preview image"),
        required=False,
        help_text=_("An image from this site; none is fetched from the platform."),
    )
    poster_alt = blocks.CharBlock(
        label=_("Alternative text of the preview image"),
        max_length=300,
        required=False,
    )

    class Meta:
        icon = "media"
        template = "cms/blocks/external_video.html"
        label = _("Video from a platform")
        description = _(
            "A video from YouTube or Vimeo, loaded only after the reader agrees."
        )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if external_video(value["url"]) is None:
            errors["url"] = ValidationError(
                _("Enter the address of a YouTube or Vimeo video.")
            )
        if value["poster"] and not value["poster_alt"].strip():
            errors["poster_alt"] = ValidationError(_("Describe the preview image."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        found = external_video(value["url"])
        context["provider"], context["embed_url"] = found or (None, "")
        return context


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=PARAGRAPH_FEATURES,
        template="cms/blocks/paragraph.html",
    )
    image = ImageBlock()
    notice = NoticeBlock()
    accordion = AccordionBlock()
    live_result = LiveResultBlock()
    quote = QuoteBlock()
    download_list = DownloadListBlock()
    call_to_action = CallToActionBlock()
    contact_card = ContactCardBlock()
    video = VideoBlock()
    external_video = ExternalVideoBlock()
