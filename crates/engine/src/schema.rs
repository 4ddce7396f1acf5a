//! The index schema: one place that names every field and how it is analysed.
//!
//! | field | type | purpose |
//! |---|---|---|
//! | `id` | raw string, stored, fast | path relative to the corpus root (or the JSONL id); replace/delete key |
//! | `title` | stored | display title |
//! | `title_<lang>`, `body_<lang>` | text with positions, one per indexed language | ranked search; each paragraph goes to the field of its language |
//! | `root_kk`, `root_ky`, `root_ru` | text with frequencies, no positions: Kazakh and Kyrgyz stems cut to five letters, Russian Snowball stems | a weaker match across a word family |
//! | `folded` | text with frequencies, no positions | all text with Kazakh/Kyrgyz letters folded to Russian ones |
//! | `kind`, `lang`, `format` | raw string, stored, fast | filters |
//! | `langs` | raw string, multi-valued, stored | languages present |
//! | `number` | stored | act number as written |
//! | `number_norm` | raw string, indexed | number normalised (`№ 4-10002` = `4-10002`) |
//! | `date` | date, indexed, stored, fast | filters by range, sort |
//! | `issuer` | stored; `issuer_exact` raw + fast; `issuer_text` folded text | display, filter, search |
//! | `facets` | facet | counts by kind, language and issuer |
//! | `text` | stored | the whole text, for snippets and the document page |
//! | `fingerprint` | u64, fast, stored | content fingerprint for incremental reindexing |
//! | `act` | u64, fast | key shared by the files of one act, to show it once |
//! | `ocr` | u64, indexed, stored | 1 when text came from OCR of scanned pages |
//! | `encoding` | stored | character encoding of a text original, so it is served with its charset |
//! | `refs` | raw string, multi-valued, stored, fast | the acts this one names: `relation\|kind\|date\|number` |
//! | `in_force_from`, `in_force_until` | date, stored, fast | the stated term of force |
//! | `edition` | date, stored, fast | a consolidated text: the date of the amendment it incorporates |

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, Schema,
    TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use zan_analysis::{analyzer_name, root_analyzer_name, Language, FOLDED_ANALYZER, ROOT_LANGUAGES};

/// Handles to every field of the zan schema.
#[derive(Debug, Clone)]
pub struct ZanSchema {
    /// The tantivy schema.
    pub schema: Schema,
    /// Document id.
    pub id: Field,
    /// Character encoding of a text original (`windows-1251`, `UTF-8`...).
    pub encoding: Field,
    /// Display title.
    pub title: Field,
    /// Title fields per indexed language, in the order of [`Language::INDEXED`].
    pub title_by_language: [Field; 4],
    /// Body fields per indexed language, in the order of [`Language::INDEXED`].
    pub body_by_language: [Field; 4],
    /// Root fields (stems cut to a prefix) of Kazakh and Kyrgyz text, in the order of
    /// [`ROOT_LANGUAGES`].
    pub root_by_language: [Field; 3],
    /// Folded text of all languages.
    pub folded: Field,
    /// Kind code.
    pub kind: Field,
    /// Primary language code.
    pub lang: Field,
    /// Languages present.
    pub langs: Field,
    /// Source format.
    pub format: Field,
    /// Number as written.
    pub number: Field,
    /// Normalised number.
    pub number_norm: Field,
    /// Date of the act.
    pub date: Field,
    /// Issuing body as written.
    pub issuer: Field,
    /// Issuing body, exact string for filters.
    pub issuer_exact: Field,
    /// Issuing body, analysed for search.
    pub issuer_text: Field,
    /// Facet paths.
    pub facets: Field,
    /// Whole text.
    pub text: Field,
    /// Content fingerprint.
    pub fingerprint: Field,
    /// Key of the act a file holds (kind, number, date, language), so that one act kept
    /// in several formats is shown once; 0 when the requisites do not identify an act.
    pub act: Field,
    /// 1 when some of the text was recognised from scanned pages (OCR), else 0.
    pub ocr: Field,
    /// The acts this one amends, repeals, suspends or cites, one value each (see
    /// [`crate::ActReference::encode`]); fast, so resolution reads them without the store.
    pub refs: Field,
    /// The stated first day of force.
    pub in_force_from: Field,
    /// The stated last day of force.
    pub in_force_until: Field,
    /// For a consolidated text, the date of the amending act it incorporates.
    pub edition: Field,
}

fn text_options(analyzer: &str) -> TextOptions {
    indexed_text(analyzer, IndexRecordOption::WithFreqsAndPositions)
}

/// A field of weaker matches (root, folded): frequencies for ranking, no positions.
/// Phrases are matched in order by the language fields; in these a phrase's words need
/// only all be there. Positions were a third of the index and of the writer's work.
fn loose_text_options(analyzer: &str) -> TextOptions {
    indexed_text(analyzer, IndexRecordOption::WithFreqs)
}

fn indexed_text(analyzer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(record),
    )
}

/// Returns the position of a language's root field, if it has one.
pub fn root_slot(language: Language) -> Option<usize> {
    ROOT_LANGUAGES.iter().position(|l| *l == language)
}

/// Returns the position of a language's fields in the per-language arrays.
pub fn language_slot(language: Language) -> usize {
    let indexed = language.indexed();
    Language::INDEXED
        .iter()
        .position(|l| *l == indexed)
        .expect("indexed() returns an indexed language")
}

impl ZanSchema {
    /// Builds the schema.
    pub fn new() -> ZanSchema {
        let mut builder = Schema::builder();
        let id = builder.add_text_field("id", STRING | STORED | FAST);
        let title = builder.add_text_field("title", STORED);
        let title_by_language = Language::INDEXED.map(|language| {
            builder.add_text_field(
                &format!("title_{}", language.code()),
                text_options(analyzer_name(language)),
            )
        });
        let body_by_language = Language::INDEXED.map(|language| {
            builder.add_text_field(
                &format!("body_{}", language.code()),
                text_options(analyzer_name(language)),
            )
        });
        let root_by_language = ROOT_LANGUAGES.map(|language| {
            builder.add_text_field(
                &format!("root_{}", language.code()),
                loose_text_options(root_analyzer_name(language).expect("a root language")),
            )
        });
        let folded = builder.add_text_field("folded", loose_text_options(FOLDED_ANALYZER));
        let kind = builder.add_text_field("kind", STRING | STORED | FAST);
        let lang = builder.add_text_field("lang", STRING | STORED | FAST);
        let langs = builder.add_text_field("langs", STRING | STORED);
        let format = builder.add_text_field("format", STRING | STORED | FAST);
        let number = builder.add_text_field("number", STORED);
        let number_norm = builder.add_text_field("number_norm", STRING | FAST);
        let date = builder.add_date_field(
            "date",
            DateOptions::from(INDEXED | STORED | FAST).set_precision(DateTimePrecision::Seconds),
        );
        let issuer = builder.add_text_field("issuer", STORED);
        let issuer_exact = builder.add_text_field("issuer_exact", STRING | FAST);
        let issuer_text = builder.add_text_field("issuer_text", text_options(FOLDED_ANALYZER));
        let facets = builder.add_facet_field("facets", FacetOptions::default());
        let text = builder.add_text_field("text", STORED);
        let fingerprint = builder.add_u64_field("fingerprint", FAST | STORED);
        let act = builder.add_u64_field("act", FAST);
        let ocr = builder.add_u64_field("ocr", INDEXED | STORED);
        let encoding = builder.add_text_field("encoding", STORED);
        let refs = builder.add_text_field("refs", STRING | STORED | FAST);
        let date_options =
            || DateOptions::from(STORED | FAST).set_precision(DateTimePrecision::Seconds);
        let in_force_from = builder.add_date_field("in_force_from", date_options());
        let in_force_until = builder.add_date_field("in_force_until", date_options());
        let edition = builder.add_date_field("edition", date_options());
        ZanSchema {
            schema: builder.build(),
            id,
            title,
            title_by_language,
            body_by_language,
            root_by_language,
            folded,
            kind,
            lang,
            langs,
            format,
            number,
            number_norm,
            date,
            issuer,
            issuer_exact,
            issuer_text,
            facets,
            text,
            fingerprint,
            act,
            ocr,
            encoding,
            refs,
            in_force_from,
            in_force_until,
            edition,
        }
    }

    /// Builds the handles from an existing index's schema, checking every field is there.
    pub fn from_schema(schema: &Schema) -> Option<ZanSchema> {
        let expected = ZanSchema::new();
        for (field, entry) in expected.schema.fields() {
            let found = schema.get_field(entry.name()).ok()?;
            if found != field || schema.get_field_entry(found) != entry {
                return None;
            }
        }
        Some(expected)
    }
}

impl Default for ZanSchema {
    fn default() -> Self {
        ZanSchema::new()
    }
}

/// Normalises an act number so that spellings of one number meet: the `№`/`No` sign,
/// spaces and case are dropped, Latin look-alikes in Cyrillic numbers become Cyrillic,
/// and any run of separators becomes one `-` (except `/`, which is kept).
pub fn normalize_number(number: &str) -> String {
    let trimmed = number.trim();
    let without_sign = trimmed
        .strip_prefix('№')
        .or_else(|| trimmed.strip_prefix("No."))
        .or_else(|| trimmed.strip_prefix("No"))
        .or_else(|| trimmed.strip_prefix("N "))
        .unwrap_or(trimmed);
    let mut out = String::new();
    for part in without_sign.split(|c: char| !(c.is_alphanumeric() || c == '/')) {
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&zan_analysis::normalize::normalize_word(part));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_number_spellings_meet() {
        assert_eq!(normalize_number("№ 4-10002"), "4-10002");
        assert_eq!(normalize_number("4-10002"), "4-10002");
        assert_eq!(normalize_number("No 12-П"), "12-п");
        assert_eq!(normalize_number("№12 - п"), "12-п");
        assert_eq!(normalize_number("15/3"), "15/3");
    }

    #[test]
    fn test_schema_round_trips() {
        let schema = ZanSchema::new();
        assert!(ZanSchema::from_schema(&schema.schema).is_some());
        assert_eq!(language_slot(Language::Tr), language_slot(Language::Other));
    }
}
