import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from mitplan.documents.models import Caption, Document, Video, document_upload_to

from .factories import document_create, video_create

pytestmark = pytest.mark.django_db


def test_a_document_is_german_unless_told_otherwise():
    document = document_create()
    assert document.language == "de"
    assert document_create(name="flyer.pdf", language="ar").language == "ar"


def test_the_description_is_translatable_and_falls_back_to_german():
    document = document_create(
        description_de="Die Ergebnisse des Förderprogramms.",
        description_en="The funding programme's results.",
    )
    with translation.override("en"):
        assert document.description == "The funding programme's results."
    with translation.override("tr"):
        assert document.description == "Die Ergebnisse des Förderprogramms."


def test_the_label_says_format_and_size_in_the_readers_number_format():
    document = document_create(content=b"x" * 1_258_291)  # 1.2 MiB
    with translation.override("en"):
        assert document.label == "PDF, 1.2\xa0MB"
    with translation.override("de"):
        assert document.label == "PDF, 1,2\xa0MB"


def test_the_label_names_formats_readers_know():
    with translation.override("en"):
        assert document_create(name="tabelle.xlsx").label.startswith("Excel, ")
        assert document_create(name="film.webm").label.startswith("WebM, ")


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        (
            "Ergebnisse Förderprogramm 2020.PDF",
            "documents/ergebnisse-forderprogramm-2020.pdf",
        ),
        ("../../etc/passwd", "documents/passwd"),
        ("..\\..\\boot.ini", "documents/boot.ini"),
        ("<script>alert(1)</script>.pdf", "documents/script.pdf"),
        ("تقرير.pdf", "documents/document.pdf"),
        (".pdf", "documents/document.pdf"),
    ],
)
def test_uploaded_file_names_are_sanitised(uploaded, stored):
    assert document_upload_to(None, uploaded) == stored


def test_a_file_of_a_refused_format_is_refused_with_a_clear_message():
    document = Document(title="Programm")
    document.file = SimpleUploadedFile("programm.exe", b"MZ")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert "file" in refused.value.message_dict
    assert "not allowed" in refused.value.message_dict["file"][0]


def test_an_html_file_is_refused():
    document = Document(title="Seite")
    document.file = SimpleUploadedFile("seite.html", b"<script>")
    with pytest.raises(ValidationError):
        document.full_clean()


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.MITPLAN_DOCUMENT_MAX_UPLOAD_SIZE = 1000
    document = Document(title="Groß")
    document.file = SimpleUploadedFile("gross.pdf", b"x" * 1001)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert refused.value.message_dict["file"] == [
        "This file is 1001\xa0bytes; files may be at most 1000\xa0bytes."
    ]


def test_a_document_needs_a_title():
    document = Document(title="")
    document.file = SimpleUploadedFile("a.pdf", b"%PDF")
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert "title" in refused.value.message_dict


def test_a_video_must_be_a_video_file_and_its_poster_described():
    pdf = document_create()
    video = Video(title_de="Film", file=pdf)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            video.full_clean()
        # Read inside the override: the messages are translated when read.
        assert refused.value.message_dict["file"] == [
            "Choose a video file (WebM or MP4)."
        ]


def test_a_caption_track_must_be_webvtt():
    video = video_create(languages=())
    caption = Caption(video=video, language="de", file=document_create())
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            caption.full_clean()
        assert refused.value.message_dict["file"] == ["Choose a WebVTT file (.vtt)."]


def test_a_video_has_one_caption_track_per_language():
    video = video_create()
    assert [c.language for c in video.captions.all()] == ["de", "en"]
    document = Document(title="x")
    document.file.save("x.vtt", ContentFile(b"WEBVTT\n"), save=False)
    assert document.is_video is False
