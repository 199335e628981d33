"""Content blocks editors compose pages from. Headings stop at h2-h4 so editors
cannot break the page outline; images always carry alt text and a credit; a live
result is one the apps lend (processes.embeds), so cms imports none of them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from mitplan.processes.embeds import embed_choices, embed_problem, embed_render

PARAGRAPH_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
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
