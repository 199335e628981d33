"""Romanian (formal register, addressing readers with «dumneavoastră»)."""

TEXTS = {
    "process.title": "Planul local de integrare (LIP) 2.0",
    "process.summary": (
        "Orașul își revizuiește Planul local de integrare din 2008 – împreună cu toți "
        "cei care locuiesc aici. Contribuiți cu ideile, dorințele și criticile "
        "dumneavoastră în șase domenii de acțiune."
    ),
    "process.pause_notice": (
        "Din cauza pandemiei de coronavirus, lucrul la planul de integrare este "
        "suspendat. Participarea online continuă: ideile, dorințele și criticile "
        "dumneavoastră sunt în continuare binevenite și vor fi luate în considerare."
    ),
    "home.title": "Planificăm împreună orașul nostru",
    "home.intro": (
        "Aici orașul și comunitatea sa modelează împreună planurile care ne "
        "definesc viața în comun. Citiți despre ce este vorba și participați – în "
        "limba dumneavoastră."
    ),
    "portal.title": "Planul local de integrare 2.0",
    "portal.intro": (
        "Orașul își rescrie planul de integrare – împreună cu dumneavoastră. Aici "
        "aflați despre ce este vorba, în ce stadiu se află procesul și cum puteți "
        "participa."
    ),
    "portal.body.0": "Ce este Planul local de integrare?",
    "portal.body.1": (
        "Planul local de integrare (LIP) descrie cum organizează orașul viața în "
        "comun a tuturor oamenilor care locuiesc aici. Consiliul local a adoptat "
        "primul plan în 2008. Acesta cuprinde obiective și măsuri în șase domenii "
        "de acțiune."
    ),
    "portal.body.2": "De ce este revizuit?",
    "portal.body.3": (
        "Orașul s-a schimbat din 2008: mulți oameni au venit să locuiască aici, "
        "unele obiective au fost atinse, altele nu. De aceea, prin hotărârea "
        "2136/2018, consiliul local a decis ca planul să fie rescris împreună cu "
        "comunitatea orașului."
    ),
    "portal.body.4": "Cine participă?",
    "portal.body.5": (
        "Biroul pentru integrare coordonează revizuirea. În șase grupuri de lucru "
        "de experți lucrează specialiști ai orașului și ai organizațiilor de "
        "migranți, ai asociațiilor și inițiativelor. Un grup de coordonare "
        "însoțește procesul."
    ),
    "portal.body.6": "Cât durează?",
    "portal.body.7": (
        "Revizuirea a început cu evenimentul de deschidere din 18 ianuarie 2020. "
        "Hotărârea consiliului local era planificată pentru aprilie 2021; din cauza "
        "pandemiei de coronavirus, calendarul se decalează."
    ),
    "portal.body.8": "Cum pot participa?",
    "portal.body.9": (
        "Scrieți ideile, dorințele și criticile dumneavoastră la un domeniu de "
        "acțiune, susțineți contribuțiile altor persoane, participați la sondaj sau "
        "adresați-vă direct consilierelor și consilierilor de specialitate. Puteți "
        "scrie în limba dumneavoastră."
    ),
    "page.accessibility.title": "Declarație de accesibilitate",
    "page.accessibility.intro": (
        "Orașul se străduiește să facă acest site accesibil în conformitate cu "
        "regulamentul german privind tehnologia informației fără bariere (BITV 2.0)."
    ),
    "page.accessibility.body.0": "Stadiul conformității",
    "page.accessibility.body.1": (
        "Acest site îndeplinește în mare măsură cerințele BITV 2.0. Este verificat "
        "automat cu axe-core și manual cu tastatura și cu un cititor de ecran."
    ),
    "page.accessibility.body.2": "Conținut care nu este accesibil",
    "page.accessibility.body.3": (
        "Unele documente PDF mai vechi nu sunt încă accesibile. La cerere, vă trimitem "
        "conținutul lor într-o formă accesibilă."
    ),
    "page.accessibility.body.4": "Procedura de conciliere",
    "page.accessibility.body.5": (
        "Dacă nu primiți un răspuns satisfăcător la mesajul dumneavoastră, vă puteți "
        "adresa organismului de conciliere prevăzut de Legea privind egalitatea "
        "persoanelor cu dizabilități."
    ),
    "phase.0.title": "Eveniment de deschidere",
    "phase.0.description": (
        "Începutul revizuirii împreună cu locuitoarele și locuitorii, specialiști, "
        "politicieni și administrația."
    ),
    "phase.1.title": "Participare online",
    "phase.1.description": (
        "Transmiterea online de idei, dorințe și critici privind cele șase domenii de "
        "acțiune și participarea la sondaj."
    ),
    "phase.2.title": "Elaborare în grupurile de lucru de experți",
    "phase.2.description": (
        "Grupurile de lucru de experți evaluează contribuțiile și formulează "
        "obiective și măsuri pentru proiectul planului de integrare."
    ),
    "phase.3.title": "Hotărârea consiliului local",
    "phase.3.description": (
        "Consiliul local urmează să adopte Planul de integrare 2.0 (planificat pentru "
        "aprilie 2021)."
    ),
    "field.bildung.name": "Educație",
    "field.bildung.summary": (
        "De la grădiniță până la formarea continuă: șanse egale la educație pentru "
        "toți cei care locuiesc în oraș."
    ),
    "field.bildung.description": (
        "<p>Limba, școala, formarea profesională și învățarea pe tot parcursul vieții "
        "sunt cheia participării. Domeniul „Educație” cuprinde sprijinul timpuriu, "
        "multilingvismul, trecerea de la școală la profesie și recunoașterea "
        "calificărilor obținute în străinătate.</p>"
    ),
    "group.bildung.name": "Grupul de lucru de experți „Educație”",
    "field.wirtschaft.name": "Economie",
    "field.wirtschaft.summary": (
        "Muncă, formare profesională și înființarea unei afaceri: cum își pun "
        "imigranții abilitățile în slujba economiei orașului."
    ),
    "field.wirtschaft.description": (
        "<p>Domeniul „Economie” se ocupă de accesul pe piața muncii, de "
        "întreprinderile persoanelor cu istorie de imigrare și de deschiderea "
        "interculturală a firmelor.</p>"
    ),
    "group.wirtschaft.name": "Grupul de lucru de experți „Economie”",
    "field.soziales.name": "Afaceri sociale",
    "field.soziales.summary": (
        "Sănătate, locuință, familie și vârsta a treia: îngrijire și consiliere bună "
        "pentru toți."
    ),
    "field.soziales.description": (
        "<p>Domeniul „Afaceri sociale” cuprinde consilierea, sănătatea, îngrijirea, "
        "locuința și sprijinul pentru familii – și ca aceste servicii să ajungă la "
        "toată lumea.</p>"
    ),
    "group.soziales.name": "Grupul de lucru de experți „Afaceri sociale”",
    "field.stadtleben.name": "Viața în oraș",
    "field.stadtleben.summary": (
        "Vecinătate, cultură, sport și întâlniri în viața de zi cu zi a cartierelor."
    ),
    "field.stadtleben.description": (
        "<p>Domeniul „Viața în oraș” se întreabă cum reușesc oamenii să se întâlnească "
        "în cartiere: în asociații, în cultură, în sport și în spațiul public.</p>"
    ),
    "group.stadtleben.name": "Grupul de lucru de experți „Viața în oraș”",
    "field.demokratie.name": "Democrație",
    "field.demokratie.summary": (
        "A avea un cuvânt de spus și a decide împreună: participare politică și "
        "protecție împotriva discriminării."
    ),
    "field.demokratie.description": (
        "<p>Domeniul „Democrație” cuprinde participarea politică, activitatea "
        "organizațiilor proprii ale migranților și a consiliilor consultative, "
        "precum și protecția împotriva rasismului și discriminării.</p>"
    ),
    "group.demokratie.name": "Grupul de lucru de experți „Democrație”",
    "field.stadtverwaltung.name": "Administrația orașului",
    "field.stadtverwaltung.summary": (
        "O administrație pentru toți: ușor de înțeles, multilingvă și diversă."
    ),
    "field.stadtverwaltung.description": (
        "<p>Domeniul „Administrația orașului” privește deschiderea interculturală a "
        "instituțiilor, informațiile ușor de înțeles și un personal care reflectă "
        "diversitatea orașului.</p>"
    ),
    "group.stadtverwaltung.name": "Grupul de lucru de experți „Administrația orașului”",
    "member.0.role": "Coordonatoarea grupului de lucru de experți",
    "member.1.role": "Reprezentanta unei organizații proprii a migranților",
    "member.2.role": "Specialist",
    "advisor.0.role": "Consilieră de specialitate pentru educație",
    "advisor.1.role": "Consilier de specialitate pentru economie",
    "advisor.2.role": "Consilieră de specialitate pentru afaceri sociale",
    "advisor.3.role": "Consilieră de specialitate pentru viața în oraș",
    "advisor.4.role": "Consilier de specialitate pentru democrație",
    "advisor.5.role": "Consilieră de specialitate pentru administrația orașului",
    "tag.nordstadt.group": "Cartier",
    "tag.nordstadt.name": "Nordstadt",
    "tag.suedviertel.group": "Cartier",
    "tag.suedviertel.name": "Südviertel",
    "tag.altstadt.group": "Cartier",
    "tag.altstadt.name": "Orașul vechi",
    "tag.eltern.group": "Grup țintă",
    "tag.eltern.name": "Părinți",
    "tag.jugendliche.group": "Grup țintă",
    "tag.jugendliche.name": "Tineri",
    "tag.senior-innen.group": "Grup țintă",
    "tag.senior-innen.name": "Persoane vârstnice",
    "tag.gefluechtete.group": "Grup țintă",
    "tag.gefluechtete.name": "Refugiați",
    "page.imprint.title": "Date de identificare",
    "page.imprint.body.0": (
        "Editor: orașul Musterstadt, Biroul pentru integrare, Musterplatz 1, "
        "00000 Musterstadt."
    ),
    "page.imprint.body.1": (
        "Responsabil pentru conținut: conducerea Biroului pentru integrare. Acestea "
        "sunt date de exemplu ale versiunii demonstrative."
    ),
    "page.privacy.title": "Informare privind protecția datelor",
    "page.privacy.body.0": "Citire fără urme",
    "page.privacy.body.1": (
        "Cine doar citește aceste pagini sau completează un formular nu primește "
        "cookie-uri. Nu stocăm adrese IP și nu integrăm conținut de la alți "
        "furnizori. Există doar două cookie-uri: cine susține o contribuție fără cont "
        "primește un cookie cu un număr aleatoriu, pentru ca fiecare persoană să fie "
        "numărată o singură dată; cine se autentifică primește un cookie de sesiune."
    ),
    "page.privacy.body.2": "Formulare de contact",
    "page.privacy.body.3": (
        "Mesajele din formularele de contact sunt trimise prin e-mail persoanei de "
        "contact alese de dumneavoastră și nu sunt stocate pe site. Folosim adresa "
        "dumneavoastră de e-mail doar pentru a vă răspunde."
    ),
    "page.privacy.body.4": "Cont",
    "page.privacy.body.5": ("Contul este opțional. Îl puteți șterge oricând."),
    "page.plain_language.title": "Limbaj ușor",
    "page.plain_language.body.0": (
        "Orașul face un plan. Planul se numește: plan de integrare."
    ),
    "page.plain_language.body.1": (
        "În plan scrie: așa vrem să trăim bine împreună. Toți oamenii din oraș."
    ),
    "page.plain_language.body.2": (
        "Puteți participa. Scrieți-ne ideile dumneavoastră. Puteți scrie în limba "
        "dumneavoastră."
    ),
    "portal.media.video": "Planul într-un scurtmetraj",
    "portal.media.downloads": "Documente de descărcat",
}
