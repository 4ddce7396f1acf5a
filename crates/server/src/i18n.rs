//! Interface texts of the terminal pages in Russian, Kazakh and Kyrgyz.

use axum::http::HeaderMap;

/// The language of the page's interface (not of the documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UiLanguage {
    /// Russian.
    #[default]
    Ru,
    /// Kazakh.
    Kk,
    /// Kyrgyz.
    Ky,
}

/// The texts of one interface language.
pub struct Texts {
    /// `<html lang>`.
    pub code: &'static str,
    /// Site name under the logo.
    pub tagline: &'static str,
    /// Placeholder of the search box.
    pub placeholder: &'static str,
    /// Search button.
    pub search: &'static str,
    /// Heading of the filters block.
    pub filters: &'static str,
    /// Label of the kind filter.
    pub kind: &'static str,
    /// Label of the language filter.
    pub language: &'static str,
    /// Label of the issuer filter.
    pub issuer: &'static str,
    /// Label of the number filter.
    pub number: &'static str,
    /// Label of the date-from filter.
    pub date_from: &'static str,
    /// Label of the date-to filter.
    pub date_to: &'static str,
    /// Label of the sort selector.
    pub sort: &'static str,
    /// Sort by relevance.
    pub by_relevance: &'static str,
    /// Sort newest first.
    pub newest: &'static str,
    /// Sort oldest first.
    pub oldest: &'static str,
    /// "any" option of selectors.
    pub any: &'static str,
    /// "Found N documents".
    pub found: &'static str,
    /// Nothing found.
    pub nothing: &'static str,
    /// Advice when nothing is found.
    pub nothing_advice: &'static str,
    /// Previous page.
    pub previous: &'static str,
    /// Next page.
    pub next: &'static str,
    /// Back to results.
    pub back: &'static str,
    /// Print.
    pub print: &'static str,
    /// Download original.
    pub original: &'static str,
    /// Before the other files of the same act.
    pub also_as: &'static str,
    /// Beside a file of the act whose text was recognised from scanned pages.
    pub scan: &'static str,
    /// Above a text recognised from scanned pages.
    pub ocr_notice: &'static str,
    /// Date label in requisites.
    pub date: &'static str,
    /// Hint under the search box.
    pub hint: &'static str,
    /// Names of kinds, in the order decree, resolution, order, decision, clipping, other.
    pub kinds: [&'static str; 6],
    /// Names of languages ru, kk, ky, other.
    pub languages: [&'static str; 4],
    /// Page not found.
    pub not_found: &'static str,
    /// Before the number of query words marked in a document.
    pub matches: &'static str,
    /// Link to the first marked word.
    pub first_match: &'static str,
    /// Label of the link from one marked word to the next.
    pub next_match: &'static str,
    /// Label of the link from the last marked word back to the first.
    pub back_to_first_match: &'static str,
    /// A page number past the last page of results.
    pub past_the_end: &'static str,
    /// Link to the last page of results.
    pub last_page: &'static str,
    /// Label of the interface-language switch.
    pub interface_language: &'static str,
    /// Label of the search box (read by screen readers).
    pub search_label: &'static str,
    /// Before the on-screen Kazakh and Kyrgyz letters.
    pub letters: &'static str,
    /// Button that applies the filters.
    pub apply: &'static str,
    /// Heading of the home page.
    pub home_heading: &'static str,
    /// Heading of the example searches.
    pub examples: &'static str,
    /// Heading of the results page.
    pub results_heading: &'static str,
    /// Skip link of the results page.
    pub skip_to_results: &'static str,
    /// Skip link of the other pages.
    pub skip_to_content: &'static str,
    /// Before a corrected query.
    pub did_you_mean: &'static str,
    /// Label of the list of active filters.
    pub active_filters: &'static str,
    /// Removes one active filter.
    pub remove_filter: &'static str,
    /// Before the range of results shown ("11–20").
    pub shown: &'static str,
    /// Heading of the ways out of an empty result.
    pub try_instead: &'static str,
    /// A query with the Kazakh and Kyrgyz letters folded.
    pub without_letters: &'static str,
    /// A link that drops one filter.
    pub without_filter: &'static str,
    /// The search form's checkbox that keeps a search to the query's own language, without
    /// the glossary's equivalents in the other two (`cross_lang=false`).
    pub cross_lang: &'static str,
    /// Title of the facet of act statuses.
    pub status_facet: &'static str,
    /// Label of the pager.
    pub pages: &'static str,
    /// Before a page number, for screen readers.
    pub page: &'static str,
    /// Label of the facets.
    pub refine: &'static str,
    /// Heading of the contents of a long act.
    pub contents: &'static str,
    /// Before the address of a printed document.
    pub source: &'static str,
    /// Before the date a document was printed.
    pub printed: &'static str,
    /// Link to the print view.
    pub print_view: &'static str,
    /// From the print view back to the document.
    pub back_to_document: &'static str,
    /// An empty query, or one of punctuation only.
    pub empty_query: &'static str,
    /// A query too long: only its beginning was searched.
    pub query_cut: &'static str,
    /// The query was retyped from the other keyboard layout.
    pub layout_fixed: &'static str,
    /// Few acts matched as typed; similar spellings follow.
    pub typo_fallback: &'static str,
    /// A date filter that is not a date.
    pub bad_date: &'static str,
    /// A filter or page value out of its range.
    pub bad_value: &'static str,
    /// No document with this id.
    pub unknown_document: &'static str,
    /// The index is damaged.
    pub index_damaged: &'static str,
    /// Anything else that failed.
    pub server_error: &'static str,
    /// Label of the link from one marked word to the one before.
    pub previous_match: &'static str,
    /// An address with no page.
    pub unknown_page: &'static str,
    /// Example searches on the home page.
    pub example_queries: [&'static str; 5],
    /// Status badges, in the order of `ActStatus::ALL`: in force, amended, repealed,
    /// suspended, expired, not yet in force, unknown.
    pub statuses: [&'static str; 7],
    /// How a status gives its day: `{date}` is replaced ("с {date}", "{date} бастап").
    pub since: &'static str,
    /// Relation labels: amends, amended by, repeals, repealed by, suspends, suspended by,
    /// cites, cited by.
    pub relation_names: [&'static str; 8],
    /// Heading of the relations of an act.
    pub relations: &'static str,
    /// Heading of the other language versions of an act.
    pub language_versions: &'static str,
    /// Heading of the editions of an act.
    pub editions: &'static str,
    /// Marks the current edition.
    pub current_edition: &'static str,
    /// After a reference to an act the index does not hold.
    pub not_in_corpus: &'static str,
    /// After a reference that fits several acts.
    pub ambiguous: &'static str,
}

const RU: Texts = Texts {
    code: "ru",
    tagline: "Поиск по правовым актам и публикациям",
    placeholder: "Например: бюджет города, № 4-12, отопительный сезон",
    search: "Найти",
    filters: "Уточнить поиск",
    kind: "Вид документа",
    language: "Язык",
    issuer: "Орган",
    number: "Номер",
    date_from: "Дата с",
    date_to: "по",
    sort: "Порядок",
    by_relevance: "по смыслу",
    newest: "сначала новые",
    oldest: "сначала старые",
    any: "любой",
    found: "Найдено документов",
    nothing: "Ничего не найдено.",
    nothing_advice: "Проверьте написание, уберите лишние слова или фильтры.",
    previous: "← Назад",
    next: "Дальше →",
    back: "← К результатам поиска",
    print: "Печать",
    original: "Скачать исходный файл",
    also_as: "Этот акт также в файлах:",
    scan: "скан",
    ocr_notice: "Текст распознан со сканированных страниц и может содержать ошибки; сверяйте с исходным файлом.",
    date: "Дата",
    hint: "Можно искать по словам в любой форме, по номеру акта, фразе в кавычках; минус перед словом исключает его.",
    kinds: ["Указ", "Постановление", "Распоряжение, приказ", "Решение", "Публикация в прессе", "Другое"],
    languages: ["Русский", "Казахский", "Кыргызский", "Другой"],
    not_found: "Страница не найдена",
    matches: "Совпадений в тексте",
    first_match: "к первому ↓",
    next_match: "Следующее совпадение",
    back_to_first_match: "Это последнее совпадение; вернуться к первому",
    past_the_end: "На этой странице результатов нет: они закончились раньше.",
    last_page: "Последняя страница результатов",
    interface_language: "Язык интерфейса",
    search_label: "Что искать",
    letters: "Буквы:",
    apply: "Применить",
    home_heading: "Поиск по правовым актам города",
    examples: "Например",
    results_heading: "Результаты поиска",
    skip_to_results: "Перейти к результатам",
    skip_to_content: "Перейти к содержанию",
    did_you_mean: "Возможно, вы искали:",
    active_filters: "Выбранные фильтры",
    remove_filter: "убрать фильтр",
    shown: "показаны",
    try_instead: "Попробуйте так",
    without_letters: "Без казахских и кыргызских букв:",
    without_filter: "Без фильтра",
    cross_lang: "Только на языке запроса, без перевода по словарю",
    pages: "Страницы результатов",
    page: "Страница",
    refine: "Уточнить по виду, языку, органу",
    contents: "Содержание",
    source: "Источник",
    printed: "Напечатано",
    print_view: "Версия для печати",
    back_to_document: "Вернуться к документу",
    empty_query: "Введите слово, фразу в кавычках или номер акта.",
    query_cut: "Запрос слишком длинный: искали только его начало.",
    layout_fixed: "Запрос набран в другой раскладке клавиатуры; показаны результаты по запросу",
    typo_fallback: "Точных совпадений мало; ниже — документы с похожим написанием слов.",
    bad_date: "Дата указана неверно: нужен день, месяц и год, например 12.03.2024.",
    bad_value: "Один из параметров поиска указан неверно; проверьте фильтры.",
    unknown_document: "Такого документа нет. Возможно, он был удалён или ссылка устарела.",
    index_damaged: "Поиск временно недоступен: база документов повреждена. Сообщите сотруднику центра.",
    server_error: "Что-то пошло не так. Попробуйте ещё раз или обратитесь к сотруднику центра.",
    example_queries: ["бюджет города на 2024 год", "№ 15-3", "\"отопительный сезон\"", "мектеп жөндеу", "тариф -такси"],
    previous_match: "Предыдущее совпадение",
    unknown_page: "По этому адресу ничего нет. Попробуйте найти документ поиском.",
    statuses: [
        "Действует",
        "Действует с изменениями",
        "Утратил силу",
        "Действие приостановлено",
        "Срок действия истёк",
        "Вступает в силу",
        "Статус не определён",
    ],
    since: "с {date}",
    relation_names: [
        "Вносит изменения в",
        "Изменения внесены",
        "Признаёт утратившим силу",
        "Признан утратившим силу",
        "Приостанавливает",
        "Приостановлен",
        "Ссылается на",
        "На него ссылаются",
    ],
    relations: "Связи с другими актами",
    language_versions: "На других языках",
    editions: "Редакции",
    current_edition: "действующая",
    not_in_corpus: "нет в фонде",
    ambiguous: "ссылка неоднозначна",
    status_facet: "Действие акта",
};

const KK: Texts = Texts {
    code: "kk",
    tagline: "Құқықтық актілер мен жарияланымдар бойынша іздеу",
    placeholder: "Мысалы: қала бюджеті, № 4-12, жылыту маусымы",
    search: "Іздеу",
    filters: "Іздеуді нақтылау",
    kind: "Құжат түрі",
    language: "Тілі",
    issuer: "Орган",
    number: "Нөмірі",
    date_from: "Күні, бастап",
    date_to: "дейін",
    sort: "Реті",
    by_relevance: "мағынасы бойынша",
    newest: "алдымен жаңалары",
    oldest: "алдымен ескілері",
    any: "кез келген",
    found: "Табылған құжаттар",
    nothing: "Ештеңе табылмады.",
    nothing_advice: "Жазылуын тексеріңіз, артық сөздерді немесе сүзгілерді алып тастаңыз.",
    previous: "← Артқа",
    next: "Әрі қарай →",
    back: "← Іздеу нәтижелеріне",
    print: "Басып шығару",
    original: "Бастапқы файлды жүктеу",
    also_as: "Бұл акт басқа файлдарда да бар:",
    scan: "сканерленген",
    ocr_notice:
        "Мәтін сканерленген беттерден танылды, қателер болуы мүмкін; бастапқы файлмен салыстырыңыз.",
    date: "Күні",
    hint:
        "Сөздерді кез келген түрде, акт нөмірі бойынша, тырнақшадағы тіркес бойынша іздеуге болады.",
    kinds: ["Жарлық", "Қаулы", "Өкім, бұйрық", "Шешім", "Баспасөз жарияланымы", "Басқа"],
    languages: ["Орыс тілі", "Қазақ тілі", "Қырғыз тілі", "Басқа"],
    not_found: "Бет табылмады",
    matches: "Мәтіндегі сәйкестіктер",
    first_match: "біріншісіне ↓",
    next_match: "Келесі сәйкестік",
    back_to_first_match: "Бұл соңғы сәйкестік; біріншісіне оралу",
    past_the_end: "Бұл бетте нәтиже жоқ: нәтижелер ертерек аяқталды.",
    last_page: "Нәтижелердің соңғы беті",
    interface_language: "Интерфейс тілі",
    search_label: "Не іздейсіз",
    letters: "Әріптер:",
    apply: "Қолдану",
    home_heading: "Қаланың құқықтық актілері бойынша іздеу",
    examples: "Мысалы",
    results_heading: "Іздеу нәтижелері",
    skip_to_results: "Нәтижелерге өту",
    skip_to_content: "Мазмұнға өту",
    did_you_mean: "Мүмкін, сіз іздегеніңіз:",
    active_filters: "Таңдалған сүзгілер",
    remove_filter: "сүзгіні алып тастау",
    shown: "көрсетілген",
    try_instead: "Былай көріңіз",
    without_letters: "Қазақ және қырғыз әріптерінсіз:",
    without_filter: "Сүзгісіз",
    cross_lang: "Тек сұрау тілінде, сөздік бойынша аудармасыз",
    pages: "Нәтижелер беттері",
    page: "Бет",
    refine: "Түрі, тілі, органы бойынша нақтылау",
    contents: "Мазмұны",
    source: "Дереккөз",
    printed: "Басылған күні",
    print_view: "Басып шығаруға арналған нұсқа",
    back_to_document: "Құжатқа оралу",
    empty_query: "Сөзді, тырнақшадағы тіркесті немесе акт нөмірін енгізіңіз.",
    query_cut: "Сұрау тым ұзын: тек басы бойынша ізделді.",
    layout_fixed:
        "Сұрау басқа пернетақта орналасуында терілген; мына сұрау бойынша нәтижелер көрсетілді",
    typo_fallback: "Дәл сәйкестіктер аз; төменде — сөздері ұқсас жазылған құжаттар.",
    bad_date: "Күні қате көрсетілген: күні, айы және жылы керек, мысалы 12.03.2024.",
    bad_value: "Іздеу параметрлерінің бірі қате көрсетілген; сүзгілерді тексеріңіз.",
    unknown_document: "Мұндай құжат жоқ. Ол жойылған немесе сілтеме ескірген болуы мүмкін.",
    index_damaged:
        "Іздеу уақытша қолжетімсіз: құжаттар базасы зақымдалған. Орталық қызметкеріне хабарлаңыз.",
    server_error: "Бірдеңе дұрыс болмады. Қайталап көріңіз немесе орталық қызметкеріне жүгініңіз.",
    example_queries: [
        "қала бюджеті",
        "№ 15-3",
        "\"жылыту маусымы\"",
        "мектептерді жөндеу",
        "жер учаскесі",
    ],
    previous_match: "Алдыңғы сәйкестік",
    unknown_page: "Бұл мекенжайда ештеңе жоқ. Құжатты іздеу арқылы табыңыз.",
    statuses: [
        "Қолданыста",
        "Өзгерістермен қолданыста",
        "Күші жойылған",
        "Қолданылуы тоқтатыла тұрған",
        "Қолданылу мерзімі өткен",
        "Күшіне енеді",
        "Мәртебесі анықталмаған",
    ],
    since: "{date} бастап",
    relation_names: [
        "Өзгерістер енгізеді",
        "Өзгерістер енгізілген",
        "Күшін жояды",
        "Күші жойылған",
        "Тоқтата тұрады",
        "Тоқтатыла тұрған",
        "Сілтеме жасайды",
        "Оған сілтеме жасайды",
    ],
    relations: "Басқа актілермен байланысы",
    language_versions: "Басқа тілдерде",
    editions: "Редакциялары",
    current_edition: "қолданыстағы",
    not_in_corpus: "қорда жоқ",
    ambiguous: "сілтеме бір мәнді емес",
    status_facet: "Актінің күші",
};

const KY: Texts = Texts {
    code: "ky",
    tagline: "Укуктук актылар жана басылмалар боюнча издөө",
    placeholder: "Мисалы: шаардык бюджет, № 4-12, жылытуу мезгили",
    search: "Издөө",
    filters: "Издөөнү тактоо",
    kind: "Документтин түрү",
    language: "Тили",
    issuer: "Орган",
    number: "Номери",
    date_from: "Күнү, баштап",
    date_to: "чейин",
    sort: "Тартиби",
    by_relevance: "маанисине жараша",
    newest: "адегенде жаңылары",
    oldest: "адегенде эскилери",
    any: "каалаган",
    found: "Табылган документтер",
    nothing: "Эч нерсе табылган жок.",
    nothing_advice: "Жазылышын текшериңиз, ашыкча сөздөрдү же чыпкаларды алып салыңыз.",
    previous: "← Артка",
    next: "Андан ары →",
    back: "← Издөө натыйжаларына",
    print: "Басып чыгаруу",
    original: "Баштапкы файлды жүктөө",
    also_as: "Бул акт башка файлдарда да бар:",
    scan: "сканерленген",
    ocr_notice: "Текст сканерленген беттерден таанылды, каталар болушу мүмкүн; баштапкы файл менен салыштырыңыз.",
    date: "Күнү",
    hint: "Сөздөрдү каалаган формада, актынын номери боюнча, тырмакчадагы сөз айкашы боюнча издесе болот.",
    kinds: ["Жарлык", "Токтом", "Буйрук, тескеме", "Чечим", "Басма сөз материалы", "Башка"],
    languages: ["Орус тили", "Казак тили", "Кыргыз тили", "Башка"],
    not_found: "Барак табылган жок",
    matches: "Тексттеги дал келүүлөр",
    first_match: "биринчисине ↓",
    next_match: "Кийинки дал келүү",
    back_to_first_match: "Бул акыркы дал келүү; биринчисине кайтуу",
    past_the_end: "Бул бетте натыйжа жок: натыйжалар эртерээк бүттү.",
    last_page: "Натыйжалардын акыркы бети",
    interface_language: "Интерфейстин тили",
    search_label: "Эмнени издейсиз",
    letters: "Тамгалар:",
    apply: "Колдонуу",
    home_heading: "Шаардын укуктук актылары боюнча издөө",
    examples: "Мисалы",
    results_heading: "Издөө натыйжалары",
    skip_to_results: "Натыйжаларга өтүү",
    skip_to_content: "Мазмунга өтүү",
    did_you_mean: "Балким, сиз издегениңиз:",
    active_filters: "Тандалган чыпкалар",
    remove_filter: "чыпканы алып салуу",
    shown: "көрсөтүлдү",
    try_instead: "Мындай аракет кылыңыз",
    without_letters: "Казак жана кыргыз тамгаларысыз:",
    without_filter: "Чыпкасыз",
    cross_lang: "Суроонун тилинде гана, сөздүк боюнча котормосуз",
    pages: "Натыйжалардын беттери",
    page: "Бет",
    refine: "Түрү, тили, органы боюнча тактоо",
    contents: "Мазмуну",
    source: "Булак",
    printed: "Басылган күнү",
    print_view: "Басып чыгаруу үчүн нуска",
    back_to_document: "Документке кайтуу",
    empty_query: "Сөздү, тырмакчадагы сөз айкашын же актынын номерин киргизиңиз.",
    query_cut: "Суроо өтө узун: анын башы гана изделди.",
    layout_fixed: "Суроо башка баскычтоп калыбында терилген; бул суроо боюнча натыйжалар көрсөтүлдү",
    typo_fallback: "Так дал келүүлөр аз; төмөндө — сөздөрү окшош жазылган документтер.",
    bad_date: "Күнү туура эмес көрсөтүлгөн: күнү, айы жана жылы керек, мисалы 12.03.2024.",
    bad_value: "Издөө параметрлеринин бири туура эмес көрсөтүлгөн; чыпкаларды текшериңиз.",
    unknown_document: "Мындай документ жок. Ал өчүрүлгөн же шилтеме эскирген болушу мүмкүн.",
    index_damaged: "Издөө убактылуу жеткиликсиз: документтер базасы бузулган. Борбордун кызматкерине кабарлаңыз.",
    server_error: "Бир нерсе туура эмес болду. Кайра аракет кылыңыз же борбордун кызматкерине кайрылыңыз.",
    example_queries: ["шаардык бюджет", "№ 15-3", "\"жылытуу мезгили\"", "мектептерди оңдоо", "жер участогу"],
    previous_match: "Мурунку дал келүү",
    unknown_page: "Бул даректе эч нерсе жок. Документти издөө аркылуу табыңыз.",
    statuses: [
        "Күчүндө",
        "Өзгөртүүлөр менен күчүндө",
        "Күчүн жоготкон",
        "Аракети токтотулган",
        "Колдонуу мөөнөтү бүткөн",
        "Күчүнө кирет",
        "Абалы аныкталган эмес",
    ],
    since: "{date} баштап",
    relation_names: [
        "Өзгөртүүлөрдү киргизет",
        "Өзгөртүүлөр киргизилген",
        "Күчүн жоготту деп тааныйт",
        "Күчүн жоготкон",
        "Аракетин токтотот",
        "Аракети токтотулган",
        "Шилтеме кылат",
        "Ага шилтеме кылышат",
    ],
    relations: "Башка актылар менен байланышы",
    language_versions: "Башка тилдерде",
    editions: "Редакциялары",
    current_edition: "колдонуудагы",
    not_in_corpus: "фондо жок",
    ambiguous: "шилтеме бир маанилүү эмес",
    status_facet: "Актынын күчү",
};

impl UiLanguage {
    /// All interface languages.
    pub const ALL: [UiLanguage; 3] = [UiLanguage::Ru, UiLanguage::Kk, UiLanguage::Ky];

    /// Picks the language from the `ui` parameter, else from `Accept-Language`.
    pub fn choose(parameter: Option<&str>, headers: &HeaderMap) -> UiLanguage {
        if let Some(language) = parameter.and_then(UiLanguage::from_code) {
            return language;
        }
        let accepted = headers.get("accept-language").and_then(|v| v.to_str().ok()).unwrap_or("");
        accepted
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| UiLanguage::from_code(tag.trim().split('-').next().unwrap_or("")))
            .next()
            .unwrap_or_default()
    }

    /// Parses `ru`, `kk` or `ky`.
    pub fn from_code(code: &str) -> Option<UiLanguage> {
        match code.trim() {
            "ru" => Some(UiLanguage::Ru),
            "kk" => Some(UiLanguage::Kk),
            "ky" => Some(UiLanguage::Ky),
            _ => None,
        }
    }

    /// Returns the texts.
    pub fn texts(self) -> &'static Texts {
        match self {
            UiLanguage::Ru => &RU,
            UiLanguage::Kk => &KK,
            UiLanguage::Ky => &KY,
        }
    }

    /// Returns the name of the language in itself, for the switcher.
    pub fn own_name(self) -> &'static str {
        match self {
            UiLanguage::Ru => "Русский",
            UiLanguage::Kk => "Қазақша",
            UiLanguage::Ky => "Кыргызча",
        }
    }
}

impl Texts {
    /// Returns the display name of a kind code.
    pub fn kind_name(&self, code: &str) -> &'static str {
        const CODES: [&str; 6] = ["decree", "resolution", "order", "decision", "clipping", "other"];
        CODES.iter().position(|c| *c == code).map_or(self.kinds[5], |i| self.kinds[i])
    }

    /// Returns the badge text of a status code.
    pub fn status_name(&self, code: &str) -> &'static str {
        const CODES: [&str; 7] = [
            "in_force",
            "amended",
            "repealed",
            "suspended",
            "expired",
            "not_yet_in_force",
            "unknown",
        ];
        CODES.iter().position(|c| *c == code).map_or(self.statuses[6], |i| self.statuses[i])
    }

    /// Returns the label of a relation code (`amends`, `amended_by`, ...).
    pub fn relation_name(&self, code: &str) -> &'static str {
        const CODES: [&str; 8] = [
            "amends",
            "amended_by",
            "repeals",
            "repealed_by",
            "suspends",
            "suspended_by",
            "cites",
            "cited_by",
        ];
        CODES
            .iter()
            .position(|c| *c == code)
            .map_or(self.relation_names[6], |i| self.relation_names[i])
    }

    /// Returns the display name of a language code.
    pub fn language_name(&self, code: &str) -> &'static str {
        match code {
            "ru" => self.languages[0],
            "kk" => self.languages[1],
            "ky" => self.languages[2],
            _ => self.languages[3],
        }
    }
}
