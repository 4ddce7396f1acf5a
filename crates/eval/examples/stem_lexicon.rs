//! Builds the stem lexicons embedded by `zan-analysis` (`crates/analysis/src/lexicon/kk.txt`
//! and `ky.txt`) from the gold lemmas of the shared treebanks, read and split exactly as
//! `zan eval stemmer` reads and splits them (`zan_eval::stemmer`).
//!
//! Rerun from the project root after changing the data or the rules below:
//!
//! ```text
//! cargo run --release -p zan-eval --example stem_lexicon -- ../shared/data crates/analysis/src/lexicon
//! ```
//!
//! Sources (read in place; see each folder's SOURCE.md), all under CC BY-SA 4.0, so the
//! lexicons are too:
//!
//! | language | treebank |
//! |---|---|
//! | kk | `apertium-kaz-texts2/conllu/*.conllu` (apertium-kaz hand-disambiguated texts), `ud-kk-ktb/*train*.conllu` (UD Kazakh-KTB) |
//! | ky | `ud-ky-ktmu/*train*.conllu` (UD Kyrgyz-KTMU) |
//!
//! Only the tune documents are read ([`Split::Tune`]: every second document of a folder,
//! a document being what the treebank marks as one or a block of 100 sentences). The
//! other documents are what `zan eval stemmer` reports as held out, so the lexicon's
//! effect there is measured on documents it was not built from. No test split of any
//! treebank is read.
//!
//! A lemma of an open class (`NOUN PROPN VERB ADJ ADV`) of a word made of letters becomes a stem of the lexicon when
//! it is made of Cyrillic letters only, has at least [`MIN_LETTERS`] letters, and, where it is also
//! seen as a word in the tune documents, it is mostly its own lemma there (`жылы` read as "the
//! year" more often than as the adverb "warm" stays out): the stemmer keeps a word of
//! the lexicon whole, so a lexicon entry must not be a common inflected form of another
//! word.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use zan_analysis::normalize::is_cyrillic;
use zan_eval::stemmer::{read_folder, GoldToken, Sentence, Split};

/// Fewest letters of a lexicon stem.
const MIN_LETTERS: usize = 2;

/// The stems of the lexicon from tune-half tokens (see the module notes).
fn lexicon(tokens: &[&GoldToken]) -> BTreeSet<String> {
    // For each form: how often it is its own lemma, and how often another word's.
    let mut readings: HashMap<&str, (usize, usize)> = HashMap::new();
    for token in tokens {
        let entry = readings.entry(&token.form).or_default();
        if token.form == token.lemma {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    tokens
        .iter()
        .map(|token| &token.lemma)
        .filter(|lemma| {
            lemma.chars().count() >= MIN_LETTERS
                && lemma.chars().all(is_cyrillic)
                && readings.get(lemma.as_str()).is_none_or(|&(own, other)| own >= other)
        })
        .cloned()
        .collect()
}

fn write(out: &Path, language: &str, sources: &str, stems: &BTreeSet<String>) {
    let mut text = format!(
        "# zan {language} stem lexicon: {} stems, made by crates/eval/examples/stem_lexicon.rs\n\
         # from the gold lemmas of the tune documents of {sources}.\n\
         # Licence: CC BY-SA 4.0, like its sources. Do not edit by hand: rerun the tool.\n",
        stems.len()
    );
    for stem in stems {
        text.push_str(stem);
        text.push('\n');
    }
    let path = out.join(format!("{language}.txt"));
    fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    println!("{}: {} stems", path.display(), stems.len());
}

fn read(folder: &Path, filter: impl Fn(&str) -> bool) -> Vec<Sentence> {
    read_folder(folder, filter).unwrap_or_else(|e| panic!("cannot read {}: {e}", folder.display()))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(data), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: stem_lexicon DATA_DIR OUT_DIR");
        std::process::exit(2);
    };
    let (data, out) = (PathBuf::from(data), PathBuf::from(out));
    let train = |name: &str| name.contains("train");
    let sets: [(&str, &str, Vec<Sentence>); 2] = [
        (
            "kk",
            "apertium-kaz texts2 (hand-disambiguated, CC BY-SA 4.0) and UD Kazakh-KTB train (CC BY-SA 4.0)",
            [read(&data.join("apertium-kaz-texts2/conllu"), |_| true), read(&data.join("ud-kk-ktb"), train)]
                .concat(),
        ),
        ("ky", "UD Kyrgyz-KTMU train (CC BY-SA 4.0)", read(&data.join("ud-ky-ktmu"), train)),
    ];
    for (language, sources, sentences) in sets {
        let tokens: Vec<&GoldToken> = sentences
            .iter()
            .filter(|sentence| Split::Tune.keeps(sentence))
            .flat_map(|sentence| sentence.tokens.iter())
            .collect();
        write(&out, language, sources, &lexicon(&tokens));
    }
}
