//! Stemmer measurement: pairwise conflation F1 against gold lemmas.
//!
//! For each treebank, the word types of the open classes (UPOS `NOUN`, `PROPN`, `VERB`,
//! `ADJ`, `ADV`) are collected: the form and the lemma are normalised with
//! [`normalize_word`] (lower case, `ё`→`е`, look-alikes), words that are not made of
//! letters only (digits, punctuation, hyphenated compounds) are left out, tokens whose
//! lemma is `_` (unknown or ambiguous in the gold) are left out, and a form seen with
//! several lemmas keeps the most frequent one (the first seen on a tie). Multi-word
//! token ranges (`12-13`) are skipped; their syntactic words count.
//!
//! Types are then grouped twice: by gold lemma and by the term the stemmer gives.
//! - precision: of the pairs of types given one term, the share that share a lemma;
//! - recall: of the pairs of types sharing a lemma, the share given one term;
//! - F1: their harmonic mean.
//!
//! The stemmer is called through [`zan_analysis::stem`], the registry path the index
//! uses, so what is measured is what is indexed. For Russian that is the dictionary lemma
//! (see `zan_analysis::russian`); the probabilities that pick among a form's analyses
//! were estimated in part on the training split of UD Russian-GSD, which is not among
//! the dev and test files read here, so the Russian figure is close to, but not wholly,
//! out of sample. The same figures for "the first five
//! letters of the word" are printed beside it as a baseline.
//!
//! Data (read in place, see each folder's SOURCE.md): `ud-kk-ktb` and
//! `apertium-kaz-texts2/conllu` (Kazakh), `ud-ky-ktmu` (Kyrgyz), `ud-ru-gsd` (Russian).
//! The rules were written from grammars of each language. The Kazakh and Kyrgyz sets
//! are split by *document* ([`Split`], [`Sentence::doc`]): `kk tune`/`ky tune` is what
//! errors are studied and lexicons are built on, `kk held-out`/`ky held-out` is the
//! figure that counts, and the CI floors sit a little under it. A split by sentence
//! flatters the stemmer: the sentences of one text share its lemmas and its words, so
//! a lexicon built on one half already knows most of the other. The held-out documents
//! share no sentence with the tune documents; their words are still partly known to
//! the lexicon, so `kk held-out rules`/`ky held-out rules` give the same figure with the
//! lexicon switched off, the rules alone, which is what text outside the lexicon gets.
//! The rules written before the split was by document were studied on every document,
//! so even these figures are somewhat optimistic. The rows over whole sets stay for
//! comparison with earlier figures.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use zan_analysis::normalize::normalize_word;
use zan_analysis::Language;

use crate::Report;

/// The open classes whose types are scored.
pub const OPEN_CLASSES: [&str; 5] = ["NOUN", "PROPN", "VERB", "ADJ", "ADV"];

/// Floors of F1 per data set: a little under what zan reaches, so a regression fails CI.
pub const FLOORS: &[(&str, f64)] = &[
    ("kk apertium-kaz-texts2", 0.89),
    ("kk ud-kk-ktb", 0.86),
    ("kk all", 0.89),
    ("ky ud-ky-ktmu", 0.87),
    ("kk held-out", 0.88),
    ("kk held-out rules", 0.865),
    ("ky held-out", 0.85),
    ("ky held-out rules", 0.825),
    ("ru ud-ru-gsd", 0.95),
];

/// Floor of precision for Kazakh and Kyrgyz (`kk all`, `ky ud-ky-ktmu`).
pub const PRECISION_FLOOR: f64 = 0.835;

/// Pairwise conflation scores of one grouping of types.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Conflation {
    /// Share of same-term pairs that share a gold lemma.
    pub precision: f64,
    /// Share of same-lemma pairs that get one term.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// The figures of one data set.
#[derive(Debug, Clone, PartialEq)]
pub struct DataSetScore {
    /// Name: language code and data set.
    pub name: String,
    /// Number of word types scored.
    pub types: usize,
    /// Number of gold lemmas among them.
    pub lemmas: usize,
    /// The stemmer through the index path.
    pub stemmer: Conflation,
    /// The first five letters of each word.
    pub prefix5: Conflation,
}

/// The figures of the stemmer measurement.
#[derive(Debug, Default)]
pub struct StemmerReport {
    /// One row per data set, in a fixed order.
    pub rows: Vec<DataSetScore>,
}

impl StemmerReport {
    /// Returns the row of a data set by name.
    pub fn row(&self, name: &str) -> Option<&DataSetScore> {
        self.rows.iter().find(|row| row.name == name)
    }
}

impl fmt::Display for StemmerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "stemmer: pairwise conflation over open-class types ({}), gold lemmas",
            OPEN_CLASSES.join(" ")
        )?;
        writeln!(
            f,
            "{:<24} {:>6} {:>6} | {:>5} {:>5} {:>5} | prefix-5 {:>5} {:>5} {:>5}",
            "data set", "types", "lemmas", "P", "R", "F1", "P", "R", "F1"
        )?;
        for row in &self.rows {
            writeln!(
                f,
                "{:<24} {:>6} {:>6} | {:.3} {:.3} {:.3} |          {:.3} {:.3} {:.3}",
                row.name,
                row.types,
                row.lemmas,
                row.stemmer.precision,
                row.stemmer.recall,
                row.stemmer.f1,
                row.prefix5.precision,
                row.prefix5.recall,
                row.prefix5.f1,
            )?;
        }
        Ok(())
    }
}

impl Report for StemmerReport {
    fn floor_failures(&self) -> Vec<String> {
        let mut failures = Vec::new();
        for (name, floor) in FLOORS {
            match self.row(name) {
                Some(row) if row.stemmer.f1 >= *floor => {}
                Some(row) => failures.push(format!(
                    "stemmer {name}: F1 {:.3} under floor {floor:.3}",
                    row.stemmer.f1
                )),
                None => failures.push(format!("stemmer {name}: not measured")),
            }
        }
        for name in ["kk all", "ky ud-ky-ktmu"] {
            if let Some(row) = self.row(name) {
                if row.stemmer.precision < PRECISION_FLOOR {
                    failures.push(format!(
                        "stemmer {name}: precision {:.3} under floor {PRECISION_FLOOR:.3}",
                        row.stemmer.precision
                    ));
                }
            }
        }
        failures
    }
}

/// One gold token of an open class: normalised form and lemma.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldToken {
    /// The word as written, normalised.
    pub form: String,
    /// Its gold lemma, normalised.
    pub lemma: String,
}

/// One sentence of a treebank: its text (`# text =`), its document and its open-class
/// tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The `# text =` line.
    pub text: String,
    /// The document the sentence belongs to, numbered in reading order within its
    /// folder from 0 (see [`read_folder`]).
    pub doc: usize,
    /// The open-class tokens with a lemma, made of letters only.
    pub tokens: Vec<GoldToken>,
}

/// Sentences of a file without document marks make documents of this many sentences,
/// in file order (news items and chapters run on over consecutive sentences).
pub const BLOCK_SENTENCES: usize = 100;

/// The parts of the Kazakh and Kyrgyz treebanks: rules and lexicons are tuned on
/// [`Split::Tune`] only, and [`Split::HeldOut`] is the figure that counts.
///
/// The split is by document: every second document of a folder in reading order
/// ([`Sentence::doc`] odd) is held out, so no held-out sentence shares its text with
/// a tune sentence. A document is what the treebank marks as one (`# newdoc id`, or
/// the part of a `sent_id` before its first `:`, as in `sholpan.tagged.txt:3:100`),
/// else a block of [`BLOCK_SENTENCES`] consecutive sentences of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The documents the rules and the lexicon are tuned on.
    Tune,
    /// The documents nobody tunes on.
    HeldOut,
}

impl Split {
    /// Whether a sentence is in this part.
    pub fn keeps(self, sentence: &Sentence) -> bool {
        (sentence.doc % 2 == 1) == (self == Split::HeldOut)
    }
}

/// The document key of a `sent_id`: what stands before its first `:`, if anything
/// (`sholpan.tagged.txt:3:100` is sentence 3 of `sholpan.tagged.txt`).
fn sent_id_document(id: &str) -> Option<&str> {
    id.split_once(':').map(|(doc, _)| doc).filter(|doc| !doc.is_empty())
}

/// Reads the open-class tokens of a CoNLL-U text, one [`Sentence`] per sentence, each
/// with the key of its document: `# newdoc id`, the `sent_id` prefix, or a block of
/// [`BLOCK_SENTENCES`] sentences of the file (see [`Split`]).
fn parse_conllu(text: &str) -> Vec<(String, Sentence)> {
    let mut sentences = Vec::new();
    let mut sentence = Sentence::default();
    let mut newdoc: Option<String> = None;
    let mut key: Option<String> = None;
    let mut open = false;
    let mut seen = 0usize;
    let mut finish =
        |sentence: &mut Sentence, key: &mut Option<String>, newdoc: &Option<String>| {
            let doc = key.take().or_else(|| newdoc.clone());
            let doc = doc.unwrap_or_else(|| format!("block {}", seen / BLOCK_SENTENCES));
            seen += 1;
            let sentence = std::mem::take(sentence);
            (!sentence.tokens.is_empty()).then_some((doc, sentence))
        };
    for line in text.lines() {
        if line.trim().is_empty() {
            if open {
                sentences.extend(finish(&mut sentence, &mut key, &newdoc));
            }
            open = false;
            continue;
        }
        open = true;
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(text) = comment.strip_prefix("text =") {
                sentence.text = text.trim().to_owned();
            } else if let Some(id) = comment.strip_prefix("newdoc id =") {
                newdoc = Some(id.trim().to_owned());
            } else if let Some(id) = comment.strip_prefix("sent_id =") {
                key = sent_id_document(id.trim()).map(str::to_owned);
            }
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() < 4 || columns[0].contains(['-', '.']) {
            continue;
        }
        let (form, lemma, upos) = (columns[1], columns[2], columns[3]);
        if lemma == "_" || !OPEN_CLASSES.contains(&upos) {
            continue;
        }
        let form = normalize_word(form);
        if form.is_empty() || !form.chars().all(char::is_alphabetic) {
            continue;
        }
        sentence.tokens.push(GoldToken { form, lemma: normalize_word(lemma) });
    }
    if open {
        sentences.extend(finish(&mut sentence, &mut key, &newdoc));
    }
    sentences
}

/// Word types with the most frequent lemma of each form (the first seen on a tie).
fn types_of<'a>(tokens: impl Iterator<Item = &'a GoldToken>) -> Vec<(String, String)> {
    let mut counts: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
    let mut order = Vec::new();
    for token in tokens {
        let lemmas = counts.entry(&token.form).or_insert_with(|| {
            order.push(token.form.as_str());
            Vec::new()
        });
        match lemmas.iter_mut().find(|(lemma, _)| *lemma == token.lemma) {
            Some((_, n)) => *n += 1,
            None => lemmas.push((&token.lemma, 1)),
        }
    }
    order
        .into_iter()
        .map(|form| {
            let lemmas = &counts[form];
            let mut best = lemmas[0];
            for &(lemma, n) in &lemmas[1..] {
                if n > best.1 {
                    best = (lemma, n);
                }
            }
            (form.to_owned(), best.0.to_owned())
        })
        .collect()
}

fn pairs(n: usize) -> u64 {
    (n as u64) * (n as u64).saturating_sub(1) / 2
}

/// Pairwise conflation of types `(form, lemma)` under a term function.
fn conflation(types: &[(String, String)], term: impl Fn(&str) -> String) -> Conflation {
    let mut by_lemma: HashMap<&str, usize> = HashMap::new();
    let mut by_term: HashMap<String, usize> = HashMap::new();
    let mut by_both: HashMap<(String, &str), usize> = HashMap::new();
    for (form, lemma) in types {
        let t = term(form);
        *by_lemma.entry(lemma).or_default() += 1;
        *by_term.entry(t.clone()).or_default() += 1;
        *by_both.entry((t, lemma)).or_default() += 1;
    }
    let lemma_pairs: u64 = by_lemma.values().map(|&n| pairs(n)).sum();
    let term_pairs: u64 = by_term.values().map(|&n| pairs(n)).sum();
    let good: u64 = by_both.values().map(|&n| pairs(n)).sum();
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let precision = ratio(good, term_pairs);
    let recall = ratio(good, lemma_pairs);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Conflation { precision, recall, f1 }
}

fn prefix5(word: &str) -> String {
    word.chars().take(5).collect()
}

/// A group of types under one key: `(pairs counted, key, [(form, lemma or term)])`.
pub type Group = (u64, String, Vec<(String, String)>);

/// The groups of types given one term that mix lemmas, worst first (most pairs
/// with different lemmas), each as `(wrong pairs, term, [(form, lemma)])`.
pub fn false_merges(types: &[(String, String)], term: impl Fn(&str) -> String) -> Vec<Group> {
    let mut groups: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for (form, lemma) in types {
        groups.entry(term(form)).or_default().push((form.clone(), lemma.clone()));
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .filter_map(|(t, members)| {
            let mut per_lemma: HashMap<&str, usize> = HashMap::new();
            for (_, lemma) in &members {
                *per_lemma.entry(lemma).or_default() += 1;
            }
            let good: u64 = per_lemma.values().map(|&n| pairs(n)).sum();
            let wrong = pairs(members.len()) - good;
            (wrong > 0).then_some((wrong, t, members))
        })
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out
}

/// Prints the worst false merges and splits of a data set to stderr when the
/// environment variable `ZAN_STEMMER_DEBUG` names it (`ky ud-ky-ktmu`), for studying
/// the stemmer's errors; `ZAN_STEMMER_DEBUG_TOP` sets how many groups (default 40).
fn debug_print(name: &str, types: &[(String, String)], term: impl Fn(&str) -> String) {
    if std::env::var("ZAN_STEMMER_DEBUG").ok().as_deref() != Some(name) {
        return;
    }
    let top =
        std::env::var("ZAN_STEMMER_DEBUG_TOP").ok().and_then(|v| v.parse().ok()).unwrap_or(40usize);
    let merges = false_merges(types, &term);
    let total: u64 = merges.iter().map(|m| m.0).sum();
    eprintln!("== {name}: worst false merges of {total} (wrong pairs, term: form/lemma ...)");
    for (wrong, t, members) in merges.into_iter().take(top) {
        let list: Vec<String> = members.iter().map(|(f, l)| format!("{f}/{l}")).collect();
        eprintln!("{wrong:>4} {t}: {}", list.join(" "));
    }
    // Splits: lemmas whose forms get several terms, most missed pairs first.
    let mut by_lemma: HashMap<&str, Vec<(String, String)>> = HashMap::new();
    for (form, lemma) in types {
        by_lemma.entry(lemma).or_default().push((form.clone(), term(form)));
    }
    let mut splits: Vec<Group> = by_lemma
        .into_iter()
        .filter_map(|(lemma, members)| {
            let mut per_term: HashMap<&str, usize> = HashMap::new();
            for (_, t) in &members {
                *per_term.entry(t).or_default() += 1;
            }
            let good: u64 = per_term.values().map(|&n| pairs(n)).sum();
            let missed = pairs(members.len()) - good;
            (missed > 0).then_some((missed, lemma.to_owned(), members))
        })
        .collect();
    splits.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    eprintln!("== {name}: worst splits (missed pairs, lemma: form/term ...)");
    for (missed, lemma, members) in splits.into_iter().take(top) {
        let list: Vec<String> = members.iter().map(|(f, t)| format!("{f}/{t}")).collect();
        eprintln!("{missed:>4} {lemma}: {}", list.join(" "));
    }
}

/// Scores one set of types for a language, through the index path.
fn score(name: &str, language: Language, types: &[(String, String)]) -> DataSetScore {
    score_with(name, types, |word| zan_analysis::stem(language, word))
}

/// Scores one set of types under a stemming function.
fn score_with(
    name: &str,
    types: &[(String, String)],
    stem: impl Fn(&str) -> String,
) -> DataSetScore {
    debug_print(name, types, &stem);
    let lemmas: std::collections::HashSet<&str> = types.iter().map(|(_, l)| l.as_str()).collect();
    DataSetScore {
        name: name.to_owned(),
        types: types.len(),
        lemmas: lemmas.len(),
        stemmer: conflation(types, stem),
        prefix5: conflation(types, prefix5),
    }
}

/// Reads the sentences of every `.conllu` file in a folder, in name order
/// (`filter` chooses files by name), numbering their documents in reading order.
pub fn read_folder(folder: &Path, filter: impl Fn(&str) -> bool) -> io::Result<Vec<Sentence>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(folder)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "conllu")
                && path.file_name().and_then(|n| n.to_str()).is_some_and(&filter)
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no .conllu files in {}", folder.display()),
        ));
    }
    let mut sentences = Vec::new();
    let mut docs: HashMap<String, usize> = HashMap::new();
    for path in paths {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        for (key, mut sentence) in parse_conllu(&fs::read_to_string(&path)?) {
            let next = docs.len();
            sentence.doc = *docs.entry(format!("{file} {key}")).or_insert(next);
            sentences.push(sentence);
        }
    }
    Ok(sentences)
}

/// Runs the stemmer measurement on the shared data folder.
pub fn evaluate(data: &Path) -> io::Result<StemmerReport> {
    let all = |_: &str| true;
    let apertium = read_folder(&data.join("apertium-kaz-texts2/conllu"), all)?;
    let ktb = read_folder(&data.join("ud-kk-ktb"), |name| name.contains("train"))?;
    let ky = read_folder(&data.join("ud-ky-ktmu"), |name| name.contains("train"))?;
    let ru = read_folder(&data.join("ud-ru-gsd"), |name| name.contains("dev"))?;

    let tokens = |sets: &[&Vec<Sentence>]| {
        types_of(sets.iter().flat_map(|s| s.iter()).flat_map(|sentence| sentence.tokens.iter()))
    };
    let split = |sets: &[&Vec<Sentence>], split: Split| {
        types_of(
            sets.iter()
                .flat_map(|s| s.iter())
                .filter(|sentence| split.keeps(sentence))
                .flat_map(|sentence| sentence.tokens.iter()),
        )
    };
    let kk_held = split(&[&apertium, &ktb], Split::HeldOut);
    let ky_held = split(&[&ky], Split::HeldOut);
    let rows = vec![
        score("kk apertium-kaz-texts2", Language::Kk, &tokens(&[&apertium])),
        score("kk ud-kk-ktb", Language::Kk, &tokens(&[&ktb])),
        score("kk all", Language::Kk, &tokens(&[&apertium, &ktb])),
        score("kk tune", Language::Kk, &split(&[&apertium, &ktb], Split::Tune)),
        score("kk held-out", Language::Kk, &kk_held),
        score_with("kk held-out rules", &kk_held, zan_analysis::kazakh::stem_without_lexicon),
        score("ky ud-ky-ktmu", Language::Ky, &tokens(&[&ky])),
        score("ky tune", Language::Ky, &split(&[&ky], Split::Tune)),
        score("ky held-out", Language::Ky, &ky_held),
        score_with("ky held-out rules", &ky_held, zan_analysis::kyrgyz::stem_without_lexicon),
        score("ru ud-ru-gsd", Language::Ru, &tokens(&[&ru])),
    ];
    Ok(StemmerReport { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(f, l)| ((*f).to_owned(), (*l).to_owned())).collect()
    }

    #[test]
    fn test_conflation_counts_pairs() {
        // Lemma groups {a1,a2,a3} and {b1}; terms {a1,a2} {a3,b1}.
        let gold = types(&[("a1", "a"), ("a2", "a"), ("a3", "a"), ("b1", "b")]);
        let term = |w: &str| if w == "a1" || w == "a2" { "x".to_owned() } else { "y".to_owned() };
        let c = conflation(&gold, term);
        assert!((c.precision - 0.5).abs() < 1e-9, "1 of 2 same-term pairs shares a lemma: {c:?}");
        assert!((c.recall - 1.0 / 3.0).abs() < 1e-9, "1 of 3 same-lemma pairs meets: {c:?}");
    }

    #[test]
    fn test_parse_conllu_keeps_open_classes_and_skips_ranges() {
        let text = "# text = x\n1-2\tБаласыз\t_\t_\n1\tбала\tбала\tNOUN\n2\tсыз\tсыз\tADP\n\
                    3\tЖылы\tжыл\tNOUN\n4\t2011\t2011\tNUM\n5\tӨтті\t_\tVERB\n\n";
        let sentences = parse_conllu(text);
        assert_eq!(sentences[0].1.text, "x", "the `# text =` line is kept");
        let forms: Vec<&str> = sentences[0].1.tokens.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, ["бала", "жылы"], "ranges, closed classes and `_` lemmas are skipped");
    }

    fn sentence(id: &str) -> String {
        format!("# sent_id = {id}\n# text = t\n1\tүй\tүй\tNOUN\n\n")
    }

    #[test]
    fn test_documents_come_from_marks_or_blocks() {
        let marked: String = ["a.txt:1:0", "a.txt:2:9", "b.txt:1:0"].map(sentence).concat();
        let keys: Vec<String> = parse_conllu(&marked).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a.txt", "a.txt", "b.txt"], "the file name before the first `:`");
        let newdoc =
            format!("# newdoc id = n1\n{}# newdoc id = n2\n{}", sentence("1"), sentence("2"));
        let keys: Vec<String> = parse_conllu(&newdoc).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["n1", "n2"], "`# newdoc id` names the document of plain numeric ids");
        let plain: String =
            (0..BLOCK_SENTENCES * 2 + 1).map(|i| sentence(&i.to_string())).collect();
        let keys: Vec<String> = parse_conllu(&plain).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys.len(), BLOCK_SENTENCES * 2 + 1);
        assert_eq!(keys[BLOCK_SENTENCES - 1], keys[0], "a block holds consecutive sentences");
        assert_ne!(keys[BLOCK_SENTENCES], keys[0], "the next block is another document");
        assert_ne!(keys[2 * BLOCK_SENTENCES], keys[BLOCK_SENTENCES]);
    }

    #[test]
    fn test_split_holds_out_whole_documents() {
        let dir = std::env::temp_dir().join(format!("zan-stemmer-split-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let plain: String = (0..BLOCK_SENTENCES * 4).map(|i| sentence(&i.to_string())).collect();
        fs::write(dir.join("x.conllu"), plain).unwrap();
        let sentences = read_folder(&dir, |_| true).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        let held: Vec<usize> =
            sentences.iter().filter(|s| Split::HeldOut.keeps(s)).map(|s| s.doc).collect();
        let tune: Vec<usize> =
            sentences.iter().filter(|s| Split::Tune.keeps(s)).map(|s| s.doc).collect();
        assert_eq!(held.len() + tune.len(), sentences.len(), "every sentence is in one part");
        assert_eq!(held.len(), 2 * BLOCK_SENTENCES, "every second block is held out");
        assert!(held.iter().all(|d| !tune.contains(d)), "no document is in both parts");
    }

    #[test]
    fn test_types_keep_most_frequent_lemma() {
        let tokens: Vec<GoldToken> = [("жылы", "жыл"), ("жылы", "жылы"), ("жылы", "жылы")]
            .iter()
            .map(|(f, l)| GoldToken { form: (*f).to_owned(), lemma: (*l).to_owned() })
            .collect();
        assert_eq!(types_of(tokens.iter()), types(&[("жылы", "жылы")]));
    }

    #[test]
    fn test_false_merges_lists_mixed_groups_worst_first() {
        let gold = types(&[("ab1", "a"), ("ab2", "b"), ("ab3", "c"), ("cd1", "c"), ("cd2", "d")]);
        let term = |w: &str| w[..2].to_owned();
        let merges = false_merges(&gold, term);
        let terms: Vec<(u64, &str)> = merges.iter().map(|(n, t, _)| (*n, t.as_str())).collect();
        assert_eq!(terms, [(3, "ab"), (1, "cd")]);
    }
}
