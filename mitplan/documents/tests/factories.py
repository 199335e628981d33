"""Documents and videos for the tests, with files in a temporary media folder."""

from django.core.files.base import ContentFile

from mitplan.documents.models import Caption, Document, Video


def document_create(
    *, title="Ergebnisse", name="ergebnisse.pdf", content=b"%PDF-1.4 x", **fields
) -> Document:
    document = Document(title=title, **fields)
    document.file.save(name, ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


def video_create(*, languages=("de", "en"), **fields) -> Video:
    video = Video.objects.create(
        title_de=fields.pop("title_de", "Unser Integrationsplan"),
        title_en=fields.pop("title_en", "Our integration plan"),
        file=document_create(
            title="Video", name="video.webm", content=b"\x1aE\xdf\xa3 webm"
        ),
        transcript_de="Eine Erzählerin erklärt den Plan.",
        **fields,
    )
    for order, code in enumerate(languages):
        Caption.objects.create(
            video=video,
            language=code,
            sort_order=order,
            file=document_create(
                title=f"Untertitel {code}",
                name=f"captions-{code}.vtt",
                content=b"WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n",
                language=code,
            ),
        )
    return video
