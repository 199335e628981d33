"""Polish (formal register, addressing readers as «Państwo»)."""

TEXTS = {
    "process.title": "Lokalny Plan Integracji (LIP) 2.0",
    "process.summary": (
        "Miasto aktualizuje swój Lokalny Plan Integracji z 2008 roku – razem ze "
        "wszystkimi, którzy tu mieszkają. Zapraszamy Państwa do zgłaszania pomysłów, "
        "życzeń i uwag krytycznych w sześciu obszarach działania."
    ),
    "process.pause_notice": (
        "Z powodu pandemii koronawirusa prace nad planem integracji zostały "
        "wstrzymane. Udział online trwa nadal: Państwa pomysły, życzenia i uwagi "
        "krytyczne są wciąż mile widziane i zostaną uwzględnione."
    ),
    "home.title": "Wspólnie planujemy nasze miasto",
    "home.intro": (
        "Tutaj miasto i jego mieszkańcy wspólnie kształtują plany, które określają "
        "nasze wspólne życie. Prosimy przeczytać, o co chodzi, i wziąć udział – w "
        "Państwa języku."
    ),
    "portal.title": "Lokalny Plan Integracji 2.0",
    "portal.intro": (
        "Miasto pisze swój plan integracji od nowa – razem z Państwem. Tutaj "
        "znajdą Państwo informacje, o co chodzi, na jakim etapie jest proces i jak "
        "można w nim uczestniczyć."
    ),
    "portal.body.0": "Czym jest Lokalny Plan Integracji?",
    "portal.body.1": (
        "Lokalny Plan Integracji (LIP) opisuje, jak miasto kształtuje wspólne życie "
        "wszystkich ludzi, którzy tu mieszkają. Rada miasta przyjęła pierwszy plan w "
        "2008 roku. Zawiera on cele i działania w sześciu obszarach działania."
    ),
    "portal.body.2": "Dlaczego jest aktualizowany?",
    "portal.body.3": (
        "Od 2008 roku miasto się zmieniło: przybyło wielu nowych mieszkańców, "
        "niektóre cele zostały osiągnięte, a inne nie. Dlatego uchwałą 2136/2018 "
        "rada miasta postanowiła napisać plan od nowa wspólnie ze społecznością "
        "miasta."
    ),
    "portal.body.4": "Kto bierze udział?",
    "portal.body.5": (
        "Aktualizacją kieruje Biuro ds. Integracji. W sześciu eksperckich grupach "
        "roboczych pracują specjaliści z miasta oraz z organizacji migrantów, "
        "stowarzyszeń i inicjatyw. Proces wspiera grupa sterująca."
    ),
    "portal.body.6": "Jak długo to potrwa?",
    "portal.body.7": (
        "Aktualizacja rozpoczęła się wydarzeniem inauguracyjnym 18 stycznia 2020 "
        "roku. Uchwała rady miasta była planowana na kwiecień 2021 roku; z powodu "
        "pandemii koronawirusa harmonogram ulega przesunięciu."
    ),
    "portal.body.8": "Jak mogę wziąć udział?",
    "portal.body.9": (
        "Prosimy napisać swoje pomysły, życzenia i uwagi krytyczne do jednego z "
        "obszarów działania, poprzeć propozycje innych osób, wziąć udział w ankiecie "
        "lub zwrócić się bezpośrednio do doradczyń i doradców merytorycznych. Mogą "
        "Państwo pisać w swoim języku."
    ),
    "page.accessibility.title": "Deklaracja dostępności",
    "page.accessibility.intro": (
        "Miasto dokłada starań, aby ta strona internetowa była dostępna zgodnie z "
        "niemieckim rozporządzeniem o dostępnej technologii informacyjnej "
        "(BITV 2.0)."
    ),
    "page.accessibility.body.0": "Stan zgodności",
    "page.accessibility.body.1": (
        "Ta strona internetowa jest w dużej mierze zgodna z wymaganiami BITV 2.0. Jest "
        "sprawdzana automatycznie za pomocą axe-core oraz ręcznie przy użyciu "
        "klawiatury i czytnika ekranu."
    ),
    "page.accessibility.body.2": "Treści niedostępne",
    "page.accessibility.body.3": (
        "Niektóre starsze dokumenty PDF nie są jeszcze dostępne. Na życzenie "
        "prześlemy Państwu ich treść w dostępnej formie."
    ),
    "page.accessibility.body.4": "Postępowanie rozjemcze",
    "page.accessibility.body.5": (
        "Jeśli nie otrzymają Państwo zadowalającej odpowiedzi na swoje zgłoszenie, "
        "mogą się Państwo zwrócić do organu rozjemczego działającego na podstawie "
        "ustawy o równouprawnieniu osób z niepełnosprawnościami."
    ),
    "phase.0.title": "Wydarzenie inauguracyjne",
    "phase.0.description": (
        "Początek aktualizacji z udziałem mieszkanek i mieszkańców, specjalistów, "
        "polityków i administracji."
    ),
    "phase.1.title": "Udział online",
    "phase.1.description": (
        "Zgłaszanie online pomysłów, życzeń i uwag krytycznych do sześciu obszarów "
        "działania oraz udział w ankiecie."
    ),
    "phase.2.title": "Opracowanie w eksperckich grupach roboczych",
    "phase.2.description": (
        "Eksperckie grupy robocze analizują zgłoszone propozycje i formułują cele "
        "oraz działania do projektu planu integracji."
    ),
    "phase.3.title": "Uchwała rady miasta",
    "phase.3.description": (
        "Rada miasta ma przyjąć Plan Integracji 2.0 (planowane na kwiecień 2021 roku)."
    ),
    "field.bildung.name": "Edukacja",
    "field.bildung.summary": (
        "Od żłobka i przedszkola po dokształcanie: równe szanse edukacyjne dla "
        "wszystkich mieszkańców miasta."
    ),
    "field.bildung.description": (
        "<p>Język, szkoła, kształcenie zawodowe i uczenie się przez całe życie są "
        "kluczem do uczestnictwa. Obszar „Edukacja” obejmuje wczesne wsparcie, "
        "wielojęzyczność, przejście ze szkoły do pracy oraz uznawanie kwalifikacji "
        "zdobytych za granicą.</p>"
    ),
    "group.bildung.name": "Ekspercka grupa robocza „Edukacja”",
    "field.wirtschaft.name": "Gospodarka",
    "field.wirtschaft.summary": (
        "Praca, kształcenie zawodowe i zakładanie firm: jak imigranci wnoszą swoje "
        "umiejętności do gospodarki miasta."
    ),
    "field.wirtschaft.description": (
        "<p>Obszar „Gospodarka” zajmuje się dostępem do rynku pracy, firmami osób z "
        "historią imigracyjną oraz otwarciem międzykulturowym przedsiębiorstw.</p>"
    ),
    "group.wirtschaft.name": "Ekspercka grupa robocza „Gospodarka”",
    "field.soziales.name": "Sprawy społeczne",
    "field.soziales.summary": (
        "Zdrowie, mieszkanie, rodzina i starość: dobra opieka i doradztwo dla "
        "wszystkich."
    ),
    "field.soziales.description": (
        "<p>Obszar „Sprawy społeczne” dotyczy doradztwa, zdrowia, opieki, mieszkań i "
        "wsparcia rodzin – oraz tego, by te usługi docierały do wszystkich.</p>"
    ),
    "group.soziales.name": "Ekspercka grupa robocza „Sprawy społeczne”",
    "field.stadtleben.name": "Życie miasta",
    "field.stadtleben.summary": (
        "Sąsiedztwo, kultura, sport i spotkania w codziennym życiu dzielnic."
    ),
    "field.stadtleben.description": (
        "<p>Obszar „Życie miasta” pyta, jak udają się spotkania w dzielnicach: w "
        "stowarzyszeniach, w kulturze, w sporcie i w przestrzeni publicznej.</p>"
    ),
    "group.stadtleben.name": "Ekspercka grupa robocza „Życie miasta”",
    "field.demokratie.name": "Demokracja",
    "field.demokratie.summary": (
        "Współdecydować i zabierać głos: udział w życiu politycznym i ochrona przed "
        "dyskryminacją."
    ),
    "field.demokratie.description": (
        "<p>Obszar „Demokracja” obejmuje udział w życiu politycznym, pracę "
        "samoorganizacji migrantów i rad doradczych oraz ochronę przed rasizmem i "
        "dyskryminacją.</p>"
    ),
    "group.demokratie.name": "Ekspercka grupa robocza „Demokracja”",
    "field.stadtverwaltung.name": "Administracja miejska",
    "field.stadtverwaltung.summary": (
        "Administracja dla wszystkich: zrozumiała, wielojęzyczna i różnorodna."
    ),
    "field.stadtverwaltung.description": (
        "<p>Obszar „Administracja miejska” dotyczy otwarcia międzykulturowego "
        "urzędów, zrozumiałych informacji oraz kadry, która odzwierciedla "
        "różnorodność miasta.</p>"
    ),
    "group.stadtverwaltung.name": "Ekspercka grupa robocza „Administracja miejska”",
    "member.0.role": "Przewodnicząca eksperckiej grupy roboczej",
    "member.1.role": "Przedstawicielka samoorganizacji migrantów",
    "member.2.role": "Specjalista",
    "advisor.0.role": "Doradczyni merytoryczna ds. edukacji",
    "advisor.1.role": "Doradca merytoryczny ds. gospodarki",
    "advisor.2.role": "Doradczyni merytoryczna ds. społecznych",
    "advisor.3.role": "Doradczyni merytoryczna ds. życia miasta",
    "advisor.4.role": "Doradca merytoryczny ds. demokracji",
    "advisor.5.role": "Doradczyni merytoryczna ds. administracji miejskiej",
    "tag.nordstadt.group": "Dzielnica",
    "tag.nordstadt.name": "Nordstadt",
    "tag.suedviertel.group": "Dzielnica",
    "tag.suedviertel.name": "Südviertel",
    "tag.altstadt.group": "Dzielnica",
    "tag.altstadt.name": "Stare Miasto",
    "tag.eltern.group": "Grupa docelowa",
    "tag.eltern.name": "Rodzice",
    "tag.jugendliche.group": "Grupa docelowa",
    "tag.jugendliche.name": "Młodzież",
    "tag.senior-innen.group": "Grupa docelowa",
    "tag.senior-innen.name": "Seniorki i seniorzy",
    "tag.gefluechtete.group": "Grupa docelowa",
    "tag.gefluechtete.name": "Uchodźczynie i uchodźcy",
    "page.imprint.title": "Nota redakcyjna",
    "page.imprint.body.0": (
        "Wydawca: miasto Musterstadt, Biuro ds. Integracji, Musterplatz 1, "
        "00000 Musterstadt."
    ),
    "page.imprint.body.1": (
        "Odpowiedzialność za treść: kierownictwo Biura ds. Integracji. Są to "
        "przykładowe dane wersji demonstracyjnej."
    ),
    "page.privacy.title": "Informacja o ochronie danych",
    "page.privacy.body.0": "Czytanie bez śladów",
    "page.privacy.body.1": (
        "Kto tylko czyta te strony lub wypełnia formularz, nie otrzymuje plików "
        "cookie. Nie przechowujemy adresów IP i nie osadzamy treści innych dostawców. "
        "Istnieją tylko dwa pliki cookie: kto popiera propozycję bez konta, otrzymuje "
        "plik cookie z liczbą losową, aby każda osoba była liczona tylko raz; kto się "
        "zaloguje, otrzymuje plik cookie sesji."
    ),
    "page.privacy.body.2": "Formularze kontaktowe",
    "page.privacy.body.3": (
        "Wiadomości z formularzy kontaktowych są wysyłane e-mailem do wybranej przez "
        "Państwa osoby kontaktowej i nie są przechowywane na stronie. Państwa adresu "
        "e-mail używamy wyłącznie do udzielenia odpowiedzi."
    ),
    "page.privacy.body.4": "Konto użytkownika",
    "page.privacy.body.5": (
        "Konto jest dobrowolne. Mogą je Państwo w każdej chwili usunąć."
    ),
    "page.plain_language.title": "Tekst łatwy do czytania",
    "page.plain_language.body.0": (
        "Miasto robi plan. Plan nazywa się: plan integracji."
    ),
    "page.plain_language.body.1": (
        "W planie jest napisane: tak chcemy dobrze żyć razem. Wszyscy ludzie w mieście."
    ),
    "page.plain_language.body.2": (
        "Mogą Państwo wziąć udział. Prosimy napisać nam swoje pomysły. Mogą Państwo "
        "pisać w swoim języku."
    ),
    "portal.media.video": "Plan w krótkim filmie",
    "portal.media.downloads": "Dokumenty do pobrania",
}
