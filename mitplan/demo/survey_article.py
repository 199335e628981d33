"""The news the model case published a few days after its survey started: interim
results of the online survey, with the live charts of two of its questions (the
fields of action with the greatest need, how welcome people feel). An article in
the process's news (`news.py`), in German and translated like the demo's other
pages (through wagtail-localize, `translating.page_translations_ensure`). It was a
page right below the portal once: its old addresses lead to it."""

from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from mitplan.cms.models import ProcessPage
from mitplan.news.models import ArticlePage
from mitplan.processes.models import Process
from mitplan.surveys import embeds as survey_embeds
from mitplan.surveys.models import Survey

from .news import categories_ensure, news_indexes_ensure
from .survey import SLUG as SURVEY_SLUG
from .translating import page_translations_ensure
from .translations import SOURCE

SLUG = "zwischenergebnisse-online-befragung"
PREFIX = "article"
# The questions whose charts the article shows, under the headings body.1 and body.2.
CHARTS = ("fields", "welcome")

TEXTS = {
    "de": {
        "title": "Zwischenergebnisse der Online-Befragung",
        "intro": "Schon weit über 300 Menschen haben an der Online-Befragung zum "
        "Zusammenleben in unserer Stadt teilgenommen – vielen Dank!",
        "body.0": "Die Umfrage läuft weiter, und ihre Ergebnisse wachsen mit jeder "
        "Antwort. Hier sehen Sie zwei ihrer Fragen so, wie sie gerade stehen. Es sind "
        "Zwischenergebnisse: die Antworten der Menschen, die mitgemacht haben – keine "
        "repräsentative Befragung.",
        "body.1": "Wo der Bedarf am größten ist",
        "body.2": "Wie willkommen sich die Menschen fühlen",
        "body.3": "Noch nicht mitgemacht? Die Umfrage ist weiter offen, in zehn "
        "Sprachen. Die Fachgruppen nehmen ihre Ergebnisse in die Arbeit am "
        "Integrationsplan auf.",
    },
    "en": {
        "title": "Interim results of the online survey",
        "intro": "Well over 300 people have already taken part in the online survey "
        "on living together in our city – thank you!",
        "body.0": "The survey goes on, and its results grow with every answer. Here "
        "you see two of its questions as they stand right now. These are interim "
        "results: the answers of the people who took part – not a representative "
        "poll.",
        "body.1": "Where the need is greatest",
        "body.2": "How welcome people feel",
        "body.3": "Not taken part yet? The survey is still open, in ten languages. "
        "The expert groups take its results into their work on the integration plan.",
    },
    "ar": {
        "title": "النتائج المرحلية للاستطلاع عبر الإنترنت",
        "intro": "شارك حتى الآن أكثر بكثير من 300 شخص في الاستطلاع عبر الإنترنت حول "
        "العيش المشترك في مدينتنا – شكرًا لكم!",
        "body.0": "يستمر الاستطلاع، وتزداد نتائجه مع كل إجابة. ترون هنا سؤالين منه "
        "كما تبدو نتائجهما الآن. هذه نتائج مرحلية: إجابات الأشخاص الذين شاركوا – "
        "وليست استطلاعًا تمثيليًا.",
        "body.1": "أين تكون الحاجة أكبر",
        "body.2": "إلى أي مدى يشعر الناس بالترحيب",
        "body.3": "لم تشاركوا بعد؟ لا يزال الاستطلاع مفتوحًا بعشر لغات. وتأخذ فرق "
        "الخبراء نتائجه في الحسبان في عملها على خطة الاندماج.",
    },
    "bg": {
        "title": "Междинни резултати от онлайн анкетата",
        "intro": "Вече доста над 300 души участваха в онлайн анкетата за съвместния "
        "живот в нашия град – благодарим Ви!",
        "body.0": "Анкетата продължава и резултатите ѝ растат с всеки отговор. Тук "
        "виждате два от въпросите ѝ такива, каквито са в момента. Това са междинни "
        "резултати: отговорите на хората, които са участвали – не представително "
        "проучване.",
        "body.1": "Къде нуждата е най-голяма",
        "body.2": "Доколко хората се чувстват добре дошли",
        "body.3": "Още не сте участвали? Анкетата е все още отворена, на десет езика. "
        "Експертните работни групи включват резултатите ѝ в работата си по плана "
        "за интеграция.",
    },
    "ro": {
        "title": "Rezultate intermediare ale sondajului online",
        "intro": "Cu mult peste 300 de persoane au participat deja la sondajul online "
        "despre viața în comun în orașul nostru – vă mulțumim!",
        "body.0": "Sondajul continuă, iar rezultatele sale cresc cu fiecare răspuns. "
        "Aici vedeți două dintre întrebările sale, așa cum arată în acest moment. "
        "Sunt rezultate intermediare: răspunsurile persoanelor care au participat – "
        "nu un sondaj reprezentativ.",
        "body.1": "Unde este nevoia cea mai mare",
        "body.2": "Cât de bineveniți se simt oamenii",
        "body.3": "Nu ați participat încă? Sondajul este în continuare deschis, în "
        "zece limbi. Grupurile de lucru de experți includ rezultatele sale în lucrul "
        "la planul de integrare.",
    },
    "tr": {
        "title": "Çevrimiçi anketin ara sonuçları",
        "intro": "Kentimizde birlikte yaşam üzerine çevrimiçi ankete şimdiden 300'ün "
        "çok üzerinde kişi katıldı – teşekkür ederiz!",
        "body.0": "Anket devam ediyor ve sonuçları her yanıtla birlikte büyüyor. "
        "Burada anketin iki sorusunu şu anki haliyle görüyorsunuz. Bunlar ara "
        "sonuçlardır: katılan kişilerin yanıtları – temsili bir anket değildir.",
        "body.1": "İhtiyacın en büyük olduğu alanlar",
        "body.2": "İnsanlar kendilerini ne kadar hoş karşılanmış hissediyor",
        "body.3": "Henüz katılmadınız mı? Anket on dilde açık olmaya devam ediyor. "
        "Uzman grupları sonuçlarını uyum planı üzerindeki çalışmalarına dahil ediyor.",
    },
    "ru": {
        "title": "Промежуточные результаты онлайн-опроса",
        "intro": "В онлайн-опросе о совместной жизни в нашем городе уже приняли "
        "участие значительно больше 300 человек – спасибо Вам!",
        "body.0": "Опрос продолжается, и его результаты растут с каждым ответом. "
        "Здесь Вы видите два его вопроса в том виде, в каком они сейчас. Это "
        "промежуточные результаты: ответы людей, принявших участие, – а не "
        "репрезентативный опрос.",
        "body.1": "Где потребность больше всего",
        "body.2": "Насколько люди чувствуют себя желанными",
        "body.3": "Вы ещё не участвовали? Опрос по-прежнему открыт, на десяти языках. "
        "Экспертные рабочие группы учитывают его результаты в работе над планом "
        "интеграции.",
    },
    "pl": {
        "title": "Wyniki cząstkowe ankiety online",
        "intro": "W ankiecie online o wspólnym życiu w naszym mieście wzięło już "
        "udział znacznie ponad 300 osób – dziękujemy Państwu!",
        "body.0": "Ankieta trwa, a jej wyniki rosną z każdą odpowiedzią. Tutaj widzą "
        "Państwo dwa jej pytania w obecnym stanie. To wyniki cząstkowe: odpowiedzi "
        "osób, które wzięły udział – a nie badanie reprezentatywne.",
        "body.1": "Gdzie potrzeba jest największa",
        "body.2": "Na ile ludzie czują się mile widziani",
        "body.3": "Jeszcze nie wzięli Państwo udziału? Ankieta jest nadal otwarta, w "
        "dziesięciu językach. Eksperckie grupy robocze uwzględniają jej wyniki w "
        "pracy nad planem integracji.",
    },
    "uk": {
        "title": "Проміжні результати онлайн-опитування",
        "intro": "В онлайн-опитуванні про спільне життя в нашому місті вже взяли "
        "участь значно більше 300 людей – дякуємо Вам!",
        "body.0": "Опитування триває, і його результати зростають з кожною "
        "відповіддю. Тут Ви бачите два його запитання такими, якими вони є зараз. Це "
        "проміжні результати: відповіді людей, які взяли участь, – а не "
        "репрезентативне опитування.",
        "body.1": "Де потреба найбільша",
        "body.2": "Наскільки люди почуваються бажаними",
        "body.3": "Ще не взяли участь? Опитування й далі відкрите, десятьма мовами. "
        "Експертні робочі групи враховують його результати в роботі над планом "
        "інтеграції.",
    },
    "fa": {
        "title": "نتایج میانی نظرسنجی آنلاین",
        "intro": "تاکنون بسیار بیش از 300 نفر در نظرسنجی آنلاین دربارهٔ زندگی مشترک "
        "در شهر ما شرکت کرده‌اند – از شما سپاسگزاریم!",
        "body.0": "نظرسنجی ادامه دارد و نتایج آن با هر پاسخ بیشتر می‌شود. در اینجا دو "
        "پرسش آن را همان‌گونه که اکنون هستند می‌بینید. این‌ها نتایج میانی‌اند: "
        "پاسخ‌های کسانی که شرکت کرده‌اند – نه یک نظرسنجی معرّف.",
        "body.1": "بیشترین نیاز کجاست",
        "body.2": "مردم تا چه اندازه احساس می‌کنند از آن‌ها استقبال می‌شود",
        "body.3": "هنوز شرکت نکرده‌اید؟ نظرسنجی همچنان به ده زبان باز است. گروه‌های "
        "تخصصی نتایج آن را در کار خود روی برنامهٔ ادغام در نظر می‌گیرند.",
    },
}


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _body(texts: dict[str, str], figures: dict[str, str]) -> list:
    body = [("paragraph", _p(texts["body.0"]))]
    for index, code in enumerate(CHARTS, start=1):
        if code in figures:
            heading = texts[f"body.{index}"]
            body.append(
                (
                    "live_result",
                    {"heading": heading, "level": "h2", "figure": figures[code]},
                )
            )
    body.append(("paragraph", _p(texts["body.3"])))
    return body


def survey_article_ensure(process: Process) -> None:
    """Create the article below the process's portal, with its translations, once
    the current transaction (the demo's loading) has committed. Not before:
    wagtail-localize publishes the translations of the portal and the home page at
    that commit, from those pages as they were when translated, which would undo
    the tree's count of a child added since and the address of its translations."""
    transaction.on_commit(lambda: article_create(process))


@transaction.atomic
def article_create(process: Process) -> ArticlePage | None:
    """The article, unless it is there (or the news or the demo survey is not)."""
    source = Locale.objects.get(language_code=SOURCE)
    index = news_indexes_ensure(process)
    survey = Survey.objects.filter(process=process, slug=SURVEY_SLUG).first()
    if index is None or survey is None:
        return None
    if ArticlePage.objects.child_of(index).filter(slug=SLUG).exists():
        return None
    figures = {
        code: survey_embeds.figure_value(survey, code)
        for code in CHARTS
        if not survey_embeds.problem(survey_embeds.figure_key(survey.pk, code))
    }
    texts = TEXTS[SOURCE]
    article = ArticlePage(
        title=texts["title"],
        slug=SLUG,
        teaser=texts["intro"],
        body=_body(texts, figures),
    )
    article.categories.set([categories_ensure()["umfrage"]])
    index.add_child(instance=article)
    article.save_revision().publish()
    for locale in Locale.objects.exclude(pk=source.pk):
        synchronize_tree(source, locale)
    languages = {
        language: {f"{PREFIX}.{key}": text for key, text in by_key.items()}
        for language, by_key in TEXTS.items()
    }
    page_translations_ensure(article, PREFIX, languages)
    old_addresses_lead_to(article)
    return article


def old_addresses_lead_to(article: ArticlePage) -> None:
    """The article's address right below the portal, in every language, redirects
    to it (permanently)."""
    for page in ArticlePage.objects.filter(translation_key=article.translation_key):
        portal = ProcessPage.objects.filter(
            locale_id=page.locale_id, process=page.process_id
        ).first()
        url = portal.get_url() if portal else None
        if url:
            Redirect.add_redirect(f"{url}{SLUG}/", redirect_to=page)
