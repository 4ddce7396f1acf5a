//! The Cyrillic character model: one Witten-Bell smoothed character language model
//! (orders 1 to 5, over normalised words with begin and end markers) per language,
//! read from `model.bin` at first use.
//!
//! `model.bin` is made by `crates/analysis/examples/langid_model.rs` (its header says
//! which data it reads). Layout, little endian:
//!
//! ```text
//! "ZANLID1\n"
//! u16 alphabet byte length, alphabet (UTF-8; letter i gets symbol FIRST_LETTER + i)
//! u8 max order, u8 number of languages
//! per language: 2 bytes ISO code, u32 number of n-grams, then the n-grams sorted by
//!   symbols, front-coded: one byte (shared prefix length << 4 | suffix length), the
//!   suffix symbols, one byte q with count = exp(q / 16)
//! ```
//!
//! Symbols: 1 begin of word, 2 end of word, 3 a non-Cyrillic letter, 4 a digit,
//! 5 a Cyrillic letter outside the alphabet, 6.. the alphabet's letters.
//!
//! Probability of a symbol `c` after context `h` (Witten-Bell, interpolated):
//! `P(c|h) = (n(hc) + T(h) P(c|h')) / (n(h) + T(h))`, where `h'` is `h` without its
//! first symbol, `n` a count and `T(h)` the number of distinct symbols seen after `h`
//! (plus the occurrences of `h` whose continuation was pruned from the file). The
//! probability of every stored n-gram and the back-off weight `T(h) / (n(h) + T(h))`
//! of every stored context are computed once at load; scoring then needs two table
//! look-ups per order per symbol, shared by all languages.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Symbol of the start of a word.
const BEGIN: u8 = 1;
/// Symbol of the end of a word.
const END: u8 = 2;
/// Symbol of any letter that is not Cyrillic.
const LATIN: u8 = 3;
/// Symbol of any digit.
const DIGIT: u8 = 4;
/// Symbol of a Cyrillic letter outside the model's alphabet.
const OTHER_CYRILLIC: u8 = 5;
/// Symbol of the alphabet's first letter.
const FIRST_LETTER: u8 = 6;
/// Marks a language that has no probability stored for an n-gram.
const ABSENT: f32 = 1.0;
/// Most languages a model may hold (a fixed bound keeps scoring allocation-free).
pub(crate) const MAX_LANGUAGES: usize = 12;

/// The model as embedded in the binary.
static MODEL_BYTES: &[u8] = include_bytes!("model.bin");

/// A multiplicative hasher for the packed n-gram keys (they are already well spread).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = (self.0 ^ key).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// The loaded model.
pub(crate) struct Model {
    /// ISO codes of the languages, in score order.
    pub(crate) codes: Vec<&'static str>,
    /// Symbol of each character in U+0400..U+0530 (Cyrillic), by offset.
    cyrillic_symbols: Vec<u8>,
    max_order: usize,
    /// Packed n-gram -> row of `values`.
    rows: KeyMap<u32>,
    /// Per row: `languages` log-probabilities (or [`ABSENT`]), then `languages`
    /// log back-off weights (0 where the context is unknown).
    values: Vec<f32>,
    /// Per language: log of the order-0 back-off weight times the uniform probability.
    floor: Vec<f32>,
}

/// An error in the embedded model file (a build that embedded a broken file).
#[derive(Debug)]
pub(crate) struct BadModel(&'static str);

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BadModel> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(BadModel("model file ends too early"))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8, BadModel> {
        Ok(self.take(1)?[0])
    }
}

fn pack(symbols: &[u8]) -> u64 {
    symbols.iter().fold(0u64, |key, &s| (key << 8) | u64::from(s))
}

/// Counts of one language, keyed by packed n-gram, with the n-gram's length.
struct Counts {
    grams: KeyMap<(u8, f64)>,
}

impl Model {
    /// Returns the embedded model, loading it on first use.
    pub(crate) fn get() -> &'static Model {
        static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| {
            Model::parse(MODEL_BYTES)
                .unwrap_or_else(|e| panic!("the embedded language model is broken: {}", e.0))
        })
    }

    fn parse(bytes: &[u8]) -> Result<Model, BadModel> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(8)? != b"ZANLID1\n" {
            return Err(BadModel("not a zan language model"));
        }
        let length = u16::from_le_bytes([reader.byte()?, reader.byte()?]) as usize;
        let alphabet = std::str::from_utf8(reader.take(length)?)
            .map_err(|_| BadModel("alphabet is not UTF-8"))?;
        let mut cyrillic_symbols = vec![OTHER_CYRILLIC; 0x130];
        for (index, c) in alphabet.chars().enumerate() {
            let offset = (c as usize)
                .checked_sub(0x400)
                .filter(|&o| o < 0x130)
                .ok_or(BadModel("alphabet letter outside Cyrillic"))?;
            cyrillic_symbols[offset] = FIRST_LETTER + index as u8;
        }
        let symbol_count = alphabet.chars().count() + 4; // letters, end, latin, digit, other
        let max_order = reader.byte()? as usize;
        let languages = reader.byte()? as usize;
        if !(1..=8).contains(&max_order) || !(1..=MAX_LANGUAGES).contains(&languages) {
            return Err(BadModel("bad order or language count"));
        }
        let mut codes = Vec::with_capacity(languages);
        let mut all_counts = Vec::with_capacity(languages);
        for _ in 0..languages {
            let code = reader.take(2)?;
            codes.push(static_code(code)?);
            let n = u32::from_le_bytes(reader.take(4)?.try_into().expect("4 bytes")) as usize;
            let mut grams = KeyMap::default();
            grams.reserve(n);
            let mut gram: Vec<u8> = Vec::with_capacity(max_order);
            for _ in 0..n {
                let head = reader.byte()?;
                let (shared, suffix) = ((head >> 4) as usize, (head & 15) as usize);
                if shared > gram.len() || shared + suffix > max_order || shared + suffix == 0 {
                    return Err(BadModel("bad n-gram length"));
                }
                gram.truncate(shared);
                gram.extend_from_slice(reader.take(suffix)?);
                let count = (f64::from(reader.byte()?) / 16.0).exp();
                grams.insert(pack(&gram), (gram.len() as u8, count));
            }
            all_counts.push(Counts { grams });
        }
        if reader.at != bytes.len() {
            return Err(BadModel("trailing bytes after the model"));
        }
        equalise_confidence(&mut all_counts);

        // Rows shared by all languages.
        let mut rows = KeyMap::default();
        for counts in &all_counts {
            for &key in counts.grams.keys() {
                let next = rows.len() as u32;
                rows.entry(key).or_insert(next);
            }
        }
        let width = 2 * languages;
        let mut values = vec![0.0f32; rows.len() * width];
        for row in values.chunks_mut(width) {
            row[..languages].fill(ABSENT);
        }
        let mut floor = Vec::with_capacity(languages);
        for (language, counts) in all_counts.iter().enumerate() {
            let smoothed = Smoothed::new(counts, symbol_count);
            floor.push((smoothed.root_weight * smoothed.uniform).ln() as f32);
            for (&key, &(length, _)) in &counts.grams {
                let row = rows[&key] as usize * width;
                if key != u64::from(BEGIN) {
                    values[row + language] = smoothed.probability(key, length).ln() as f32;
                }
                if let Some(&(weight, _)) = smoothed.weights.get(&key) {
                    values[row + languages + language] = weight.ln() as f32;
                }
            }
        }
        Ok(Model { codes, cyrillic_symbols, max_order, rows, values, floor })
    }

    /// Returns the symbol of one character of a normalised word.
    fn symbol(&self, c: char) -> u8 {
        match (c as usize).checked_sub(0x400) {
            Some(offset) if offset < self.cyrillic_symbols.len() => self.cyrillic_symbols[offset],
            _ if c.is_numeric() => DIGIT,
            _ => LATIN,
        }
    }

    /// Adds the log-probability of one normalised word under each language to
    /// `scores` (which holds one entry per language). `symbols` is scratch space.
    pub(crate) fn score_word(&self, word: &str, symbols: &mut Vec<u8>, scores: &mut [f32]) {
        let languages = self.codes.len();
        symbols.clear();
        symbols.push(BEGIN);
        symbols.extend(word.chars().map(|c| self.symbol(c)));
        symbols.push(END);
        let width = 2 * languages;
        // Length of the longest stored n-gram ending at the previous symbol. Every
        // stored n-gram's prefix is stored too (counts only shrink as n-grams grow), so
        // no n-gram longer than this plus one, nor its context, can be stored: those
        // look-ups are skipped, with exactly the same result.
        let mut longest = self.max_order;
        for end in 1..symbols.len() {
            let mut pending = [true; MAX_LANGUAGES];
            let mut left = languages;
            let mut weight = [0.0f32; MAX_LANGUAGES];
            let mut first_hit = 0;
            for order in (1..=self.max_order.min(end + 1).min(longest + 1)).rev() {
                let gram = &symbols[end + 1 - order..=end];
                if let Some(&row) = self.rows.get(&pack(gram)) {
                    if first_hit == 0 {
                        first_hit = order;
                    }
                    let row = &self.values[row as usize * width..][..languages];
                    for language in 0..languages {
                        if pending[language] && row[language] != ABSENT {
                            scores[language] += weight[language] + row[language];
                            pending[language] = false;
                            left -= 1;
                        }
                    }
                    if left == 0 {
                        break;
                    }
                }
                if order > 1 {
                    let context = &symbols[end + 1 - order..end];
                    if let Some(&row) = self.rows.get(&pack(context)) {
                        let row = &self.values[row as usize * width + languages..][..languages];
                        for language in 0..languages {
                            if pending[language] {
                                weight[language] += row[language];
                            }
                        }
                    }
                }
            }
            longest = first_hit;
            if left > 0 {
                for language in 0..languages {
                    if pending[language] {
                        scores[language] += weight[language] + self.floor[language];
                    }
                }
            }
        }
    }
}

/// Scales each language's counts down so that no language's total exceeds the median
/// total of all of them.
///
/// Witten-Bell hands a context's unseen continuations the mass `T(h) / (n(h) + T(h))`:
/// the more text a model read, the surer it is that what it did not see cannot follow.
/// That is right for text like the training text and wrong for anything else. Russian
/// is trained on some fifty times the text of the other languages, most of it statutes,
/// so unscaled its model was sure that `див` goes on as in `дивиденд` and that no word
/// starts `ковр`, and everyday Russian (`Я подошла к дивану`) scored below the
/// Ukrainian model, trained on a few hundred sentences. With the counts scaled, every
/// model is as sure of itself as a model of typical size; the distinct continuations
/// `T(h)`, what the extra text is good for, are kept.
fn equalise_confidence(all_counts: &mut [Counts]) {
    let totals: Vec<f64> = all_counts
        .iter()
        .map(|counts| {
            let unigrams = counts
                .grams
                .iter()
                .filter(|(&key, &(length, _))| length == 1 && key != u64::from(BEGIN));
            unigrams.map(|(_, &(_, count))| count).sum()
        })
        .collect();
    let mut sorted = totals.clone();
    sorted.sort_by(f64::total_cmp);
    let median = match sorted.len() {
        0 => return,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
    for (counts, total) in all_counts.iter_mut().zip(totals) {
        if total > median {
            let scale = median / total;
            for value in counts.grams.values_mut() {
                value.1 *= scale;
            }
        }
    }
}

fn static_code(code: &[u8]) -> Result<&'static str, BadModel> {
    Ok(match code {
        b"ru" => "ru",
        b"kk" => "kk",
        b"ky" => "ky",
        b"uk" => "uk",
        b"be" => "be",
        b"bg" => "bg",
        b"mk" => "mk",
        b"mn" => "mn",
        b"sr" => "sr",
        b"tt" => "tt",
        b"ba" => "ba",
        b"uz" => "uz",
        _ => return Err(BadModel("unknown language code in the model")),
    })
}

/// Witten-Bell probabilities of one language, computed from its counts.
struct Smoothed<'a> {
    counts: &'a Counts,
    /// Per context seen: the back-off weight `B(h) / (n(h) + T(h))` and the
    /// denominator `n(h) + T(h)`, where `B(h) = T(h) + (n(h) - stored mass)` is the
    /// mass handed to the shorter context (see [`Smoothed::new`]).
    weights: KeyMap<(f64, f64)>,
    /// The same for the empty context.
    root_weight: f64,
    /// Probability of a symbol under the uniform distribution.
    uniform: f64,
    /// Total count of predicted symbols (every n-gram of order 1 but "begin").
    root_total: f64,
    /// Number of distinct symbols seen.
    root_types: f64,
}

impl<'a> Smoothed<'a> {
    fn new(counts: &'a Counts, symbol_count: usize) -> Self {
        // Per context: (number of distinct continuations, their total count).
        let mut children: KeyMap<(f64, f64)> = KeyMap::default();
        let (mut root_types, mut root_total) = (0.0, 0.0);
        for (&key, &(length, count)) in &counts.grams {
            if length == 1 {
                if key != u64::from(BEGIN) {
                    root_types += 1.0;
                    root_total += count;
                }
            } else {
                let entry = children.entry(key >> 8).or_default();
                entry.0 += 1.0;
                entry.1 += count;
            }
        }
        let mut weights = KeyMap::default();
        for (&context, &(types, mass)) in &children {
            // Quantised counts may make the stored continuations outweigh their context.
            let seen = counts.grams.get(&context).map_or(mass, |&(_, c)| c).max(mass);
            // P(c|h) = (n(hc) + B P(c|h')) / (n(h) + T) sums to one over c when B also
            // carries the occurrences of h whose continuation was pruned: the stored
            // n(hc) sum to `mass`, so B = T + n(h) - mass. (Dividing by n(h) + B
            // instead, as an earlier version did, gives sums above one.)
            let denominator = seen + types;
            let backoff = types + (seen - mass);
            weights.insert(context, (backoff / denominator, denominator));
        }
        let root_weight = root_types / (root_total + root_types);
        Smoothed {
            counts,
            weights,
            root_weight,
            uniform: 1.0 / symbol_count as f64,
            root_total,
            root_types,
        }
    }

    /// Returns the smoothed probability of the last symbol of `key` after the others.
    fn probability(&self, key: u64, length: u8) -> f64 {
        let count = self.counts.grams.get(&key).map_or(0.0, |&(_, c)| c);
        if length == 1 {
            let types = self.root_types;
            return (count + types * self.uniform) / (self.root_total + types);
        }
        let context = key >> 8;
        let shorter = key & ((1u64 << (8 * (u32::from(length) - 1))) - 1);
        let lower = self.probability(shorter, length - 1);
        match self.weights.get(&context) {
            // P = n(hc) / (n(h) + T) + w(h) P(c|h').
            Some(&(weight, denominator)) => count / denominator + weight * lower,
            None => lower,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_embedded_model_loads() {
        let model = Model::get();
        for code in ["ru", "kk", "ky"] {
            assert!(model.codes.contains(&code), "model lacks {code}: rerun the generator");
        }
        assert!(model.rows.len() > 1000, "model suspiciously small");
    }

    #[test]
    fn test_probabilities_sum_to_about_one() {
        // After any context, the probabilities of all symbols must sum to at most 1
        // and not far below it (pruned continuations lose a little mass).
        let model = Model::get();
        for language in 0..model.codes.len() {
            for context in ["", "б", "ба", "кар", "шаар"] {
                let mut total = 0.0f64;
                let letters = model.cyrillic_symbols.iter().filter(|&&s| s >= FIRST_LETTER).count();
                for symbol in (FIRST_LETTER..FIRST_LETTER + letters as u8).chain([
                    END,
                    LATIN,
                    DIGIT,
                    OTHER_CYRILLIC,
                ]) {
                    total += f64::from(conditional(model, language, context, symbol));
                }
                assert!(
                    (0.9..=1.001).contains(&total),
                    "{}: after {context:?} probabilities sum to {total}",
                    model.codes[language]
                );
            }
        }
    }

    /// P(symbol | begin + context) for one language, by the scorer's own walk.
    fn conditional(model: &Model, language: usize, context: &str, symbol: u8) -> f32 {
        let languages = model.codes.len();
        let width = 2 * languages;
        let mut symbols = vec![BEGIN];
        symbols.extend(context.chars().map(|c| model.symbol(c)));
        symbols.push(symbol);
        let end = symbols.len() - 1;
        let mut weight = 0.0f32;
        for order in (1..=model.max_order.min(end + 1)).rev() {
            if let Some(&row) = model.rows.get(&pack(&symbols[end + 1 - order..=end])) {
                let value = model.values[row as usize * width + language];
                if value != ABSENT {
                    return (weight + value).exp();
                }
            }
            if order > 1 {
                if let Some(&row) = model.rows.get(&pack(&symbols[end + 1 - order..end])) {
                    weight += model.values[row as usize * width + languages + language];
                }
            }
        }
        (weight + model.floor[language]).exp()
    }
}
