"""Demo contributions for the LIP 2.0 process: what residents sent in the first half
of 2020, and how far each got (moderation, expert group, public statement).

Everything goes through the services, so counters and history are what the live
system would have written; a small timeline then runs the steps in date order and
backdates each one, so every history reads received → published → forwarded →
answered. All people are fictional; pseudonyms are obviously made up.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone, translation

from mitplan.comments.models import Comment
from mitplan.comments.services import comment_add
from mitplan.contributions.models import (
    Contribution,
    HistoryEntry,
    Statement,
    Support,
    Tag,
)
from mitplan.contributions.services import (
    contribution_forward,
    contribution_merge,
    contribution_publish,
    contribution_reject,
    contribution_submit,
    statement_draft,
    statement_publish,
    support_add,
)
from mitplan.processes.models import ExpertGroupMember, FieldOfAction, Process

# slug, group (de, en), name (de, en)
TAGS = [
    ("nordstadt", ("Stadtteil", "District"), ("Nordstadt", "Nordstadt")),
    ("suedviertel", ("Stadtteil", "District"), ("Südviertel", "Südviertel")),
    ("altstadt", ("Stadtteil", "District"), ("Altstadt", "Old town")),
    ("eltern", ("Zielgruppe", "Target group"), ("Eltern", "Parents")),
    ("jugendliche", ("Zielgruppe", "Target group"), ("Jugendliche", "Young people")),
    (
        "senior-innen",
        ("Zielgruppe", "Target group"),
        ("Senior*innen", "Older people"),
    ),
    ("gefluechtete", ("Zielgruppe", "Target group"), ("Geflüchtete", "Refugees")),
]

OWNER = {
    "username": "demo-amt",
    "first_name": "Olga",
    "last_name": "Beispiel-Amt",
}
EXPERT = {
    "username": "demo-fachgruppe",
    "first_name": "Erika",
    "last_name": "Mustermann",
}
OWNER_SIGNATURE = "Olga Beispiel-Amt (Büro für Integration)"

KICKOFF_NOTE = "Auftaktveranstaltung, Dialogrunde {}"
# Expert groups started work in February.
EXPERT_GROUPS_START = date(2020, 2, 3)

# flow: pending | rejected | merged | published | forwarded | drafted | answered
# comments: (pseudonym, language, text, reply or None); reply: (pseudonym, language, text)
CONTRIBUTIONS = [
    # --- Bildung -----------------------------------------------------------------
    {
        "key": "abendkurse",
        "field": "bildung",
        "kind": "wish",
        "language": "de",
        "title": "Sprachkurse am Abend und am Wochenende",
        "text": (
            "Ich arbeite im Schichtdienst in der Pflege und schaffe die "
            "Integrationskurse am Vormittag einfach nicht. Bitte mehr Kurse abends "
            "oder samstags, gerne mit Kinderbetreuung. In meinem Bekanntenkreis haben "
            "viele das gleiche Problem."
        ),
        "pseudonym": "Schichtarbeiterin_N",
        "tags": ["eltern", "nordstadt"],
        "day": (1, 19),
        "flow": "answered",
        "outcome": "taken",
        "statement_de": (
            "Die Fachgruppe Bildung hat Ihren Wunsch in den Entwurf aufgenommen (Ziel "
            "B 2, Maßnahme „Sprachkurse zu Randzeiten“): Ab 2021 soll es in jedem "
            "Stadtteil mindestens einen Deutschkurs am Abend oder am Samstag geben, "
            "die Hälfte davon mit Kinderbetreuung. Die Volkshochschule und zwei freie "
            "Träger haben zugesagt. Über das Geld für die Kinderbetreuung entscheidet "
            "der Rat mit dem Haushalt."
        ),
        "statement_en": (
            "The expert group on education has taken your wish into the draft (goal "
            "B 2, measure “Language courses at off-peak times”): from 2021, every "
            "district is to have at least one German course in the evening or on "
            "Saturdays, half of them with childcare. The adult education centre and "
            "two independent providers have agreed to take part. The council decides "
            "on the money for childcare with the budget."
        ),
        "supports": 34,
        "comments": [
            (
                "Papa_aus_dem_Südviertel",
                "de",
                "Unbedingt! Und bitte wirklich mit Kinderbetreuung, sonst bringt es "
                "Eltern gar nichts.",
                (
                    "Schichtarbeiterin_N",
                    "de",
                    "Genau das meinte ich, danke!",
                ),
            ),
            (
                "Nachteule",
                "de",
                "Online-Kurse am Abend wären auch eine Möglichkeit, grade jetzt wo "
                "alles zu ist.",
                None,
            ),
        ],
    },
    {
        "key": "abendkurse-doppelt",
        "field": "bildung",
        "kind": "wish",
        "language": "de",
        "title": "Deutschkurs nach Feierabend",
        "text": (
            "gibt es keine deutschkurse nach 18 uhr?? ich arbeite bis 17 uhr und alle "
            "kurse die ich gefunden hab sind morgens. so kann man nicht lernen"
        ),
        "day": (1, 27),
        "flow": "merged",
        "merge_into": "abendkurse",
        "supports": 7,
        "support_offset": 30,
        "comments": [
            (
                "Lernpatin",
                "de",
                "In der Stadtbibliothek gibt es dienstags ab 18 Uhr ein offenes "
                "Sprachcafé, vielleicht hilft das erstmal.",
                None,
            ),
        ],
    },
    {
        "key": "kita-mehrsprachig",
        "field": "bildung",
        "kind": "idea",
        "language": "de",
        "title": "Mehrsprachigkeit in der Kita wertschätzen",
        "text": (
            "Meine Tochter spricht zuhause Türkisch und in der Kita soll sie nur "
            "Deutsch sprechen. Ich fände es schön, wenn die Erzieher*innen die "
            "Familiensprachen mehr einbeziehen, z.B. Bilderbücher in mehreren Sprachen "
            "oder Lieder. Mehrsprachigkeit ist doch eine Stärke und kein Problem!"
        ),
        "pseudonym": "Mama_zweisprachig",
        "tags": ["eltern"],
        "day": (1, 22),
        "flow": "answered",
        "outcome": "partly",
        "statement_de": (
            "Die Fachgruppe teilt Ihr Anliegen: Mehrsprachigkeit ist eine Stärke. In "
            "den Entwurf aufgenommen sind mehrsprachige Bücherkisten für alle "
            "städtischen Kitas und Fortbildungen für Erzieher*innen zur Sprachbildung "
            "mit Familiensprachen. Vorgaben für Kitas freier Träger kann die Stadt "
            "nicht machen; sie lädt die Träger aber zu einem gemeinsamen Fachtag ein. "
            "Deshalb ist der Vorschlag teilweise übernommen."
        ),
        "supports": 19,
        "comments": [
            (
                "Erzieherin_Beispielkita",
                "de",
                "Als Erzieherin: Wir würden gern, aber uns fehlen Materialien und "
                "Fortbildung. Bücherkisten wären super.",
                None,
            ),
        ],
    },
    {
        "key": "hausaufgaben-tr",
        "field": "bildung",
        "kind": "wish",
        "language": "tr",
        "title": "Ödev yardımı için ücretsiz bir yer",
        "text": (
            "Çocuklarım ortaokula gidiyor ve ben Almanca ödevlerde yardım edemiyorum. "
            "Mahallede ücretsiz ödev yardımı olsa çok iyi olur. Bildiğim kadarıyla "
            "Nordstadt'ta hiç yok, en yakını otobüsle 30 dakika."
        ),
        "pseudonym": "Anne_Nordstadt",
        "tags": ["eltern", "nordstadt"],
        "day": (2, 4),
        "flow": "forwarded",
        "supports": 21,
        "comments": [
            (
                "Komşu_Örnek",
                "tr",
                "Gençlik merkezinde salı günleri var ama çok kalabalık, yer bulmak zor.",
                None,
            ),
        ],
    },
    {
        "key": "mentoring",
        "field": "bildung",
        "kind": "idea",
        "language": "de",
        "title": "Mentoring für den Übergang Schule – Ausbildung",
        "text": (
            "Viele Jugendliche aus Seiteneinsteigerklassen wissen nach der Schule "
            "nicht, wie es weitergeht. Ältere Azubis oder Studierende mit eigener "
            "Migrationsgeschichte könnten als Mentor*innen helfen: Bewerbungen, "
            "Praktikum suchen, einfach mal erzählen wie es bei ihnen war."
        ),
        "pseudonym": "Lehrer_im_Ruhestand",
        "tags": ["jugendliche"],
        "day": (3, 2),
        "flow": "published",
        "supports": 9,
    },
    {
        "key": "kita-platz-ar",
        "field": "bildung",
        "kind": "wish",
        "language": "ar",
        "title": "صعوبة الحصول على مكان في الحضانة",
        "text": (
            "نحن عائلة وصلنا قبل سنتين، ونبحث منذ سنة عن مكان في الحضانة لابننا. "
            "بدون حضانة لا أستطيع حضور دورة اللغة. أرجو تسهيل التسجيل وتوفير "
            "معلومات بالعربية عن طريقة التقديم."
        ),
        "pseudonym": "أم_مثال",
        "tags": ["eltern", "gefluechtete"],
        "day": (1, 24),
        "flow": "answered",
        "outcome": "covered",
        "statement_de": (
            "Zusätzliche Kita-Plätze plant die Stadt in der Kita-Bedarfsplanung, nicht "
            "im Integrationsplan; dort ist ein Ausbau in der Nordstadt und im "
            "Südviertel bis 2022 vorgesehen. Ihr zweiter Punkt ist schon umgesetzt: "
            "Seit Februar 2020 erklärt das Kita-Portal der Stadt die Anmeldung auch auf "
            "Arabisch, Türkisch und Englisch, und die Kita-Lotsinnen beraten "
            "persönlich. Zu Kursen mit Kinderbetreuung siehe Maßnahme B 2."
        ),
        "statement_en": (
            "The city plans additional day-care places in its day-care needs plan, not "
            "in the integration plan; it foresees more places in Nordstadt and "
            "Südviertel by 2022. Your second point is already in place: since February "
            "2020 the city's day-care portal explains registration in Arabic, Turkish "
            "and English too, and the day-care guides advise in person. For courses "
            "with childcare see measure B 2."
        ),
        "supports": 16,
        "comments": [
            (
                "جار_مثال",
                "ar",
                "نفس المشكلة عندنا. سجلنا في ثلاث حضانات ولم يرد أحد.",
                None,
            ),
        ],
    },
    {
        "key": "lehrkraefte",
        "field": "bildung",
        "kind": "critique",
        "language": "de",
        "title": "Zu wenig Lehrkräfte mit Migrationsgeschichte",
        "text": (
            "Notiert von der Moderation: An den Schulen gibt es kaum Lehrkräfte, die "
            "selbst eingewandert sind oder Herkunftssprachen sprechen. Kinder haben "
            "so keine Vorbilder, und Elterngespräche klappen oft nur mit den eigenen "
            "Kindern als Dolmetscher."
        ),
        "source_note": KICKOFF_NOTE.format(1),
        "day": (1, 21),
        "flow": "drafted",
        "outcome": "partly",
        "statement_de": (
            "Entwurf: Die Fachgruppe schlägt vor, Lehrkräfte mit Herkunftssprachen "
            "gezielt an Schulen mit Seiteneinsteigerklassen zu werben und einen Pool "
            "für Dolmetschung bei Elterngesprächen aufzubauen. Einstellungen von "
            "Lehrkräften liegen beim Land, deshalb nur teilweise."
        ),
        "supports": 12,
    },
    {
        "key": "werbung",
        "field": "bildung",
        "kind": "idea",
        "language": "de",
        "title": "Deutsch B1 in 8 Wochen!!!",
        "text": (
            "Bei uns lernen Sie Deutsch B1 in nur 8 Wochen, mit Garantie! Jetzt "
            "anmelden unter 0000 999 999, Aktionspreis nur diesen Monat."
        ),
        "pseudonym": "Sprachschule_Blitz",
        "day": (2, 11),
        "flow": "rejected",
        "reason": (
            "Ihr Beitrag wirbt für ein kommerzielles Angebot. Werbung ist nach den "
            "Regeln der Beteiligung nicht erlaubt. Ideen, wie Sprachkurse in der "
            "Stadt besser werden können, sind natürlich willkommen."
        ),
    },
    # --- Wirtschaft --------------------------------------------------------------
    {
        "key": "anerkennung",
        "field": "wirtschaft",
        "kind": "critique",
        "language": "de",
        "title": "Anerkennung von Berufsabschlüssen dauert viel zu lange",
        "text": (
            "Ich bin Bauingenieur und warte seit 14 Monaten auf die Anerkennung "
            "meines Abschlusses. In der Zeit arbeite ich im Lager. Die Beratung war "
            "gut, aber das Verfahren ist zu langsam und man muss alles mehrfach "
            "übersetzen und beglaubigen lassen, das kostet hunderte Euro."
        ),
        "pseudonym": "Ingenieur_ohne_Baustelle",
        "day": (1, 20),
        "flow": "answered",
        "outcome": "partly",
        "statement_de": (
            "Wie lange ein Anerkennungsverfahren dauert, entscheiden die Kammern und "
            "Landesbehörden, nicht die Stadt. Die Fachgruppe hat deshalb aufgenommen, "
            "was die Stadt selbst tun kann: einen Härtefallfonds, der Übersetzungs- und "
            "Beglaubigungskosten für Menschen mit geringem Einkommen übernimmt, und "
            "eine feste Ansprechperson für Anerkennung im Jobcenter. Für kürzere "
            "Fristen setzt sich die Stadt beim Land ein."
        ),
        "statement_en": (
            "How long a recognition procedure takes is decided by the chambers and "
            "state authorities, not by the city. The expert group has therefore taken "
            "in what the city can do itself: a hardship fund that pays translation and "
            "certification costs for people on low incomes, and a fixed contact person "
            "for recognition at the job centre. The city will press the state for "
            "shorter deadlines."
        ),
        "supports": 40,
        "comments": [
            (
                "Ärztin_in_Wartestellung",
                "de",
                "Bei mir als Ärztin genauso, 2 Jahre. Und dann noch die Fachsprachprüfung "
                "mit monatelanger Wartezeit.",
                (
                    "Ingenieur_ohne_Baustelle",
                    "de",
                    "Krass. Man verliert so viel Zeit und die Firmen suchen doch Leute.",
                ),
            ),
            (
                "Handwerk_Muster",
                "de",
                "Wir würden sofort einstellen, wenn die Papiere schneller da wären.",
                None,
            ),
        ],
    },
    {
        "key": "jobmesse-en",
        "field": "wirtschaft",
        "kind": "idea",
        "language": "en",
        "title": "Job fair for international professionals",
        "text": (
            "Why not organise a job fair where local companies meet people who came "
            "from abroad? Many of us have degrees and work experience but no network "
            "here. Being able to start the conversation in English would help, "
            "German can come later."
        ),
        "pseudonym": "NewInTown_Dev",
        "day": (1, 28),
        "flow": "answered",
        "outcome": "taken",
        "statement_de": (
            "Die Idee ist in den Entwurf übernommen (Ziel W 1): Die Wirtschaftsförderung "
            "richtet ab 2021 einmal im Jahr die Jobmesse „Talente aus aller Welt“ aus. "
            "Gespräche sind auf Deutsch und Englisch möglich, für weitere Sprachen gibt "
            "es Dolmetschung; die Anerkennungsberatung ist mit einem Stand dabei."
        ),
        "statement_en": (
            "The idea has been taken into the draft (goal W 1): from 2021, the "
            "business development office will hold the job fair “Talent from all over "
            "the world” once a year. Conversations can be in German or English, with "
            "interpreting for other languages; the recognition advice service will "
            "have a stand."
        ),
        "supports": 27,
        "comments": [
            (
                "Recruiterin_Beispiel",
                "de",
                "Gute Idee! Wir suchen gerade IT-Leute, Englisch ist bei uns kein "
                "Problem.",
                None,
            ),
        ],
    },
    {
        "key": "gruendung-tr",
        "field": "wirtschaft",
        "kind": "wish",
        "language": "tr",
        "title": "İş kurmak isteyenlere Türkçe danışmanlık",
        "text": (
            "Kendi kuaför salonumu açmak istiyorum ama bürokrasi çok karışık: vergi "
            "dairesi, ruhsat, kira sözleşmesi, sigorta... Türkçe de danışmanlık veren "
            "bir yer olsa çok işime yarardı. Arkadaşlarım da aynı durumda."
        ),
        "pseudonym": "Kuaför_Örnek",
        "day": (2, 9),
        "flow": "forwarded",
        "supports": 14,
    },
    {
        "key": "azubi-sprache",
        "field": "wirtschaft",
        "kind": "wish",
        "language": "de",
        "title": "Sprachförderung für Azubis direkt im Betrieb",
        "text": (
            "Unsere Azubis aus Afghanistan und Eritrea sind super motiviert, scheitern "
            "aber in der Berufsschule an der Fachsprache. Wir bräuchten "
            "ausbildungsbegleitende Sprachförderung im Betrieb oder an der "
            "Berufsschule. Grüße aus einem kleinen Handwerksbetrieb in der Altstadt"
        ),
        "pseudonym": "Meisterbetrieb_Muster",
        "tags": ["gefluechtete", "jugendliche", "altstadt"],
        "day": (1, 30),
        "flow": "answered",
        "outcome": "covered",
        "statement_de": (
            "Ausbildungsbegleitende Sprachförderung gibt es bereits: Das Programm "
            "„Sprache im Beruf“ der Volkshochschule, das die Stadt mitfinanziert, "
            "bietet Kurse direkt an den Berufsschulen an. Es ist im Handlungsfeld "
            "Bildung als Maßnahme B 4 fortgeschrieben. Der Fachberater Wirtschaft "
            "meldet sich bei Ihnen, damit Ihre Auszubildenden einen Platz bekommen."
        ),
        "supports": 11,
    },
    {
        "key": "arbeit-ar",
        "field": "wirtschaft",
        "kind": "wish",
        "language": "ar",
        "title": "عمل مع دورة لغة في نفس الوقت",
        "text": (
            "أريد أن أعمل ولا أجلس في البيت فقط. هل يمكن توفير وظائف بسيطة مع دورة "
            "لغة في نفس الوقت؟ العمل يساعد على تعلم اللغة بشكل أسرع، والتعرف على "
            "الزملاء أيضاً."
        ),
        "tags": ["gefluechtete"],
        "day": (4, 14),
        "flow": "published",
        "supports": 11,
    },
    {
        "key": "unternehmen-sichtbar",
        "field": "wirtschaft",
        "kind": "idea",
        "language": "de",
        "title": "Betriebe von Migrant*innen sichtbar machen",
        "text": (
            "Von der Moderationskarte übertragen: Verzeichnis oder Karte der Betriebe "
            "von Migrant*innen in der Stadt, z. B. im Stadtportal. Diese Betriebe auch "
            "gezielt als Ausbildungsbetriebe ansprechen!"
        ),
        "source_note": KICKOFF_NOTE.format(2),
        "day": (1, 21),
        "flow": "drafted",
        "outcome": "taken",
        "statement_de": (
            "Entwurf: Die Wirtschaftsförderung nimmt Betriebe von Unternehmer*innen "
            "mit Einwanderungsgeschichte in ihr Unternehmensverzeichnis auf und "
            "besucht sie mit der Ausbildungsberatung."
        ),
        "supports": 8,
    },
    {
        "key": "quote",
        "field": "wirtschaft",
        "kind": "idea",
        "language": "de",
        "title": "Quote bei städtischen Aufträgen",
        "text": (
            "Firmen, die Aufträge von der Stadt bekommen, sollten mindestens 20 % "
            "Beschäftigte mit Migrationsgeschichte haben müssen. Sonst ändert sich "
            "nie was."
        ),
        "pseudonym": "Klartext_2020",
        "day": (1, 25),
        "flow": "answered",
        "outcome": "not_taken",
        "statement_de": (
            "Die Fachgruppe hat den Vorschlag ausführlich diskutiert. Eine Quote für "
            "Beschäftigte mit Migrationsgeschichte darf die Stadt bei der Vergabe von "
            "Aufträgen nach dem Vergaberecht nicht verlangen; der Vorschlag ist "
            "deshalb nicht in den Entwurf übernommen. Die Fachgruppe berät stattdessen "
            "über eine freiwillige Selbstverpflichtung von Betrieben."
        ),
        "supports": 6,
        "comments": [
            (
                "Unternehmer_Beispiel",
                "de",
                "Quoten helfen keinem. Besser: Bewerbungen ohne Foto und Namen.",
                (
                    "Klartext_2020",
                    "de",
                    "Von mir aus auch das, Hauptsache es passiert endlich was.",
                ),
            ),
        ],
    },
    # --- Soziales ----------------------------------------------------------------
    {
        "key": "wohnungssuche",
        "field": "soziales",
        "kind": "critique",
        "language": "de",
        "title": "Diskriminierung bei der Wohnungssuche",
        "text": (
            "Sobald ich am Telefon meinen Namen sage, ist die Wohnung schon weg. Mit "
            "dem Namen meiner deutschen Kollegin bekommt man eine Besichtigung. Das "
            "ist Alltag, kein Einzelfall. Die Stadt und die städtische "
            "Wohnungsgesellschaft müssen da was tun!"
        ),
        "pseudonym": "Familie_K_sucht",
        "tags": ["suedviertel"],
        "day": (1, 23),
        "flow": "answered",
        "outcome": "taken",
        "statement_de": (
            "Die Fachgruppe Soziales hat Ihre Kritik aufgenommen (Ziel S 3, „Fairer "
            "Zugang zu Wohnraum“): Die städtische Wohnungsgesellschaft vergibt "
            "Besichtigungstermine künftig in einem Verfahren ohne Namen, und die Stadt "
            "lässt 2021 mit Testanfragen untersuchen, wie verbreitet Diskriminierung "
            "auf dem Wohnungsmarkt ist. Die Ergebnisse werden veröffentlicht."
        ),
        "supports": 35,
        "comments": [
            (
                "Nachbarin_Altstadt",
                "de",
                "Kann ich leider bestätigen, bei meinem Mann war es genauso.",
                (
                    OWNER_SIGNATURE,
                    "de",
                    "Danke für Ihre Beiträge. Die Fachgruppe Soziales befasst sich in "
                    "ihrer Sitzung im Februar mit dem Thema.",
                ),
            ),
            (
                "Vermieter_mit_Herz",
                "de",
                "Nicht alle Vermieter sind so. Aber ja, es gibt das Problem.",
                None,
            ),
        ],
    },
    {
        "key": "dolmetschen-en",
        "field": "soziales",
        "kind": "wish",
        "language": "en",
        "title": "Interpreters for doctor and hospital appointments",
        "text": (
            "When my wife was pregnant we had no interpreter at the hospital "
            "appointments. I had to translate medical words I don't even know myself. "
            "A pool of community interpreters for health appointments would help so "
            "many families."
        ),
        "pseudonym": "Dad_of_three",
        "tags": ["eltern"],
        "day": (1, 26),
        "flow": "answered",
        "outcome": "partly",
        "statement_de": (
            "Aufgenommen ist ein Pool geschulter Sprachmittler*innen für Gesundheit und "
            "Soziales, den die Stadt kostenlos vermittelt – auch für Termine im "
            "Krankenhaus. Dolmetschen in Arztpraxen bezahlen die Krankenkassen bisher "
            "nicht; das kann die Stadt nicht ändern, sie setzt sich aber beim Land "
            "dafür ein. Deshalb ist der Wunsch teilweise übernommen."
        ),
        "statement_en": (
            "The draft includes a pool of trained community interpreters for health "
            "and social services, arranged by the city free of charge – also for "
            "hospital appointments. Health insurers do not yet pay for interpreting in "
            "doctors' practices; the city cannot change that but will argue for it at "
            "state level. That is why your wish is partly taken."
        ),
        "supports": 24,
        "comments": [
            (
                "Hebamme_Beispiel",
                "de",
                "Aus Sicht einer Hebamme: dringend nötig, Kinder als Dolmetscher geht "
                "gar nicht.",
                None,
            ),
        ],
    },
    {
        "key": "pflege-ar",
        "field": "soziales",
        "kind": "wish",
        "language": "ar",
        "title": "رعاية المسنين باللغة العربية",
        "text": (
            "أمي عمرها ٧٨ سنة ولا تتكلم الألمانية. نحتاج خدمة رعاية منزلية فيها "
            "موظفون يتكلمون العربية، أو على الأقل معلومات مكتوبة بالعربية عن تأمين "
            "الرعاية وكيفية تقديم الطلب."
        ),
        "pseudonym": "ابن_مثال",
        "tags": ["senior-innen"],
        "day": (2, 6),
        "flow": "drafted",
        "outcome": "partly",
        "statement_de": (
            "Entwurf: Der Pflegestützpunkt der Stadt bringt Informationen zur "
            "Pflegeversicherung auf Arabisch, Türkisch und Russisch heraus. Auf die "
            "Personalauswahl der Pflegedienste hat die Stadt keinen Einfluss."
        ),
        "statement_en": (
            "Draft: the city's care advice centre will publish information on care "
            "insurance in Arabic, Turkish and Russian. The city has no say in whom "
            "care services employ."
        ),
        "supports": 13,
    },
    {
        "key": "senioren-tr",
        "field": "soziales",
        "kind": "idea",
        "language": "tr",
        "title": "Yaşlı göçmenler için buluşma yeri",
        "text": (
            "Babam emekli oldu ve çok yalnız kaldı. Südviertel'de yaşlı göçmenler için "
            "bir buluşma yeri (çay, sohbet) olsa çok güzel olur. Belki ayda bir Türkçe "
            "sağlık bilgilendirmesi de yapılabilir, mesela şeker hastalığı hakkında."
        ),
        "pseudonym": "Emekli_kızı",
        "tags": ["senior-innen", "suedviertel"],
        "day": (2, 13),
        "flow": "forwarded",
        "supports": 18,
        "comments": [
            (
                "Teyze_Örnek",
                "tr",
                "Çok güzel fikir! Ben de gelirim.",
                None,
            ),
        ],
    },
    {
        "key": "anlaufstelle",
        "field": "soziales",
        "kind": "critique",
        "language": "de",
        "title": "Zu viele Beratungsstellen, keiner weiß wer zuständig ist",
        "text": (
            "Aus dem Elterncafé: Es gibt viele Beratungsangebote, aber niemand weiß, "
            "welche Stelle wofür zuständig ist. Eltern werden von A nach B geschickt. "
            "Wunsch: eine Anlaufstelle pro Stadtteil, die weiterhilft."
        ),
        "source_note": "Elterncafé Kita Südviertel, Februar 2020",
        "tags": ["eltern", "suedviertel"],
        "day": (2, 14),
        "flow": "drafted",
        "outcome": "covered",
        "statement_de": (
            "Entwurf: Das Anliegen ist im Handlungsfeld Stadtverwaltung mit den "
            "geplanten Lotsenstellen in jedem Stadtteil bereits aufgegriffen."
        ),
        "supports": 10,
    },
    {
        "key": "sozialwohnungen",
        "field": "soziales",
        "kind": "wish",
        "language": "de",
        "title": "Sozialwohnungen auch für große Familien",
        "text": (
            "Wir sind 7 Personen und finden seit zwei Jahren nichts. Es gibt fast "
            "keine Sozialwohnungen mit 5 Zimmern. Bitte beim Bauen auch an große "
            "Familien denken."
        ),
        "pseudonym": "Großfamilie_Beispiel",
        "tags": ["eltern"],
        "day": (6, 22),
        "flow": "pending",
    },
    {
        "key": "trauma",
        "field": "soziales",
        "kind": "idea",
        "language": "de",
        "title": "Psychologische Hilfe für Geflüchtete",
        "text": (
            "Viele, die aus Kriegsgebieten kommen, haben Traumata. Die Wartezeit für "
            "eine Therapie ist über ein Jahr, und dann noch mit Dolmetscher... "
            "Vielleicht Gruppenangebote direkt in den Unterkünften? Ich begleite "
            "ehrenamtlich zwei Familien und sehe, wie sehr das fehlt."
        ),
        "pseudonym": "Ehrenamt_Altstadt",
        "tags": ["gefluechtete", "altstadt"],
        "day": (4, 3),
        "flow": "published",
        "supports": 17,
        "comments": [
            (
                "Psychologin_Muster",
                "de",
                "Gruppenangebote können helfen, ersetzen aber keine Therapie. Wichtig "
                "wären auch Sprachmittler*innen mit Schulung.",
                None,
            ),
        ],
    },
    # --- Stadtleben --------------------------------------------------------------
    {
        "key": "sportverein",
        "field": "stadtleben",
        "kind": "idea",
        "language": "de",
        "title": "Ein Jahr Sportverein beitragsfrei für neue Kinder",
        "text": (
            "Mein Sohn wollte Fußball spielen, aber Vereinsbeitrag + Schuhe + Trikot "
            "ist für uns zu teuer und die Anmeldung war kompliziert. Vorschlag: das "
            "erste Jahr beitragsfrei für neu zugezogene Kinder, die Stadt zahlt."
        ),
        "pseudonym": "Fußballmama",
        "tags": ["jugendliche", "eltern"],
        "day": (2, 3),
        "flow": "forwarded",
        "supports": 26,
        "comments": [
            (
                "Jugendtrainer_FC_Muster",
                "de",
                "Bei uns im Verein geht das schon, einfach beim Training vorbeikommen! "
                "Aber stimmt, das wissen viele nicht.",
                (
                    "Fußballmama",
                    "de",
                    "Danke, wusste ich nicht. Trotzdem wär eine Liste aller Vereine "
                    "die das machen gut.",
                ),
            ),
        ],
    },
    {
        "key": "schwimmen-en",
        "field": "stadtleben",
        "kind": "wish",
        "language": "en",
        "title": "Women-only swimming hours",
        "text": (
            "Many women in our neighbourhood would love to learn to swim but won't go "
            "to mixed sessions. One evening per week with female staff at the "
            "Nordstadt pool would make a huge difference."
        ),
        "pseudonym": "SwimForAll",
        "tags": ["nordstadt"],
        "day": (1, 29),
        "flow": "answered",
        "outcome": "taken",
        "statement_de": (
            "Übernommen (Ziel SL 2): Sobald die Bäder wieder öffnen, bietet das "
            "Hallenbad Nordstadt einen Abend pro Woche Schwimmzeiten nur für Frauen "
            "mit weiblichem Personal an, dazu Schwimmkurse für erwachsene "
            "Anfängerinnen."
        ),
        "statement_en": (
            "Taken (goal SL 2): as soon as the pools reopen, the Nordstadt indoor pool "
            "will offer one evening a week of women-only swimming with female staff, "
            "plus swimming courses for adult beginners."
        ),
        "supports": 29,
        "comments": [
            (
                "Schwimmlehrerin_N",
                "de",
                "Ich würde so einen Kurs gern leiten!",
                None,
            ),
        ],
    },
    {
        "key": "fest-tr",
        "field": "stadtleben",
        "kind": "idea",
        "language": "tr",
        "title": "Her yaz bir mahalle şenliği",
        "text": (
            "Her yaz Altstadt'ta bütün kültürlerden insanların yemek ve müzikle "
            "buluştuğu bir sokak şenliği yapılabilir. Dernekler stant açar, çocuklar "
            "için oyunlar olur. Birbirimizi tanımadan birlikte yaşamak zor."
        ),
        "pseudonym": "Şenlik_Sever",
        "tags": ["altstadt"],
        "day": (2, 18),
        "flow": "forwarded",
        "supports": 31,
        "comments": [
            (
                "Altstadtkind",
                "de",
                "Ja bitte! Ich helfe gern beim Aufbau.",
                None,
            ),
        ],
    },
    {
        "key": "spielplatz-ar",
        "field": "stadtleben",
        "kind": "wish",
        "language": "ar",
        "title": "ملعب للأطفال قرب السكن الجماعي",
        "text": (
            "في السكن الجماعي في نوردشتات يعيش أكثر من ٤٠ طفلاً ولا يوجد ملعب قريب. "
            "الأطفال يلعبون في موقف السيارات وهذا خطير."
        ),
        "tags": ["nordstadt", "gefluechtete"],
        "day": (6, 29),
        "flow": "pending",
    },
    {
        "key": "bibliothek",
        "field": "stadtleben",
        "kind": "critique",
        "language": "de",
        "title": "Stadtbibliothek: kaum Bücher in anderen Sprachen",
        "text": (
            "In der Zweigstelle Südviertel gibt es genau ein Regal mit Büchern auf "
            "Türkisch, Arabisch, Russisch usw. und die sind alle uralt. Für Kinder "
            "fast garnichts. Schade, die Bibliothek könnte ein toller Treffpunkt sein."
        ),
        "pseudonym": "Leseratte_67",
        "tags": ["suedviertel"],
        "day": (2, 20),
        "flow": "forwarded",
        "supports": 15,
    },
    {
        "key": "patenschaften",
        "field": "stadtleben",
        "kind": "idea",
        "language": "de",
        "title": "Nachbarschaftspatenschaften",
        "text": (
            "Ergebnis der Dialogrunde: Patenschaften zwischen alteingesessenen "
            "Nachbar*innen und Neuzugezogenen – gemeinsam den Stadtteil erkunden, "
            "Behördengänge, Kaffee trinken. Braucht eine Koordination und ein "
            "kleines Budget."
        ),
        "source_note": KICKOFF_NOTE.format(3),
        "day": (1, 21),
        "flow": "forwarded",
        "supports": 22,
    },
    {
        "key": "jugendtreff",
        "field": "stadtleben",
        "kind": "wish",
        "language": "de",
        "title": "Jugendtreff Nordstadt länger offen",
        "text": (
            "der jugendtreff macht um 18 uhr zu. danach hängen alle an der "
            "bushaltestelle rum und dann gibts ärger mit den anwohnern. wenigstens "
            "freitags bis 22 uhr wär mega"
        ),
        "pseudonym": "NordstadtKid",
        "tags": ["jugendliche", "nordstadt"],
        "day": (3, 10),
        "flow": "published",
        "supports": 23,
        "comments": [
            (
                "Anwohner_Beispielstraße",
                "de",
                "Als Anwohner: unterstütze ich, lieber im Treff als an der Haltestelle.",
                None,
            ),
        ],
    },
    # --- Demokratie --------------------------------------------------------------
    {
        "key": "integrationsrat-wahl",
        "field": "demokratie",
        "kind": "critique",
        "language": "de",
        "title": "Wahl zum Integrationsrat: kaum jemand wusste davon",
        "text": (
            "Die letzte Wahl zum Integrationsrat hat fast niemand mitbekommen. Keine "
            "Plakate, Briefe nur auf Deutsch, das Wahllokal weit weg. Wahlbeteiligung "
            "unter 10 %. So wird der Rat nie ernst genommen. Bitte Briefwahl "
            "automatisch und Infos in mehreren Sprachen!"
        ),
        "pseudonym": "Wahlhelfer_a_D",
        "day": (1, 20),
        "flow": "answered",
        "outcome": "taken",
        "statement_de": (
            "Übernommen (Ziel D 1): Zur nächsten Wahl des Integrationsrats bekommen "
            "alle Wahlberechtigten die Briefwahlunterlagen automatisch zugeschickt, "
            "mit Informationen in zehn Sprachen. Migrantenorganisationen erhalten Geld "
            "für eigene Informationsveranstaltungen, und es gibt ein Wahllokal in "
            "jedem Stadtteil."
        ),
        "statement_en": (
            "Taken (goal D 1): for the next election of the integration council, "
            "everyone entitled to vote will receive postal voting documents "
            "automatically, with information in ten languages. Migrant organisations "
            "will get funding for their own information events, and there will be a "
            "polling station in every district."
        ),
        "supports": 31,
        "comments": [
            (
                "Delegierte_Beispielverein",
                "de",
                "Wir als Verein machen gern Infoabende, wenn wir rechtzeitig Bescheid "
                "bekommen.",
                (
                    "Wahlhelfer_a_D",
                    "de",
                    "Super, genau so gehts.",
                ),
            ),
        ],
    },
    {
        "key": "wahlrecht-en",
        "field": "demokratie",
        "kind": "critique",
        "language": "en",
        "title": "No vote for residents without an EU passport",
        "text": (
            "I have lived here for 11 years, I pay taxes, my kids go to school here, "
            "but I can't vote in local elections. I know it's not only up to the "
            "city, but this plan should at least demand it."
        ),
        "pseudonym": "TaxpayerNoVote",
        "day": (2, 1),
        "flow": "answered",
        "outcome": "not_taken",
        "statement_de": (
            "Das Wahlrecht bei Kommunalwahlen für Menschen ohne EU-Staatsangehörigkeit "
            "regelt das Grundgesetz; die Stadt kann es nicht einführen. Der "
            "Integrationsplan enthält nur Maßnahmen, die die Stadt selbst umsetzen "
            "kann, deshalb ist die Forderung nicht in den Entwurf übernommen. Die "
            "Stärkung des Integrationsrats behandelt die Fachgruppe unter Ziel D 1."
        ),
        "statement_en": (
            "The right to vote in local elections for people without EU citizenship "
            "is set by the Basic Law; the city cannot introduce it. The integration "
            "plan only contains measures the city can carry out itself, so the demand "
            "has not been taken into the draft. The expert group deals with "
            "strengthening the integration council under goal D 1."
        ),
        "supports": 20,
        "comments": [
            (
                "Politikstudentin",
                "en",
                "Same here. At least the integration council should get more say.",
                None,
            ),
        ],
    },
    {
        "key": "diskriminierung-tr",
        "field": "demokratie",
        "kind": "critique",
        "language": "tr",
        "title": "Ayrımcılığa karşı şikâyet edecek yer yok",
        "text": (
            "Geçen ay otobüste şoför başörtülü anneme çok kaba davrandı. Nereye "
            "şikâyet edeceğimizi bilemedik. Şehirde bağımsız bir ayrımcılık karşıtı "
            "danışma yeri olmalı, Türkçe ve başka dillerde de."
        ),
        "pseudonym": "Genç_Örnek",
        "tags": ["jugendliche"],
        "day": (2, 12),
        "flow": "forwarded",
        "supports": 28,
        "comments": [
            (
                "Nachbarin_Altstadt",
                "de",
                "Das tut mir leid für deine Mutter. Eine unabhängige Stelle fehlt "
                "wirklich.",
                None,
            ),
        ],
    },
    {
        "key": "vereine-ar",
        "field": "demokratie",
        "kind": "idea",
        "language": "ar",
        "title": "دعم الجمعيات الصغيرة",
        "text": (
            "جمعيتنا صغيرة وكلنا متطوعون. نحتاج مكاناً للاجتماعات وتدريباً على كتابة "
            "طلبات التمويل. لو وفرت المدينة قاعات مجانية للجمعيات في المساء لكان ذلك "
            "مفيداً جداً."
        ),
        "pseudonym": "متطوع_مثال",
        "day": (2, 17),
        "flow": "forwarded",
        "supports": 12,
    },
    {
        "key": "demokratie-schule",
        "field": "demokratie",
        "kind": "wish",
        "language": "de",
        "title": "Demokratie schon in der Schule üben",
        "text": (
            "Am Infostand notiert: Schülervertretung auch in den "
            "Seiteneinsteigerklassen, und ein Besuch im Rathaus mit Erklärungen in "
            "einfacher Sprache für alle Klassen."
        ),
        "source_note": "Infostand Wochenmarkt Nordstadt, 7. März 2020",
        "tags": ["jugendliche", "nordstadt"],
        "day": (3, 9),
        "flow": "forwarded",
        "supports": 5,
    },
    {
        "key": "lenkungsgruppe",
        "field": "demokratie",
        "kind": "critique",
        "language": "de",
        "title": "Wer sitzt eigentlich in der Lenkungsgruppe?",
        "text": (
            "Ich finde nirgends, wer in der Lenkungsgruppe sitzt und wie die "
            "Delegierten der Migrantenorganisationen gewählt werden. Transparenz "
            "bitte!"
        ),
        "pseudonym": "Neugierig_in_der_Altstadt",
        "day": (2, 2),
        "flow": "answered",
        "outcome": "covered",
        "statement_de": (
            "Danke für den Hinweis. Die Zusammensetzung der Lenkungsgruppe und das "
            "Verfahren zur Wahl der Delegierten aus Migrantenorganisationen stehen "
            "inzwischen auf der Seite „Wer macht mit?“ dieser Plattform. Eine eigene "
            "Maßnahme im Integrationsplan braucht es dafür nicht."
        ),
        "supports": 4,
    },
    # --- Stadtverwaltung ---------------------------------------------------------
    {
        "key": "einfache-sprache",
        "field": "stadtverwaltung",
        "kind": "wish",
        "language": "de",
        "title": "Briefe vom Amt in einfacher Sprache",
        "text": (
            "Ich verstehe die Briefe von der Ausländerbehörde nicht, obwohl ich B2 "
            "habe. Schachtelsätze und Paragraphen. Bitte wenigstens eine kurze "
            "Zusammenfassung in einfacher Sprache oben drauf: was muss ich tun, bis "
            "wann."
        ),
        "pseudonym": "B2_und_trotzdem_ratlos",
        "day": (1, 21),
        "flow": "answered",
        "outcome": "taken",
        "statement_de": (
            "Übernommen (Ziel V 2): Bescheide der Ausländerbehörde und des Sozialamts "
            "bekommen ab 2021 oben eine kurze Zusammenfassung in einfacher Sprache: "
            "was zu tun ist und bis wann. Die Texte werden mit Menschen geprüft, die "
            "Deutsch als Zweitsprache sprechen."
        ),
        "statement_en": (
            "Taken (goal V 2): from 2021, decisions of the immigration office and the "
            "social welfare office will start with a short summary in plain language: "
            "what to do and by when. The texts will be tested with people who speak "
            "German as a second language."
        ),
        "supports": 37,
        "comments": [
            (
                "Muttersprachlerin_auch_ratlos",
                "de",
                "Ehrlich gesagt verstehe ich als Muttersprachlerin die Briefe auch "
                "nicht 😅",
                None,
            ),
        ],
    },
    {
        "key": "termine-en",
        "field": "stadtverwaltung",
        "kind": "critique",
        "language": "en",
        "title": "Impossible to get an appointment at the immigration office",
        "text": (
            "I tried for six weeks to book an appointment online to extend my "
            "residence permit. The calendar is always full and nobody answers the "
            "phone. My permit expired in the meantime and now my employer is nervous."
        ),
        "pseudonym": "StillWaiting_2020",
        "day": (1, 31),
        "flow": "answered",
        "outcome": "partly",
        "statement_de": (
            "Die Ausländerbehörde ist in der Fachgruppe vertreten und hat das Problem "
            "bestätigt. Aufgenommen ist: Wer den Antrag vor Ablauf des "
            "Aufenthaltstitels stellt, bekommt die Bescheinigung über den "
            "fortbestehenden Aufenthalt automatisch per Post, und es gibt eine "
            "telefonische Sprechstunde für Arbeitgeber. Zusätzliche Stellen für die "
            "Behörde muss der Rat im Haushalt beschließen."
        ),
        "statement_en": (
            "The immigration office is represented in the expert group and has "
            "confirmed the problem. The draft now says: whoever applies before their "
            "residence permit expires automatically receives the certificate of "
            "continued residence by post, and there will be a phone consultation hour "
            "for employers. Additional staff for the office must be decided by the "
            "council in the budget."
        ),
        "supports": 33,
        "comments": [
            (
                "SameBoat",
                "en",
                "Exactly the same for me. Had to go there at 6 am and queue.",
                (
                    "StillWaiting_2020",
                    "en",
                    "Tried that too, they sent me home at 9 :(",
                ),
            ),
        ],
    },
    {
        "key": "sprachen-tr",
        "field": "stadtverwaltung",
        "kind": "idea",
        "language": "tr",
        "title": "Belediyede hangi diller konuşuluyor?",
        "text": (
            "Belediyede Türkçe, Arapça, Rusça konuşan çalışanlar var ama kimse "
            'bilmiyor. Kapıda ya da internet sitesinde "Bu dilleri konuşuyoruz" diye '
            "bir liste olsa insanlar yanlarında tercüman getirmek zorunda kalmaz."
        ),
        "pseudonym": "Örnek_Mahalleli",
        "day": (2, 7),
        "flow": "forwarded",
        "supports": 19,
    },
    {
        "key": "formulare-ar",
        "field": "stadtverwaltung",
        "kind": "wish",
        "language": "ar",
        "title": "النماذج الرسمية بالعربية",
        "text": (
            "معظم النماذج في البلدية بالألمانية فقط. أرجو ترجمة أهم النماذج (تسجيل "
            "السكن، إعانة الأطفال، بدل السكن) إلى العربية، أو على الأقل نشر شرح بسيط "
            "لكل نموذج."
        ),
        "day": (2, 19),
        "flow": "forwarded",
        "supports": 22,
        "comments": [
            (
                "مترجمة_مثال",
                "ar",
                "فكرة ممتازة. يمكن أيضاً إضافة فيديو قصير يشرح كل نموذج.",
                None,
            ),
        ],
    },
    {
        "key": "ausbildung-stadt",
        "field": "stadtverwaltung",
        "kind": "idea",
        "language": "de",
        "title": "Stadtverwaltung als Vorbild: mehr Azubis mit Migrationsgeschichte",
        "text": (
            "Die Stadt sollte selbst Vorbild sein: Ausbildungsplätze gezielt an "
            "Schulen in der Nordstadt bewerben, Infos auch auf Türkisch und Arabisch "
            "für die Eltern. Und Praktika für Geflüchtete in den Ämtern."
        ),
        "pseudonym": "Ex-Azubi_Beispiel",
        "tags": ["jugendliche", "nordstadt"],
        "day": (2, 10),
        "flow": "forwarded",
        "supports": 16,
    },
    {
        "key": "schulungen",
        "field": "stadtverwaltung",
        "kind": "critique",
        "language": "de",
        "title": "Unfreundlicher Umgang in manchen Ämtern",
        "text": (
            "Mehrere Teilnehmende berichten von herablassendem Umgang am Schalter. "
            "Forderung: verpflichtende Schulungen zu interkultureller Kompetenz und "
            "Antirassismus für alle Beschäftigten mit Publikumsverkehr."
        ),
        "source_note": KICKOFF_NOTE.format(3),
        "day": (1, 21),
        "flow": "forwarded",
        "supports": 25,
    },
    {
        "key": "willkommen-en",
        "field": "stadtverwaltung",
        "kind": "idea",
        "language": "en",
        "title": "Welcome package for newcomers",
        "text": (
            "When you register your address you could get a simple welcome package: "
            "a map, the most important offices and what they do, free language "
            "courses, sports clubs, and a voucher for the museum. In several "
            "languages of course."
        ),
        "pseudonym": "HappyNewcomer",
        "day": (5, 12),
        "flow": "published",
        "supports": 3,
    },
    {
        "key": "website-mobil",
        "field": "stadtverwaltung",
        "kind": "critique",
        "language": "de",
        "title": "Online-Termine gehen am Handy nicht",
        "text": (
            "Die Terminbuchung der Stadt funktioniert auf dem Handy nicht richtig, "
            "der Kalender ist abgeschnitten. Viele haben keinen Laptop!"
        ),
        "day": (5, 28),
        "flow": "published",
        "supports": 0,
    },
]

_FLOW_STEPS = {
    "pending": 0,
    "rejected": 0,
    "merged": 1,
    "published": 1,
    "forwarded": 2,
    "drafted": 3,
    "answered": 4,
}


def _aware(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _office(moment: datetime) -> datetime:
    """The next office-hours moment (Mon–Fri, 8–17 h local) at or after `moment`."""
    local = timezone.localtime(moment)
    if local.hour >= 17:
        local = _aware(local.date() + timedelta(days=1), 8, local.minute)
    elif local.hour < 8:
        local = _aware(local.date(), 8, local.minute)
    while local.weekday() >= 5:
        local = _aware(local.date() + timedelta(days=1), 8, local.minute)
    return local


class _Timeline:
    """Run steps in date order; every row a step creates gets the step's date."""

    _BACKDATED = (
        (HistoryEntry, "at"),
        (Comment, "created_at"),
        (Support, "created_at"),
    )

    def __init__(self):
        self._steps = []

    def add(self, when: datetime, step) -> None:
        self._steps.append((when, len(self._steps), step))

    def run(self) -> None:
        for when, _order, step in sorted(self._steps, key=lambda s: s[:2]):
            marks = {
                model: model.objects.order_by("-pk")
                .values_list("pk", flat=True)
                .first()
                or 0
                for model, _field in self._BACKDATED
            }
            step(when)
            for model, field in self._BACKDATED:
                model.objects.filter(pk__gt=marks[model]).update(**{field: when})


def _staff_ensure(process: Process):
    User = get_user_model()
    owner, created = User.objects.get_or_create(
        username=OWNER["username"],
        defaults={k: v for k, v in OWNER.items() if k != "username"},
    )
    if created:
        owner.set_unusable_password()
        owner.save()
    owner.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="contributions",
            codename__in=["change_contribution", "change_statement"],
        )
    )
    expert, created = User.objects.get_or_create(
        username=EXPERT["username"],
        defaults={k: v for k, v in EXPERT.items() if k != "username"},
    )
    if created:
        expert.set_unusable_password()
        expert.save()
    # The demo's chair leads every expert group; her account drafts the statements.
    ExpertGroupMember.objects.filter(
        group__field_of_action__process=process, sort_order=0
    ).update(user=expert)
    # Fresh objects: permissions are cached per instance.
    return User.objects.get(pk=owner.pk), User.objects.get(pk=expert.pk)


def _tags_create(process: Process) -> dict[str, Tag]:
    tags = {}
    for order, (slug, group, name) in enumerate(TAGS):
        tags[slug], _created = Tag.objects.get_or_create(
            process=process,
            slug=slug,
            defaults={
                "group_de": group[0],
                "group_en": group[1],
                "name_de": name[0],
                "name_en": name[1],
                "sort_order": order,
            },
        )
    return tags


def _schedule(timeline, spec, n, *, process, fields, tags, owner, expert, made):
    key = spec["key"]
    flow = spec["flow"]
    offline = bool(spec.get("source_note"))
    day = date(2020, *spec["day"])
    if offline:
        received = _aware(day, 11, (n * 7) % 60)
        published = received
    else:
        received = _aware(day, 7 + (n * 5) % 15, (n * 17) % 60)
        published = _office(received + timedelta(hours=3 + (n * 7) % 30))

    def get(k=key):
        return Contribution.objects.get(pk=made[k])

    def submit(when):
        contribution, _created = contribution_submit(
            process=process,
            field_of_action=fields[spec["field"]],
            kind=spec["kind"],
            title=spec["title"],
            text=spec["text"],
            language=spec["language"],
            tags=[tags[slug] for slug in spec.get("tags", [])],
            pseudonym=spec.get("pseudonym", ""),
            source="offline" if offline else "online",
            source_note=spec.get("source_note", ""),
            entered_by=owner if offline else None,
        )
        made[key] = contribution.pk
        backdate = {"created_at": when}
        if offline:
            backdate["published_at"] = when
        Contribution.objects.filter(pk=contribution.pk).update(**backdate)

    timeline.add(received, submit)

    if flow == "rejected":
        timeline.add(
            _office(received + timedelta(hours=20)),
            lambda when: contribution_reject(
                contribution=get(), reason=spec["reason"], actor=owner
            ),
        )
        return
    if flow == "pending":
        return

    if not offline:

        def publish(when):
            contribution_publish(contribution=get(), actor=owner)
            Contribution.objects.filter(pk=made[key]).update(published_at=when)

        timeline.add(published, publish)

    # Supports and comments; a duplicate collects its own for a day before merging.
    quick = flow == "merged"
    unit = timedelta(hours=4) if quick else timedelta(days=1)
    total = spec.get("supports", 0)
    offset = spec.get("support_offset", 0)
    shares = [total // 2, total * 3 // 10, total - total // 2 - total * 3 // 10]
    start = offset
    latest = published
    for batch, (share, after) in enumerate(zip(shares, (1, 5, 19), strict=True)):
        if not share:
            continue
        tokens = range(start, start + share)
        start += share

        def supports(when, tokens=tokens):
            contribution = get()
            for token in tokens:
                support_add(contribution=contribution, token=f"demo-{token}")

        latest = max(latest, published + after * unit + timedelta(minutes=batch))
        timeline.add(latest, supports)

    comments = {}
    for c_n, (pseudonym, language, text, reply) in enumerate(spec.get("comments", [])):
        at = published + (1 + 3 * c_n) * unit + timedelta(hours=2)

        def comment(when, c_n=c_n, pseudonym=pseudonym, language=language, text=text):
            comments[c_n], _created = comment_add(
                contribution=get(), text=text, language=language, pseudonym=pseudonym
            )

        timeline.add(at, comment)
        latest = max(latest, at)
        if reply:

            def answer(when, c_n=c_n, reply=reply):
                pseudonym, language, text = reply
                comment_add(
                    contribution=get(),
                    text=text,
                    language=language,
                    pseudonym=pseudonym,
                    author=owner if pseudonym == OWNER_SIGNATURE else None,
                    parent=comments[c_n],
                )

            timeline.add(at + unit + timedelta(hours=3), answer)
            latest = max(latest, at + unit + timedelta(hours=3))

    if flow == "merged":
        timeline.add(
            _office(latest + timedelta(days=1)),
            lambda when: contribution_merge(
                duplicate=get(), target=get(spec["merge_into"]), actor=owner
            ),
        )
        return

    steps = _FLOW_STEPS[flow]
    if steps < 2:
        return
    forwarded = _office(
        max(
            published + timedelta(days=2 + n % 4),
            _aware(EXPERT_GROUPS_START + timedelta(days=n % 5), 9, (n * 11) % 60),
        )
    )
    timeline.add(
        forwarded,
        lambda when: contribution_forward(contribution=get(), actor=owner),
    )
    if steps < 3:
        return
    drafted = _office(forwarded + timedelta(days=8 + n % 7, hours=5))

    def draft(when):
        statement = statement_draft(
            contribution=get(),
            outcome=spec["outcome"],
            text=spec["statement_de"],
            translations={"en": spec.get("statement_en", "")},
            actor=expert,
        )
        Statement.objects.filter(pk=statement.pk).update(drafted_at=when)

    timeline.add(drafted, draft)
    if steps < 4:
        return

    def answer_publish(when):
        statement = statement_publish(
            statement=Statement.objects.get(contribution_id=made[key]), actor=owner
        )
        Statement.objects.filter(pk=statement.pk).update(published_at=when)

    answered = _office(drafted + timedelta(days=2 + n % 4, hours=1))
    timeline.add(answered, answer_publish)


def contributions_load(process: Process) -> int:
    """Create the demo contributions of `process`; returns how many (0 if it has any)."""
    if process.contributions.exists():
        return 0
    owner, expert = _staff_ensure(process)
    tags = _tags_create(process)
    fields = {f.slug: f for f in FieldOfAction.objects.filter(process=process)}
    made: dict[str, int] = {}
    timeline = _Timeline()
    for n, spec in enumerate(CONTRIBUTIONS):
        _schedule(
            timeline,
            spec,
            n,
            process=process,
            fields=fields,
            tags=tags,
            owner=owner,
            expert=expert,
            made=made,
        )
    # Statements are written in German first; the English text is set beside it.
    with translation.override("de"):
        timeline.run()
    return len(made)
