//! The whole analysis of indexing on one core: per paragraph, language detection
//! (with the document's primary language), then the tantivy analyzer of that language
//! (tokenise, normalise, stop words, stem). Reports MB/s of input text.
//!
//! ```text
//! cargo bench -p zan-analysis --bench analysis
//! ```
//!
//! The text is a few KB of Russian, Kazakh and Kyrgyz municipal prose written for this
//! benchmark (headings, long paragraphs, numbers, a mixed paragraph), repeated.
//! Because it repeats, the analyzers' memos (stems, word scores of the detector) answer
//! nearly every word after the first pass. The second measurement, when the shared
//! data folder is there, streams the 11 Kyrgyz codes in Russian (about 17 MB) through the
//! same analysis 100 KB at a time, so the memos meet new text as when indexing a corpus.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use zan_analysis::{detect_document, language_analyzer, Language};

const RUSSIAN: &str = "\
РЕШЕНИЕ городского совета № 12-45 от 14 марта 2024 года

О внесении изменений в решение городского совета «О бюджете города на 2024 год»

В соответствии с Бюджетным кодексом и Законом «О местном самоуправлении» городской совет решил внести в решение о бюджете следующие изменения: увеличить расходы на ремонт школ и дорог на 14,5 миллиона, перераспределить средства, предусмотренные на отопительный сезон, и утвердить новый порядок предоставления земельных участков под строительство.

Контроль за исполнением настоящего решения возложить на постоянную комиссию по бюджету, экономике и муниципальной собственности. Решение вступает в силу со дня его официального опубликования в газете «Городские вести».

Библиотека имени Абая с первого сентября работает по новому расписанию: читальный зал открыт ежедневно с девяти утра до восьми вечера, кроме понедельника; абонемент выдаёт книги по субботам до шести часов.";

const KAZAKH: &str = "\
Қалалық мәслихаттың 2024 жылғы 12 наурыздағы № 45/3 шешімі

Қала бюджеті туралы

Қазақстан Республикасының Бюджет кодексіне және «Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заңына сәйкес қалалық мәслихат ШЕШІМ ҚАБЫЛДАДЫ: мектептер мен жолдарды жөндеуге арналған шығыстар ұлғайтылсын, жылыту маусымына бөлінген қаражат қайта бөлінсін.

Осы шешімнің орындалуын бақылау мәслихаттың бюджет және экономика жөніндегі тұрақты комиссиясына жүктелсін. Шешім алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.

Орталық қалалық кітапхана қыркүйектің бірінен бастап жаңа кесте бойынша жұмыс істейді: оқу залы дүйсенбіден басқа күндері таңғы тоғыздан кешкі сегізге дейін ашық.";

const KYRGYZ: &str = "\
Шаардык кеңештин 2024-жылдын 14-мартындагы № 12-45 токтому

Шаардын бюджети жөнүндө

Кыргыз Республикасынын Бюджеттик кодексине жана «Жергиликтүү өз алдынча башкаруу жөнүндө» Мыйзамына ылайык шаардык кеңеш токтом кылат: мектептерди жана жолдорду оңдоого бөлүнгөн чыгашалар көбөйтүлсүн, жылытуу мезгилине каралган каражаттар кайра бөлүштүрүлсүн.

Бул токтомдун аткарылышын көзөмөлдөө шаардык кеңештин бюджет жана экономика боюнча туруктуу комиссиясына жүктөлсүн. Токтом расмий жарыяланган күндөн тартып күчүнө кирет.

Шаардык китепкана биринчи сентябрдан баштап жаңы тартипте иштейт: окуу залы дүйшөмбүдөн башка күндөрү саат тогуздан кечки сегизге чейин ачык.";

const MIXED: &str = "\
Қалалық әкімдік хабарлайды. Городская администрация сообщает, что приём граждан по вопросам земельных участков переносится. Шаардык мэрия жарандарды кабыл алуу убактысы өзгөргөнүн билдирет.";

/// The benchmark text: the four parts in turn, repeated to about 100 KB.
fn text() -> String {
    let part = [RUSSIAN, KAZAKH, KYRGYZ, MIXED].join("\n\n");
    let mut text = String::new();
    while text.len() < 100_000 {
        text.push_str(&part);
        text.push_str("\n\n");
    }
    text
}

/// Runs the whole analysis of one document and returns the number of terms.
fn analyze_document(text: &str, analyzers: &mut [TextAnalyzer]) -> usize {
    let paragraphs: Vec<&str> = text.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
    let languages = detect_document(paragraphs.iter().copied());
    let mut terms = 0;
    for (paragraph, language) in paragraphs.iter().zip(&languages.paragraphs) {
        let slot = Language::INDEXED
            .iter()
            .position(|l| *l == language.indexed())
            .unwrap_or(Language::INDEXED.len() - 1);
        let mut stream = analyzers[slot].token_stream(paragraph);
        while stream.advance() {
            terms += black_box(stream.token().text.len()).min(1);
        }
    }
    terms
}

fn bench_analysis(c: &mut Criterion) {
    let text = text();
    let mut analyzers: Vec<TextAnalyzer> =
        Language::INDEXED.iter().map(|&l| language_analyzer(l)).collect();
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalise+detect+tokenise+stem, mixed ru/kk/ky", |b| {
        b.iter(|| analyze_document(black_box(&text), &mut analyzers));
    });
    group.bench_function("detect_document only", |b| {
        b.iter(|| detect_document(black_box(&text).split("\n\n").filter(|p| !p.trim().is_empty())));
    });
    group.finish();

    let chunks = real_chunks();
    if chunks.is_empty() {
        eprintln!("../shared/data/kg-codes-ru not found: the streaming measurement is skipped");
        return;
    }
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(CHUNK_BYTES as u64));
    let mut next = 0;
    group.bench_function("whole analysis, kg-codes-ru streamed 100 KB a time", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                let chunk = &chunks[next % chunks.len()];
                next += 1;
                let started = Instant::now();
                black_box(analyze_document(chunk, &mut analyzers));
                spent += started.elapsed();
            }
            spent
        });
    });
    group.finish();
}

/// Size of one streamed piece of the real corpus.
const CHUNK_BYTES: usize = 100_000;

/// The Russian codes of the shared data (one paragraph a line) as documents of at least
/// [`CHUNK_BYTES`], paragraphs separated by blank lines; empty without the data folder.
fn real_chunks() -> Vec<String> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/kg-codes-ru/laws");
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut chunks = Vec::new();
    let mut chunk = String::new();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        for paragraph in text.lines() {
            chunk.push_str(paragraph);
            chunk.push_str("\n\n");
            if chunk.len() >= CHUNK_BYTES {
                chunks.push(std::mem::take(&mut chunk));
            }
        }
    }
    chunks
}

criterion_group!(benches, bench_analysis);
criterion_main!(benches);
