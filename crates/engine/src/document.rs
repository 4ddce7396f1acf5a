//! A document as the engine writes it, and as it reads it back.

use serde::Serialize;
use tantivy::schema::document::{ReferenceValue, ReferenceValueLeaf};
use tantivy::schema::{Document, Facet, Field, OwnedValue, Value};
use tantivy::{DateTime, TantivyDocument};
use zan_analysis::{detect, Language};

use crate::schema::{language_slot, normalize_number, root_slot, ZanSchema};

/// A calendar date (proleptic Gregorian), as acts carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1..=12.
    pub month: u32,
    /// Day 1..=31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let text = text.trim();
        let mut parts = text.splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let date = Date { year, month, day };
        (date.days_in_month() >= day
            && day >= 1
            && (1..=12).contains(&month)
            && (1000..=9999).contains(&year))
        .then_some(date)
    }

    fn days_in_month(self) -> u32 {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        }
    }

    /// Returns the date as `YYYY-MM-DD`.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Returns the next day.
    pub fn next_day(self) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + 1)
    }

    /// Returns the date as `DD.MM.YYYY`, as acts write it.
    pub fn to_dotted(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// Returns days since 1970-01-01 (negative before).
    pub(crate) fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// Today's date (UTC), from the system clock.
    pub fn today() -> Date {
        let days = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs() / 86_400);
        Date::from_days_since_epoch(i64::try_from(days).unwrap_or(0))
    }

    /// The UTC day of a time given in seconds since 1970-01-01 00:00 UTC.
    pub fn from_unix_seconds(seconds: i64) -> Date {
        Date::from_days_since_epoch(seconds.div_euclid(86_400))
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    pub(crate) fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Converts to a tantivy date at midnight UTC.
    pub fn to_tantivy(self) -> DateTime {
        DateTime::from_timestamp_secs(self.days_since_epoch() * 86_400)
    }

    /// Converts from a tantivy date (the day of its UTC midnight).
    pub fn from_tantivy(date: DateTime) -> Date {
        Date::from_days_since_epoch(Date::day_number(date))
    }

    /// The days since 1970-01-01 of a tantivy date's UTC day, without making a date.
    pub(crate) fn day_number(date: DateTime) -> i64 {
        date.into_timestamp_secs().div_euclid(86_400)
    }
}

/// A document to write: text already extracted, paragraphs already tagged with their
/// language (see [`IndexDocument::tag_paragraphs`]).
#[derive(Debug, Clone, Default)]
pub struct IndexDocument {
    /// Stable id: the path relative to the corpus root, or the JSONL record id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Paragraphs with their language.
    pub paragraphs: Vec<(Language, String)>,
    /// The primary language, if declared; otherwise the language of most text.
    pub lang: Option<Language>,
    /// Kind code (decree, resolution, order, decision, clipping, other).
    pub kind: Option<String>,
    /// Number as written.
    pub number: Option<String>,
    /// Date of the act.
    pub date: Option<Date>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Source format name.
    pub format: String,
    /// Content fingerprint, to skip unchanged files when reindexing.
    pub fingerprint: u64,
    /// True when some of the text was recognised from scanned pages.
    pub ocr: bool,
    /// Character encoding of a text original (`windows-1251`, `UTF-8`...), if it has one.
    pub encoding: Option<String>,
    /// The other acts this act names, with what it does to them.
    pub references: Vec<ActReference>,
    /// The stated first day of force, if the text states one.
    pub in_force_from: Option<Date>,
    /// The stated last day of force, if the text or the title states one.
    pub in_force_until: Option<Date>,
    /// For a consolidated text: the date of the amending act it incorporates.
    pub edition: Option<Date>,
}

/// What an act does to another act it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Amends or supplements it.
    Amends,
    /// Repeals it.
    Repeals,
    /// Suspends it.
    Suspends,
    /// Cites it as a ground.
    Cites,
}

impl RelationKind {
    /// Every kind of relation.
    pub const ALL: [RelationKind; 4] =
        [RelationKind::Amends, RelationKind::Repeals, RelationKind::Suspends, RelationKind::Cites];

    /// Returns the code of the relation seen from the act that names: `amends`, ...
    pub fn code(self) -> &'static str {
        match self {
            RelationKind::Amends => "amends",
            RelationKind::Repeals => "repeals",
            RelationKind::Suspends => "suspends",
            RelationKind::Cites => "cites",
        }
    }

    /// Returns the code of the relation seen from the act named: `amended_by`, ...
    pub fn inverse_code(self) -> &'static str {
        match self {
            RelationKind::Amends => "amended_by",
            RelationKind::Repeals => "repealed_by",
            RelationKind::Suspends => "suspended_by",
            RelationKind::Cites => "cited_by",
        }
    }

    /// Parses a code as returned by [`RelationKind::code`].
    pub fn from_code(code: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|relation| relation.code() == code)
    }
}

/// Another act named in the text of an act: its requisites as the text gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActReference {
    /// What the naming act does to it.
    pub relation: RelationKind,
    /// Kind code, when the text names one.
    pub kind: Option<String>,
    /// Number as written.
    pub number: Option<String>,
    /// Date of adoption.
    pub date: Option<Date>,
}

impl ActReference {
    /// Encodes the reference as one index value: `relation|kind|date|number` (empty parts
    /// for what is not known; the number goes last, so a `|` in it cannot shift a part).
    pub fn encode(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.relation.code(),
            self.kind.as_deref().unwrap_or_default(),
            self.date.map(Date::to_iso).unwrap_or_default(),
            self.number.as_deref().unwrap_or_default()
        )
    }

    /// Decodes a value written by [`ActReference::encode`].
    pub fn decode(value: &str) -> Option<ActReference> {
        let mut parts = value.splitn(4, '|');
        let relation = RelationKind::from_code(parts.next()?)?;
        let kind = parts.next()?;
        let date = parts.next()?;
        let number = parts.next()?;
        Some(ActReference {
            relation,
            kind: (!kind.is_empty()).then(|| kind.to_owned()),
            number: (!number.is_empty()).then(|| number.to_owned()),
            date: Date::parse_iso(date),
        })
    }
}

impl IndexDocument {
    /// Tags each paragraph of a text with its detected language; owned paragraphs are
    /// moved, not copied.
    pub fn tag_paragraphs<S: AsRef<str> + Into<String>>(
        paragraphs: impl IntoIterator<Item = S>,
    ) -> Vec<(Language, String)> {
        paragraphs.into_iter().map(|text| (detect(text.as_ref()), text.into())).collect()
    }

    /// Returns the primary language: declared, or the language holding most letters.
    pub fn primary_language(&self) -> Language {
        if let Some(language) = self.lang {
            return language;
        }
        let mut letters = std::collections::HashMap::<Language, usize>::new();
        for (language, text) in &self.paragraphs {
            if *language != Language::Other {
                *letters.entry(*language).or_default() += text.len();
            }
        }
        letters
            .into_iter()
            .max_by_key(|(language, count)| (*count, *language))
            .map_or(Language::Other, |(l, _)| l)
    }

    /// Builds the document the writer takes: the text held once, each field pointing
    /// into it.
    pub fn to_tantivy(&self, schema: &ZanSchema) -> WriteDocument {
        let mut document = WriteDocument::with_capacity(self.title.clone(), self.paragraphs.len());
        let primary = self.primary_language();
        document.add_owned(schema.id, OwnedValue::Str(self.id.clone()));
        document.add_title(schema.title);
        if !self.title.is_empty() {
            let title_language = match detect(&self.title) {
                Language::Other => primary,
                detected => detected,
            };
            document.add_title(schema.title_by_language[language_slot(title_language)]);
            if let Some(slot) = root_slot(title_language) {
                document.add_title(schema.root_by_language[slot]);
            }
            document.add_title(schema.folded);
        }
        let mut present = Vec::new();
        for (language, paragraph) in &self.paragraphs {
            // Paragraphs with no letters (numbers, dates) go with the document's language.
            let field_language = if *language == Language::Other { primary } else { *language };
            let mut fields = vec![schema.body_by_language[language_slot(field_language)]];
            if let Some(slot) = root_slot(field_language) {
                fields.push(schema.root_by_language[slot]);
            }
            fields.push(schema.folded);
            document.add_paragraph(paragraph, &fields);
            if *language != Language::Other && !present.contains(language) {
                present.push(*language);
            }
        }
        document.add_whole_text(schema.text);
        let text = |value: &str| OwnedValue::Str(value.to_owned());
        let facet = |path: [&str; 2]| OwnedValue::Facet(Facet::from_path(path));
        document.add_owned(schema.lang, text(primary.code()));
        document.add_owned(schema.facets, facet(["lang", primary.code()]));
        for language in present {
            document.add_owned(schema.langs, text(language.code()));
        }
        let kind = self.kind.as_deref().unwrap_or("other");
        document.add_owned(schema.kind, text(kind));
        document.add_owned(schema.facets, facet(["kind", kind]));
        if let Some(number) = self.number.as_deref().filter(|n| !n.trim().is_empty()) {
            document.add_owned(schema.number, text(number.trim()));
            document.add_owned(schema.number_norm, OwnedValue::Str(normalize_number(number)));
        }
        if let Some(date) = self.date {
            document.add_owned(schema.date, OwnedValue::Date(date.to_tantivy()));
        }
        if let Some(issuer) = self.issuer.as_deref().filter(|i| !i.trim().is_empty()) {
            let issuer = issuer.trim();
            document.add_owned(schema.issuer, text(issuer));
            document.add_owned(schema.issuer_exact, text(issuer));
            document.add_owned(schema.issuer_text, text(issuer));
            document.add_owned(schema.facets, facet(["issuer", issuer]));
        }
        document.add_owned(schema.format, text(&self.format));
        document.add_owned(schema.fingerprint, OwnedValue::U64(self.fingerprint));
        document.add_owned(schema.act, OwnedValue::U64(self.act_key()));
        document.add_owned(schema.ocr, OwnedValue::U64(u64::from(self.ocr)));
        if let Some(encoding) = &self.encoding {
            document.add_owned(schema.encoding, text(encoding));
        }
        for reference in &self.references {
            document.add_owned(schema.refs, OwnedValue::Str(reference.encode()));
        }
        let dates = [
            (schema.in_force_from, self.in_force_from),
            (schema.in_force_until, self.in_force_until),
            (schema.edition, self.edition),
        ];
        for (field, date) in dates {
            if let Some(date) = date {
                document.add_owned(field, OwnedValue::Date(date.to_tantivy()));
            }
        }
        document
    }

    /// A key shared by the files that hold one act: the same kind, number, date and
    /// language (an act saved as TXT, PDF and DOCX). 0 when the requisites are too thin
    /// to tell acts apart, as for press clippings.
    pub fn act_key(&self) -> u64 {
        let (Some(kind), Some(number), Some(date)) =
            (self.kind.as_deref(), self.number.as_deref(), self.date)
        else {
            return 0;
        };
        let number = normalize_number(number);
        if kind == "other" || kind == "clipping" || number.is_empty() {
            return 0;
        }
        let key = format!("{kind}|{number}|{}|{}", date.to_iso(), self.primary_language().code());
        // FNV-1a: stable across builds, unlike the standard hasher.
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        hash.max(1)
    }
}

/// A document as zan's writer hands it to tantivy. A paragraph is indexed in three
/// fields (its language's, the root and the folded field) and stored once more in the
/// whole text: this document holds the text once and points each field into it, where
/// a [`TantivyDocument`] held four copies. tantivy queues up to 10,000 documents
/// before its indexing threads, so this is most of the writer's memory besides its
/// budget, and the copies were a share of its time.
#[derive(Debug, Clone)]
pub struct WriteDocument {
    /// The paragraphs, joined by blank lines: the stored text.
    text: String,
    /// The title.
    title: String,
    /// Each field's values, in the order added.
    values: Vec<(Field, Part)>,
}

/// Where a value of a [`WriteDocument`] is.
#[derive(Debug, Clone)]
enum Part {
    /// A range of the text.
    Text(std::ops::Range<usize>),
    /// The title.
    Title,
    /// A value of its own.
    Owned(OwnedValue),
}

impl WriteDocument {
    fn with_capacity(title: String, paragraphs: usize) -> WriteDocument {
        WriteDocument {
            text: String::new(),
            title,
            values: Vec::with_capacity(paragraphs * 3 + 24),
        }
    }

    fn add_owned(&mut self, field: Field, value: OwnedValue) {
        self.values.push((field, Part::Owned(value)));
    }

    fn add_title(&mut self, field: Field) {
        self.values.push((field, Part::Title));
    }

    /// Appends a paragraph to the text and indexes it in each of `fields`.
    fn add_paragraph(&mut self, paragraph: &str, fields: &[Field]) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(paragraph);
        for field in fields {
            self.values.push((*field, Part::Text(start..self.text.len())));
        }
    }

    /// Stores the whole text in `field`.
    fn add_whole_text(&mut self, field: Field) {
        self.values.push((field, Part::Text(0..self.text.len())));
    }

    fn value<'a>(&'a self, part: &'a Part) -> WriteValue<'a> {
        match part {
            Part::Text(range) => WriteValue::Str(&self.text[range.clone()]),
            Part::Title => WriteValue::Str(&self.title),
            Part::Owned(value) => WriteValue::Owned(value),
        }
    }
}

/// A value of a [`WriteDocument`], borrowed.
#[derive(Debug, Clone)]
pub enum WriteValue<'a> {
    /// Text.
    Str(&'a str),
    /// Any other value.
    Owned(&'a OwnedValue),
}

impl<'a> Value<'a> for WriteValue<'a> {
    type ArrayIter = std::iter::Empty<WriteValue<'a>>;
    type ObjectIter = std::iter::Empty<(&'a str, WriteValue<'a>)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        match self {
            WriteValue::Str(text) => ReferenceValue::Leaf(ReferenceValueLeaf::Str(text)),
            // zan writes leaves only (text, numbers, dates, facets).
            WriteValue::Owned(value) => match value.as_value() {
                ReferenceValue::Leaf(leaf) => ReferenceValue::Leaf(leaf),
                _ => ReferenceValue::Leaf(ReferenceValueLeaf::Null),
            },
        }
    }
}

impl Document for WriteDocument {
    type Value<'a> = WriteValue<'a>;
    type FieldsValuesIter<'a> = WriteValues<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        WriteValues { document: self, values: self.values.iter() }
    }
}

/// The fields and values of a [`WriteDocument`].
pub struct WriteValues<'a> {
    document: &'a WriteDocument,
    values: std::slice::Iter<'a, (Field, Part)>,
}

impl<'a> Iterator for WriteValues<'a> {
    type Item = (Field, WriteValue<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.values.next().map(|(field, part)| (*field, self.document.value(part)))
    }
}

/// A stored document, as the API returns it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind code.
    pub kind: String,
    /// Number as written.
    pub number: Option<String>,
    /// Date `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Primary language code.
    pub lang: String,
    /// Languages present.
    pub langs: Vec<String>,
    /// Source format.
    pub format: String,
    /// Whole text, paragraphs separated by blank lines.
    pub text: String,
    /// True when some of the text was recognised from scanned pages (it may hold errors).
    pub ocr: bool,
    /// Character encoding of a text original, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

fn first_text(document: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    document.get_first(field).and_then(|value| value.as_str()).map(str::to_owned)
}

impl StoredDocument {
    /// Reads the stored fields of a tantivy document.
    pub fn from_tantivy(document: &TantivyDocument, schema: &ZanSchema) -> StoredDocument {
        StoredDocument {
            id: first_text(document, schema.id).unwrap_or_default(),
            title: first_text(document, schema.title).unwrap_or_default(),
            kind: first_text(document, schema.kind).unwrap_or_else(|| "other".to_owned()),
            number: first_text(document, schema.number),
            date: document
                .get_first(schema.date)
                .and_then(|value| value.as_datetime())
                .map(|date| Date::from_tantivy(date).to_iso()),
            issuer: first_text(document, schema.issuer),
            lang: first_text(document, schema.lang).unwrap_or_else(|| "other".to_owned()),
            langs: document
                .get_all(schema.langs)
                .filter_map(|value| value.as_str().map(str::to_owned))
                .collect(),
            format: first_text(document, schema.format).unwrap_or_default(),
            text: first_text(document, schema.text).unwrap_or_default(),
            ocr: document.get_first(schema.ocr).and_then(|value| value.as_u64()) == Some(1),
            encoding: first_text(document, schema.encoding),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_date_round_trips_through_tantivy() {
        for iso in ["1970-01-01", "2018-03-12", "2024-02-29", "1999-12-31", "1960-07-04"] {
            let date = Date::parse_iso(iso).expect(iso);
            assert_eq!(Date::from_tantivy(date.to_tantivy()).to_iso(), iso);
        }
        assert_eq!(Date::parse_iso("2023-02-29"), None);
        assert_eq!(Date::parse_iso("12.03.2018"), None);
    }

    #[test]
    fn test_primary_language_is_the_one_with_most_text() {
        let document = IndexDocument {
            paragraphs: IndexDocument::tag_paragraphs([
                "Қалалық мәслихаттың шешімі қабылданды және бюджет бекітілді",
                "Решение",
            ]),
            ..Default::default()
        };
        assert_eq!(document.primary_language(), Language::Kk);
    }
}
