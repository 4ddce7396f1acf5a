//! Help around the search box: "did you mean", the issuers to choose from, and
//! completions while typing.
//!
//! All three read the term dictionaries and stored fields, never run a ranked search:
//!
//! - [`Engine::did_you_mean`] walks the `folded` field's term dictionary with a
//!   Levenshtein automaton (tantivy's [`FuzzyTermQuery::automaton`]) for each rare word
//!   and takes the spelling most documents use.
//! - [`Engine::issuers`] counts acts by issuer over the whole index once per searcher
//!   commit (its segments and their deletes), so a home page view costs a lock.
//! - [`Engine::suggest`] completes act numbers (from `number_norm`), titles (a list
//!   kept per commit like the issuers) and frequent words (a prefix range of the
//!   `folded` term dictionary).
//!
//! Words come back folded where they come from the `folded` field: Kazakh and Kyrgyz
//! letters are kept where the user typed them and the word did not change there, and
//! are otherwise their Russian look-alikes (`қала` may come back as `кала`), which the
//! folded field finds all the same.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, FuzzyTermQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, TantivyError, Term};
use zan_analysis::normalize::{fold_turkic, normalize_word};
use zan_analysis::Words;

use crate::act_collector::{ActCollector, Dimension, RankBy};
use crate::error::Result;
use crate::schema::normalize_number;
use crate::search::{facet_counts, Engine};
use crate::warm::{segments_key, SegmentsKey};

/// Fewest letters of a word that "did you mean" may replace.
pub const MIN_CORRECTED_LETTERS: usize = 4;
/// From this many letters a word may be two edits away from its correction, below it one.
pub const TWO_EDITS_FROM_LETTERS: usize = 8;
/// A word found in fewer documents than this is rare: "did you mean" looks for a more
/// frequent spelling of it.
pub const RARE_BELOW_DOCS: u64 = 3;
/// A rare word (found, but in fewer than [`RARE_BELOW_DOCS`] documents) is replaced
/// only by a spelling at least this many times as frequent: `коммунальных` found twice
/// stays, a typo found once beside a word found in forty documents goes.
pub const RARE_REPLACEMENT_FACTOR: u64 = 5;
/// Fewest characters of the last word before frequent words are offered for it.
const MIN_TERM_PREFIX_CHARS: usize = 2;
/// Most dictionary terms looked at for one word completion.
const MAX_TERMS_SCANNED: usize = 50_000;

/// Where a completion comes from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// The title of an act.
    Title,
    /// An act number, as written on the act.
    Number,
    /// The typed text with its last word completed to a frequent word of the index.
    Term,
}

/// A completion for the search box.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The text to put in the search box.
    pub text: String,
    /// Where it comes from.
    pub kind: SuggestionKind,
}

/// What is worked out once per commit (the segments and their deletes).
#[derive(Default)]
pub(crate) struct CommitCache {
    commit: Option<SegmentsKey>,
    issuers: Option<Arc<Vec<String>>>,
    titles: Option<Arc<Vec<TitleEntry>>>,
}

/// Shared between clones of one engine.
pub(crate) type SharedCache = Arc<Mutex<CommitCache>>;

/// A distinct title with its words, folded, for matching typed prefixes.
struct TitleEntry {
    title: String,
    words: Vec<String>,
}

impl Engine {
    /// Returns the query with its rare or unknown words spelled as the index spells them
    /// most often, or `None` when every word is fine as it is.
    ///
    /// A word of at least [`MIN_CORRECTED_LETTERS`] letters (without digits) whose
    /// folded form is in no document, or in fewer than [`RARE_BELOW_DOCS`], is replaced
    /// by the word of the `folded` field within one edit (two from
    /// [`TWO_EDITS_FROM_LETTERS`] letters; a swap of neighbours is one edit) that the
    /// most documents hold; a rare word only by one [`RARE_REPLACEMENT_FACTOR`] times
    /// as frequent. Everything else in the text (other words, quotes, `-`, spaces) is
    /// kept as typed. A replaced word keeps the user's capitalisation, and the user's
    /// letters outside the edit (Kazakh ones included); inside it the letters are folded.
    pub fn did_you_mean(&self, text: &str) -> Result<Option<String>> {
        let searcher = self.searcher();
        let folded_field = self.schema().folded;
        let mut corrected = String::with_capacity(text.len());
        let mut copied_up_to = 0;
        let mut changed = false;
        for word in Words::new(text) {
            let typed = &text[word.from..word.to];
            let Some(replacement) = correct_word(&searcher, folded_field, typed)? else {
                continue;
            };
            corrected.push_str(&text[copied_up_to..word.from]);
            corrected.push_str(&replacement);
            copied_up_to = word.to;
            changed = true;
        }
        if !changed {
            return Ok(None);
        }
        corrected.push_str(&text[copied_up_to..]);
        Ok(Some(corrected))
    }

    /// Returns every issuing body named in the index, the one with most acts first
    /// (ties by name), counted as the issuer facet counts them. Worked out once per
    /// commit.
    pub fn issuers(&self) -> Result<Vec<String>> {
        let searcher = self.searcher();
        if let Some(issuers) = self.cached(&searcher, |cache| cache.issuers.clone()) {
            return Ok(issuers.to_vec());
        }
        let collector = ActCollector::new(self.act_table(&searcher)?, RankBy::Score, 0);
        let groups = searcher.search(&AllQuery, &collector)?;
        let issuers: Vec<String> = facet_counts(&groups.tally, Dimension::Issuer)
            .into_iter()
            .map(|count| count.value)
            .collect();
        self.store(&searcher, |cache| cache.issuers = Some(Arc::new(issuers.clone())));
        Ok(issuers)
    }

    /// Returns at most `limit` completions of what is typed in the search box: act
    /// numbers when it holds a digit, titles having a word starting with each typed
    /// word, and the text with its last word completed to the words most documents
    /// hold. Numbers first, then titles and words, about half and half.
    pub fn suggest(&self, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
        let typed_words: Vec<String> = Words::new(prefix).map(|word| folded(&word.text)).collect();
        if limit == 0 || typed_words.is_empty() {
            return Ok(Vec::new());
        }
        let searcher = self.searcher();
        let mut suggestions = Vec::new();
        if prefix.chars().any(|c| c.is_ascii_digit()) {
            suggestions.extend(self.number_completions(&searcher, prefix, limit)?);
        }
        let room = limit.saturating_sub(suggestions.len());
        let titles = self.title_completions(&searcher, &typed_words, room)?;
        let terms = self.term_completions(&searcher, prefix, room)?;
        // Half the room for titles, more when there are fewer words to offer.
        let titles_taken = titles.len().min(room.div_ceil(2).max(room.saturating_sub(terms.len())));
        suggestions.extend(titles.into_iter().take(titles_taken));
        suggestions.extend(terms.into_iter().take(room - titles_taken));
        suggestions.truncate(limit);
        Ok(suggestions)
    }

    /// Act numbers whose normalised form starts with the typed one, as written.
    fn number_completions(
        &self,
        searcher: &Searcher,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<Suggestion>> {
        let schema = self.schema();
        let typed = normalize_number(prefix);
        if typed.is_empty() {
            return Ok(Vec::new());
        }
        let mut numbers = Vec::new();
        for (term, _) in terms_with_prefix(searcher, schema.number_norm, &typed)? {
            let query = TermQuery::new(
                Term::from_field_text(schema.number_norm, &term),
                IndexRecordOption::Basic,
            );
            let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
            let Some((_, address)) = top.first() else { continue };
            let document: TantivyDocument = searcher.doc(*address)?;
            let written = document
                .get_first(schema.number)
                .and_then(|value| value.as_str())
                .map_or(term, str::to_owned);
            numbers.push(Suggestion { text: written, kind: SuggestionKind::Number });
            if numbers.len() >= limit {
                break;
            }
        }
        Ok(numbers)
    }

    /// Titles having, for each typed word, a word that starts with it; titles that
    /// start with the first typed word first, then shorter ones.
    fn title_completions(
        &self,
        searcher: &Searcher,
        typed_words: &[String],
        limit: usize,
    ) -> Result<Vec<Suggestion>> {
        let titles = self.titles(searcher)?;
        let mut matching: Vec<(bool, usize, &str)> = titles
            .iter()
            .filter(|entry| {
                typed_words
                    .iter()
                    .all(|typed| entry.words.iter().any(|word| word.starts_with(typed.as_str())))
            })
            .map(|entry| {
                let leading = entry.words.first().is_some_and(|first| {
                    typed_words.first().is_some_and(|typed| first.starts_with(typed.as_str()))
                });
                (!leading, entry.title.chars().count(), entry.title.as_str())
            })
            .collect();
        matching.sort_unstable();
        Ok(matching
            .into_iter()
            .take(limit)
            .map(|(_, _, title)| Suggestion { text: title.to_owned(), kind: SuggestionKind::Title })
            .collect())
    }

    /// The typed text with its last word completed to the words of the `folded` field
    /// that start with it, most documents first.
    fn term_completions(
        &self,
        searcher: &Searcher,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<Suggestion>> {
        let Some(last) = Words::new(prefix).last() else { return Ok(Vec::new()) };
        // A completion only of a word still being typed, not after a space.
        if last.to != prefix.trim_end().len() || prefix.len() != prefix.trim_end().len() {
            return Ok(Vec::new());
        }
        let typed = folded(&last.text);
        if typed.chars().count() < MIN_TERM_PREFIX_CHARS {
            return Ok(Vec::new());
        }
        let mut terms = terms_with_prefix(searcher, self.schema().folded, &typed)?;
        terms.retain(|(term, _)| *term != typed && !term.chars().any(|c| c.is_ascii_digit()));
        terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let head = &prefix[..last.from];
        Ok(terms
            .into_iter()
            .take(limit)
            .map(|(term, _)| Suggestion {
                text: format!("{head}{}", restore_letters(&last.text, &term)),
                kind: SuggestionKind::Term,
            })
            .collect())
    }

    /// The distinct titles of the index, worked out once per commit.
    fn titles(&self, searcher: &Searcher) -> Result<Arc<Vec<TitleEntry>>> {
        if let Some(titles) = self.cached(searcher, |cache| cache.titles.clone()) {
            return Ok(titles);
        }
        let title_field = self.schema().title;
        let mut seen = HashMap::new();
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(1).map_err(TantivyError::from)?;
            for doc in segment.doc_ids_alive() {
                let document: TantivyDocument = store.get(doc)?;
                let Some(title) = document.get_first(title_field).and_then(|value| value.as_str())
                else {
                    continue;
                };
                if title.trim().is_empty() || seen.contains_key(title) {
                    continue;
                }
                let words = Words::new(title).map(|word| folded(&word.text)).collect();
                seen.insert(title.to_owned(), words);
            }
        }
        let mut titles: Vec<TitleEntry> =
            seen.into_iter().map(|(title, words)| TitleEntry { title, words }).collect();
        titles.sort_by(|a, b| a.title.cmp(&b.title));
        let titles = Arc::new(titles);
        self.store(searcher, |cache| cache.titles = Some(titles.clone()));
        Ok(titles)
    }

    /// Reads a value of the cache if it belongs to the searcher's commit.
    fn cached<T>(
        &self,
        searcher: &Searcher,
        read: impl FnOnce(&CommitCache) -> Option<T>,
    ) -> Option<T> {
        let key = segments_key(searcher);
        let cache = self.cache().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        (cache.commit.as_ref() == Some(&key)).then(|| read(&cache)).flatten()
    }

    /// Stores a value in the cache, dropping the values of an older commit.
    fn store(&self, searcher: &Searcher, write: impl FnOnce(&mut CommitCache)) {
        let key = segments_key(searcher);
        let mut cache = self.cache().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if cache.commit.as_ref() != Some(&key) {
            *cache = CommitCache { commit: Some(key), ..CommitCache::default() };
        }
        write(&mut cache);
    }
}

/// Folds a normalised word as the `folded` field does.
fn folded(normalised: &str) -> String {
    let mut word = normalised.to_owned();
    fold_turkic(&mut word);
    word
}

/// Returns the number of documents holding a term, over all segments.
fn doc_freq(searcher: &Searcher, field: Field, term: &str) -> Result<u64> {
    Ok(searcher.doc_freq(&Term::from_field_text(field, term))?)
}

/// Returns the correction of a typed word, or `None` to keep it.
fn correct_word(searcher: &Searcher, field: Field, typed: &str) -> Result<Option<String>> {
    let normalised = normalize_word(typed);
    let letters = normalised.chars().count();
    if letters < MIN_CORRECTED_LETTERS || normalised.chars().any(|c| !c.is_alphabetic()) {
        return Ok(None);
    }
    let word = folded(&normalised);
    let frequency = doc_freq(searcher, field, &word)?;
    if frequency >= RARE_BELOW_DOCS {
        return Ok(None);
    }
    let distance = if letters >= TWO_EDITS_FROM_LETTERS { 2 } else { 1 };
    let automaton =
        FuzzyTermQuery::new(Term::from_field_text(field, &word), distance, true).automaton()?;
    // Summed over segments: a term's document frequency is per segment.
    let mut candidates: HashMap<Vec<u8>, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream =
            inverted.terms().search(&automaton).into_stream().map_err(TantivyError::from)?;
        while stream.advance() {
            *candidates.entry(stream.key().to_vec()).or_default() +=
                u64::from(stream.value().doc_freq);
        }
    }
    let best = candidates
        .into_iter()
        .filter_map(|(bytes, count)| String::from_utf8(bytes).ok().map(|term| (term, count)))
        .filter(|(term, _)| *term != word && !term.chars().any(|c| c.is_ascii_digit()))
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
    let Some((term, count)) = best else { return Ok(None) };
    let enough =
        if frequency == 0 { count > 0 } else { count >= frequency * RARE_REPLACEMENT_FACTOR };
    Ok(enough.then(|| with_case_of(typed, &restore_letters(&normalised, &term))))
}

/// Returns the terms of a field starting with `prefix`, with their document counts
/// summed over segments, looking at no more than [`MAX_TERMS_SCANNED`] per segment.
fn terms_with_prefix(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
) -> Result<Vec<(String, u64)>> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()
            .map_err(TantivyError::from)?;
        let mut scanned = 0;
        while stream.advance() && scanned < MAX_TERMS_SCANNED {
            scanned += 1;
            let Ok(term) = std::str::from_utf8(stream.key()) else { continue };
            if !term.starts_with(prefix) {
                break;
            }
            *counts.entry(term.to_owned()).or_default() += u64::from(stream.value().doc_freq);
        }
    }
    let mut terms: Vec<(String, u64)> = counts.into_iter().collect();
    terms.sort();
    Ok(terms)
}

/// Spells a folded replacement with the user's letters where it agrees with the typed
/// word: the common beginning and end are taken from what was typed (so `қ` stays
/// `қ` there), the changed middle from the index.
fn restore_letters(normalised_typed: &str, replacement: &str) -> String {
    let typed: Vec<char> = normalised_typed.chars().collect();
    let typed_folded: Vec<char> = folded(normalised_typed).chars().collect();
    let chosen: Vec<char> = replacement.chars().collect();
    if typed.len() != typed_folded.len() {
        return replacement.to_owned();
    }
    let shortest = typed.len().min(chosen.len());
    let head = typed_folded.iter().zip(&chosen).take_while(|(a, b)| a == b).count();
    let tail = typed_folded
        .iter()
        .rev()
        .zip(chosen.iter().rev())
        .take(shortest - head)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: String = typed[..head].iter().collect();
    out.extend(&chosen[head..chosen.len() - tail]);
    out.extend(&typed[typed.len() - tail..]);
    out
}

/// Gives a lower-case word the capitalisation of the typed one: all capitals, a
/// capital first letter, or none.
fn with_case_of(typed: &str, word: &str) -> String {
    let letters: Vec<char> = typed.chars().filter(|c| c.is_alphabetic()).collect();
    let all_upper = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    if all_upper {
        return word.to_uppercase();
    }
    match (letters.first(), word.chars().next()) {
        (Some(first), Some(initial)) if first.is_uppercase() => {
            initial.to_uppercase().chain(word.chars().skip(1)).collect()
        }
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{act, city_acts, engine_of};

    #[test]
    fn test_did_you_mean_replaces_rare_words_only() {
        let (_, engine) = engine_of(&city_acts());
        // Absent: one edit from a frequent word, user's punctuation and case kept.
        assert_eq!(engine.did_you_mean("бюджт").unwrap().as_deref(), Some("бюджет"));
        assert_eq!(
            engine.did_you_mean("Бюджт, \"города\"").unwrap().as_deref(),
            Some("Бюджет, \"города\"")
        );
        // Kazakh letters typed outside the edit stay.
        assert_eq!(engine.did_you_mean("мәслихт").unwrap().as_deref(), Some("мәслихат"));
        // Two edits from eight letters, one below.
        assert_eq!(engine.did_you_mean("утверить").unwrap().as_deref(), Some("утвердить"));
        assert_eq!(engine.did_you_mean("гордаа").unwrap(), None);
        // Fine words, short words, numbers and words with nothing near stay.
        assert_eq!(engine.did_you_mean("бюджет города").unwrap(), None);
        assert_eq!(engine.did_you_mean("срак").unwrap().as_deref(), Some("срок"));
        assert_eq!(engine.did_you_mean("сро 12-3 2023").unwrap(), None);
        assert_eq!(engine.did_you_mean("жирафы").unwrap(), None);
        assert_eq!(engine.did_you_mean("").unwrap(), None);
    }

    #[test]
    fn test_did_you_mean_weighs_rare_against_frequent() {
        let mut acts = city_acts();
        // "бюджетнай" once, "бюджетной" once: too close in frequency to replace.
        acts.push(act("ru/typo.txt", "Бюджетнай", "бюджетнай", "Городской совет", "5"));
        let (_, engine) = engine_of(&acts);
        assert_eq!(engine.did_you_mean("бюджетнай").unwrap(), None);
        // "бюджт" is in one document, "бюджет" in ten: replaced.
        assert_eq!(engine.did_you_mean("бюджт").unwrap().as_deref(), Some("бюджет"));
    }

    #[test]
    fn test_issuers_most_acts_first_and_refreshed_on_commit() {
        let (index, engine) = engine_of(&city_acts());
        let issuers = engine.issuers().unwrap();
        assert_eq!(
            issuers,
            ["Мэрия города Жанатумар", "Жанатұмар қалалық мәслихаты", "Городской совет"]
        );
        assert_eq!(engine.issuers().unwrap(), issuers);
        let mut writer = index.writer(20_000_000).unwrap();
        for n in 0..8 {
            writer
                .upsert(&act(&format!("ky/{n}.txt"), "Токтом", "Бюджет", "Шаардык кеңеш", "1"))
                .unwrap();
        }
        writer.commit().unwrap();
        engine.reload().unwrap();
        // One act: the eight files share kind, number, date and language.
        assert_eq!(engine.issuers().unwrap().len(), 4);
        assert!(engine.issuers().unwrap().contains(&"Шаардык кеңеш".to_owned()));
    }

    #[test]
    fn test_suggest_numbers_titles_and_terms() {
        let (_, engine) = engine_of(&city_acts());
        let suggestions = engine.suggest("бюдж", 6).unwrap();
        let titles: Vec<&str> = suggestions
            .iter()
            .filter(|s| s.kind == SuggestionKind::Title)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(titles, ["О городском бюджете", "О бюджетной комиссии"]);
        let terms: Vec<&str> = suggestions
            .iter()
            .filter(|s| s.kind == SuggestionKind::Term)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(terms.first(), Some(&"бюджет"));
        assert!(suggestions.len() <= 6);

        let completed = engine.suggest("утвердить бюдж", 10).unwrap();
        assert!(completed.contains(&Suggestion {
            text: "утвердить бюджет".to_owned(),
            kind: SuggestionKind::Term
        }));

        let numbers = engine.suggest("12-", 3).unwrap();
        assert_eq!(numbers.len(), 3);
        assert!(numbers.iter().all(|s| s.kind == SuggestionKind::Number));
        assert!(numbers[0].text.starts_with("№ 12-"), "{numbers:?}");

        assert!(engine
            .suggest("қалал", 5)
            .unwrap()
            .iter()
            .any(|s| s.text == "Қалалық мәслихаттың шешімі"));
        assert!(engine.suggest("", 5).unwrap().is_empty());
        assert!(engine.suggest("бюдж", 0).unwrap().is_empty());
        assert!(engine.suggest("!!!", 5).unwrap().is_empty());
    }

    #[test]
    fn test_restore_letters_keeps_typed_letters_outside_the_edit() {
        assert_eq!(restore_letters("бюджт", "бюджет"), "бюджет");
        assert_eq!(restore_letters("қалалык", "калалык"), "қалалык");
        assert_eq!(restore_letters("мәслихт", "маслихат"), "мәслихат");
        assert_eq!(restore_letters("абв", "где"), "где");
    }

    #[test]
    fn test_case_follows_the_typed_word() {
        assert_eq!(with_case_of("Бюджт", "бюджет"), "Бюджет");
        assert_eq!(with_case_of("БЮДЖТ", "бюджет"), "БЮДЖЕТ");
        assert_eq!(with_case_of("бюджт", "бюджет"), "бюджет");
    }
}
