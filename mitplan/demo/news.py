"""The model case's news, from its public facts: the stop notice (the survey goes on
despite the pandemic), the results of the kickoff's seven dialogue rounds, the joint
working conference of all expert groups, the election of two delegates of migrant
organisations into the steering group (fictional names), the advisory councils'
evaluation round and a funding programme's results to download. Articles in German
and English; the notice and the kickoff's results also in Arabic and Turkish. The
survey's interim results are `survey_article` (in all ten languages).

Teaser images are drawn here (colour fields and shapes, no faces), with alt text and
a credit; the download is a one-page PDF drawn the same way. Created once the demo's
loading has committed (see `survey_article.survey_article_ensure` for why)."""

import io
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale
from wagtail_localize.synctree import synchronize_tree

from mitplan.cms.models import HomePage, ProcessPage
from mitplan.news.models import ArticlePage, Category, NewsIndexPage
from mitplan.processes.models import Process

from .translating import page_translations_ensure
from .translations import SOURCE

INDEX_SLUG = "aktuelles"
CREDIT = {
    "de": "Stadt Musterstadt (Demo)",
    "en": "City of Musterstadt (demo)",
    "ar": "مدينة موسترشتات (عرض توضيحي)",
    "tr": "Musterstadt Belediyesi (demo)",
}

INDEXES = {
    "process": {
        "de": ("Aktuelles", "Meldungen und Hinweise zum Integrationsplan."),
        "en": ("News", "News and notices on the integration plan."),
    },
    "home": {
        "de": ("Alle Meldungen", "Die Meldungen aller Beteiligungsprozesse."),
        "en": ("All news", "The news of every participation process."),
    },
}

CATEGORIES = [
    ("umfrage", {"de": "Umfrage", "en": "Survey", "ar": "استطلاع", "tr": "Anket"}),
    (
        "veranstaltungen",
        {"de": "Veranstaltungen", "en": "Events", "ar": "فعاليات", "tr": "Etkinlikler"},
    ),
    ("gremien", {"de": "Gremien", "en": "Committees", "ar": "هيئات", "tr": "Kurullar"}),
    (
        "downloads",
        {"de": "Downloads", "en": "Downloads", "ar": "تنزيلات", "tr": "İndirmeler"},
    ),
]

# (key, slug, kind, categories, dated_on, picture (colours, shape), texts by language:
#  title, teaser, alt, body paragraphs)
ARTICLES = [
    {
        "key": "notice",
        "slug": "online-befragung-laeuft-weiter",
        "kind": ArticlePage.Kind.NOTICE,
        "categories": ["umfrage"],
        "dated_on": None,
        "picture": ("#004b76", "#f4c430", "circle"),
        "texts": {
            "de": {
                "title": "Online-Befragung läuft trotz Corona weiter",
                "teaser": "Die Arbeit am Integrationsplan ruht wegen der "
                "Corona-Pandemie. Die Online-Befragung läuft aber weiter.",
                "alt": "Ein gelber Kreis auf dunkelblauem Grund.",
                "body": [
                    "Wegen der Corona-Pandemie finden zurzeit keine Treffen statt; "
                    "die Arbeit am Integrationsplan ruht.",
                    "Die Online-Befragung läuft trotzdem weiter. Machen Sie mit – "
                    "Ihre Antworten fließen in die Arbeit der Fachgruppen ein.",
                ],
            },
            "en": {
                "title": "The online survey goes on despite Corona",
                "teaser": "Work on the integration plan is suspended because of the "
                "coronavirus pandemic. The online survey goes on, though.",
                "alt": "A yellow circle on a dark blue ground.",
                "body": [
                    "Because of the coronavirus pandemic there are no meetings at the "
                    "moment; work on the integration plan is suspended.",
                    "The online survey goes on all the same. Take part – your answers "
                    "go into the work of the expert groups.",
                ],
            },
            "ar": {
                "title": "الاستطلاع عبر الإنترنت مستمر رغم كورونا",
                "teaser": "توقف العمل على خطة الاندماج بسبب جائحة كورونا. لكن "
                "الاستطلاع عبر الإنترنت مستمر.",
                "alt": "دائرة صفراء على خلفية زرقاء داكنة.",
                "body": [
                    "بسبب جائحة كورونا لا تُعقد أي اجتماعات حاليًا؛ وقد توقف العمل على "
                    "خطة الاندماج.",
                    "ومع ذلك يستمر الاستطلاع عبر الإنترنت. شاركوا – فإجاباتكم تدخل في "
                    "عمل فرق الخبراء.",
                ],
            },
            "tr": {
                "title": "Çevrimiçi anket Korona'ya rağmen devam ediyor",
                "teaser": "Uyum planı üzerindeki çalışmalar korona salgını nedeniyle "
                "durdu. Ancak çevrimiçi anket devam ediyor.",
                "alt": "Koyu mavi zemin üzerinde sarı bir daire.",
                "body": [
                    "Korona salgını nedeniyle şu anda toplantı yapılmıyor; uyum planı "
                    "üzerindeki çalışmalar durdu.",
                    "Çevrimiçi anket yine de devam ediyor. Katılın – yanıtlarınız uzman "
                    "gruplarının çalışmalarına dahil ediliyor.",
                ],
            },
        },
    },
    {
        "key": "kickoff",
        "slug": "ergebnisse-dialogrunden-auftakt",
        "kind": ArticlePage.Kind.ARTICLE,
        "categories": ["veranstaltungen"],
        "dated_on": date(2020, 1, 18),
        "picture": ("#0b6e4f", "#ffffff", "tables"),
        "texts": {
            "de": {
                "title": "Die Ergebnisse der sieben Dialogrunden der "
                "Auftaktveranstaltung",
                "teaser": "Bei der Auftaktveranstaltung am 18. Januar 2020 haben die "
                "Teilnehmenden in sieben Dialogrunden diskutiert. Hier sind die "
                "Ergebnisse.",
                "alt": "Sieben weiße Kreise, wie Tische angeordnet, auf grünem Grund.",
                "body": [
                    "Am 18. Januar 2020 begann die Überarbeitung des Integrationsplans "
                    "mit der Auftaktveranstaltung.",
                    "In sieben Dialogrunden haben Bürgerinnen und Bürger, Fachleute, "
                    "Politik und Verwaltung ihre Ideen, Wünsche und Kritik gesammelt. "
                    "Die Ergebnisse gehen an die Fachgruppen der sechs Handlungsfelder.",
                ],
            },
            "en": {
                "title": "The results of the kickoff's seven dialogue rounds",
                "teaser": "At the kickoff on 18 January 2020 the participants "
                "discussed in seven dialogue rounds. Here are the results.",
                "alt": "Seven white circles, arranged like tables, on a green ground.",
                "body": [
                    "On 18 January 2020 the revision of the integration plan began "
                    "with the kickoff event.",
                    "In seven dialogue rounds residents, experts, politics and the "
                    "city administration collected their ideas, wishes and critiques. "
                    "The results go to the expert groups of the six fields of action.",
                ],
            },
            "ar": {
                "title": "نتائج جولات الحوار السبع في الفعالية الافتتاحية",
                "teaser": "في الفعالية الافتتاحية يوم 18 يناير 2020 تناقش المشاركون "
                "في سبع جولات حوار. إليكم النتائج.",
                "alt": "سبع دوائر بيضاء مرتبة مثل الطاولات على خلفية خضراء.",
                "body": [
                    "في 18 يناير 2020 بدأت مراجعة خطة الاندماج بالفعالية الافتتاحية.",
                    "في سبع جولات حوار جمع المواطنون والخبراء والسياسيون والإدارة "
                    "أفكارهم ورغباتهم وانتقاداتهم. وتذهب النتائج إلى فرق الخبراء في "
                    "مجالات العمل الستة.",
                ],
            },
            "tr": {
                "title": "Açılış etkinliğindeki yedi diyalog turunun sonuçları",
                "teaser": "18 Ocak 2020'deki açılış etkinliğinde katılımcılar yedi "
                "diyalog turunda tartıştı. İşte sonuçlar.",
                "alt": "Yeşil zemin üzerinde masalar gibi dizilmiş yedi beyaz daire.",
                "body": [
                    "18 Ocak 2020'de uyum planının gözden geçirilmesi açılış "
                    "etkinliğiyle başladı.",
                    "Yedi diyalog turunda vatandaşlar, uzmanlar, siyaset ve belediye "
                    "fikirlerini, dileklerini ve eleştirilerini topladı. Sonuçlar altı "
                    "eylem alanının uzman gruplarına iletiliyor.",
                ],
            },
        },
    },
    {
        "key": "conference",
        "slug": "gemeinsame-arbeitskonferenz",
        "kind": ArticlePage.Kind.ARTICLE,
        "categories": ["veranstaltungen"],
        "dated_on": None,
        "picture": ("#6a1b9a", "#ffd54f", "hall"),
        "texts": {
            "de": {
                "title": "Gemeinsame Arbeitskonferenz aller Fachgruppen im Neuen "
                "Rathaus",
                "teaser": "Alle Fachgruppen haben sich zu einer gemeinsamen "
                "Arbeitskonferenz im Neuen Rathaus getroffen.",
                "alt": "Ein gelbes Gebäude mit Giebel auf violettem Grund.",
                "body": [
                    "Zum ersten Mal kamen die Fachgruppen aller sechs Handlungsfelder "
                    "zusammen, im Neuen Rathaus.",
                    "Sie haben sich über ihre Arbeit ausgetauscht und besprochen, wo "
                    "ihre Handlungsfelder einander berühren.",
                ],
            },
            "en": {
                "title": "Joint working conference of all expert groups in the New "
                "Town Hall",
                "teaser": "All expert groups met for a joint working conference in "
                "the New Town Hall.",
                "alt": "A yellow building with a gable on a violet ground.",
                "body": [
                    "For the first time the expert groups of all six fields of action "
                    "came together, in the New Town Hall.",
                    "They shared their work and discussed where their fields of action "
                    "touch each other.",
                ],
            },
        },
    },
    {
        "key": "election",
        "slug": "wahl-delegierte-lenkungsgruppe",
        "kind": ArticlePage.Kind.ARTICLE,
        "categories": ["gremien"],
        "dated_on": None,
        "picture": ("#b71c1c", "#ffffff", "two"),
        "texts": {
            "de": {
                "title": "Zwei Delegierte der Migrantenorganisationen in die "
                "Lenkungsgruppe gewählt",
                "teaser": "Die Migrantenorganisationen haben zwei Delegierte in die "
                "Lenkungsgruppe gewählt.",
                "alt": "Zwei weiße Kreise nebeneinander auf rotem Grund.",
                "body": [
                    "Die Migrantenorganisationen der Stadt haben zwei Delegierte "
                    "gewählt, die sie in der Lenkungsgruppe vertreten: Mara Musterfrau "
                    "und Yusuf Platzhalter (Namen erfunden, Demo).",
                    "Die Lenkungsgruppe begleitet die Überarbeitung des "
                    "Integrationsplans.",
                ],
            },
            "en": {
                "title": "Two delegates of migrant organisations elected into the "
                "steering group",
                "teaser": "The migrant organisations have elected two delegates into "
                "the steering group.",
                "alt": "Two white circles side by side on a red ground.",
                "body": [
                    "The city's migrant organisations have elected two delegates who "
                    "represent them in the steering group: Mara Musterfrau and Yusuf "
                    "Platzhalter (made-up names, demo).",
                    "The steering group oversees the revision of the integration plan.",
                ],
            },
        },
    },
    {
        "key": "evaluation",
        "slug": "auswertungsrunde-beiraete",
        "kind": ArticlePage.Kind.ARTICLE,
        "categories": ["gremien", "veranstaltungen"],
        "dated_on": date(2020, 9, 7),
        "picture": ("#e65100", "#ffffff", "bars"),
        "texts": {
            "de": {
                "title": "Auswertungsrunde der Beiräte am 7. September",
                "teaser": "Am 7. September haben die Beiräte die bisherigen "
                "Ergebnisse gemeinsam ausgewertet.",
                "alt": "Drei weiße Balken verschiedener Höhe auf orangem Grund.",
                "body": [
                    "Am 7. September kamen die Beiräte der Stadt zu einer "
                    "Auswertungsrunde zusammen.",
                    "Sie haben die bisherigen Ergebnisse der Beteiligung besprochen.",
                ],
            },
            "en": {
                "title": "The advisory councils' evaluation round on 7 September",
                "teaser": "On 7 September the advisory councils evaluated the results "
                "so far together.",
                "alt": "Three white bars of different heights on an orange ground.",
                "body": [
                    "On 7 September the city's advisory councils met for an evaluation "
                    "round.",
                    "They discussed the results of the participation so far.",
                ],
            },
        },
    },
    {
        "key": "funding",
        "slug": "ergebnisse-foerderprogramm",
        "kind": ArticlePage.Kind.ARTICLE,
        "categories": ["downloads"],
        "dated_on": None,
        "picture": ("#37474f", "#80deea", "page"),
        "texts": {
            "de": {
                "title": "Ergebnisse des Förderprogramms zum Herunterladen",
                "teaser": "Die Ergebnisse eines Förderprogramms stehen als PDF zum "
                "Herunterladen bereit.",
                "alt": "Ein hellblaues Blatt Papier auf grauem Grund.",
                "body": [
                    "Die Ergebnisse des Förderprogramms sind in einem Dokument "
                    "zusammengefasst.",
                ],
                "download": "Ergebnisse des Förderprogramms (PDF)",
            },
            "en": {
                "title": "A funding programme's results to download",
                "teaser": "The results of a funding programme are ready to download "
                "as a PDF.",
                "alt": "A light blue sheet of paper on a grey ground.",
                "body": [
                    "The results of the funding programme are summed up in a document.",
                ],
                "download": "Results of the funding programme (PDF)",
            },
        },
    },
]


def _picture(background: str, foreground: str, shape: str) -> bytes:
    """A 1280x720 PNG of colour fields and shapes (no faces, no text)."""
    image = PillowImage.new("RGB", (1280, 720), background)
    draw = ImageDraw.Draw(image)
    if shape == "circle":
        draw.ellipse((440, 160, 840, 560), fill=foreground)
    elif shape == "tables":
        for index in range(7):
            x = 140 + index * 150
            y = 260 if index % 2 else 400
            draw.ellipse((x, y, x + 100, y + 100), fill=foreground)
    elif shape == "hall":
        draw.polygon([(340, 300), (640, 120), (940, 300)], fill=foreground)
        draw.rectangle((380, 300, 900, 600), fill=foreground)
    elif shape == "two":
        draw.ellipse((300, 220, 580, 500), fill=foreground)
        draw.ellipse((700, 220, 980, 500), fill=foreground)
    elif shape == "bars":
        for index, height in enumerate((200, 380, 280)):
            x = 380 + index * 190
            draw.rectangle((x, 600 - height, x + 130, 600), fill=foreground)
    else:  # a sheet of paper
        draw.rectangle((500, 120, 780, 600), fill=foreground)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _image(key: str, data: dict):
    background, foreground, shape = data["picture"]
    title = f"Demo: {data['texts'][SOURCE]['title']}"
    Image = get_image_model()
    found = Image.objects.filter(title=title).first()
    if found is not None:
        return found
    content = ImageFile(
        io.BytesIO(_picture(background, foreground, shape)), name=f"news-{key}.png"
    )
    return Image.objects.create(
        title=title, file=content, collection=Collection.get_first_root_node()
    )


def _document(title: str):
    """A one-page PDF that says it stands for the published results (demo)."""
    Document = get_document_model()
    found = Document.objects.filter(title=title).first()
    if found is not None:
        return found
    sheet = PillowImage.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(sheet)
    draw.rectangle((40, 40, 555, 120), fill="#37474f")
    draw.text((60, 160), title, fill="black")
    draw.text((60, 190), "Demo", fill="black")
    out = io.BytesIO()
    sheet.save(out, "PDF")
    return Document.objects.create(
        title=title,
        file=ContentFile(out.getvalue(), name="ergebnisse-foerderprogramm.pdf"),
        collection=Collection.get_first_root_node(),
    )


def _paragraphs(texts: dict, document=None) -> list:
    body = [("paragraph", f"<p>{text}</p>") for text in texts["body"]]
    if document is not None:
        body.append(
            (
                "paragraph",
                f'<p><a linktype="document" id="{document.pk}">'
                f"{texts['download']}</a></p>",
            )
        )
    return body


def _keys(key: str, texts: dict) -> dict[str, str]:
    found = {
        f"news.{key}.title": texts["title"],
        f"news.{key}.teaser": texts["teaser"],
        f"news.{key}.alt": texts["alt"],
        **{f"news.{key}.body.{n}": text for n, text in enumerate(texts["body"])},
    }
    if "download" in texts:
        found[f"news.{key}.body.{len(texts['body'])}"] = texts["download"]
    return found


def categories_ensure() -> dict[str, Category]:
    found = {}
    for order, (slug, names) in enumerate(CATEGORIES):
        category, _created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "sort_order": order,
                **{f"name_{code}": name for code, name in names.items()},
            },
        )
        found[slug] = category
    return found


def _index_ensure(parent, texts: dict) -> NewsIndexPage:
    index = NewsIndexPage.objects.child_of(parent).first()
    if index is not None:
        return index
    title, intro = texts[SOURCE]
    index = parent.add_child(
        instance=NewsIndexPage(title=title, slug=INDEX_SLUG, intro=intro)
    )
    index.save_revision().publish()
    return index


def news_indexes_ensure(process: Process) -> NewsIndexPage | None:
    """The news index below the portal (returned) and below the home page."""
    source = Locale.objects.get(language_code=SOURCE)
    portal = ProcessPage.objects.filter(locale=source, process=process).first()
    home = HomePage.objects.filter(locale=source).first()
    if portal is None or home is None:
        return None
    _index_ensure(home, INDEXES["home"])
    return _index_ensure(portal, INDEXES["process"])


def news_ensure(process: Process) -> None:
    """Create the news once the demo's loading has committed."""
    transaction.on_commit(lambda: news_create(process))


@transaction.atomic
def news_create(process: Process) -> list[ArticlePage]:
    """The indexes and the articles that are not there yet, with translations."""
    index = news_indexes_ensure(process)
    if index is None:
        return []
    categories = categories_ensure()
    created = []
    for data in ARTICLES:
        if ArticlePage.objects.filter(slug=data["slug"], locale=index.locale).exists():
            continue
        texts = data["texts"][SOURCE]
        document = _document(texts["download"]) if "download" in texts else None
        article = ArticlePage(
            title=texts["title"],
            slug=data["slug"],
            kind=data["kind"],
            teaser=texts["teaser"],
            image=_image(data["key"], data),
            image_alt=texts["alt"],
            image_credit=CREDIT[SOURCE],
            dated_on=data["dated_on"],
            body=_paragraphs(texts, document),
        )
        article.categories.set([categories[slug] for slug in data["categories"]])
        index.add_child(instance=article)
        article.save_revision().publish()
        created.append((data, article))
    source = index.locale
    for locale in Locale.objects.exclude(pk=source.pk):
        synchronize_tree(source, locale)
    for data, article in created:
        languages = {}
        for language, texts in data["texts"].items():
            languages[language] = {
                **_keys(data["key"], texts),
                f"news.{data['key']}.credit": CREDIT.get(language, CREDIT["en"]),
            }
        page_translations_ensure(article, f"news.{data['key']}", languages)
    news_index_translations_ensure(process)
    return [article for _data, article in created]


def news_index_translations_ensure(process: Process) -> None:
    """The indexes in English (the other languages show the German ones)."""
    source = Locale.objects.get(language_code=SOURCE)
    for where in ("process", "home"):
        parent = (
            ProcessPage.objects.filter(locale=source, process=process).first()
            if where == "process"
            else HomePage.objects.filter(locale=source).first()
        )
        if parent is None:
            continue
        index = NewsIndexPage.objects.child_of(parent).first()
        if index is None:
            continue
        languages = {
            language: {
                f"news.index.{where}": title,
                f"news.index.{where}.intro": intro,
            }
            for language, (title, intro) in INDEXES[where].items()
        }
        page_translations_ensure(index, f"news.index.{where}", languages)
