//! Builds the Cyrillic language-identification model embedded by `zan-analysis`
//! (`crates/analysis/src/detection/model.bin`).
//!
//! Rerun from the project root after changing the training data or the format:
//!
//! ```text
//! cargo run --release -p zan-analysis --example langid_model -- ../shared/data \
//!     crates/analysis/src/detection/model.bin corpus
//! ```
//!
//! What it reads (all under the shared data folder, read in place):
//!
//! | language | training text |
//! |---|---|
//! | ru | `kg-codes-ru/laws/*.txt`, the dev split of `ud-ru-gsd` (`# text =`; never a test split), train half of `lingua-langid-testdata` ru |
//! | kk | `apertium-kaz-texts2/raw/*.raw.txt` except articles whose title is also a `kazqad-dev` passage title, `ud-kk-ktb/*.conllu`, train half of lingua kk |
//! | ky | training blocks of `ud-ky-ktmu/ky_ktmu-ud-train.conllu` (`zan_analysis::ky_sentence_split`) |
//! | ru kk ky | also `corpus/ru-*.txt`, `corpus/kk-*.txt`, `corpus/ky-*.txt` of this repository |
//! | uk be bg mk mn | train half of lingua (sentences, word pairs, single words); Mongolian also once more with `ї є` read as `ү ө` (the data's own noise, see its SOURCE.md) |
//!
//! The "train half" is every line or sentence for which `zan_analysis::held_out` is false; the
//! evaluation (`crates/eval/src/langid.rs`) reports only on the other half and on
//! sources never read here (`kazqad-dev`, `xquad-ru-dev` passages).
//!
//! Model: per language, counts of character n-grams (orders 1 to 5) of normalised
//! words with begin and end markers. Orders 1 and 2 are kept whole; of orders 3 to 5
//! only the most frequent (count at or above a threshold that keeps at most
//! [`KEEP_HIGH_ORDER`] of them). The format is described in `detection/model.rs`.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use zan_analysis::{held_out, ky_sentence_split, LangidSplit, Words};

/// Languages of the model, in file order.
const LANGUAGES: [&str; 8] = ["ru", "kk", "ky", "uk", "be", "bg", "mk", "mn"];
/// Letters with a symbol of their own; others fall into classes (see `symbol`).
const ALPHABET: &str = "абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһієїґўѓќѕјљњџђћ";
const MAX_ORDER: usize = 5;
/// How many n-grams of orders 3..=5 each confuser language keeps at most.
const KEEP_HIGH_ORDER: usize = 14_000;
/// The same for Russian, Kazakh and Kyrgyz. Russian has some fifty times the text of any
/// other language: cut to the confusers' size it kept only n-grams seen 67 times or
/// more, and lost one Russian sentence in four to Ukrainian or Bulgarian. Kazakh and
/// Kyrgyz have little text (some 17,000 and 8,000 words): cut to 14,000 they lost the
/// n-grams seen up to three times, which are most of their suffix chains; they now keep
/// them all, which lifted one-word accuracy on the tune part from 0.894 to 0.913.
const KEEP_HIGH_ORDER_ZAN: usize = 60_000;

const BEGIN: u8 = 1;
const END: u8 = 2;
const LATIN: u8 = 3;
const DIGIT: u8 = 4;
const OTHER_CYRILLIC: u8 = 5;
const FIRST_LETTER: u8 = 6;

fn symbol(c: char, alphabet: &[char]) -> u8 {
    if let Some(index) = alphabet.iter().position(|&a| a == c) {
        return FIRST_LETTER + index as u8;
    }
    if ('\u{0400}'..='\u{052F}').contains(&c) {
        OTHER_CYRILLIC
    } else if c.is_numeric() {
        DIGIT
    } else {
        LATIN
    }
}

struct Counter {
    alphabet: Vec<char>,
    counts: Vec<HashMap<Vec<u8>, u64>>,
    words: Vec<u64>,
}

impl Counter {
    fn add(&mut self, language: usize, text: &str) {
        let mut symbols = Vec::new();
        for word in Words::new(text) {
            if !word.text.chars().any(|c| ('\u{0400}'..='\u{052F}').contains(&c)) {
                continue;
            }
            symbols.clear();
            symbols.push(BEGIN);
            symbols.extend(word.text.chars().map(|c| symbol(c, &self.alphabet)));
            symbols.push(END);
            let counts = &mut self.counts[language];
            self.words[language] += 1;
            *counts.entry(vec![BEGIN]).or_default() += 1;
            for end in 1..symbols.len() {
                for order in 1..=MAX_ORDER.min(end + 1) {
                    *counts.entry(symbols[end + 1 - order..=end].to_vec()).or_default() += 1;
                }
            }
        }
    }
}

fn conllu_sentences(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().filter_map(|line| line.strip_prefix("# text = ")).map(str::to_owned).collect()
}

fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable folder").path())
        .filter(|path| path.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}

fn main() {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".to_owned()));
    let out = PathBuf::from(
        args.next().unwrap_or_else(|| "crates/analysis/src/detection/model.bin".to_owned()),
    );
    let mut counter = Counter {
        alphabet: ALPHABET.chars().collect(),
        counts: vec![HashMap::new(); LANGUAGES.len()],
        words: vec![0; LANGUAGES.len()],
    };
    let index = |code: &str| LANGUAGES.iter().position(|&l| l == code);

    // lingua: train half of every file, every language.
    let lingua = data.join("lingua-langid-testdata");
    for name in ["langid-sentences.tsv", "langid-word-pairs.tsv", "langid-single-words.tsv"] {
        let text = fs::read_to_string(lingua.join(name)).expect("lingua data readable");
        for line in text.lines() {
            let Some((code, sentence)) = line.split_once('\t') else { continue };
            let Some(language) = index(code) else { continue };
            if held_out(sentence) {
                continue;
            }
            counter.add(language, sentence);
            if code == "mn" {
                let restored: String = sentence
                    .chars()
                    .map(|c| match c {
                        'ї' => 'ү',
                        'Ї' => 'Ү',
                        'є' => 'ө',
                        'Є' => 'Ө',
                        other => other,
                    })
                    .collect();
                if restored != sentence {
                    counter.add(language, &restored);
                }
            }
        }
    }

    // Kyrgyz: the training blocks of the UD sentences (split by runs of consecutive
    // sentences, not sentence by sentence: see `zan_analysis::langid_split`).
    let ky = index("ky").expect("ky is a model language");
    let ky_sentences = conllu_sentences(&data.join("ud-ky-ktmu/ky_ktmu-ud-train.conllu"));
    for (at, sentence) in ky_sentences.iter().enumerate() {
        if ky_sentence_split(at) == LangidSplit::Train {
            counter.add(ky, sentence);
        }
    }

    // Kazakh: UD-KTB and the apertium articles that kazqad-dev does not also hold.
    let kk = index("kk").expect("kk is a model language");
    for path in files(&data.join("ud-kk-ktb"), ".conllu") {
        for sentence in conllu_sentences(&path) {
            counter.add(kk, &sentence);
        }
    }
    let kazqad = fs::read_to_string(data.join("kazqad-dev/corpus.jsonl")).expect("kazqad");
    for path in files(&data.join("apertium-kaz-texts2/raw"), ".raw.txt") {
        let name = path.file_name().expect("file name").to_string_lossy();
        let title = name.trim_end_matches(".raw.txt").replace('_', " ");
        if kazqad.contains(&format!("\"title\": \"{title}\"")) {
            eprintln!("skipped (also in kazqad-dev): {title}");
            continue;
        }
        counter.add(kk, &fs::read_to_string(&path).expect("apertium text readable"));
    }

    // Russian: the codes and UD-GSD.
    let ru = index("ru").expect("ru is a model language");
    for path in files(&data.join("kg-codes-ru/laws"), ".txt") {
        counter.add(ru, &fs::read_to_string(&path).expect("law text readable"));
    }
    // Test splits are how zan is judged: never trained on.
    for path in files(&data.join("ud-ru-gsd"), ".conllu") {
        if path.file_name().is_some_and(|name| name.to_string_lossy().contains("-test.")) {
            continue;
        }
        for sentence in conllu_sentences(&path) {
            counter.add(ru, &sentence);
        }
    }

    // The project's own corpus: acts and clippings in one language each (the file name
    // says which; mixed files and HTML are left out). Legal prose full of the loanwords
    // (бюджет, кодекс, республика) that Kazakh and Kyrgyz acts share with Russian.
    let corpus = PathBuf::from(args.next().unwrap_or_else(|| "corpus".to_owned()));
    for path in files(&corpus, ".txt") {
        let name = path.file_name().expect("file name").to_string_lossy().into_owned();
        let Some(language) = name.split('-').next().and_then(index) else { continue };
        counter.add(language, &fs::read_to_string(&path).expect("corpus text readable"));
    }

    let bytes = encode(&counter);
    fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
}

/// Writes the model; see `detection/model.rs` for the layout.
fn encode(counter: &Counter) -> Vec<u8> {
    let mut out = b"ZANLID1\n".to_vec();
    let alphabet = ALPHABET.as_bytes();
    out.extend((alphabet.len() as u16).to_le_bytes());
    out.extend(alphabet);
    out.push(MAX_ORDER as u8);
    out.push(LANGUAGES.len() as u8);
    for (language, code) in LANGUAGES.iter().enumerate() {
        let counts = &counter.counts[language];
        let mut high: Vec<u64> =
            counts.iter().filter(|(g, _)| g.len() >= 3).map(|(_, &c)| c).collect();
        high.sort_unstable_by(|a, b| b.cmp(a));
        // The smallest count that keeps at most KEEP_HIGH_ORDER n-grams (ties all in or out).
        let keep =
            if matches!(*code, "ru" | "kk" | "ky") { KEEP_HIGH_ORDER_ZAN } else { KEEP_HIGH_ORDER };
        let threshold = if high.len() > keep {
            let at = high[keep];
            at + 1
        } else {
            1
        };
        let mut kept: Vec<(&Vec<u8>, u64)> = counts
            .iter()
            .filter(|(g, &c)| g.len() < 3 || c >= threshold)
            .map(|(g, &c)| (g, c))
            .collect();
        kept.sort();
        out.extend(code.as_bytes());
        out.extend((kept.len() as u32).to_le_bytes());
        let mut previous: &[u8] = &[];
        for (gram, count) in &kept {
            let shared = previous.iter().zip(gram.iter()).take_while(|(a, b)| a == b).count();
            out.push(((shared as u8) << 4) | (gram.len() - shared) as u8);
            out.extend(&gram[shared..]);
            out.push(quantize(*count));
            previous = gram;
        }
        eprintln!(
            "{code}: {} words, {} n-grams, kept {} (orders 3-5 with count >= {threshold})",
            counter.words[language],
            counts.len(),
            kept.len()
        );
    }
    out
}

/// A count as one byte: `round(16 ln count)`, so the model reads `exp(q / 16)`.
fn quantize(count: u64) -> u8 {
    ((count as f64).ln() * 16.0).round().min(255.0) as u8
}
