"""The demo's texts in the languages other than German and English, one module per
language (`ar.py`, `bg.py`, …), each a flat `TEXTS` dict under the keys that
`source_texts()` gives the German source in `content.py`. German stays the source:
a translation is loaded only where the German text is still the demo's."""

from importlib import import_module

from django.conf import settings

from .. import content
from ..contributions import TAGS

SOURCE = settings.LANGUAGE_CODE
TARGETS = tuple(code for code, _name in settings.LANGUAGES if code != SOURCE)


def _paragraph_text(html: str) -> str:
    return html.removeprefix("<p>").removesuffix("</p>")


def body_texts(prefix: str, body: list) -> dict[str, str]:
    """The texts of a page body, one key per block (heading text or paragraph)."""
    texts = {}
    for index, (kind, value) in enumerate(body):
        text = value["text"] if kind == "heading" else _paragraph_text(value)
        texts[f"{prefix}.body.{index}"] = text
    return texts


def source_texts(language: str) -> dict[str, str]:
    """The German (or English) texts of `content.py` under their keys."""
    texts = {
        "process.title": content.PROCESS["title"][language],
        "process.summary": content.PROCESS["summary"][language],
        "process.pause_notice": content.PROCESS["pause_notice"][language],
        "home.title": content.HOME[language]["title"],
        "home.intro": content.HOME[language]["intro"],
        "portal.title": content.PORTAL[language]["title"],
        "portal.intro": content.PORTAL[language]["intro"],
        **body_texts("portal", content.portal_body(language)),
        **{
            f"portal.media.{key}": text[language]
            for key, text in content.PORTAL_MEDIA.items()
        },
        "page.accessibility.title": content.ACCESSIBILITY["title"][language],
        "page.accessibility.intro": content.ACCESSIBILITY["intro"][language],
        **body_texts("page.accessibility", content.ACCESSIBILITY["body"][language]),
    }
    for index, phase in enumerate(content.PHASES):
        texts[f"phase.{index}.title"] = phase["title"][language]
        texts[f"phase.{index}.description"] = phase["description"][language]
    group = {"de": "Fachgruppe {}", "en": "Expert group {}"}[language]
    for field in content.FIELDS:
        for attribute in ("name", "summary", "description"):
            texts[f"field.{field['slug']}.{attribute}"] = field[attribute][language]
        texts[f"group.{field['slug']}.name"] = group.format(field["name"][language])
    column = {"de": 1, "en": 2}[language]
    for index, member in enumerate(content.MEMBERS):
        texts[f"member.{index}.role"] = member[column]
    for index, advisor in enumerate(content.ADVISORS):
        texts[f"advisor.{index}.role"] = advisor[column]
    position = {"de": 0, "en": 1}[language]
    for slug, group_names, names in TAGS:
        texts[f"tag.{slug}.group"] = group_names[position]
        texts[f"tag.{slug}.name"] = names[position]
    for page in content.STANDARD_PAGES:
        texts[f"page.{page['key']}.title"] = page["title"][language]
        texts.update(body_texts(f"page.{page['key']}", page["body"][language]))
    return texts


def texts(language: str) -> dict[str, str]:
    """Every demo text in `language`, under the keys of `source_texts()`."""
    if language in ("de", "en"):
        return source_texts(language)
    return import_module(f"{__name__}.{language}").TEXTS
