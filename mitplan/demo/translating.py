"""Give the demo its translations, on a fresh load and on a demo database loaded
before they existed (`load_demo` runs on every `make run`).

Staff edits win, always:
- a data text (django-modeltranslation's `title_ar` …) is filled only where it is
  empty and its German source is still the demo's German text;
- a page is translated only where the language still shows the German page (an
  alias), and only when every text segment of the German page is a demo text.

Pages are translated through wagtail-localize's own objects (a `Translation` per
page and language, the strings in its translation memory), not by copying pages:
staff then edit them in the translation editor, and after an edit of the German page
"Sync translated pages" shows which strings need a new translation."""

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from mitplan.cms.models import (
    AccessibilityStatementPage,
    HomePage,
    ProcessPage,
    StandardPage,
)
from mitplan.contributions.models import Tag
from mitplan.processes.models import (
    Advisor,
    ExpertGroupMember,
    FieldOfAction,
    Phase,
    Process,
    StatusChange,
)

from . import content
from .translations import SOURCE, TARGETS, source_texts, texts

# Segments that keep their German value in every language: the slugs, so that
# addresses stay /ar/lip/, /uk/datenschutz/ and so on.
KEPT_AS_IS = ("slug",)


def _fill(obj, field: str, key: str, languages: dict[str, dict[str, str]]) -> int:
    """Set the empty translations of `obj.field` to the demo's; 0 if the German
    source is no longer the demo's (staff rewrote it)."""
    if getattr(obj, f"{field}_{SOURCE}") != languages[SOURCE][key]:
        return 0
    filled = 0
    for language in TARGETS:
        if not getattr(obj, f"{field}_{language}"):
            setattr(obj, f"{field}_{language}", languages[language][key])
            filled += 1
    return filled


def _save_filled(obj, pairs: list[tuple[str, str]], languages) -> int:
    filled = sum(_fill(obj, field, key, languages) for field, key in pairs)
    if filled:
        obj.save()
    return filled


def data_translations_ensure(process: Process, languages) -> int:
    """Process, phases, pause notices, fields, expert groups, roles and tags."""
    filled = _save_filled(
        process,
        [
            ("title", "process.title"),
            ("summary", "process.summary"),
            ("status_notice", "process.pause_notice"),
        ],
        languages,
    )
    for change in StatusChange.objects.filter(process=process):
        filled += _save_filled(change, [("notice", "process.pause_notice")], languages)
    phases = Phase.objects.filter(process=process).order_by("sort_order", "pk")
    for index, phase in enumerate(phases[: len(content.PHASES)]):
        filled += _save_filled(
            phase,
            [
                ("title", f"phase.{index}.title"),
                ("description", f"phase.{index}.description"),
            ],
            languages,
        )
    slugs = [field["slug"] for field in content.FIELDS]
    fields = FieldOfAction.objects.filter(process=process, slug__in=slugs)
    for field in fields.select_related("expert_group"):
        filled += _save_filled(
            field,
            [
                (attribute, f"field.{field.slug}.{attribute}")
                for attribute in ("name", "summary", "description")
            ],
            languages,
        )
        group = getattr(field, "expert_group", None)
        if group is not None:
            filled += _save_filled(
                group, [("name", f"group.{field.slug}.name")], languages
            )
    roles = {
        languages[SOURCE][f"member.{index}.role"]: f"member.{index}.role"
        for index in range(len(content.MEMBERS))
    }
    members = ExpertGroupMember.objects.filter(
        group__field_of_action__process=process, role_de__in=roles
    )
    for member in members:
        filled += _save_filled(member, [("role", roles[member.role_de])], languages)
    names = {advisor[0]: index for index, advisor in enumerate(content.ADVISORS)}
    for advisor in Advisor.objects.filter(name__in=names):
        key = f"advisor.{names[advisor.name]}.role"
        filled += _save_filled(advisor, [("role", key)], languages)
    tags = Tag.objects.filter(process=process)
    for tag in tags:
        if f"tag.{tag.slug}.name" in languages[SOURCE]:
            filled += _save_filled(
                tag,
                [("group", f"tag.{tag.slug}.group"), ("name", f"tag.{tag.slug}.name")],
                languages,
            )
    return filled


def demo_pages(process: Process) -> dict[str, Page]:
    """The demo's German pages by their key in `source_texts()` ("portal",
    "page.privacy", …) where they still exist."""
    source = Locale.objects.get(language_code=SOURCE)
    home = HomePage.objects.filter(locale=source).first()
    if home is None:
        return {}
    pages: dict[str, Page] = {"home": home}
    portal = ProcessPage.objects.filter(locale=source, process=process).first()
    if portal is not None:
        pages["portal"] = portal
    for data in content.STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=data["slug"]).first()
        if page is not None:
            pages[f"page.{data['key']}"] = page
    accessibility = AccessibilityStatementPage.objects.child_of(home).first()
    if accessibility is not None:
        pages["page.accessibility"] = accessibility
    return pages


def _page_strings(prefix: str, languages) -> dict[str, dict[str, str]]:
    """{German text: {language: translation}} of one page's keys."""
    german = languages[SOURCE]
    return {
        german[key]: {
            language: languages[language][key]
            for language in TARGETS
            if language in languages
        }
        for key in german
        if key == prefix or key.startswith(f"{prefix}.")
    }


def page_translations_ensure(page: Page, prefix: str, languages) -> int:
    """Translate one German page into every language of `languages` that still
    shows it as an alias; returns how many languages were translated."""
    page = page.specific
    targets = [
        translation
        for translation in page.get_translations().select_related("locale")
        if translation.alias_of_id == page.pk
        and translation.locale.language_code in TARGETS
        and translation.locale.language_code in languages
    ]
    if not targets:
        return 0
    strings = _page_strings(prefix, languages)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    segments = list(
        StringSegment.objects.filter(source=source).select_related("string", "context")
    )
    texts_by_segment = {}
    for segment in segments:
        if segment.context.path in KEPT_AS_IS:
            continue
        german = StringValue(segment.string.data).render_text()
        if german not in strings:
            return 0  # staff changed the German page: leave its translation to them
        texts_by_segment[segment.pk] = strings[german]
    rows = []
    for target in targets:
        for segment in segments:
            if segment.pk in texts_by_segment:
                text = texts_by_segment[segment.pk][target.locale.language_code]
                data = StringValue.from_plaintext(text).data
            else:
                data = segment.string.data
            rows.append(
                StringTranslation(
                    translation_of=segment.string,
                    locale=target.locale,
                    context=segment.context,
                    data=data,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
            )
    # Plain text, escaped: nothing for StringTranslation.save() to flag as an error.
    # A translation already in the memory (a staff edit) is kept.
    StringTranslation.objects.bulk_create(rows, ignore_conflicts=True)
    for target in targets:
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=target.locale
        )
        translation.save_target(publish=True)
    return len(targets)


def demo_translations_ensure() -> int:
    """Fill in whatever demo translation is missing; returns how many texts and
    pages it translated (0 when there was nothing left to do)."""
    process = Process.objects.filter(slug=content.PROCESS["slug"]).first()
    if process is None:
        return 0
    languages = {SOURCE: source_texts(SOURCE)}
    languages.update({language: texts(language) for language in TARGETS})
    done = data_translations_ensure(process, languages)
    # Parents first: a translated page below a translated home page.
    for key, page in demo_pages(process).items():
        done += page_translations_ensure(page, key, languages)
    return done
