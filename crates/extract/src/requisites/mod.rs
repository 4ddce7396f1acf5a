//! The requisites of an act from its header text, in Russian, Kazakh and Kyrgyz: kind,
//! number, date, issuing body, title, and the other acts it amends, repeals or cites.
//!
//! # What counts as the header
//!
//! Only the first [`HEADER_LINES`] non-empty lines are read, and of those only the lines
//! before the body starts. The body starts at the first line that opens a preamble or an
//! operative part ("В соответствии с ...", "Руководствуясь ...", "... сәйкес",
//! "... ылайык", "ПОСТАНОВЛЯЕТ:", "ҚАУЛЫ ЕТЕДІ:", "ТОКТОМ КЫЛАТ:", a numbered item `1.`),
//! or at a long sentence that names no kind of act. A body that cites another act
//! therefore never lends the act its kind, number or date.
//!
//! A kind word makes a line a header line only in the places a header puts it:
//! - Russian: in the nominative (`решение`, `постановление`, `распоряжение`, `приказ`,
//!   `указ`), first on the line and followed by nothing, by requisites (`от`, `№`, a date)
//!   or by the issuing body in the genitive (`распоряжение мэра`, `приказ руководителя
//!   аппарата`), or written in capitals, or capitalised after the name of the body;
//!   never after a preposition or a demonstrative (`в решение`, `настоящее решение`);
//! - Kazakh and Kyrgyz: in the nominative or the possessive (`қаулысы`, `шешімі`,
//!   `токтому`, `чечими`, `жарлығы`) as the last word of its sentence, after the body in
//!   the genitive (`Алматы қаласы әкімдігінің қаулысы`), or followed by requisites.
//!
//! Words in capitals spaced letter by letter (`Р Е Ш Е Н И Е`) are joined first. Kazakh and
//! Kyrgyz words are compared folded (`қ`->`к`, `ә`->`а`, `і`->`и`, ...), so a text typed
//! without the national letters is read too.
//!
//! # Which date and number
//!
//! The date and number are those of the requisites line: the line of the kind word, else
//! the nearest line after it (then before it) that holds nothing but requisites (`от
//! 12.03.2018 № 4`, `Бишкек шаары, 2018-жылдын 12-марты № 45`). Text in parentheses and
//! the registration clause (`Зарегистрировано ... № 3567`, `... № 3567 болып тіркелді`,
//! `... катталды`) are not read, so of an adoption date and a registration date the
//! adoption date is taken. The number is the one on the same line as the date when there
//! is one.
//!
//! # Readable case of the issuing body and the title
//!
//! A body or title written in capitals is stored in sentence case: everything is lowered,
//! then these words are capitalised again: the first word; the word after `города`, `г.`,
//! `села`, `поселка`, `аула` and after an opening quote; the word before a place word
//! (`области`, `района`, `облысы`, `ауданы`, `қаласы`, `қалалық`, `шаары`, `шаардык`,
//! `Республики`, ...) unless it is a common adjective (`городского`, `районного`, ...);
//! an adjective in `-ский/-ская/...` before `городской`, `районный`, ...; and words that
//! are always capitalised (`Республика`, `Казахстан`, `Кыргызстан`, `Президент`,
//! `Правительство`, `Жогорку Кенеш`, ...). Short all-consonant words (`КР`, `РК`, `ЦБС`)
//! stay in capitals. When the body is only named in the genitive after the kind word
//! (`Решение маслихата города Актау`), the head noun and its adjectives are put back in
//! the nominative (`Маслихат города Актау`); in Kazakh and Kyrgyz the genitive ending of
//! the last word is dropped (`Алматы қаласы әкімдігінің` -> `Алматы қаласы әкімдігі`).
//!
//! # One file per concern
//!
//! - `words`: words with their spans and folded forms, masking of quoted and parenthesised
//!   spans;
//! - `numbers` and `dates`: act numbers (`№ 15-3`) and dates in numbers and in words;
//! - `header`: the lines of the head, normalised, cut and classified; `kind`: the kind word
//!   of a line; `body`: where the body starts (title lines, body lines, clippings);
//! - `issuer`, `readable_case`, `title`: the issuing body and the title, in sentence case;
//! - `references`: the other acts the text names and what it does to them;
//! - `term`: when the act enters into force and until when, and the edition of a
//!   consolidated text.

use crate::document::ActReference;
use body::is_clipping;
use header::header_lines;
use issuer::find_issuer;
use references::references_in_paragraphs;
use term::{parse_edition, parse_term};
use title::{code_title, find_title};

mod body;
mod dates;
mod header;
mod issuer;
mod kind;
mod numbers;
mod readable_case;
mod references;
mod term;
mod title;
mod words;

pub use dates::parse_date;
pub use numbers::parse_number;

use crate::document::{ActKind, Requisites};

/// How many non-empty lines of the head are read.
pub const HEADER_LINES: usize = 14;

/// The longest line that can still be a title.
pub(super) const MAX_TITLE_CHARS: usize = 500;

/// Parses the requisites from the head of a document (its first paragraphs, one per line),
/// including the references found in that head.
pub fn parse_requisites(text: &str) -> Requisites {
    let lines = header_lines(text);
    let body_start = lines.iter().position(|line| line.body).unwrap_or(lines.len());
    let region = &lines[..body_start];
    let mut requisites = Requisites::default();

    let kind_line = region.iter().position(|line| line.kind.is_some());
    requisites.kind = kind_line.and_then(|index| region[index].kind.map(|found| found.kind));

    // Lines that may carry the act's own date and number, nearest to the kind line first.
    let order: Vec<usize> = match kind_line {
        Some(kind_index) => std::iter::once(kind_index)
            .chain(kind_index + 1..region.len())
            .chain((0..kind_index).rev())
            .collect(),
        None => (0..region.len()).collect(),
    };
    let candidates: Vec<usize> = order
        .into_iter()
        .filter(|&index| {
            let line = &region[index];
            !line.title_like && (Some(index) == kind_line || line.requisites_only)
        })
        .collect();
    let date_line = candidates.iter().copied().find(|&index| !region[index].dates.is_empty());
    let mut used_spans: Option<(usize, usize)> = None;
    if let Some(index) = date_line {
        let date = &region[index].dates[0];
        requisites.date = Some(date.value);
        used_spans = Some((index, date.end));
        if let Some(number) = region[index].numbers.first() {
            requisites.number = Some(number.value.clone());
            used_spans = Some((index, date.end.max(number.end)));
        }
    }
    if requisites.number.is_none() {
        if let Some(index) =
            candidates.iter().copied().find(|&index| !region[index].numbers.is_empty())
        {
            let number = &region[index].numbers[0];
            requisites.number = Some(number.value.clone());
            if used_spans.is_none() {
                used_spans = Some((index, number.end));
            }
        }
    }
    if requisites.kind.is_none() && requisites.number.is_none() && is_clipping(region) {
        requisites.kind = Some(ActKind::Clipping);
    }

    if requisites.kind.is_some_and(|kind| kind != ActKind::Clipping) || requisites.number.is_some()
    {
        requisites.issuer = find_issuer(region, kind_line, date_line);
    }
    let last_requisites_line =
        [kind_line, date_line, used_spans.map(|(index, _)| index)].into_iter().flatten().max();
    requisites.title = find_title(region, last_requisites_line, used_spans)
        .or_else(|| code_title(region, date_line));
    requisites.references = parse_references(text);
    add_term_and_edition(&mut requisites, text, text.lines());
    requisites
}

/// Reads the term of force from the title and the text, and the edition from the head.
fn add_term_and_edition<'a>(
    requisites: &mut Requisites,
    head: &str,
    paragraphs: impl Iterator<Item = &'a str>,
) {
    let term = parse_term(requisites.title.as_deref(), paragraphs);
    requisites.in_force_from = term.from;
    requisites.in_force_until = term.until;
    requisites.edition = parse_edition(head.lines().take(HEADER_LINES));
}

/// Finds the other acts a text amends, repeals or cites: an act named by its kind (or as a
/// law or code) together with its date and/or number, in a sentence that says what is done
/// to it. Mentions without such a word (the act's own requisites line) are not references.
/// A list introduced by "признать утратившими силу:" / "... күші жойылды деп танылсын:"
/// passes its relation to the items that follow. Quoted titles and parentheses are skipped,
/// so the acts named inside another act's title are not taken. The result has no duplicates;
/// an act that is amended or repealed is not also listed as cited.
pub fn parse_references(text: &str) -> Vec<ActReference> {
    references_in_paragraphs(text.lines())
}

/// Parses the requisites from the head of a document (its first `HEADER_LINES` (14)
/// paragraphs) and the references from all of its paragraphs.
pub fn parse_requisites_and_references<'a>(
    head: &str,
    paragraphs: impl IntoIterator<Item = &'a str>,
) -> Requisites {
    let mut requisites = parse_requisites(head);
    let paragraphs: Vec<&str> = paragraphs.into_iter().collect();
    requisites.references = references_in_paragraphs(paragraphs.iter().copied());
    add_term_and_edition(&mut requisites, head, paragraphs.iter().copied());
    requisites
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ActDate;

    /// One header and the requisites expected from it (`None`: must not be found).
    struct Case {
        name: &'static str,
        header: &'static str,
        kind: Option<ActKind>,
        number: Option<&'static str>,
        date: Option<&'static str>,
        issuer: Option<&'static str>,
        title: Option<&'static str>,
    }

    fn check(cases: &[Case]) {
        let mut failures = Vec::new();
        for case in cases {
            let parsed = parse_requisites(case.header);
            let got = (
                parsed.kind,
                parsed.number.as_deref(),
                parsed.date.map(ActDate::to_iso),
                parsed.issuer.as_deref(),
                parsed.title.as_deref(),
            );
            let expected =
                (case.kind, case.number, case.date.map(str::to_owned), case.issuer, case.title);
            if got != expected {
                failures
                    .push(format!("{}:\n  got      {got:?}\n  expected {expected:?}", case.name));
            }
        }
        assert!(failures.is_empty(), "check the header rules for:\n{}", failures.join("\n"));
    }

    #[test]
    fn test_russian_headers() {
        check(&[
            Case {
                name: "council decision, capitals, words date",
                header: "ГОРОДСКОЙ СОВЕТ ГОРОДА АКТАУ\nРЕШЕНИЕ\nот 12 марта 2018 года № 4-10002\nО городском бюджете на 2018 год\nВ соответствии с решением маслихата от 01.02.2017 № 5 городской совет РЕШИЛ:\n1. Утвердить бюджет.",
                kind: Some(ActKind::Decision),
                number: Some("4-10002"),
                date: Some("2018-03-12"),
                issuer: Some("Городской совет города Актау"),
                title: Some("О городском бюджете на 2018 год"),
            },
            Case {
                name: "Russian municipality, spaced letters, two-line title",
                header: "РОССИЙСКАЯ ФЕДЕРАЦИЯ\nАДМИНИСТРАЦИЯ ГОРОДА САРОВА\nНИЖЕГОРОДСКОЙ ОБЛАСТИ\nП О С Т А Н О В Л Е Н И Е\n12.03.2018 № 645\nг. Саров\nОб утверждении Положения о порядке\nпредоставления субсидий\nВ целях поддержки малого предпринимательства администрация ПОСТАНОВЛЯЕТ:",
                kind: Some(ActKind::Resolution),
                number: Some("645"),
                date: Some("2018-03-12"),
                issuer: Some("Администрация города Сарова Нижегородской области"),
                title: Some("Об утверждении Положения о порядке предоставления субсидий"),
            },
            Case {
                name: "register format: title first, adoption and registration dates",
                header: "Об утверждении Правил благоустройства территории города Актау\nРешение Актауского городского маслихата Мангистауской области от 12 марта 2018 года № 20/215. Зарегистрировано Департаментом юстиции Мангистауской области 2 апреля 2018 года № 3567\nВ соответствии с Законом Республики Казахстан от 23 января 2001 года № 148 маслихат РЕШИЛ:",
                kind: Some(ActKind::Decision),
                number: Some("20/215"),
                date: Some("2018-03-12"),
                issuer: Some("Актауский городской маслихат Мангистауской области"),
                title: Some("Об утверждении Правил благоустройства территории города Актау"),
            },
            Case {
                name: "mayor's order, quoted day, number with letters",
                header: "МЭРИЯ ГОРОДА БИШКЕК\nРАСПОРЯЖЕНИЕ мэра\nот «12» марта 2018 г. № 12-р\nг. Бишкек\nО проведении месячника по благоустройству",
                kind: Some(ActKind::Order),
                number: Some("12-р"),
                date: Some("2018-03-12"),
                issuer: Some("Мэрия города Бишкек"),
                title: Some("О проведении месячника по благоустройству"),
            },
            Case {
                name: "order of the head of the office, letters before digits",
                header: "Приказ руководителя аппарата акима города Алматы от 5 июня 2019 года № ПП-12\nОб утверждении графика приема граждан",
                kind: Some(ActKind::Order),
                number: Some("ПП-12"),
                date: Some("2019-06-05"),
                issuer: Some("Руководитель аппарата акима города Алматы"),
                title: Some("Об утверждении графика приема граждан"),
            },
            Case {
                name: "government resolution in capitals",
                header: "ПОСТАНОВЛЕНИЕ ПРАВИТЕЛЬСТВА КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nот 15 марта 2018 года № 145\nОБ УТВЕРЖДЕНИИ ПОЛОЖЕНИЯ О МИНИСТЕРСТВЕ ЮСТИЦИИ\nКЫРГЫЗСКОЙ РЕСПУБЛИКИ",
                kind: Some(ActKind::Resolution),
                number: Some("145"),
                date: Some("2018-03-15"),
                issuer: Some("Правительство Кыргызской Республики"),
                title: Some("Об утверждении положения о министерстве юстиции Кыргызской Республики"),
            },
            Case {
                name: "presidential decree, Roman-numeral number",
                header: "УКАЗ ПРЕЗИДЕНТА КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nО мерах по развитию туризма\nг. Бишкек, от 12 апреля 2018 года № 123-VI",
                kind: Some(ActKind::Decree),
                number: Some("123-VI"),
                date: Some("2018-04-12"),
                issuer: Some("Президент Кыргызской Республики"),
                title: Some("О мерах по развитию туризма"),
            },
            Case {
                name: "header joined into one paragraph",
                header: "РЕШЕНИЕ от 12.03.2018 № 33 О бюджете\nТекст решения.",
                kind: Some(ActKind::Decision),
                number: Some("33"),
                date: Some("2018-03-12"),
                issuer: None,
                title: Some("О бюджете"),
            },
            Case {
                name: "number before date, numeric date with г., slash number",
                header: "Совет депутатов городского округа\nРЕШЕНИЕ № 15/3 от 12.03.2018 г.\nО внесении изменений в решение Совета депутатов\nот 14.12.2017 № 10/1 «О бюджете на 2018 год»",
                kind: Some(ActKind::Decision),
                number: Some("15/3"),
                date: Some("2018-03-12"),
                issuer: Some("Совет депутатов городского округа"),
                title: Some("О внесении изменений в решение Совета депутатов от 14.12.2017 № 10/1 «О бюджете на 2018 год»"),
            },
            Case {
                name: "ISO date and N sign, registration stated first",
                header: "Зарегистрировано в Министерстве юстиции 5 апреля 2018 года № 16711\nПРИКАЗ Министра финансов Республики Казахстан от 2018-03-20 N 380\nОб утверждении Правил учета",
                kind: Some(ActKind::Order),
                number: Some("380"),
                date: Some("2018-03-20"),
                issuer: Some("Министр финансов Республики Казахстан"),
                title: Some("Об утверждении Правил учета"),
            },
            Case {
                name: "kind word only in the body",
                header: "О мерах по благоустройству города\nВ соответствии с решением городского совета от 01.02.2017 № 5 акимат ПОСТАНОВЛЯЕТ:\n1. Утвердить план.\nРешение вступает в силу со дня опубликования.",
                kind: None,
                number: None,
                date: None,
                issuer: None,
                title: Some("О мерах по благоустройству города"),
            },
            Case {
                name: "a clipping without a header",
                header: "Библиотека провела неделю детской книги\nВ минувшую среду, 12 марта 2018 года, в центральной городской библиотеке прошла неделя детской книги, по решению городского совета № 5 участвовали все школы города.\nЧитатели получили подарки.",
                kind: None,
                number: None,
                date: None,
                issuer: None,
                title: None,
            },
            Case {
                name: "a law, not a kind of act, with notes in parentheses",
                header: "ВОДНЫЙ КОДЕКС КЫРГЫЗСКОЙ РЕСПУБЛИКИ от 12 января 2005 года № 8 (В редакции Законов КР от 10 октября 2012 года № 170) Глава 1 Общие положения",
                kind: None,
                number: Some("8"),
                date: Some("2005-01-12"),
                issuer: None,
                title: Some("Водный кодекс Кыргызской Республики"),
            },
        ]);
    }

    #[test]
    fn test_kazakh_headers() {
        check(&[
            Case {
                name: "decision, genitive body",
                header: "Қалалық мәслихаттың шешімі\n2018 жылғы 12 наурыздағы № 33\nҚалалық бюджет туралы",
                kind: Some(ActKind::Decision),
                number: Some("33"),
                date: Some("2018-03-12"),
                issuer: Some("Қалалық мәслихат"),
                title: Some("Қалалық бюджет туралы"),
            },
            Case {
                name: "register format: kind after the number, registration sentence",
                header: "Ақтау қаласының аумағын абаттандыру қағидаларын бекіту туралы\nМаңғыстау облысы Ақтау қалалық мәслихатының 2018 жылғы 12 наурыздағы № 20/215 шешімі. Маңғыстау облысының Әділет департаментінде 2018 жылғы 2 сәуірде № 3567 болып тіркелді\nҚазақстан Республикасының 2001 жылғы 23 қаңтардағы «Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заңына сәйкес, Ақтау қалалық мәслихаты ШЕШІМ ҚАБЫЛДАДЫ:",
                kind: Some(ActKind::Decision),
                number: Some("20/215"),
                date: Some("2018-03-12"),
                issuer: Some("Маңғыстау облысы Ақтау қалалық мәслихаты"),
                title: Some("Ақтау қаласының аумағын абаттандыру қағидаларын бекіту туралы"),
            },
            Case {
                name: "akimat in capitals, spaced letters, quoted day, two-line title",
                header: "АЛМАТЫ ҚАЛАСЫНЫҢ ӘКІМДІГІ\nҚ А У Л Ы\n2019 жылғы «5» маусым № 2/300\nАлматы қаласының 2019-2021 жылдарға арналған\nбюджеті туралы\nҚазақстан Республикасының Бюджет кодексіне сәйкес Алматы қаласының әкімдігі ҚАУЛЫ ЕТЕДІ:",
                kind: Some(ActKind::Resolution),
                number: Some("2/300"),
                date: Some("2019-06-05"),
                issuer: Some("Алматы қаласының әкімдігі"),
                title: Some("Алматы қаласының 2019-2021 жылдарға арналған бюджеті туралы"),
            },
            Case {
                name: "possessive resolution, day-month-year",
                header: "Алматы қаласы әкімдігінің қаулысы\n12 наурыз 2018 жыл № 1/100\nЖер учаскесін беру туралы",
                kind: Some(ActKind::Resolution),
                number: Some("1/100"),
                date: Some("2018-03-12"),
                issuer: Some("Алматы қаласы әкімдігі"),
                title: Some("Жер учаскесін беру туралы"),
            },
            Case {
                name: "akim's order",
                header: "Аудан әкімінің өкімі\n2020 жылғы 3 ақпандағы № 15-ө\nЖұмыс тобын құру туралы",
                kind: Some(ActKind::Order),
                number: Some("15-ө"),
                date: Some("2020-02-03"),
                issuer: Some("Аудан әкімі"),
                title: Some("Жұмыс тобын құру туралы"),
            },
            Case {
                name: "presidential decree",
                header: "Қазақстан Республикасы Президентінің Жарлығы\n2018 жылғы 15 наурыздағы № 650\nМемлекеттік наградалар туралы",
                kind: Some(ActKind::Decree),
                number: Some("650"),
                date: Some("2018-03-15"),
                issuer: Some("Қазақстан Республикасы Президенті"),
                title: Some("Мемлекеттік наградалар туралы"),
            },
            Case {
                name: "minister's order on one line",
                header: "Қазақстан Республикасы Қаржы министрінің 2018 жылғы 20 наурыздағы № 380 бұйрығы",
                kind: Some(ActKind::Order),
                number: Some("380"),
                date: Some("2018-03-20"),
                issuer: Some("Қазақстан Республикасы Қаржы министрі"),
                title: None,
            },
            Case {
                name: "typed without Kazakh letters",
                header: "Алматы каласы акимдигинин каулысы\n2018 жылгы 12 наурыздагы № 5\nБюджет туралы",
                kind: Some(ActKind::Resolution),
                number: Some("5"),
                date: Some("2018-03-12"),
                issuer: Some("Алматы каласы акимдиги"),
                title: Some("Бюджет туралы"),
            },
            Case {
                name: "kind word only in the body",
                header: "Осы шешім алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.",
                kind: None,
                number: None,
                date: None,
                issuer: None,
                title: None,
            },
        ]);
    }

    #[test]
    fn test_kyrgyz_headers() {
        check(&[
            Case {
                name: "resolution, genitive body",
                header: "Шаардык кеңештин токтому\n2018-жылдын 12-марты No 12-п\nШаардык бюджет жөнүндө",
                kind: Some(ActKind::Resolution),
                number: Some("12-п"),
                date: Some("2018-03-12"),
                issuer: Some("Шаардык кеңеш"),
                title: Some("Шаардык бюджет жөнүндө"),
            },
            Case {
                name: "capitals, locative month",
                header: "БИШКЕК ШААРДЫК КЕҢЕШИНИН ТОКТОМУ\n2018-жылдын 12-апрелинде № 45\nБишкек шаарынын 2018-жылга бюджети жөнүндө",
                kind: Some(ActKind::Resolution),
                number: Some("45"),
                date: Some("2018-04-12"),
                issuer: Some("Бишкек шаардык кеңеши"),
                title: Some("Бишкек шаарынын 2018-жылга бюджети жөнүндө"),
            },
            Case {
                name: "traditional month of two words",
                header: "Кыргыз Республикасынын Өкмөтүнүн токтому\n2016-жылдын 28-жалган куран № 102\nМамлекеттик программа жөнүндө",
                kind: Some(ActKind::Resolution),
                number: Some("102"),
                date: Some("2016-03-28"),
                issuer: Some("Кыргыз Республикасынын Өкмөтү"),
                title: Some("Мамлекеттик программа жөнүндө"),
            },
            Case {
                name: "traditional month of one word with an ending",
                header: "Ош облустук кеңешинин чечими\n2017-жылдын 5-бугусундагы № 7\nОблустук бюджет жөнүндө",
                kind: Some(ActKind::Decision),
                number: Some("7"),
                date: Some("2017-05-05"),
                issuer: Some("Ош облустук кеңеши"),
                title: Some("Облустук бюджет жөнүндө"),
            },
            Case {
                name: "mayor's office order, day-month-year",
                header: "Ош шаарынын мэриясынын буйругу\n12-март 2018-жыл № 01-04/215\nКызматтык текшерүү жөнүндө",
                kind: Some(ActKind::Order),
                number: Some("01-04/215"),
                date: Some("2018-03-12"),
                issuer: Some("Ош шаарынын мэриясы"),
                title: Some("Кызматтык текшерүү жөнүндө"),
            },
            Case {
                name: "instruction, year-locative form",
                header: "Айыл өкмөтүнүн башчысынын тескемеси\n2018-жылы 12-мартта № 5\nЖумушчу топ түзүү жөнүндө",
                kind: Some(ActKind::Order),
                number: Some("5"),
                date: Some("2018-03-12"),
                issuer: Some("Айыл өкмөтүнүн башчысы"),
                title: Some("Жумушчу топ түзүү жөнүндө"),
            },
            Case {
                name: "presidential decree, May and October endings",
                header: "Кыргыз Республикасынын Президентинин Жарлыгы\n2018-жылдын 3-майы № 90\nМамлекеттик сыйлыктар жөнүндө",
                kind: Some(ActKind::Decree),
                number: Some("90"),
                date: Some("2018-05-03"),
                issuer: Some("Кыргыз Республикасынын Президенти"),
                title: Some("Мамлекеттик сыйлыктар жөнүндө"),
            },
            Case {
                name: "kind word only in the body",
                header: "Бул токтом расмий жарыяланган күндөн тартып он күн өткөндөн кийин күчүнө кирет.",
                kind: None,
                number: None,
                date: None,
                issuer: None,
                title: None,
            },
        ]);
    }
}
