//! The `zan` command: argument parsing and wiring of the library crates. It is a library
//! with one entry, [`main`], so that the end-to-end tests can build the very same command
//! as a binary of their own; `src/main.rs` only calls it.
//!
//! Exit status: 0 when everything worked, 1 when the command ran but something in it
//! failed (some documents not indexed, a quality floor not met), 2 when it could not run.

pub mod args;

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Parser;
use serde_json::json;
use zan_analysis::{analyze, detect, Language, Words};
use zan_engine::{Date, Engine, SearchRequest, SortOrder, ZanIndex};
use zan_eval::Report;
use zan_indexer::{
    index_corpus, index_jsonl, utc_timestamp, watch_corpus, ConsoleProgress, IndexReport,
    IndexSource, IndexerConfig, ProgressOutput, RunReport, WatchEvent, WatchOptions,
};

use crate::args::{Cli, Command, Measurement};

/// Exit status of a run that had failures in it.
const EXIT_PARTIAL: u8 = 1;
/// Exit status of a run that could not happen.
const EXIT_ERROR: u8 = 2;

/// Runs the `zan` command with the process's arguments and returns its exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // lopdf logs every repair it makes to a broken PDF; zan reports the file once, in
    // its own words, so lopdf is quiet unless RUST_LOG asks for it.
    let default_filter = if matches!(cli.command, Command::Serve { .. }) {
        "info,lopdf=off"
    } else {
        "warn,lopdf=off"
    };
    // Colour only for a person at a terminal: a log file or a pipe gets plain text.
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_filter));
    // A log line that cannot be written (stderr closed, a full disk) is dropped: the
    // subscriber's own complaint would go to the same stderr and, failing, panic in the
    // middle of a request.
    let log = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .log_internal_errors(false);
    // One JSON object a line for a log collector (the server's access log included).
    if std::env::var("ZAN_LOG_FORMAT").is_ok_and(|format| format.eq_ignore_ascii_case("json")) {
        log.json().init();
    } else {
        log.with_ansi(colour).init();
    }
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("zan: {}", error_chain(&error));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The error and its causes, `: `-separated, each said once: many errors of the library
/// crates already end with their source's message, which `{:#}` would print again.
fn error_chain(error: &anyhow::Error) -> String {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
    }
    message
}

/// Refuses an `--index` that names a file: the index is a folder, and the error of
/// creating or opening one where a file is ("File exists") does not say so.
fn index_folder(index: &Path) -> anyhow::Result<()> {
    match std::fs::metadata(index) {
        Ok(metadata) if !metadata.is_dir() => {
            bail!("--index {}: is a file, not an index folder", index.display())
        }
        _ => Ok(()),
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Index {
            corpus,
            index,
            full,
            jsonl,
            batch_size,
            json,
            verbose,
            report: file,
            watch,
            settle,
            quiet,
        } => {
            index_folder(&index)?;
            let mut config = IndexerConfig::new(corpus, index);
            config.full = full;
            config.batch_size = batch_size;
            // Only a --report lists every id; a run without keeps counts, so its memory
            // does not grow with the corpus.
            config.list_ids = file.is_some();
            let progress = ConsoleProgress::new(ProgressOutput::for_stderr(quiet));
            if watch {
                return watch_folder(&config, settle, &progress, json, verbose);
            }
            let (report, source) = match &jsonl {
                Some(file) => (index_jsonl(&config, file, &progress)?, IndexSource::jsonl(file)),
                None => (index_corpus(&config, &progress)?, IndexSource::corpus(&config.corpus)),
            };
            print_index_report(&report, json, verbose)?;
            if let Some(file) = file {
                RunReport::of(&report, Some(source))
                    .write(&file)
                    .with_context(|| format!("cannot write the report to {}", file.display()))?;
            }
            Ok(exit_for(report.is_clean()))
        }
        Command::Search {
            index,
            json,
            limit,
            queries,
            format: _,
            kind,
            lang,
            from,
            to,
            sort,
            query,
        } => {
            let engine = open_engine(&index)?;
            let mut request = SearchRequest {
                text: query.join(" "),
                limit,
                kind,
                lang: lang.as_deref().map(str::parse::<Language>).transpose()?,
                from: parse_date_argument("from", from.as_deref())?,
                to: parse_date_argument("to", to.as_deref())?,
                sort: sort.as_deref().map(SortOrder::parse).transpose()?.unwrap_or_default(),
                ..SearchRequest::default()
            };
            match queries {
                Some(file) => {
                    let text = std::fs::read_to_string(&file)
                        .with_context(|| format!("cannot read {}", file.display()))?;
                    let parsed = zan_eval::retrieval::parse_queries(&text);
                    print!("{}", zan_eval::retrieval::run_queries(&engine, &parsed, limit)?);
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    if json {
                        request.snippet_chars = 240;
                    }
                    search_once(&engine, &request, json)
                }
            }
        }
        Command::Check { index, json } => check(&index, json),
        Command::Status { index, json } => status(&index, json),
        Command::Serve { index, corpus, addr } => serve(&index, &corpus, &addr),
        Command::Analyze { lang } => {
            let fixed = match lang.as_str() {
                "auto" => None,
                code => Some(code.parse::<Language>()?),
            };
            analyze_stdin(fixed)
        }
        Command::Detect => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            for line in std::io::stdin().lock().lines() {
                writeln!(out, "{}", detect(&line.context("cannot read standard input")?).code())?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { json, files } => extract_files(&files, json),
        Command::Eval { what, data } => evaluate(what, &data),
    }
}

/// `zan index --watch`: the first run's report, then one line (or JSON object) a batch,
/// until Ctrl-C or SIGTERM, which stop it after the batch being written.
fn watch_folder(
    config: &IndexerConfig,
    settle: std::time::Duration,
    progress: &ConsoleProgress,
    json: bool,
    verbose: bool,
) -> anyhow::Result<ExitCode> {
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Signals are taken over once the first run is over: until then Ctrl-C ends zan as
    // it ends a plain `zan index`, whose batches are committed and resume next time.
    let mut runtime = Some(tokio::runtime::Builder::new_current_thread().enable_all().build()?);
    let mut on_signal_stop = || {
        if let Some(runtime) = runtime.take() {
            let signalled = std::sync::Arc::clone(&stop);
            std::thread::spawn(move || {
                runtime.block_on(zan_server::shutdown_signal());
                eprintln!("zan: stopping after the current batch");
                signalled.store(true, std::sync::atomic::Ordering::SeqCst);
            });
        }
    };
    let options = WatchOptions { settle, ..WatchOptions::default() };
    let mut printed = Ok(());
    watch_corpus(config, &options, &stop, progress, &mut |event| {
        let result = match event {
            WatchEvent::Watching(report) => {
                on_signal_stop();
                eprintln!("zan: watching {} (Ctrl-C stops)", config.corpus.display());
                print_index_report(report, json, verbose)
            }
            WatchEvent::Batch(report) => print_index_report(report, json, false),
            WatchEvent::Problem(problem) => {
                eprintln!("zan: watching {}: {problem}", config.corpus.display());
                Ok(())
            }
        };
        if printed.is_ok() {
            printed = result;
        }
    })?;
    printed?;
    eprintln!("zan: stopped watching");
    Ok(ExitCode::SUCCESS)
}

fn exit_for(clean: bool) -> ExitCode {
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PARTIAL)
    }
}

fn parse_date_argument(name: &str, value: Option<&str>) -> anyhow::Result<Option<Date>> {
    value
        .map(|text| {
            Date::parse_iso(text)
                .with_context(|| format!("--{name} must be a date YYYY-MM-DD, not {text:?}"))
        })
        .transpose()
}

/// Opens an index for searching from the command line, verified first: a damaged index
/// could give wrong results without an error. Verifying reads the whole index: 2 ms for
/// the 8.6 MB index of the 4,593 articles of the Kyrgyz codes, files cached.
fn open_engine(index: &Path) -> anyhow::Result<Engine> {
    index_folder(index)?;
    Ok(Engine::new(ZanIndex::open_verified(index)?)?)
}

fn print_index_report(report: &IndexReport, json: bool, verbose: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(report)?);
        return Ok(());
    }
    if verbose {
        for file in &report.skipped_files {
            eprintln!("skipped: {} ({})", file.source, file.kind);
        }
    }
    for damaged in &report.damaged {
        eprintln!("damaged: {damaged}");
    }
    for failure in &report.failures {
        eprintln!("failed: {}: {}", failure.source, failure.reason);
    }
    for scan in &report.needs_ocr {
        eprintln!("left out: {}: {}", scan.source, scan.reason);
    }
    println!("{report}");
    Ok(())
}

/// Turns a snippet's HTML into terminal text: bold (or brackets when not a terminal).
fn snippet_for_terminal(html: &str, terminal: bool) -> String {
    let (open, close) = if terminal { ("\x1b[1m", "\x1b[0m") } else { ("[", "]") };
    html.replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn search_once(engine: &Engine, request: &SearchRequest, json: bool) -> anyhow::Result<ExitCode> {
    let results = engine.search(request)?;
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(notice) = &results.notice {
        eprintln!("zan: {notice}");
    }
    if json {
        for hit in &results.hits {
            writeln!(out, "{}", serde_json::to_string(hit)?)?;
        }
    } else {
        writeln!(out, "{} acts found in {} ms", results.total, results.took_ms)?;
        for (rank, hit) in results.hits.iter().enumerate() {
            let mut requisites = vec![hit.kind.clone()];
            requisites.extend(hit.number.as_ref().map(|n| format!("№ {n}")));
            requisites.extend(hit.date.clone());
            requisites.extend(hit.issuer.clone());
            requisites.push(hit.lang.clone());
            writeln!(out, "\n{}. {}", request.offset + rank + 1, hit.title)?;
            writeln!(out, "   {}   [{}] score {:.3}", requisites.join(" · "), hit.id, hit.score)?;
            writeln!(out, "   {}", snippet_for_terminal(&hit.snippet, terminal))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn analyze_stdin(fixed: Option<Language>) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let line = line.context("cannot read standard input")?;
        let language = fixed.unwrap_or_else(|| detect(&line));
        let terms = analyze(language, &line);
        if Words::new(&line).take(2).count() <= 1 {
            // One word in, one line out (empty for a stop word), so stemmers can be scored.
            writeln!(out, "{}", terms.first().map_or("", String::as_str))?;
        } else {
            for term in terms {
                writeln!(out, "{term}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn extract_files(files: &[PathBuf], json: bool) -> anyhow::Result<ExitCode> {
    let mut clean = true;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for file in files {
        match zan_extract::extract_file(file) {
            Ok(extracted) => {
                if json {
                    let paragraphs: Vec<_> = extracted
                        .paragraphs
                        .iter()
                        .map(|p| {
                            let mut value =
                                json!({ "text": p.text, "lang": detect(&p.text).code() });
                            if let Some(page) = p.page {
                                value["page"] = json!(page);
                            }
                            value
                        })
                        .collect();
                    let object = json!({
                        "file": file.display().to_string(),
                        "format": extracted.format,
                        "encoding": extracted.encoding,
                        "requisites": extracted.requisites,
                        "paragraphs": paragraphs,
                        "warnings": extracted.warnings,
                        "ocr_pages": extracted.ocr_pages,
                    });
                    writeln!(out, "{object}")?;
                } else {
                    if files.len() > 1 {
                        writeln!(out, "==> {} <==", file.display())?;
                    }
                    writeln!(out, "{}", extracted.text())?;
                    for warning in &extracted.warnings {
                        eprintln!("warning: {}: {warning}", file.display());
                    }
                }
            }
            Err(error) => {
                clean = false;
                eprintln!("failed: {error}");
            }
        }
    }
    out.flush()?;
    Ok(exit_for(clean))
}

fn evaluate(what: Measurement, data: &Path) -> anyhow::Result<ExitCode> {
    if !data.is_dir() {
        bail!("no data folder at {}: pass --data", data.display());
    }
    let all = matches!(what, Measurement::All);
    let mut reports: Vec<Box<dyn Report>> = Vec::new();
    // PDF first: its memory bound is on the process's peak, before other measurements
    // load their data.
    if all || matches!(what, Measurement::Pdf) {
        reports.push(Box::new(zan_eval::pdf::evaluate(data)?));
    }
    if all || matches!(what, Measurement::Stemmer) {
        reports.push(Box::new(zan_eval::stemmer::evaluate(data)?));
    }
    if all || matches!(what, Measurement::Langid) {
        reports.push(Box::new(zan_eval::langid::evaluate(data)?));
    }
    if all || matches!(what, Measurement::Retrieval) {
        reports.push(Box::new(zan_eval::retrieval::evaluate(data)?));
    }
    let mut clean = true;
    for report in &reports {
        println!("{report}");
        for failure in report.floor_failures() {
            eprintln!("under floor: {failure}");
            clean = false;
        }
    }
    Ok(exit_for(clean))
}

/// `zan check`: verifies the index and says what is damaged.
fn check(index: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let verification = ZanIndex::check(index)?;
    if json {
        println!("{}", serde_json::to_string(&verification)?);
    } else if verification.is_healthy() {
        println!(
            "{}: healthy: {} documents; {} files in {} segments ({:.1} MB) match their checksums; checked in {} ms",
            index.display(),
            verification.documents,
            verification.files,
            verification.segments,
            verification.bytes as f64 / 1e6,
            verification.elapsed.as_millis(),
        );
    } else {
        for damaged in &verification.damaged {
            println!("damaged: {damaged}");
        }
        println!(
            "{}: damaged files: {}; `zan index` rebuilds it (with --jsonl FILE if it was built from a JSONL file)",
            index.display(),
            verification.damaged.len()
        );
    }
    Ok(exit_for(verification.is_healthy()))
}

/// Sums the sizes of the files of a folder (not of its sub-folders): what an index
/// takes on disk.
fn folder_bytes(dir: &Path) -> anyhow::Result<u64> {
    let mut bytes = 0;
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let metadata = entry?.metadata()?;
        if metadata.is_file() {
            bytes += metadata.len();
        }
    }
    Ok(bytes)
}

/// `zan status`: what the index holds, what the last run left out, and its health.
fn status(index: &Path, json: bool) -> anyhow::Result<ExitCode> {
    index_folder(index)?;
    if !ZanIndex::exists(index) {
        bail!("no index at {}: `zan index` builds one", index.display());
    }
    let verification = ZanIndex::check(index)?;
    // Counting reads the index: only an index that verifies is counted.
    let summary = if verification.is_healthy() {
        Some(Engine::new(ZanIndex::open(index)?)?.summary(Date::today())?)
    } else {
        None
    };
    let last_commit = std::fs::metadata(index.join("meta.json"))
        .and_then(|metadata| metadata.modified())
        .ok()
        .map(utc_timestamp);
    let size_bytes = folder_bytes(index)?;
    let last_run = RunReport::last(index);
    if json {
        let object = json!({
            "index": index.display().to_string(),
            "healthy": verification.is_healthy(),
            "verification": verification,
            "last_commit": last_commit,
            "size_bytes": size_bytes,
            "summary": summary,
            "last_run": last_run,
        });
        println!("{object}");
        return Ok(exit_for(verification.is_healthy()));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    writeln!(out, "index: {}", index.display())?;
    if verification.is_healthy() {
        writeln!(
            out,
            "verifies: yes ({} files in {} segments match their checksums)",
            verification.files, verification.segments
        )?;
    } else {
        writeln!(
            out,
            "verifies: NO, damaged files: {}; `zan index` rebuilds it",
            zan_engine::DamagedFile::list(&verification.damaged)
        )?;
    }
    writeln!(out, "last commit: {}", last_commit.as_deref().unwrap_or("unknown"))?;
    writeln!(out, "size on disk: {:.1} MB", size_bytes as f64 / 1e6)?;
    match &summary {
        Some(summary) => {
            let list = |counts: &[zan_engine::FacetCount]| {
                counts
                    .iter()
                    .map(|count| format!("{} {}", count.value, count.count))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            writeln!(out, "documents: {} ({} acts)", summary.documents, summary.acts)?;
            writeln!(out, "  by language: {}", list(&summary.by_lang))?;
            writeln!(out, "  by kind: {}", list(&summary.by_kind))?;
            writeln!(out, "  by status on {}: {}", summary.day, list(&summary.by_status))?;
        }
        None => writeln!(out, "documents: not counted, the index is damaged")?,
    }
    match &last_run {
        Some(run) => {
            let counts = &run.counts;
            writeln!(
                out,
                "last run: ended {}, {}: {} added, {} updated, {} deleted, {} unchanged, {} failed, {} waiting for OCR",
                run.finished_at,
                if run.full { "full rebuild" } else { "incremental" },
                counts.added,
                counts.updated,
                counts.deleted,
                counts.unchanged,
                counts.failed,
                counts.needs_ocr,
            )?;
            for failure in &run.failed {
                writeln!(out, "  failed: {}: {}", failure.source, failure.reason)?;
            }
            for scan in &run.needs_ocr {
                writeln!(out, "  waiting for OCR: {}: {}", scan.source, scan.reason)?;
            }
        }
        None => writeln!(out, "last run: no record (indexed by an older zan)")?,
    }
    out.flush()?;
    Ok(exit_for(verification.is_healthy()))
}

fn serve(index: &Path, corpus: &Path, addr: &str) -> anyhow::Result<ExitCode> {
    index_folder(index)?;
    if ZanIndex::needs_build(index) {
        let why = if ZanIndex::exists(index) {
            "the index there was made by another version of zan"
        } else {
            "no index there yet"
        };
        eprintln!("zan: {}: {why}; indexing {} first", index.display(), corpus.display());
        let report = index_corpus(
            &IndexerConfig::new(corpus, index),
            &ConsoleProgress::new(ProgressOutput::for_stderr(false)),
        )?;
        print_index_report(&report, false, false)?;
    }
    let corpus = corpus.is_dir().then(|| corpus.to_owned());
    // Verifies the whole index once; a damaged one is served with /healthz and
    // /readyz failing and searches refused, so that a supervisor sees it.
    let state = zan_server::AppState::open(index, corpus)?;
    let documents = state.engine.num_docs();
    if let Some(problem) = state.health.problem() {
        eprintln!("zan: {}: {}", index.display(), problem.message);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        match state.health.problem() {
            None => eprintln!("zan: serving {documents} documents at http://{local}/ (Ctrl-C stops)"),
            Some(_) => eprintln!(
                "zan: serving at http://{local}/ with the index damaged: /healthz and /readyz answer 503 (Ctrl-C stops)"
            ),
        }
        zan_server::serve(listener, state, zan_server::shutdown_signal())
            .await
            .context("server failed")
    })?;
    Ok(ExitCode::SUCCESS)
}
