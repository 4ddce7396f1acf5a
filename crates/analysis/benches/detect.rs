//! Language identification of short texts, the size of a query or of a short paragraph:
//! `detect_with_scores` on pieces of about 200 characters.
//!
//! ```text
//! cargo bench -p zan-analysis --bench detect
//! ```
//!
//! The pieces are cut at word boundaries: from the Kazakh
//! `kazqad-dev` passages of the shared data folder when it is there (about a megabyte,
//! so the detector's word memo keeps meeting words it has not scored), else a few
//! Kazakh, Kyrgyz and Russian sentences written for this benchmark, repeated (every word then comes from the memo,
//! which is the cost of a repeated query).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zan_analysis::detect_with_scores;

const WRITTEN: &str = "\
Қалалық мәслихат жергілікті бюджетке өзгерістер енгізу туралы шешім қабылдады және \
мектептер мен жолдарды жөндеуге қосымша қаражат бөлді. \
Шаардык кеңеш жергиликтүү бюджетке өзгөртүүлөрдү киргизүү жөнүндө чечим кабыл алды жана \
мектептерди оңдоого кошумча каражат бөлдү. \
Городской совет принял решение о внесении изменений в местный бюджет и выделил \
дополнительные средства на ремонт школ и дорог.";

/// Length of one piece, in bytes (about 200 characters of Cyrillic, two bytes each).
const PIECE_BYTES: usize = 400;

/// Cuts text into pieces of about [`PIECE_BYTES`] ending at a space.
fn pieces(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (mut out, mut start, mut bytes) = (Vec::new(), 0, 0);
    for (at, word) in words.iter().enumerate() {
        bytes += word.len() + 1;
        if bytes >= PIECE_BYTES {
            out.push(words[start..=at].join(" "));
            (start, bytes) = (at + 1, 0);
        }
    }
    out
}

fn texts() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/kazqad-dev/corpus.jsonl");
    let mut out = Vec::new();
    if let Ok(corpus) = std::fs::read_to_string(path) {
        for line in corpus.lines() {
            // The passage text is the value of "text"; a crude cut is enough here.
            if let Some((_, rest)) = line.split_once("\"text\": \"") {
                out.extend(pieces(rest.split("\", \"").next().unwrap_or(rest)));
            }
        }
    }
    if out.is_empty() {
        eprintln!("../shared/data/kazqad-dev not found: the written text is measured");
        out = pieces(&WRITTEN.repeat(4));
    }
    out
}

fn bench_detect(c: &mut Criterion) {
    let texts = texts();
    let mut group = c.benchmark_group("detect");
    group.throughput(Throughput::Bytes(PIECE_BYTES as u64));
    let mut next = 0;
    group.bench_function("detect_with_scores, 200-character pieces", |b| {
        b.iter(|| {
            let text = &texts[next % texts.len()];
            next += 1;
            detect_with_scores(black_box(text))
        });
    });
    group.finish();
}

criterion_group!(benches, bench_detect);
criterion_main!(benches);
