//! The plain result of extraction: text in paragraphs, and the act's requisites.

use serde::{Deserialize, Serialize};

/// The kind of a legal act or other document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ActKind {
    /// Decree (указ, жарлық, жарлык) or a mayor's decree.
    Decree,
    /// Resolution (постановление, қаулы, токтом).
    Resolution,
    /// Order (приказ/распоряжение, бұйрық/өкім, буйрук/тескеме).
    Order,
    /// Decision (решение, шешім, чечим).
    Decision,
    /// Press clipping: a newspaper article or a news item.
    Clipping,
    /// Anything else.
    #[default]
    Other,
}

impl ActKind {
    /// All kinds, in the order the interface lists them.
    pub const ALL: [ActKind; 6] = [
        ActKind::Decree,
        ActKind::Resolution,
        ActKind::Order,
        ActKind::Decision,
        ActKind::Clipping,
        ActKind::Other,
    ];

    /// Returns the code used in the index and the API.
    pub fn code(self) -> &'static str {
        match self {
            ActKind::Decree => "decree",
            ActKind::Resolution => "resolution",
            ActKind::Order => "order",
            ActKind::Decision => "decision",
            ActKind::Clipping => "clipping",
            ActKind::Other => "other",
        }
    }

    /// Parses a code as returned by [`ActKind::code`].
    pub fn from_code(code: &str) -> Option<ActKind> {
        ActKind::ALL.into_iter().find(|kind| kind.code() == code.trim())
    }
}

/// A calendar date, as acts carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActDate {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day, 1..=31.
    pub day: u8,
}

impl ActDate {
    /// Builds a date if the day exists in that month (Gregorian calendar).
    pub fn new(year: i32, month: u8, day: u8) -> Option<ActDate> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1800..=2200).contains(&year)).then_some(ActDate {
            year,
            month,
            day,
        })
    }

    /// Parses an ISO 8601 date `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<ActDate> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.get(..2)?.parse().ok()?;
        ActDate::new(year, month, day)
    }

    /// Returns the date as `YYYY-MM-DD`.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for ActDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for ActDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ActDate::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date YYYY-MM-DD: {text:?}")))
    }
}

/// The requisites of an act: what identifies it in the register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requisites {
    /// Kind of act.
    pub kind: Option<ActKind>,
    /// Number as written, without the `№` sign, e.g. `12-п`.
    pub number: Option<String>,
    /// Date of adoption.
    pub date: Option<ActDate>,
    /// Issuing body, e.g. `Городской совет`.
    pub issuer: Option<String>,
    /// Title, e.g. `О городском бюджете на 2024 год`.
    pub title: Option<String>,
    /// Other acts this act amends, repeals, suspends or cites, in the order the text
    /// names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<ActReference>,
    /// The day the act enters into force, when the text states it ("вводится в действие
    /// с 1 января 2031 года").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force_from: Option<ActDate>,
    /// The last day of the act's force, when the text or the title states it ("действует
    /// до 31 декабря 2024 года", "на 2024 год").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force_until: Option<ActDate>,
    /// For a consolidated text: the date of the amending act it is in the edition of ("в
    /// редакции решения от 20.05.2024 № 19-4"); `None` for the text as adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<ActDate>,
}

impl Requisites {
    /// Fills every field that is empty here from `other`.
    pub fn fill_from(&mut self, other: Requisites) {
        self.kind = self.kind.or(other.kind);
        self.number = self.number.take().or(other.number);
        self.date = self.date.or(other.date);
        self.issuer = self.issuer.take().or(other.issuer);
        self.title = self.title.take().or(other.title);
        if self.references.is_empty() {
            self.references = other.references;
        }
        self.in_force_from = self.in_force_from.or(other.in_force_from);
        self.in_force_until = self.in_force_until.or(other.in_force_until);
        self.edition = self.edition.or(other.edition);
    }
}

/// How an act relates to another act it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The act amends or supplements the other act ("О внесении изменений в ...",
    /// "... шешіміне өзгерістер енгізу", "... токтомуна өзгөртүүлөрдү киргизүү").
    Amends,
    /// The act repeals the other act ("признать утратившим силу ...",
    /// "... күші жойылды деп танылсын", "... күчүн жоготту деп таанылсын").
    Repeals,
    /// The act suspends the other act ("приостановить действие ...",
    /// "... тоқтата тұрсын", "... токтото турулсун").
    Suspends,
    /// The act cites the other act as its ground ("в соответствии с решением ...",
    /// "... шешіміне сәйкес", "... токтомуна ылайык").
    Cites,
}

/// Another act named in the text of an act, with what the text does to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActReference {
    /// What the act does to the other act.
    pub relation: Relation,
    /// Kind of the other act; `None` for a law or a code, which have no kind of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActKind>,
    /// Number of the other act as written, without the `№` sign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Date of adoption of the other act.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<ActDate>,
}

/// A paragraph of extracted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The text, whitespace collapsed, without line breaks inside.
    pub text: String,
    /// The page (1-based) for paged formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// A file format zan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    Txt,
    /// HTML page.
    Html,
    /// PDF.
    Pdf,
    /// Word 2007+ document.
    Docx,
    /// OpenDocument text.
    Odt,
    /// Rich Text Format.
    Rtf,
}

impl Format {
    /// Returns the lower-case name of the format.
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Rtf => "rtf",
        }
    }
}

/// Everything extracted from one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extracted {
    /// The detected format.
    pub format: Format,
    /// The character encoding the text was decoded from, where that applies.
    pub encoding: Option<String>,
    /// The act's requisites: parsed from the header, overridden by a sidecar file.
    pub requisites: Requisites,
    /// The text, paragraph by paragraph.
    pub paragraphs: Vec<Paragraph>,
    /// Things that went wrong but did not stop extraction.
    pub warnings: Vec<String>,
    /// Pages (1-based) whose text was recognised by OCR from scanned images; empty when
    /// all the text came from a text layer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ocr_pages: Vec<u32>,
}

impl Extracted {
    /// Returns the whole text, paragraphs separated by a blank line.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for paragraph in &self.paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&paragraph.text);
        }
        text
    }
}

/// Splits text into paragraphs at blank lines; lines inside a paragraph are joined with
/// a space (a line ending in a hyphen is kept as is, so the analyzer can join the word).
/// A Markdown heading line (`# ...`) is a paragraph of its own.
pub fn paragraphs_from_text(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, paragraphs: &mut Vec<Paragraph>| {
        let text = current.trim();
        if !text.is_empty() {
            paragraphs.push(Paragraph { text: text.to_owned(), page: None });
        }
        current.clear();
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        if crate::markdown::is_heading(line) {
            // A Markdown heading is a block of its own, even with no blank line around it.
            flush(&mut current, &mut paragraphs);
            push_collapsed(&mut current, line);
            flush(&mut current, &mut paragraphs);
            continue;
        }
        if !current.is_empty() {
            if current.ends_with('-') && line.chars().next().is_some_and(char::is_lowercase) {
                // A word broken across lines: join without the hyphen.
                current.pop();
            } else {
                current.push(' ');
            }
        }
        push_collapsed(&mut current, line);
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// Appends a line with each run of white space as one space. The text between spaces is
/// copied a word at a time (a push per character was 2 % of a build), and found a byte
/// at a time: only ASCII and the lead bytes of the other white space (U+0085 and U+00A0,
/// U+1680, U+2000 to U+205F, U+3000) can start a space, so a Cyrillic letter is passed
/// over without decoding it (decoding each character was another 1 %).
fn push_collapsed(out: &mut String, line: &str) {
    let bytes = line.as_bytes();
    let mut previous_space = false;
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        let (space, len) = match bytes[at] {
            byte @ 0..=0x7f => ((byte as char).is_whitespace(), 1),
            0xc2 | 0xe1..=0xe3 => {
                let c = line[at..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            }
            _ => (false, 1),
        };
        if space {
            out.push_str(&line[run..at]);
            if !previous_space {
                out.push(' ');
            }
            run = at + len;
        }
        previous_space = space;
        at += len;
    }
    out.push_str(&line[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_dates_are_checked() {
        assert!(ActDate::new(2023, 2, 29).is_none());
        assert!(ActDate::new(2024, 2, 29).is_some());
        assert_eq!(
            ActDate::parse_iso("2018-03-12").map(ActDate::to_iso).as_deref(),
            Some("2018-03-12")
        );
    }

    #[test]
    fn test_white_space_runs_become_one_space() {
        let cases = [
            ("", ""),
            ("слово", "слово"),
            ("a  b\t\tc", "a b c"),
            (" \u{a0}ведущий и\u{2003}\u{2003}конечный ", " ведущий и конечный "),
            ("№\u{202f}15-3", "№ 15-3"),
        ];
        for (line, expected) in cases {
            let mut out = String::from(">");
            push_collapsed(&mut out, line);
            assert_eq!(out, format!(">{expected}"), "{line:?}");
        }
    }

    /// The byte scan finds exactly the characters `char::is_whitespace` finds.
    #[test]
    fn test_white_space_is_found_as_the_standard_library_finds_it() {
        let every: String = ('\0'..='\u{3100}').chain(['\u{FEFF}', '\u{1F600}']).collect();
        let mut out = String::new();
        push_collapsed(&mut out, &every);
        let mut expected = String::new();
        let mut previous_space = false;
        for c in every.chars() {
            if !c.is_whitespace() {
                expected.push(c);
            } else if !previous_space {
                expected.push(' ');
            }
            previous_space = c.is_whitespace();
        }
        assert_eq!(out, expected);
    }

    #[test]
    fn test_paragraphs_from_text() {
        let paragraphs = paragraphs_from_text("Первая  строка\nпродол-\nжение\n\n\nВторой абзац");
        let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["Первая строка продолжение", "Второй абзац"]);
    }
}
