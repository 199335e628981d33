"""The demo's documents and video, its FAQ page, and its plain-language page linked
with the portal. The video and its captions are shipped in `media/` (made
once by scripts/make-demo-video); the PDFs are drawn here. No file is fetched."""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from mitplan.cms.models import ProcessPage, StandardPage
from mitplan.documents.models import Caption, Document, Video

from . import content

MEDIA = Path(__file__).resolve().parent / "media"
CREDIT = "Stadt Musterstadt (Demo)"


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF (Pillow saves images as PDF) with a title bar and text."""
    sheet = PillowImage.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(sheet)
    draw.rectangle((40, 40, 555, 110), fill="#003868")
    for number, line in enumerate(lines):
        draw.text((60, 150 + 30 * number), line, fill="black")
    out = io.BytesIO()
    sheet.save(out, "PDF", resolution=72)
    return out.getvalue()


def _document(title: str, name: str, content: bytes, **fields) -> Document:
    found = Document.objects.filter(title=title).first()
    if found is not None:
        return found
    return Document.objects.create(
        title=title,
        file=ContentFile(content, name=name),
        collection=Collection.get_first_root_node(),
        **fields,
    )


def documents_ensure() -> list[Document]:
    return [
        _document(
            "Ergebnisse Förderprogramm Integration 2019",
            "ergebnisse-foerderprogramm-2019.pdf",
            _pdf(["Ergebnisse Foerderprogramm Integration 2019", "", "Demo"]),
            description_de=(
                "Welche Projekte das Förderprogramm 2019 unterstützt hat und was "
                "sie erreicht haben."
            ),
            description_en=(
                "Which projects the 2019 funding programme supported and what they "
                "achieved."
            ),
        ),
        _document(
            "Local Integration Plan: summary in English",
            "lip-summary-en.pdf",
            _pdf(["Local Integration Plan 2.0", "Summary in English", "", "Demo"]),
            language="en",
            description_de="Eine kurze Zusammenfassung des Plans auf Englisch.",
            description_en="A short summary of the plan in English.",
        ),
    ]


def video_ensure() -> Video:
    found = Video.objects.filter(title_de="Der Lokale Integrationsplan in 10 Sekunden")
    if found.exists():
        return found.first()
    file = _document(
        "Video: Der Lokale Integrationsplan",
        "lip-video.webm",
        (MEDIA / "lip-video.webm").read_bytes(),
    )
    poster = get_image_model().objects.create(
        title="Demo: Standbild des Videos",
        file=ImageFile(
            io.BytesIO((MEDIA / "lip-video-poster.png").read_bytes()),
            name="lip-video-poster.png",
        ),
        collection=Collection.get_first_root_node(),
    )
    video = Video.objects.create(
        title_de="Der Lokale Integrationsplan in 10 Sekunden",
        title_en="The Local Integration Plan in 10 seconds",
        title_ar="خطة الاندماج المحلية في 10 ثوانٍ",
        file=file,
        poster=poster,
        poster_alt=(
            "Dunkelblaue Fläche mit der weißen Schrift „Lokaler Integrationsplan“."
        ),
        poster_credit=CREDIT,
        transcript_de=(
            "Ein Film ohne Ton mit fünf Texttafeln: Der Lokale Integrationsplan "
            "wird neu geschrieben. Alle Menschen in der Stadt können mitmachen. "
            "Schicken Sie Ideen, Wünsche und Kritik. Es gibt sechs Handlungsfelder, "
            "zum Beispiel Bildung. Machen Sie mit auf mitplan."
        ),
        transcript_en=(
            "A film without sound with five text panels: The Local Integration Plan "
            "is being rewritten. Everyone in the city can take part. Send your "
            "ideas, wishes and critiques. There are six fields of action, for "
            "example education. Take part on mitplan."
        ),
        transcript_ar=(
            "فيلم بلا صوت من خمس لوحات نصية: تُعاد كتابة خطة الاندماج المحلية. "
            "يمكن لجميع سكان المدينة المشاركة. أرسلوا أفكاركم وأمنياتكم "
            "وانتقاداتكم. هناك ستة مجالات عمل، منها التعليم. شاركوا على mitplan."
        ),
    )
    for order, code in enumerate(("de", "en", "ar")):
        Caption.objects.create(
            video=video,
            language=code,
            sort_order=order,
            file=_document(
                f"Untertitel ({code}): Der Lokale Integrationsplan",
                f"lip-video-{code}.vtt",
                (MEDIA / f"lip-video.{code}.vtt").read_bytes(),
                language=code,
            ),
        )
    return video


FAQ = [
    (
        "Was ist der Lokale Integrationsplan?",
        "Der Plan sagt, was die Stadt für das Zusammenleben aller Menschen tut – "
        "in sechs Handlungsfeldern, mit Zielen und Maßnahmen. Der Rat hat ihn 2008 "
        "beschlossen; jetzt wird er neu geschrieben.",
    ),
    (
        "Wer kann mitmachen?",
        "Alle, die in der Stadt leben, arbeiten oder lernen – egal welche "
        "Staatsangehörigkeit sie haben. Sie können in Ihrer Sprache schreiben.",
    ),
    (
        "Muss ich mich anmelden?",
        "Nein. Sie können Beiträge ohne Konto schicken. Eine E-Mail-Adresse geben "
        "Sie nur an, wenn Sie über Antworten informiert werden möchten.",
    ),
    (
        "Was passiert mit meinem Beitrag?",
        "Die Fachgruppe des Handlungsfelds liest ihn und sagt öffentlich, was sie "
        "damit gemacht hat: übernommen, teilweise übernommen oder nicht – mit Gründen.",
    ),
    (
        "Wie lange dauert die Beteiligung?",
        "Die Beteiligung läuft, bis der Entwurf fertig ist. Die Zeitleiste auf der "
        "Startseite des Verfahrens zeigt die Phasen.",
    ),
]


def _child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def media_load(*, portal: ProcessPage, plain: StandardPage) -> dict[str, Page]:
    """Documents and video on the portal, a FAQ page below it, and `plain` marked as
    the portal's plain-language version."""
    documents = documents_ensure()
    video = video_ensure()
    portal.body.append(
        ("heading", {"text": content.PORTAL_MEDIA["video"]["de"], "level": "h2"})
    )
    portal.body.append(("video", {"video": video}))
    portal.body.append(
        (
            "download_list",
            {
                "title": content.PORTAL_MEDIA["downloads"]["de"],
                "level": "h2",
                "documents": documents,
            },
        )
    )
    faq = _child(
        portal,
        StandardPage(
            title="Häufige Fragen",
            slug="haeufige-fragen",
            intro="Antworten auf die Fragen, die uns am häufigsten gestellt werden.",
            search_description=(
                "Häufige Fragen zur Beteiligung am Lokalen Integrationsplan: wer "
                "mitmachen kann, was mit Beiträgen geschieht, wie lange es dauert."
            ),
            body=[
                (
                    "accordion",
                    {"items": [{"title": q, "text": _p(a)} for q, a in FAQ]},
                ),
                (
                    # A platform's video behind the two-click placeholder: nothing
                    # is loaded from YouTube until the reader asks for it.
                    "external_video",
                    {
                        "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                        "title": (
                            "Beispiel für ein Video von einer Plattform: „Big Buck "
                            "Bunny“ (Blender Foundation, CC BY 3.0)"
                        ),
                        "poster": None,
                        "poster_alt": "",
                    },
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Der Plan wird besser, wenn viele Stimmen darin vorkommen."
                        ),
                        "who": "Büro für Integration",
                        "role": "Stadt Musterstadt (Demo)",
                    },
                ),
                (
                    "contact_card",
                    {
                        "name": "Büro für Integration",
                        "role": "Geschäftsstelle des Integrationsplans",
                        "organisation": "Stadt Musterstadt (Demo)",
                        "email": "integration@example.org",
                        "phone": "+49 000 000000",
                        "address": "Musterplatz 1\n00000 Musterstadt",
                    },
                ),
                (
                    "call_to_action",
                    {
                        "text": "Haben Sie eine Idee für den Plan?",
                        "page": portal,
                        "url": "",
                        "button_label": "Zur Beteiligung",
                    },
                ),
            ],
        ),
    )
    # The demo's plain-language page (content.STANDARD_PAGES) is the portal's
    # plain-language version: both link to each other from this one field.
    plain.is_plain_language = True
    plain.save_revision().publish()
    portal.plain_language_page = plain
    portal.save_revision().publish()
    return {"faq": faq, "plain_language": plain}
