//! Synthetic acts: requisites header lines (issuer, kind, date and number, title) and
//! paragraphs of ru, kk or ky sentences recombined from the team's corpus and the shared
//! data, from a fixed seed, so that two runs write the same bytes.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde_json::json;

/// A small deterministic generator (SplitMix64): the benchmark needs the same corpus on
/// every machine, not cryptographic randomness.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One element of a slice (not empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The languages generated, with their share of the acts.
pub const LANGUAGES: [(&str, f64); 3] = [("ru", 0.6), ("kk", 0.25), ("ky", 0.15)];

/// Kind codes with their share, and the word of the header in each language.
const KINDS: [(&str, f64, [&str; 3]); 4] = [
    ("decision", 0.45, ["РЕШЕНИЕ", "ШЕШІМ", "ЧЕЧИМ"]),
    ("resolution", 0.3, ["ПОСТАНОВЛЕНИЕ", "ҚАУЛЫ", "ТОКТОМ"]),
    ("order", 0.2, ["РАСПОРЯЖЕНИЕ", "ӨКІМ", "БУЙРУК"]),
    ("decree", 0.05, ["УКАЗ", "ЖАРЛЫҚ", "ЖАРЛЫК"]),
];

const CITIES: [[&str; 3]; 8] = [
    ["Алматы", "Алматы", "Алматы"],
    ["Астаны", "Астана", "Астана"],
    ["Бишкека", "Бішкек", "Бишкек"],
    ["Оша", "Ош", "Ош"],
    ["Караганды", "Қарағанды", "Караганды"],
    ["Шымкента", "Шымкент", "Шымкент"],
    ["Каракола", "Қарақол", "Каракол"],
    ["Талдыкоргана", "Талдықорған", "Талдыкорган"],
];

const BODIES: [[&str; 3]; 4] = [
    ["Маслихат города", "қаласының мәслихаты", "шаардык кеңеши"],
    ["Акимат города", "қаласының әкімдігі", "шаардык мэриясы"],
    ["Аким города", "қаласының әкімі", "шаарынын мэри"],
    ["Городской кенеш", "қалалық кеңесі", "шаардык кеңеш"],
];

/// Sentences of each language of [`LANGUAGES`], in that order.
pub struct Sentences {
    by_language: [Vec<String>; 3],
}

fn slot(lang: &str) -> Option<usize> {
    LANGUAGES.iter().position(|(code, _)| *code == lang)
}

/// Cuts text into sentences of 4 to 60 words.
fn split_sentences(text: &str, into: &mut Vec<String>) {
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let end = matches!(c, '.' | '!' | '?' | '\n')
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
        if end {
            push_sentence(&text[start..=i], into);
            start = i + 1;
        }
    }
    push_sentence(&text[start..], into);
}

fn push_sentence(sentence: &str, into: &mut Vec<String>) {
    let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = sentence.split(' ').count();
    let letters = sentence.chars().filter(|c| c.is_alphabetic()).count();
    if (4..=60).contains(&words) && letters * 2 > sentence.chars().count() {
        into.push(sentence);
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Files of a folder whose name passes `keep`, sorted so the pool is the same everywhere.
fn files_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.file_name().and_then(|n| n.to_str()).is_some_and(&keep))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

impl Sentences {
    /// Reads the sentences of the team's corpus folder (`ru-*`, `kk-*`, `ky-*` text
    /// files) and of the shared data: the Kyrgyz codes in Russian, KazQAD and the
    /// Apertium Kazakh texts, and the UD treebanks of the three languages.
    pub fn load(corpus: &Path, data: &Path) -> anyhow::Result<Sentences> {
        let mut by_language: [Vec<String>; 3] = Default::default();
        for file in files_in(corpus, |name| name.ends_with(".txt")) {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if let Some(slot) = slot(name.get(..2).unwrap_or_default()) {
                split_sentences(&read(&file)?, &mut by_language[slot]);
            }
        }
        for (jsonl, lang) in [
            (data.join("kg-codes-ru/articles.jsonl"), "ru"),
            (data.join("kazqad-dev/corpus.jsonl"), "kk"),
        ] {
            let Some(slot) = slot(lang) else { continue };
            for line in read(&jsonl)?.lines() {
                if let Ok(record) = serde_json::from_str::<serde_json::Value>(line) {
                    split_sentences(
                        record["text"].as_str().unwrap_or_default(),
                        &mut by_language[slot],
                    );
                }
            }
        }
        for (dir, lang) in
            [(data.join("ud-ru-gsd"), 0), (data.join("ud-kk-ktb"), 1), (data.join("ud-ky-ktmu"), 2)]
        {
            for file in files_in(&dir, |name| name.ends_with(".conllu")) {
                for line in read(&file)?.lines() {
                    if let Some(text) = line.strip_prefix("# text = ") {
                        push_sentence(text, &mut by_language[lang]);
                    }
                }
            }
        }
        for file in files_in(&data.join("apertium-kaz-texts2/raw"), |name| name.ends_with(".txt")) {
            split_sentences(&read(&file)?, &mut by_language[1]);
        }
        for (sentences, (lang, _)) in by_language.iter().zip(LANGUAGES) {
            if sentences.len() < 100 {
                bail!("only {} {lang} sentences found: pass --corpus and --data", sentences.len());
            }
        }
        Ok(Sentences { by_language })
    }

    /// How many sentences of each language there are.
    pub fn counts(&self) -> [usize; 3] {
        [0, 1, 2].map(|slot| self.by_language[slot].len())
    }
}

/// One generated act.
pub struct Act {
    /// `act-000001`.
    pub id: String,
    /// ru, kk or ky.
    pub lang: &'static str,
    /// Kind code.
    pub kind: &'static str,
    /// Number as written.
    pub number: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Issuing body.
    pub issuer: String,
    /// Title (the subject line).
    pub title: String,
    /// Header lines, a blank line, paragraphs separated by blank lines.
    pub text: String,
}

fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, f64)]) -> T {
    let mut roll = rng.unit();
    for &(item, weight) in items {
        if roll < weight {
            return item;
        }
        roll -= weight;
    }
    items[items.len() - 1].0
}

/// Makes act number `n` (from 0); acts depend only on the seed and `n`.
pub fn act(sentences: &Sentences, seed: u64, n: usize) -> Act {
    let mut rng = Rng::new(seed ^ (n as u64).wrapping_mul(0xa24b_aed4_963e_e407));
    let lang = weighted(&mut rng, &LANGUAGES.map(|(code, weight)| (code, weight)));
    let slot = slot(lang).unwrap_or(0);
    let (kind, word) = {
        let choices = KINDS.map(|(code, weight, words)| ((code, words[slot]), weight));
        weighted(&mut rng, &choices)
    };
    let city = rng.pick(&CITIES)[slot];
    let body = rng.pick(&BODIES)[slot];
    let issuer = if slot == 0 { format!("{body} {city}") } else { format!("{city} {body}") };
    let (year, month, day) = (2000 + rng.below(26), 1 + rng.below(12), 1 + rng.below(28));
    let number = match rng.below(3) {
        0 => format!("{}", 1 + rng.below(999)),
        1 => format!("{}-{}", 1 + rng.below(60), 1 + rng.below(30)),
        _ => format!("{}/{}", 1 + rng.below(400), rng.below(20)),
    };
    let pool = &sentences.by_language[slot];
    let subject: Vec<&str> = rng.pick(pool).split(' ').take(3 + rng.below(7)).collect();
    let title = subject.join(" ").trim_end_matches(['.', ',', ';', ':']).to_owned();
    let mut text = format!(
        "{}\n{word}\n{} {day:02}.{month:02}.{year} № {number}\n{title}\n",
        issuer.to_uppercase(),
        ["от", "", ""][slot],
    );
    // Lognormal-like length: most acts a page or two, a few much longer.
    let paragraphs = (2.0 + (rng.unit() * 2.2).exp() * 2.0) as usize;
    for _ in 0..paragraphs {
        text.push('\n');
        let count = 1 + rng.below(3);
        let sentences: Vec<&str> = (0..count).map(|_| rng.pick(pool).as_str()).collect();
        text.push_str(&sentences.join(" "));
        text.push('\n');
    }
    Act {
        id: format!("act-{n:07}"),
        lang,
        kind,
        number,
        date: format!("{year}-{month:02}-{day:02}"),
        issuer,
        title,
        text,
    }
}

impl Act {
    /// The JSONL record: zan's fields, of which the peers read `id`, `lang`, `title`
    /// and `text`.
    pub fn record(&self) -> serde_json::Value {
        json!({
            "id": self.id, "lang": self.lang, "title": self.title, "text": self.text,
            "kind": self.kind, "number": self.number, "date": self.date, "issuer": self.issuer,
        })
    }

    /// Writes the act as a file of the corpus folder: plain text, HTML or RTF by `n`.
    pub fn write_file(&self, dir: &Path, n: usize) -> anyhow::Result<()> {
        let (extension, bytes) = match n % 3 {
            0 => ("txt", self.text.clone().into_bytes()),
            1 => ("html", self.html().into_bytes()),
            _ => ("rtf", self.rtf().into_bytes()),
        };
        let path = dir.join(format!("{}.{extension}", self.id));
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    }

    fn html(&self) -> String {
        let escape =
            |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let body: String = self
            .text
            .split('\n')
            .filter(|line| !line.is_empty())
            .map(|line| format!("<p>{}</p>\n", escape(line)))
            .collect();
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{body}</body></html>\n",
            self.lang,
            escape(&self.title)
        )
    }

    fn rtf(&self) -> String {
        let mut rtf = String::from("{\\rtf1\\ansi\\deff0\n");
        for line in self.text.split('\n').filter(|line| !line.is_empty()) {
            for c in line.chars() {
                match c {
                    '\\' | '{' | '}' => {
                        rtf.push('\\');
                        rtf.push(c);
                    }
                    c if c.is_ascii() => rtf.push(c),
                    c => {
                        let mut units = [0u16; 2];
                        for unit in c.encode_utf16(&mut units) {
                            rtf.push_str(&format!("\\u{}?", *unit as i16));
                        }
                    }
                }
            }
            rtf.push_str("\\par\n");
        }
        rtf.push('}');
        rtf
    }
}

/// Writes `count` acts as JSONL to `path`.
pub fn write_jsonl(
    sentences: &Sentences,
    seed: u64,
    count: usize,
    path: &Path,
) -> anyhow::Result<u64> {
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    let mut bytes = 0;
    for n in 0..count {
        let line = act(sentences, seed, n).record().to_string();
        bytes += line.len() as u64 + 1;
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(bytes)
}

/// Writes the same JSONL with every `1/every`-th record's text changed by one sentence
/// (the same ids): an incremental run's input. Returns how many records changed.
pub fn write_changed(source: &Path, every: usize, path: &Path) -> anyhow::Result<usize> {
    // Line by line: the corpus of a million acts is 5 GB, and this process's memory is
    // where the builds it starts begin counting theirs.
    let input = std::io::BufReader::new(
        std::fs::File::open(source).with_context(|| format!("cannot read {}", source.display()))?,
    );
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    let mut changed = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        let line = line.as_str();
        if n % every.max(1) == 0 {
            let mut record: serde_json::Value = serde_json::from_str(line)?;
            let appended =
                format!("{}\n\nИзменение внесено.\n", record["text"].as_str().unwrap_or_default());
            record["text"] = json!(appended);
            writeln!(out, "{record}")?;
            changed += 1;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(changed)
}

/// Writes `count` queries of 1 to 3 consecutive words of the sentences, as the peers'
/// TSV: `qid<TAB>lang<TAB>query`, languages in the corpus's shares.
pub fn write_queries(
    sentences: &Sentences,
    seed: u64,
    count: usize,
    path: &Path,
) -> anyhow::Result<()> {
    let mut rng = Rng::new(seed.rotate_left(17) ^ 0x5157);
    let mut lines = String::new();
    let mut made = 0;
    while made < count {
        let lang = weighted(&mut rng, &LANGUAGES.map(|(code, weight)| (code, weight)));
        let slot = slot(lang).unwrap_or(0);
        let words: Vec<String> = rng
            .pick(&sentences.by_language[slot])
            .split(' ')
            .map(|word| word.chars().filter(|c| c.is_alphabetic() || *c == '-').collect::<String>())
            .filter(|word| word.chars().count() >= 3)
            .collect();
        if words.is_empty() {
            continue;
        }
        let length = (1 + rng.below(3)).min(words.len());
        let start = rng.below(words.len() - length + 1);
        let query = words[start..start + length].join(" ").to_lowercase();
        made += 1;
        lines.push_str(&format!("q{made:04}\t{lang}\t{query}\n"));
    }
    std::fs::write(path, lines).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> Sentences {
        let sentence =
            |lang: &str, n: usize| format!("{lang} предложение номер {n} про бюджет города.");
        Sentences {
            by_language: ["ru", "kk", "ky"]
                .map(|lang| (0..200).map(|n| sentence(lang, n)).collect()),
        }
    }

    #[test]
    fn test_acts_are_deterministic_and_have_requisites() {
        let sentences = pool();
        let (a, b) = (act(&sentences, 7, 42), act(&sentences, 7, 42));
        assert_eq!(a.text, b.text);
        assert_ne!(act(&sentences, 8, 42).text, a.text);
        assert!(a.text.contains(&format!("№ {}", a.number)), "{}", a.text);
        assert!(a.text.lines().count() >= 6);
    }

    #[test]
    fn test_split_sentences_keeps_real_sentences() {
        let mut into = Vec::new();
        split_sentences(
            "Один два три четыре. Коротко. Пять шесть семь восемь девять!\n",
            &mut into,
        );
        assert_eq!(into, ["Один два три четыре.", "Пять шесть семь восемь девять!"]);
    }
}
