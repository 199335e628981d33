"""The content blocks of issue 10, rendered as readers get them."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.blocks import StreamValue, StructBlockValidationError

from mitplan.cms.blocks import (
    BodyBlock,
    CallToActionBlock,
    ExternalVideoBlock,
    external_video,
)
from mitplan.documents.tests.factories import document_create, video_create

pytestmark = pytest.mark.django_db

LOADING = {
    "iframe": "src",
    "img": "src",
    "script": "src",
    "link": "href",
    "video": "poster",
    "source": "src",
    "track": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}


class LoadedAddresses(HTMLParser):
    """Addresses a browser fetches on its own while showing the HTML."""

    def __init__(self):
        super().__init__()
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in LOADING and attrs.get(LOADING[tag]):
            self.addresses.append(attrs[LOADING[tag]])
        if attrs.get("srcset"):
            self.addresses.append(attrs["srcset"])
        if "style" in attrs and "url(" in attrs["style"]:
            self.addresses.append(attrs["style"])


def _render(*blocks, context=None) -> str:
    value = StreamValue(BodyBlock(), list(blocks))
    request = RequestFactory().get("/en/")
    return "".join(
        block.render(
            context={"CURRENT_LANGUAGE": "en", "request": request, **(context or {})}
        )
        for block in value
    )


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_a_download_link_says_format_and_size_in_the_readers_language():
    document = document_create(title="Results", content=b"x" * 1_258_291, language="en")
    with translation.override("en"):
        html = _render(
            (
                "download_list",
                {"title": "Downloads", "level": "h2", "documents": [document]},
            ),
            context={"content_lang": "en"},
        )
    assert '<h2 class="kern-heading-large">Downloads</h2>' in html
    assert f'href="{document.url}"' in html
    assert "(PDF, 1.2\xa0MB)" in html
    assert "hreflang" not in html


def test_a_document_in_another_language_is_marked_with_hreflang_and_lang():
    document = document_create(title="ملخص", name="summary.pdf", language="ar")
    with translation.override("en"):
        html = _render(
            (
                "download_list",
                {"title": "Downloads", "level": "h3", "documents": [document]},
            ),
            context={"content_lang": "en"},
        )
    assert 'hreflang="ar"' in html
    assert 'lang="ar" dir="rtl">ملخص</span>' in html
    assert ", Arabic)" in html


def test_a_video_has_its_caption_tracks_poster_free_loading_and_a_download():
    video = video_create()
    with translation.override("en"):
        html = _render(("video", {"video": video}))
    assert '<video class="mp-video__player" controls preload="none"' in html
    assert f'<source src="{video.file.url}" type="video/webm">' in html
    for caption in video.captions.all():
        assert (
            f'<track kind="captions" srclang="{caption.language}"' in html
            and f'src="{caption.file.url}"' in html
        )
    assert 'label="Deutsch"' in html and 'label="English"' in html
    assert "Video download" in html and "(WebM, " in html
    assert "Transcript" in html


def test_the_external_video_placeholder_loads_nothing_from_the_platform():
    with translation.override("en"):
        html = _render(
            (
                "external_video",
                {
                    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                    "title": "The plan explained",
                    "poster": None,
                    "poster_alt": "",
                },
            )
        )
    parser = LoadedAddresses()
    parser.feed(html)
    assert parser.addresses  # the script that inserts the player on the click
    for address in parser.addresses:
        assert urlsplit(address).netloc == "", address
    assert "<iframe" not in html
    assert 'data-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    # Without JavaScript: a plain link to the video; the button shows only with it.
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert "data-mp-load hidden" in html
    assert "Load video" in html and "YouTube receives your IP address" in html


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
    ],
)
def test_known_platforms_play_from_their_privacy_enhanced_player(url, embed):
    assert external_video(url)[1] == embed


def test_every_video_player_is_allowed_as_a_frame_and_nothing_else(settings):
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
    embeds = {
        urlsplit(external_video(url)[1]).netloc
        for url in ("https://youtu.be/dQw4w9WgXcQ", "https://vimeo.com/76979871")
    }
    assert {urlsplit(a).netloc for a in allowed if a != "'self'"} == embeds
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]


@pytest.mark.parametrize(
    "url",
    ["https://example.org/video.mp4", "javascript:alert(1)", "https://youtube.com/"],
)
def test_an_unknown_video_address_is_refused(url):
    with translation.override("en"):
        with pytest.raises(StructBlockValidationError) as refused:
            ExternalVideoBlock().clean(
                {"url": url, "title": "x", "poster": None, "poster_alt": ""}
            )
        assert "url" in refused.value.block_errors


def test_a_call_to_action_leads_to_a_page_or_an_address_not_both():
    block = CallToActionBlock()
    value = block.to_python(
        {"text": "Go", "page": None, "url": "", "button_label": "Go"}
    )
    with translation.override("en"), pytest.raises(StructBlockValidationError):
        block.clean(value)
    value = block.to_python(
        {
            "text": "Go",
            "page": None,
            "url": "https://example.org/",
            "button_label": "Go",
        }
    )
    html = block.render(block.clean(value))
    assert 'href="https://example.org/"' in html


def test_a_quote_and_a_contact_card_render_their_parts():
    html = _render(
        ("quote", {"text": "Viele Stimmen.", "who": "A. Beispiel", "role": "Beirat"}),
        (
            "contact_card",
            {
                "name": "Büro für Integration",
                "role": "",
                "organisation": "Stadt",
                "email": "integration@example.org",
                "phone": "+49 000 1",
                "address": "Musterplatz 1",
            },
        ),
    )
    assert "<blockquote" in html and "A. Beispiel" in html and "Beirat" in html
    assert 'href="mailto:integration@example.org"' in html
    assert "<address>Musterplatz 1</address>" in html


def _blocks_within(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from _blocks_within(child)
    if getattr(block, "child_block", None) is not None:  # a ListBlock's items
        yield from _blocks_within(block.child_block)


def test_no_block_setting_is_indexed_as_text_readers_search_for():
    # A choice (a heading's "Level 2", a notice's "Warning") is the editor's setting:
    # the site search must not find pages by its label.
    from wagtail.blocks import ChoiceBlock

    from mitplan.cms.blocks import BodyBlock

    choices = [b for b in _blocks_within(BodyBlock()) if isinstance(b, ChoiceBlock)]
    assert choices
    assert [b.name for b in choices if b.search_index] == []
