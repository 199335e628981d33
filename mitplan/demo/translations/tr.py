"""Turkish (formal register, addressing readers as «siz»)."""

TEXTS = {
    "process.title": "Yerel Uyum Planı (LIP) 2.0",
    "process.summary": (
        "Kent, 2008 yılına ait Yerel Uyum Planı'nı burada yaşayan herkesle birlikte "
        "yeniden düzenliyor. Fikirlerinizi, dileklerinizi ve eleştirilerinizi altı "
        "eylem alanında paylaşın."
    ),
    "process.pause_notice": (
        "Koronavirüs salgını nedeniyle uyum planı üzerindeki çalışmalara ara "
        "verilmiştir. Çevrimiçi katılım devam ediyor: Fikirleriniz, dilekleriniz ve "
        "eleştirileriniz her zamanki gibi memnuniyetle karşılanır ve dikkate alınır."
    ),
    "home.title": "Kentimizi birlikte planlıyoruz",
    "home.intro": (
        "Burada kent yönetimi ve kent toplumu, birlikte yaşamımızı belirleyen "
        "planları ortaklaşa şekillendiriyor. Konunun ne olduğunu okuyun ve katılın – "
        "kendi dilinizde."
    ),
    "portal.title": "Yerel Uyum Planı 2.0",
    "portal.intro": (
        "Kent, uyum planını yeniden yazıyor – sizinle birlikte. Burada konunun ne "
        "olduğunu, sürecin hangi aşamada olduğunu ve nasıl katılabileceğinizi "
        "bulabilirsiniz."
    ),
    "portal.body.0": "Yerel Uyum Planı nedir?",
    "portal.body.1": (
        "Yerel Uyum Planı (LIP), kentin burada yaşayan tüm insanların birlikte "
        "yaşamını nasıl düzenlediğini anlatır. Belediye meclisi ilk planı 2008 "
        "yılında kabul etti. Plan, altı eylem alanında hedefler ve önlemler içerir."
    ),
    "portal.body.2": "Neden yeniden düzenleniyor?",
    "portal.body.3": (
        "Kent 2008'den bu yana değişti: Pek çok insan buraya yeni geldi; bazı "
        "hedeflere ulaşıldı, bazılarına ulaşılamadı. Bu nedenle belediye meclisi "
        "2136/2018 sayılı kararla planın kent toplumuyla birlikte yeniden "
        "yazılmasına karar verdi."
    ),
    "portal.body.4": "Kimler katılıyor?",
    "portal.body.5": (
        "Yeniden düzenlemeyi Uyum Bürosu yönetiyor. Altı uzman grubunda kentin ve "
        "göçmen örgütlerinin, derneklerin ve girişimlerin uzmanları birlikte "
        "çalışıyor. Bir yönlendirme grubu sürece eşlik ediyor."
    ),
    "portal.body.6": "Ne kadar sürüyor?",
    "portal.body.7": (
        "Yeniden düzenleme 18 Ocak 2020'deki açılış etkinliğiyle başladı. Belediye "
        "meclisi kararı Nisan 2021 için planlanmıştı; koronavirüs salgını nedeniyle "
        "takvim değişiyor."
    ),
    "portal.body.8": "Nasıl katılabilirim?",
    "portal.body.9": (
        "Bir eylem alanına ilişkin fikirlerinizi, dileklerinizi ve eleştirilerinizi "
        "yazın, başkalarının katkılarını destekleyin, ankete katılın ya da doğrudan "
        "uzman danışmanlara başvurun. Kendi dilinizde yazabilirsiniz."
    ),
    "page.accessibility.title": "Erişilebilirlik beyanı",
    "page.accessibility.intro": (
        "Kent, bu web sitesini Almanya'nın Engelsiz Bilgi Teknolojisi Yönetmeliği'ne "
        "(BITV 2.0) uygun olarak erişilebilir kılmaya çalışmaktadır."
    ),
    "page.accessibility.body.0": "Uyumluluk durumu",
    "page.accessibility.body.1": (
        "Bu web sitesi BITV 2.0'ın gerekliliklerini büyük ölçüde karşılamaktadır. "
        "Site, axe-core ile otomatik olarak ve klavye ile ekran okuyucu kullanılarak "
        "elle test edilmektedir."
    ),
    "page.accessibility.body.2": "Erişilebilir olmayan içerikler",
    "page.accessibility.body.3": (
        "Bazı eski PDF belgeleri henüz erişilebilir değildir. Talep etmeniz hâlinde "
        "içeriklerini size erişilebilir bir biçimde göndeririz."
    ),
    "page.accessibility.body.4": "Uzlaştırma prosedürü",
    "page.accessibility.body.5": (
        "Geri bildiriminize tatmin edici bir yanıt alamazsanız, Engellilerin Eşitliği "
        "Yasası uyarınca uzlaştırma kurumuna başvurabilirsiniz."
    ),
    "phase.0.title": "Açılış etkinliği",
    "phase.0.description": (
        "Kentte yaşayanlar, uzmanlar, siyaset ve yönetimle birlikte yeniden "
        "düzenlemenin başlangıcı."
    ),
    "phase.1.title": "Çevrimiçi katılım",
    "phase.1.description": (
        "Altı eylem alanına ilişkin fikir, dilek ve eleştirileri çevrimiçi iletmek "
        "ve ankete katılmak."
    ),
    "phase.2.title": "Uzman gruplarında hazırlık",
    "phase.2.description": (
        "Uzman grupları katkıları değerlendirir ve uyum planı taslağı için hedefler "
        "ve önlemler yazar."
    ),
    "phase.3.title": "Belediye meclisi kararı",
    "phase.3.description": (
        "Belediye meclisinin Uyum Planı 2.0'ı kabul etmesi öngörülüyor (Nisan 2021 "
        "için planlanmıştı)."
    ),
    "field.bildung.name": "Eğitim",
    "field.bildung.summary": (
        "Kreşten sürekli eğitime kadar: kentte yaşayan herkes için eğitimde fırsat "
        "eşitliği."
    ),
    "field.bildung.description": (
        "<p>Dil, okul, mesleki eğitim ve yaşam boyu öğrenme, topluma katılımın "
        "anahtarıdır. Eğitim alanı; erken destek, çok dillilik, okuldan meslek "
        "hayatına geçiş ve yurt dışında edinilen diplomaların tanınması konularını "
        "kapsar.</p>"
    ),
    "group.bildung.name": "Eğitim Uzman Grubu",
    "field.wirtschaft.name": "Ekonomi",
    "field.wirtschaft.summary": (
        "Çalışma, mesleki eğitim ve girişimcilik: göçmenler becerilerini kentin "
        "ekonomisine nasıl katıyor?"
    ),
    "field.wirtschaft.description": (
        "<p>Ekonomi alanı; iş piyasasına erişim, göç geçmişi olan kişilerin "
        "işletmeleri ve şirketlerin kültürlerarası açılımı ile ilgilenir.</p>"
    ),
    "group.wirtschaft.name": "Ekonomi Uzman Grubu",
    "field.soziales.name": "Sosyal işler",
    "field.soziales.summary": (
        "Sağlık, konut, aile ve yaşlılık: herkes için iyi bakım ve danışmanlık."
    ),
    "field.soziales.description": (
        "<p>Sosyal işler alanı; danışmanlık, sağlık, bakım, konut ve ailelere destek "
        "konularını ele alır – ve bu hizmetlerin herkese ulaşmasını.</p>"
    ),
    "group.soziales.name": "Sosyal İşler Uzman Grubu",
    "field.stadtleben.name": "Kent yaşamı",
    "field.stadtleben.summary": (
        "Mahallelerin gündelik yaşamında komşuluk, kültür, spor ve buluşma."
    ),
    "field.stadtleben.description": (
        "<p>Kent yaşamı alanı, mahallelerde insanların nasıl bir araya gelebileceğini "
        "sorar: derneklerde, kültürde, sporda ve kamusal alanda.</p>"
    ),
    "group.stadtleben.name": "Kent Yaşamı Uzman Grubu",
    "field.demokratie.name": "Demokrasi",
    "field.demokratie.summary": (
        "Söz sahibi olmak ve birlikte karar vermek: siyasi katılım ve ayrımcılığa "
        "karşı koruma."
    ),
    "field.demokratie.description": (
        "<p>Demokrasi alanı; siyasi katılımı, göçmen öz örgütlerinin ve danışma "
        "kurullarının çalışmalarını, ırkçılığa ve ayrımcılığa karşı korumayı "
        "kapsar.</p>"
    ),
    "group.demokratie.name": "Demokrasi Uzman Grubu",
    "field.stadtverwaltung.name": "Kent yönetimi",
    "field.stadtverwaltung.summary": (
        "Herkes için bir yönetim: anlaşılır, çok dilli ve çeşitli."
    ),
    "field.stadtverwaltung.description": (
        "<p>Kent yönetimi alanı; dairelerin kültürlerarası açılımını, anlaşılır "
        "bilgilendirmeyi ve kentin çeşitliliğini yansıtan bir personel yapısını "
        "kapsar.</p>"
    ),
    "group.stadtverwaltung.name": "Kent Yönetimi Uzman Grubu",
    "member.0.role": "Uzman grubu başkanı",
    "member.1.role": "Bir göçmen öz örgütünün temsilcisi",
    "member.2.role": "Uzman",
    "advisor.0.role": "Eğitim uzman danışmanı",
    "advisor.1.role": "Ekonomi uzman danışmanı",
    "advisor.2.role": "Sosyal işler uzman danışmanı",
    "advisor.3.role": "Kent yaşamı uzman danışmanı",
    "advisor.4.role": "Demokrasi uzman danışmanı",
    "advisor.5.role": "Kent yönetimi uzman danışmanı",
    "tag.nordstadt.group": "Semt",
    "tag.nordstadt.name": "Nordstadt",
    "tag.suedviertel.group": "Semt",
    "tag.suedviertel.name": "Südviertel",
    "tag.altstadt.group": "Semt",
    "tag.altstadt.name": "Eski şehir",
    "tag.eltern.group": "Hedef grup",
    "tag.eltern.name": "Ebeveynler",
    "tag.jugendliche.group": "Hedef grup",
    "tag.jugendliche.name": "Gençler",
    "tag.senior-innen.group": "Hedef grup",
    "tag.senior-innen.name": "Yaşlılar",
    "tag.gefluechtete.group": "Hedef grup",
    "tag.gefluechtete.name": "Mülteciler",
    "page.imprint.title": "Künye",
    "page.imprint.body.0": (
        "Yayımlayan: Musterstadt Belediyesi, Uyum Bürosu, Musterplatz 1, "
        "00000 Musterstadt."
    ),
    "page.imprint.body.1": (
        "İçerikten sorumlu: Uyum Bürosu yönetimi. Bu bilgiler demo sürümünün örnek "
        "bilgileridir."
    ),
    "page.privacy.title": "Veri koruma beyanı",
    "page.privacy.body.0": "İz bırakmadan okumak",
    "page.privacy.body.1": (
        "Bu sayfaları yalnızca okuyan ya da bir form dolduran kişiye çerez "
        "gönderilmez. IP adreslerini kaydetmiyoruz ve başka sağlayıcıların "
        "içeriklerini sayfalara yerleştirmiyoruz. Yalnızca iki çerez vardır: Bir "
        "katkıyı hesap olmadan destekleyen kişi, herkesin yalnızca bir kez sayılması "
        "için rastgele bir sayı içeren bir çerez alır; oturum açan kişi bir oturum "
        "çerezi alır."
    ),
    "page.privacy.body.2": "İletişim formları",
    "page.privacy.body.3": (
        "İletişim formlarından gelen mesajlar, seçtiğiniz kişiye e-posta ile "
        "gönderilir ve web sitesinde saklanmaz. E-posta adresinizi yalnızca size "
        "yanıt vermek için kullanırız."
    ),
    "page.privacy.body.4": "Hesap",
    "page.privacy.body.5": (
        "Hesap açmak isteğe bağlıdır. Hesabınızı istediğiniz zaman silebilirsiniz."
    ),
    "page.plain_language.title": "Kolay dil",
    "page.plain_language.body.0": ("Kent bir plan yapıyor. Planın adı: Uyum Planı."),
    "page.plain_language.body.1": (
        "Planda şu yazıyor: Birlikte böyle iyi yaşamak istiyoruz. Kentteki bütün "
        "insanlar."
    ),
    "page.plain_language.body.2": (
        "Siz de katılabilirsiniz. Bize fikirlerinizi yazın. Kendi dilinizde "
        "yazabilirsiniz."
    ),
    "portal.media.video": "Kısa filmde plan",
    "portal.media.downloads": "İndirilebilir belgeler",
}
