"""The demo survey's texts: key → {language: text}, German the source.

Keys: "title", "introduction", "privacy", "thanks"; per question "q.<code>" (the
question), "q.<code>.help", ".other", ".min", ".max"; its answers
"q.<code>.c.<choice>" and a matrix's rows "q.<code>.i.<item>"."""

TEXTS = {
    "title": {
        "de": "Online-Umfrage: Zusammenleben in unserer Stadt",
        "en": "Online survey: living together in our city",
    },
    "introduction": {
        "de": "Wie erleben Sie das Zusammenleben in unserer Stadt, und wo sollte "
        "der neue Integrationsplan ansetzen? Die Umfrage dauert etwa fünf Minuten. "
        "Sie können in jeder angebotenen Sprache antworten; alle Antworten zählen "
        "gemeinsam. Zwischenergebnisse veröffentlichen wir laufend.",
        "en": "How do you experience living together in our city, and where should "
        "the new integration plan start? The survey takes about five minutes. You "
        "can answer in any language offered; all answers count together. We publish "
        "interim results as they come in.",
    },
    "privacy": {
        "de": "Die Umfrage ist anonym. Wir fragen nicht nach Namen oder Adressen. "
        "Freitext-Antworten liest nur das Integrationsbüro; einzelne Zitate "
        "veröffentlichen wir nur nach dem Lesen und ohne Bezug zu Ihrer Person. "
        "Die Antworten werden nach Abschluss des Integrationsplans gelöscht.",
        "en": "The survey is anonymous. We do not ask for names or addresses. Only "
        "the integration office reads free-text answers; we publish single quotes "
        "only after reading them and without reference to you. The answers are "
        "deleted when the integration plan is completed.",
    },
    "thanks": {
        "de": "Vielen Dank! Ihre Antworten fließen in den neuen Integrationsplan ein.",
        "en": "Thank you! Your answers go into the new integration plan.",
    },
    "q.fields": {
        "de": "In welchen Handlungsfeldern sehen Sie den größten Handlungsbedarf?",
        "en": "In which fields of action do you see the greatest need?",
    },
    "q.fields.help": {
        "de": "Bitte wählen Sie höchstens zwei.",
        "en": "Please choose at most two.",
    },
    "q.fields.c.bildung": {"de": "Bildung", "en": "Education"},
    "q.fields.c.wirtschaft": {"de": "Wirtschaft", "en": "Economy"},
    "q.fields.c.soziales": {"de": "Soziales", "en": "Social affairs"},
    "q.fields.c.stadtleben": {"de": "Stadtleben", "en": "City life"},
    "q.fields.c.demokratie": {
        "de": "Demokratie und Teilhabe",
        "en": "Democracy and participation",
    },
    "q.fields.c.stadtverwaltung": {"de": "Stadtverwaltung", "en": "City administration"},
    "q.welcome": {
        "de": "Wie willkommen fühlen Sie sich in unserer Stadt?",
        "en": "How welcome do you feel in our city?",
    },
    "q.welcome.min": {"de": "gar nicht willkommen", "en": "not welcome at all"},
    "q.welcome.max": {"de": "sehr willkommen", "en": "very welcome"},
    "q.years": {
        "de": "Wie lange leben Sie schon in unserer Stadt?",
        "en": "How long have you lived in our city?",
    },
    "q.years.c.under1": {"de": "weniger als ein Jahr", "en": "less than a year"},
    "q.years.c.1to5": {"de": "1 bis 5 Jahre", "en": "1 to 5 years"},
    "q.years.c.5to10": {"de": "5 bis 10 Jahre", "en": "5 to 10 years"},
    "q.years.c.over10": {"de": "mehr als 10 Jahre", "en": "more than 10 years"},
    "q.years.c.born": {"de": "seit meiner Geburt", "en": "since I was born"},
    "q.home_languages": {
        "de": "Welche Sprachen sprechen Sie zu Hause?",
        "en": "Which languages do you speak at home?",
    },
    "q.home_languages.other": {"de": "andere Sprache", "en": "another language"},
    "q.home_languages.c.de": {"de": "Deutsch", "en": "German"},
    "q.home_languages.c.ar": {"de": "Arabisch", "en": "Arabic"},
    "q.home_languages.c.tr": {"de": "Türkisch", "en": "Turkish"},
    "q.home_languages.c.ru": {"de": "Russisch", "en": "Russian"},
    "q.home_languages.c.uk": {"de": "Ukrainisch", "en": "Ukrainian"},
    "q.home_languages.c.fa": {"de": "Persisch", "en": "Persian"},
    "q.home_languages.c.pl": {"de": "Polnisch", "en": "Polish"},
    "q.home_languages.c.ro": {"de": "Rumänisch", "en": "Romanian"},
    "q.home_languages.c.bg": {"de": "Bulgarisch", "en": "Bulgarian"},
    "q.home_languages.c.en": {"de": "Englisch", "en": "English"},
    "q.contact": {
        "de": "Wie oft haben Sie Kontakt zu Menschen anderer Herkunft?",
        "en": "How often are you in contact with people of other origins?",
    },
    "q.contact.c.often": {"de": "oft", "en": "often"},
    "q.contact.c.sometimes": {"de": "manchmal", "en": "sometimes"},
    "q.contact.c.rarely": {"de": "selten", "en": "rarely"},
    "q.contact.c.never": {"de": "nie", "en": "never"},
    "q.contact.i.work": {
        "de": "bei der Arbeit, in Schule oder Ausbildung",
        "en": "at work, at school or in training",
    },
    "q.contact.i.neighbourhood": {"de": "in der Nachbarschaft", "en": "in the neighbourhood"},
    "q.contact.i.clubs": {
        "de": "in Vereinen und in der Freizeit",
        "en": "in clubs and in leisure time",
    },
    "q.priorities": {
        "de": "Was sollte die Stadt zuerst verbessern? Bitte bringen Sie die Punkte "
        "in eine Reihenfolge.",
        "en": "What should the city improve first? Please put the points in order.",
    },
    "q.priorities.c.courses": {"de": "Sprachkurse", "en": "Language courses"},
    "q.priorities.c.childcare": {"de": "Kinderbetreuung", "en": "Childcare"},
    "q.priorities.c.housing": {"de": "Wohnungssuche", "en": "Finding a home"},
    "q.priorities.c.jobs": {"de": "Arbeit und Anerkennung von Abschlüssen",
                            "en": "Jobs and recognition of qualifications"},
    "q.engaged": {
        "de": "Engagieren Sie sich in einem Verein oder einer Initiative?",
        "en": "Are you active in an association or an initiative?",
    },
    "q.engaged.c.yes": {"de": "ja", "en": "yes"},
    "q.engaged.c.no": {"de": "nein", "en": "no"},
    "q.where_engaged": {
        "de": "In welchem Verein oder welcher Initiative?",
        "en": "In which association or initiative?",
    },
    "q.heard": {
        "de": "Wie haben Sie von der Umfrage erfahren?",
        "en": "How did you hear about the survey?",
    },
    "q.heard.other": {"de": "anders", "en": "another way"},
    "q.heard.c.newspaper": {"de": "Zeitung", "en": "Newspaper"},
    "q.heard.c.social": {"de": "soziale Medien", "en": "Social media"},
    "q.heard.c.friends": {"de": "Freunde, Familie, Bekannte",
                          "en": "Friends, family, acquaintances"},
    "q.heard.c.association": {"de": "Verein oder Migrantenorganisation",
                              "en": "Association or migrant organisation"},
    "q.heard.c.website": {"de": "Internetseite der Stadt", "en": "The city's website"},
    "q.heard.c.event": {"de": "Veranstaltung", "en": "An event"},
    "q.age_group": {"de": "Wie alt sind Sie?", "en": "How old are you?"},
    "q.age_group.c.under18": {"de": "unter 18", "en": "under 18"},
    "q.age_group.c.18to29": {"de": "18 bis 29", "en": "18 to 29"},
    "q.age_group.c.30to44": {"de": "30 bis 44", "en": "30 to 44"},
    "q.age_group.c.45to64": {"de": "45 bis 64", "en": "45 to 64"},
    "q.age_group.c.65plus": {"de": "65 oder älter", "en": "65 or older"},
    "q.first_step": {
        "de": "Was sollte die Stadt als Erstes tun, damit das Zusammenleben besser "
        "gelingt?",
        "en": "What should the city do first so that living together works better?",
    },
}  # fmt: skip
