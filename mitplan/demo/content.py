"""The demo process: the Local Integration Plan (LIP) 2.0 model case, in German (the
source) and English; the eight other languages are in `translations/`, under the keys
`translations.source_texts()` gives these texts. Facts follow the public model case;
every person is fictional."""

from datetime import date

PROCESS = {
    "slug": "lip-2",
    "mandate_reference": "Drucks. 2136/2018",
    "title": {
        "de": "Lokaler Integrationsplan (LIP) 2.0",
        "en": "Local Integration Plan (LIP) 2.0",
    },
    "summary": {
        "de": (
            "Die Stadt überarbeitet ihren Lokalen Integrationsplan aus dem Jahr 2008 – "
            "gemeinsam mit allen, die hier leben. Bringen Sie Ihre Ideen, Wünsche und "
            "Kritik in sechs Handlungsfeldern ein."
        ),
        "en": (
            "The city is revising its Local Integration Plan from 2008 – together with "
            "everyone who lives here. Bring in your ideas, wishes and critiques in six "
            "fields of action."
        ),
    },
    "started_on": date(2020, 1, 18),
    "paused_on": date(2020, 3, 16),
    "pause_notice": {
        "de": (
            "Wegen der Corona-Pandemie ruht die Arbeit am Integrationsplan. Die "
            "Online-Beteiligung geht weiter: Ihre Ideen, Wünsche und Kritik sind "
            "weiterhin willkommen und werden aufgenommen."
        ),
        "en": (
            "Because of the coronavirus pandemic, work on the integration plan is "
            "suspended. The online participation continues: your ideas, wishes and "
            "critiques are still welcome and will be taken up."
        ),
    },
}

PHASES = [
    {
        "title": {"de": "Auftaktveranstaltung", "en": "Kickoff event"},
        "description": {
            "de": "Start der Überarbeitung mit Bürgerinnen und Bürgern, Fachleuten, "
            "Politik und Verwaltung.",
            "en": "The revision starts with residents, experts, politics and the "
            "city administration.",
        },
        "starts_on": date(2020, 1, 18),
        "ends_on": date(2020, 1, 18),
    },
    {
        "title": {"de": "Online-Beteiligung", "en": "Online participation"},
        "description": {
            "de": "Ideen, Wünsche und Kritik zu den sechs Handlungsfeldern online "
            "einbringen und an der Umfrage teilnehmen.",
            "en": "Send ideas, wishes and critiques on the six fields of action online "
            "and answer the survey.",
        },
        "starts_on": date(2020, 1, 18),
        "ends_on": None,
        # The one phase in which residents send, discuss and support input online
        # (and register for events, once the process goes on after its pause).
        "open": ("contributions", "comments", "supports", "surveys", "events"),
    },
    {
        "title": {
            "de": "Erarbeitung in den Fachgruppen",
            "en": "Drafting in the expert groups",
        },
        "description": {
            "de": "Die Fachgruppen werten die Beiträge aus und schreiben Ziele und "
            "Maßnahmen für den Entwurf des Integrationsplans.",
            "en": "The expert groups evaluate the contributions and write goals and "
            "measures for the draft integration plan.",
        },
        "starts_on": date(2020, 2, 1),
        "ends_on": date(2020, 12, 31),
    },
    {
        "title": {"de": "Ratsbeschluss", "en": "Council decision"},
        "description": {
            "de": "Der Rat der Stadt soll den Integrationsplan 2.0 beschließen "
            "(geplant für April 2021).",
            "en": "The city council is to adopt the Integration Plan 2.0 (planned "
            "for April 2021).",
        },
        "starts_on": date(2021, 4, 1),
        "ends_on": date(2021, 4, 30),
    },
]

FIELDS = [
    {
        "slug": "bildung",
        "icon": "education",
        "name": {"de": "Bildung", "en": "Education"},
        "summary": {
            "de": "Von der Kita bis zur Weiterbildung: gleiche Chancen auf Bildung "
            "für alle, die in der Stadt leben.",
            "en": "From day care to further education: equal chances in education "
            "for everyone who lives in the city.",
        },
        "description": {
            "de": "<p>Sprache, Schule, Ausbildung und lebenslanges Lernen sind der "
            "Schlüssel zur Teilhabe. Im Handlungsfeld Bildung geht es um frühe "
            "Förderung, Mehrsprachigkeit, Übergänge von der Schule in den Beruf und "
            "die Anerkennung mitgebrachter Abschlüsse.</p>",
            "en": "<p>Language, school, vocational training and lifelong learning "
            "are the key to taking part. The field of education covers early "
            "support, multilingualism, the move from school to work and the "
            "recognition of qualifications gained abroad.</p>",
        },
    },
    {
        "slug": "wirtschaft",
        "icon": "economy",
        "name": {"de": "Wirtschaft", "en": "Economy"},
        "summary": {
            "de": "Arbeit, Ausbildung und Gründung: wie Zugewanderte ihre Fähigkeiten "
            "in die Wirtschaft der Stadt einbringen.",
            "en": "Work, training and starting a business: how immigrants bring "
            "their skills into the city's economy.",
        },
        "description": {
            "de": "<p>Das Handlungsfeld Wirtschaft befasst sich mit dem Zugang zum "
            "Arbeitsmarkt, mit Unternehmen von Menschen mit Einwanderungsgeschichte "
            "und mit interkultureller Öffnung von Betrieben.</p>",
            "en": "<p>The field of economy deals with access to the labour market, "
            "businesses run by people with an immigration history and the "
            "intercultural opening of companies.</p>",
        },
    },
    {
        "slug": "soziales",
        "icon": "social",
        "name": {"de": "Soziales", "en": "Social affairs"},
        "summary": {
            "de": "Gesundheit, Wohnen, Familie und Alter: gute Versorgung und "
            "Beratung für alle.",
            "en": "Health, housing, family and old age: good care and advice for all.",
        },
        "description": {
            "de": "<p>Im Handlungsfeld Soziales geht es um Beratung, Gesundheit, "
            "Pflege, Wohnen und die Unterstützung von Familien – und darum, dass "
            "diese Angebote alle erreichen.</p>",
            "en": "<p>The field of social affairs is about advice, health, care, "
            "housing and support for families – and about these services reaching "
            "everyone.</p>",
        },
    },
    {
        "slug": "stadtleben",
        "icon": "city",
        "name": {"de": "Stadtleben", "en": "City life"},
        "summary": {
            "de": "Nachbarschaft, Kultur, Sport und Begegnung im Alltag der Stadtteile.",
            "en": "Neighbourhoods, culture, sport and encounters in everyday city life.",
        },
        "description": {
            "de": "<p>Das Handlungsfeld Stadtleben fragt, wie Begegnung in den "
            "Stadtteilen gelingt: in Vereinen, in der Kultur, im Sport und im "
            "öffentlichen Raum.</p>",
            "en": "<p>The field of city life asks how people meet in the "
            "neighbourhoods: in clubs, in culture, in sport and in public space.</p>",
        },
    },
    {
        "slug": "demokratie",
        "icon": "democracy",
        "name": {"de": "Demokratie", "en": "Democracy"},
        "summary": {
            "de": "Mitreden und mitentscheiden: politische Teilhabe und Schutz vor "
            "Diskriminierung.",
            "en": "Having a say and deciding together: political participation and "
            "protection from discrimination.",
        },
        "description": {
            "de": "<p>Im Handlungsfeld Demokratie geht es um politische Beteiligung, "
            "um die Arbeit von Migrantenselbstorganisationen und Beiräten und um "
            "den Schutz vor Rassismus und Diskriminierung.</p>",
            "en": "<p>The field of democracy covers political participation, the work "
            "of migrant self-organisations and advisory councils, and protection "
            "from racism and discrimination.</p>",
        },
    },
    {
        "slug": "stadtverwaltung",
        "icon": "administration",
        "name": {"de": "Stadtverwaltung", "en": "City administration"},
        "summary": {
            "de": "Eine Verwaltung für alle: verständlich, mehrsprachig und vielfältig.",
            "en": "An administration for everyone: understandable, multilingual and "
            "diverse.",
        },
        "description": {
            "de": "<p>Das Handlungsfeld Stadtverwaltung betrifft die interkulturelle "
            "Öffnung der Ämter, verständliche Informationen und eine Belegschaft, "
            "die die Vielfalt der Stadt abbildet.</p>",
            "en": "<p>The field of city administration concerns the intercultural "
            "opening of the offices, understandable information and a workforce "
            "that reflects the city's diversity.</p>",
        },
    },
]

ORGANISATIONS = [
    ("Büro für Integration der Stadt", "city_administration"),
    ("Beispielhaus – Verein für Begegnung e. V.", "migrant_organisation"),
    ("Musterbrücke Elternnetzwerk e. V.", "migrant_organisation"),
    ("Platzhalter Wohlfahrtsverband", "association"),
    ("Initiative Nachbarschaft Beispielviertel", "civil_society"),
    ("Kammer für Musterhandwerk", "business"),
]

# Fictional members per field: (name, role de, role en, organisation index).
MEMBERS = [
    ("Erika Mustermann", "Leitung der Fachgruppe", "Chair of the expert group", 0),
    (
        "Ayşe Beispiel",
        "Vertreterin einer Migrantenselbstorganisation",
        "Delegate of a migrant self-organisation",
        1,
    ),
    ("Jan Platzhalter", "Fachkraft", "Specialist", 3),
]

ADVISORS = [
    # name, role de, role en, organisation index, field slugs, languages, phone
    (
        "Dr. Erika Mustermann",
        "Fachberaterin Bildung",
        "Advisor for education",
        0,
        ["bildung"],
        ["de", "en", "tr"],
        "0000 123 4501",
    ),
    (
        "Max Beispielmann",
        "Fachberater Wirtschaft",
        "Advisor for economy",
        5,
        ["wirtschaft"],
        ["de", "en", "ru"],
        "0000 123 4502",
    ),
    (
        "Leyla Musterfrau",
        "Fachberaterin Soziales",
        "Advisor for social affairs",
        3,
        ["soziales"],
        ["de", "ar", "fa"],
        "0000 123 4503",
    ),
    (
        "Olena Platzhalter",
        "Fachberaterin Stadtleben",
        "Advisor for city life",
        4,
        ["stadtleben"],
        ["de", "uk", "ru", "pl"],
        "0000 123 4504",
    ),
    (
        "Kemal Beispiel",
        "Fachberater Demokratie",
        "Advisor for democracy",
        1,
        ["demokratie"],
        ["de", "tr", "ku"],
        "0000 123 4505",
    ),
    (
        "Maria Musterova",
        "Fachberaterin Stadtverwaltung",
        "Advisor for city administration",
        0,
        ["stadtverwaltung"],
        ["de", "bg", "ro"],
        "0000 123 4506",
    ),
]


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def portal_body(language: str) -> list:
    """The portal's sections: what, why, who, how long, how to take part."""
    sections = {
        "de": [
            (
                "Was ist der Lokale Integrationsplan?",
                "Der Lokale Integrationsplan (LIP) beschreibt, wie die Stadt das "
                "Zusammenleben aller Menschen gestaltet, die hier leben. Der Rat hat "
                "den ersten Plan 2008 beschlossen. Er enthält Ziele und Maßnahmen in "
                "sechs Handlungsfeldern.",
            ),
            (
                "Warum wird er überarbeitet?",
                "Die Stadt hat sich seit 2008 verändert: Viele Menschen sind neu "
                "hinzugekommen, und manche Ziele sind erreicht, andere nicht. Der Rat "
                "hat deshalb mit der Drucksache 2136/2018 beschlossen, den Plan "
                "gemeinsam mit der Stadtgesellschaft neu zu schreiben.",
            ),
            (
                "Wer ist beteiligt?",
                "Das Büro für Integration steuert die Überarbeitung. In sechs "
                "Fachgruppen arbeiten Fachleute der Stadt und von Migrantenorganisationen, "
                "Verbänden und Initiativen. Eine Lenkungsgruppe begleitet den Prozess.",
            ),
            (
                "Wie lange dauert es?",
                "Die Überarbeitung hat mit der Auftaktveranstaltung am 18. Januar 2020 "
                "begonnen. Der Ratsbeschluss war für April 2021 geplant; wegen der "
                "Corona-Pandemie verschiebt sich der Zeitplan.",
            ),
            (
                "Wie kann ich mitmachen?",
                "Schreiben Sie Ihre Ideen, Wünsche und Kritik zu einem Handlungsfeld, "
                "unterstützen Sie die Beiträge anderer, nehmen Sie an der Umfrage teil "
                "oder wenden Sie sich direkt an die Fachberaterinnen und Fachberater. "
                "Sie können in Ihrer Sprache schreiben.",
            ),
        ],
        "en": [
            (
                "What is the Local Integration Plan?",
                "The Local Integration Plan (LIP) describes how the city shapes life "
                "together for everyone who lives here. The council adopted the first "
                "plan in 2008. It sets goals and measures in six fields of action.",
            ),
            (
                "Why is it being revised?",
                "The city has changed since 2008: many people have arrived, and some "
                "goals have been reached while others have not. With resolution "
                "2136/2018 the council therefore decided to rewrite the plan together "
                "with the city's society.",
            ),
            (
                "Who takes part?",
                "The integration office runs the revision. In six expert groups, "
                "specialists of the city and of migrant organisations, associations "
                "and initiatives work together. A steering group oversees the process.",
            ),
            (
                "How long does it take?",
                "The revision began with the kickoff event on 18 January 2020. The "
                "council decision was planned for April 2021; because of the "
                "coronavirus pandemic the timetable is moving.",
            ),
            (
                "How can I take part?",
                "Write your ideas, wishes and critiques on a field of action, support "
                "other people's contributions, answer the survey, or contact the "
                "advisors directly. You can write in your own language.",
            ),
        ],
    }[language]
    body = []
    for heading, text in sections:
        body.append(("heading", {"text": heading, "level": "h2"}))
        body.append(("paragraph", _p(text)))
    return body


HOME = {
    "de": {
        "title": "Mitplanen in unserer Stadt",
        "intro": "Hier gestalten Stadt und Stadtgesellschaft gemeinsam die Pläne, "
        "die unser Zusammenleben bestimmen. Lesen Sie, worum es geht, und machen "
        "Sie mit – in Ihrer Sprache.",
    },
    "en": {
        "title": "Planning our city together",
        "intro": "Here the city and its residents shape together the plans that "
        "govern how we live together. Read what it is about and take part – in "
        "your language.",
    },
}

# The headings the demo media add to the portal's body (demo/media.py): in every
# language, so the portal stays translated (a German-only text keeps it an alias).
PORTAL_MEDIA = {
    "video": {"de": "Der Plan im Kurzfilm", "en": "The plan in a short film"},
    "downloads": {"de": "Unterlagen zum Herunterladen", "en": "Documents to download"},
}


PORTAL = {
    "de": {
        "title": "Lokaler Integrationsplan 2.0",
        "slug": "lip",
        "intro": "Die Stadt schreibt ihren Integrationsplan neu – mit Ihnen. Hier "
        "finden Sie, worum es geht, wo der Prozess steht und wie Sie mitmachen.",
    },
    "en": {
        "title": "Local Integration Plan 2.0",
        "slug": "lip",
        "intro": "The city is rewriting its integration plan – with you. Here you "
        "find what it is about, where the process stands and how to take part.",
    },
}

STANDARD_PAGES = [
    {
        "key": "imprint",
        "slug": "impressum",
        "title": {"de": "Impressum", "en": "Imprint"},
        "body": {
            "de": [
                (
                    "paragraph",
                    _p(
                        "Herausgeberin: Stadt Musterstadt, Büro für "
                        "Integration, Musterplatz 1, 00000 Musterstadt."
                    ),
                ),
                (
                    "paragraph",
                    _p(
                        "Verantwortlich für den Inhalt: die Leitung des "
                        "Büros für Integration. Diese Angaben sind "
                        "Beispielangaben der Demo."
                    ),
                ),
            ],
            "en": [
                (
                    "paragraph",
                    _p(
                        "Published by: City of Musterstadt, integration "
                        "office, Musterplatz 1, 00000 Musterstadt."
                    ),
                ),
                (
                    "paragraph",
                    _p(
                        "Responsible for the content: the head of the "
                        "integration office. These are the demo's "
                        "example details."
                    ),
                ),
            ],
        },
    },
    {
        "key": "privacy",
        "slug": "datenschutz",
        "title": {"de": "Datenschutzerklärung", "en": "Privacy notice"},
        "body": {
            "de": [
                ("heading", {"text": "Lesen ohne Spuren", "level": "h2"}),
                (
                    "paragraph",
                    _p(
                        "Wer diese Seiten nur liest oder ein Formular ausfüllt, "
                        "erhält keine Cookies. Wir speichern keine IP-Adressen und "
                        "binden keine Inhalte anderer Anbieter ein. Nur zwei Cookies "
                        "gibt es: wer einen Beitrag ohne Konto unterstützt, erhält ein "
                        "Cookie mit einer Zufallszahl, damit jede Person nur einmal "
                        "zählt; wer sich anmeldet, erhält ein Sitzungs-Cookie."
                    ),
                ),
                ("heading", {"text": "Kontaktformulare", "level": "h2"}),
                (
                    "paragraph",
                    _p(
                        "Nachrichten aus den Kontaktformularen werden per "
                        "E-Mail an die gewählte Ansprechperson geschickt und "
                        "nicht auf der Website gespeichert. Ihre E-Mail-Adresse "
                        "nutzen wir nur für die Antwort."
                    ),
                ),
                ("heading", {"text": "Konto", "level": "h2"}),
                (
                    "paragraph",
                    _p("Ein Konto ist freiwillig. Sie können es jederzeit löschen."),
                ),
            ],
            "en": [
                ("heading", {"text": "Reading leaves no trace", "level": "h2"}),
                (
                    "paragraph",
                    _p(
                        "People who only read these pages or fill in a form get no "
                        "cookies. We store no IP addresses and embed no content from "
                        "other providers. There are just two cookies: supporting a "
                        "contribution without an account sets one holding a random "
                        "number, so that each person counts once; signing in sets a "
                        "session cookie."
                    ),
                ),
                ("heading", {"text": "Contact forms", "level": "h2"}),
                (
                    "paragraph",
                    _p(
                        "Messages from the contact forms are sent by e-mail "
                        "to the person you chose and are not stored on the "
                        "website. We use your e-mail address only to "
                        "answer you."
                    ),
                ),
                ("heading", {"text": "Account", "level": "h2"}),
                (
                    "paragraph",
                    _p("An account is optional. You can delete it at any time."),
                ),
            ],
        },
    },
    {
        "key": "plain_language",
        "slug": "leichte-sprache",
        "title": {"de": "Leichte Sprache", "en": "Easy read"},
        "in_menu": True,
        "body": {
            "de": [
                (
                    "paragraph",
                    _p(
                        "Die Stadt macht einen Plan. Der Plan heißt: Integrations-Plan."
                    ),
                ),
                (
                    "paragraph",
                    _p(
                        "In dem Plan steht: So wollen wir gut zusammen "
                        "leben. Alle Menschen in der Stadt."
                    ),
                ),
                (
                    "paragraph",
                    _p(
                        "Sie können mit-machen. Schreiben Sie uns Ihre "
                        "Ideen. Sie können in Ihrer Sprache schreiben."
                    ),
                ),
            ],
            "en": [
                (
                    "paragraph",
                    _p(
                        "The city is making a plan. The plan is called: "
                        "integration plan."
                    ),
                ),
                (
                    "paragraph",
                    _p(
                        "The plan says: this is how we want to live well "
                        "together. All people in the city."
                    ),
                ),
                (
                    "paragraph",
                    _p(
                        "You can take part. Write us your ideas. You can "
                        "write in your language."
                    ),
                ),
            ],
        },
    },
]

ACCESSIBILITY = {
    "slug": "barrierefreiheit",
    "title": {"de": "Erklärung zur Barrierefreiheit", "en": "Accessibility statement"},
    "intro": {
        "de": "Die Stadt ist bemüht, diese Website im Einklang mit der "
        "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei "
        "zugänglich zu machen.",
        "en": "The city strives to make this website accessible in line with the "
        "German accessibility regulation for information technology (BITV 2.0).",
    },
    "body": {
        "de": [
            ("heading", {"text": "Stand der Vereinbarkeit", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Diese Website ist mit den Anforderungen der BITV 2.0 "
                    "weitgehend vereinbar. Sie wird automatisch mit axe-core "
                    "und von Hand mit Tastatur und Screenreader geprüft."
                ),
            ),
            ("heading", {"text": "Nicht barrierefreie Inhalte", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Einige ältere PDF-Dokumente sind noch nicht "
                    "barrierefrei. Auf Nachfrage senden wir Ihnen die "
                    "Inhalte in zugänglicher Form."
                ),
            ),
            ("heading", {"text": "Schlichtungsverfahren", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende "
                    "Antwort erhalten, können Sie sich an die "
                    "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz "
                    "wenden."
                ),
            ),
        ],
        "en": [
            ("heading", {"text": "Compliance status", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "This website largely meets the requirements of BITV "
                    "2.0. It is tested automatically with axe-core and by "
                    "hand with keyboard and screen reader."
                ),
            ),
            ("heading", {"text": "Content that is not accessible", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Some older PDF documents are not accessible yet. On "
                    "request we send you their content in an accessible "
                    "form."
                ),
            ),
            ("heading", {"text": "Conciliation procedure", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "If you do not receive a satisfactory answer to your "
                    "feedback, you can turn to the conciliation body under "
                    "the Disability Equality Act."
                ),
            ),
        ],
    },
}
