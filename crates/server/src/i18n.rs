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
