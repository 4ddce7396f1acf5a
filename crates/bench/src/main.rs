//! `zan-bench`: a benchmark anyone can run (issue 14, item 2).
//!
//! `zan-bench run --docs 100000 --work DIR` generates the acts and the queries, builds
//! the index with zan's indexer in a child process (so its peak RSS is the build's own),
//! runs it again with nothing changed and with 1 % of the acts changed, searches with the
//! page's snippets and facets, and prints one table. Times are CPU seconds of every
//! thread (getrusage), never wall time: the machine is shared. The corpus and the queries
//! are also in the peers' formats, so `crates/bench/run-with-peers.sh` runs tantivy on
//! the same data in the same run.

mod generate;

/// The allocator of the `zan` binary (see its `main.rs`), so the figures are zan's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use nix::sys::resource::{getrusage, UsageWho};
use nix::time::{clock_gettime, ClockId};
use serde_json::{json, Value};
use zan_engine::{Engine, SearchRequest, ZanIndex};
use zan_indexer::{index_jsonl, IndexerConfig, NoProgress};

use crate::generate::{write_changed, write_jsonl, write_queries, Sentences};

/// Generate acts, build zan's index, search it, and print the figures.
#[derive(Debug, Parser)]
#[command(name = "zan-bench", about)]
struct Cli {
    #[command(subcommand)]
    command: Step,
}

#[derive(Debug, clap::Args)]
struct Source {
    /// Seed of the generator: the same seed writes the same corpus.
    #[arg(long, default_value_t = 14)]
    seed: u64,
    /// The team's corpus folder (its ru-, kk-, ky- text files give sentences).
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// The shared data folder.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Queries to generate.
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Also write this many acts as files (.txt, .html, .rtf in turn) in `files/`.
    #[arg(long, default_value_t = 0)]
    files: usize,
}

#[derive(Debug, Subcommand)]
enum Step {
    /// Everything: generate, build, rebuild incrementally, search, print the table.
    Run {
        /// Acts to generate.
        #[arg(long, default_value_t = 100_000)]
        docs: usize,
        /// Work folder (corpus.jsonl, queries.tsv, the index, zan.json, zan.run).
        #[arg(long)]
        work: PathBuf,
        #[command(flatten)]
        source: Source,
    },
    /// Write `corpus.jsonl` and `queries.tsv` (and `files/`) into a folder.
    Generate {
        /// Acts to generate.
        #[arg(long, default_value_t = 100_000)]
        docs: usize,
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        source: Source,
    },
    /// Index a JSONL file (or a folder with --folder) and print one JSON line of figures.
    Build {
        /// The JSONL file, or the corpus folder with --folder.
        #[arg(long)]
        input: PathBuf,
        /// The index folder.
        #[arg(long)]
        index: PathBuf,
        /// The input is a folder of files.
        #[arg(long)]
        folder: bool,
        /// Rebuild from scratch.
        #[arg(long)]
        full: bool,
        /// The writer's memory budget in MB (zan's default when not given), to weigh a
        /// bigger heap (fewer segments, fewer merges) against a smaller one.
        #[arg(long)]
        writer_memory_mb: Option<usize>,
    },
    /// Run the queries (a warm-up pass, then a measured one) and print one JSON line.
    Search {
        /// The index folder.
        #[arg(long)]
        index: PathBuf,
        /// The queries, `qid<TAB>lang<TAB>query`.
        #[arg(long)]
        queries: PathBuf,
        /// Write the top 10 of each query here as a TREC run.
        #[arg(long)]
        run: Option<PathBuf>,
        /// Write each query's CPU milliseconds and total here (`qid<TAB>ms<TAB>total`),
        /// to find the slow ones.
        #[arg(long)]
        per_query: Option<PathBuf>,
    },
    /// Open an index as a server does, build what its first search needs (the act
    /// registry, the act table, today's statuses), then search once; print one JSON line
    /// of CPU seconds: what the first search after a start or a commit would pay.
    Open {
        /// The index folder.
        #[arg(long)]
        index: PathBuf,
        /// The search run after warming.
        #[arg(long, default_value = "бюджет")]
        query: String,
        /// Then add this many acts in one commit (WRITES TO THE INDEX: use a copy) and
        /// print what the reload that makes them visible costs: the new segment is read,
        /// the others' parts are kept.
        #[arg(long, default_value_t = 0)]
        commit: usize,
    },
}

/// CPU seconds of the calling thread so far: what one search costs, whatever else the
/// machine runs (the search runs on this thread). The thread's CPU clock counts in
/// nanoseconds; `getrusage` of a thread counted in scheduler ticks of 4 ms, which made
/// the median search 0.00 ms and the slowest 4.01.
fn thread_cpu() -> anyhow::Result<f64> {
    let time = clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID)?;
    Ok(time.tv_sec() as f64 + time.tv_nsec() as f64 / 1e9)
}

fn seconds(time: nix::sys::time::TimeVal) -> f64 {
    time.tv_sec() as f64 + time.tv_usec() as f64 / 1e6
}

/// CPU seconds of every thread of this process so far, and its peak RSS in bytes.
fn usage() -> anyhow::Result<(f64, u64)> {
    let usage = getrusage(UsageWho::RUSAGE_SELF)?;
    let cpu = seconds(usage.user_time()) + seconds(usage.system_time());
    Ok((cpu, peak_rss()?))
}

/// The peak RSS of this process's own memory, in bytes: `VmHWM` of /proc/self/status.
/// Not getrusage's `ru_maxrss`, which a child keeps from its parent across fork and
/// exec: a build started by `zan-bench run` after generating a million acts reported
/// the generator's 5 GB as its own.
fn peak_rss() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kilobytes| kilobytes * 1024)
        .context("/proc/self/status has no VmHWM line")
}

fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.metadata().ok())
                .filter(|metadata| metadata.is_file())
                .map(|metadata| metadata.len())
                .sum()
        })
        .unwrap_or(0)
}

fn build(
    input: &Path,
    index: &Path,
    folder: bool,
    full: bool,
    writer_memory_mb: Option<usize>,
) -> anyhow::Result<Value> {
    let (cpu_before, _) = usage()?;
    let wall = Instant::now();
    let mut config = IndexerConfig::new(if folder { input } else { Path::new(".") }, index);
    config.full = full;
    // As `zan index` without --report: ids counted, not listed.
    config.list_ids = false;
    if let Some(mb) = writer_memory_mb {
        config.writer_memory = mb * 1024 * 1024;
    }
    let report = if folder {
        zan_indexer::index_corpus(&config, &NoProgress)?
    } else {
        index_jsonl(&config, input, &NoProgress)?
    };
    let (cpu_after, peak_rss) = usage()?;
    Ok(json!({
        "cpu_s": cpu_after - cpu_before,
        "wall_s": wall.elapsed().as_secs_f64(),
        "peak_rss_bytes": peak_rss,
        "index_bytes": folder_bytes(index),
        "indexed": report.indexed,
        "unchanged": report.unchanged,
        "failed": report.failures.len(),
        "documents": report.total_documents,
    }))
}

fn percentile(sorted: &[f64], share: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64 * share).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn search(
    index: &Path,
    queries: &Path,
    run: Option<&Path>,
    per_query: Option<&Path>,
) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(queries)
        .with_context(|| format!("cannot read {}", queries.display()))?;
    let queries: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let qid = parts.next()?;
            let query = parts.nth(1)?;
            Some((qid, query))
        })
        .collect();
    let engine = Engine::new(ZanIndex::open(index)?)?;
    // The page's request: 10 hits, snippets, every facet.
    let request = |query: &str| SearchRequest {
        text: query.to_owned(),
        limit: 10,
        ..SearchRequest::default()
    };
    // Warm-up: the registry, the status table and the page cache.
    for (_, query) in &queries {
        engine.search(&request(query))?;
    }
    let (cpu_before, _) = usage()?;
    let mut took = Vec::with_capacity(queries.len());
    let mut cpu_ms = Vec::with_capacity(queries.len());
    let mut trec = String::new();
    let mut zero = 0;
    let mut lines = String::new();
    for (qid, query) in &queries {
        let cpu_start = thread_cpu()?;
        let results = engine.search(&request(query))?;
        cpu_ms.push(1e3 * (thread_cpu()? - cpu_start));
        lines.push_str(&format!("{qid}\t{:.3}\t{}\n", cpu_ms[cpu_ms.len() - 1], results.total));
        took.push(results.took_ms);
        zero += usize::from(results.total == 0);
        for (rank, hit) in results.hits.iter().enumerate() {
            trec.push_str(&format!("{qid} Q0 {} {} {} zan\n", hit.id, rank + 1, hit.score));
        }
    }
    let (cpu_after, peak_rss) = usage()?;
    for (path, text) in [(run, trec), (per_query, lines)] {
        if let Some(path) = path {
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    let mut sorted = took.clone();
    sorted.sort_by(f64::total_cmp);
    cpu_ms.sort_by(f64::total_cmp);
    Ok(json!({
        "queries": queries.len(),
        "p50_ms": percentile(&sorted, 0.5),
        "p95_ms": percentile(&sorted, 0.95),
        "p99_ms": percentile(&sorted, 0.99),
        "mean_ms": took.iter().sum::<f64>() / took.len().max(1) as f64,
        "cpu_p50_ms": percentile(&cpu_ms, 0.5),
        "cpu_p99_ms": percentile(&cpu_ms, 0.99),
        "cpu_s": cpu_after - cpu_before,
        "zero_hit_queries": zero,
        "peak_rss_bytes": peak_rss,
    }))
}

fn open(index: &Path, query: &str, commit: usize) -> anyhow::Result<Value> {
    let (cpu_start, _) = usage()?;
    let zan_index = ZanIndex::open(index)?;
    let engine = Engine::new(zan_index.clone())?;
    let (cpu_opened, _) = usage()?;
    let warmed = engine.warm()?;
    let (cpu_warmed, _) = usage()?;
    let results =
        engine.search(&SearchRequest { text: query.to_owned(), ..SearchRequest::default() })?;
    let (cpu_searched, _) = usage()?;
    let mut after_commit = Value::Null;
    if commit > 0 {
        let mut writer = zan_index.writer(zan_engine::DEFAULT_WRITER_MEMORY)?;
        for n in 0..commit {
            writer.upsert(&zan_engine::IndexDocument {
                id: format!("zan-bench/after-commit-{n}.txt"),
                title: "О городском бюджете".to_owned(),
                paragraphs: zan_engine::IndexDocument::tag_paragraphs([
                    "Утвердить изменения в бюджет города.",
                ]),
                kind: Some("decision".to_owned()),
                number: Some(format!("{n}-бенч")),
                date: zan_engine::Date::parse_iso("2026-01-15"),
                format: "txt".to_owned(),
                ..Default::default()
            })?;
        }
        writer.commit()?;
        let (cpu_committed, _) = usage()?;
        // The reader's warmer builds the new commit's acts before the reload returns.
        engine.reload()?;
        let (cpu_reloaded, _) = usage()?;
        let results =
            engine.search(&SearchRequest { text: query.to_owned(), ..SearchRequest::default() })?;
        let (cpu_after, _) = usage()?;
        after_commit = json!({
            "added": commit,
            "reload_and_warm_cpu_s": cpu_reloaded - cpu_committed,
            "first_search_cpu_s": cpu_after - cpu_reloaded,
            "first_search_took_ms": results.took_ms,
        });
    }
    let (_, peak_rss) = usage()?;
    Ok(json!({
        "documents": warmed.documents,
        "acts": warmed.acts,
        "open_cpu_s": cpu_opened - cpu_start,
        "warm_cpu_s": cpu_warmed - cpu_opened,
        "warm_wall_s": warmed.elapsed.as_secs_f64(),
        "first_search_cpu_s": cpu_searched - cpu_warmed,
        "first_search_took_ms": results.took_ms,
        "after_commit": after_commit,
        "peak_rss_bytes": peak_rss,
    }))
}

fn generate(docs: usize, out: &Path, source: &Source) -> anyhow::Result<Value> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let sentences = Sentences::load(&source.corpus, &source.data)?;
    let bytes = write_jsonl(&sentences, source.seed, docs, &out.join("corpus.jsonl"))?;
    write_queries(&sentences, source.seed, source.queries, &out.join("queries.tsv"))?;
    if source.files > 0 {
        let files = out.join("files");
        std::fs::create_dir_all(&files)?;
        for n in 0..source.files {
            generate::act(&sentences, source.seed, n).write_file(&files, n)?;
        }
    }
    Ok(json!({ "docs": docs, "bytes": bytes, "sentences": sentences.counts() }))
}

/// Runs one step in a child process of this binary and returns its JSON line, so each
/// build's CPU time and peak RSS are its own.
fn child(args: &[&str]) -> anyhow::Result<Value> {
    let exe = std::env::current_exe()?;
    let output = Command::new(exe).args(args).output()?;
    if !output.status.success() {
        bail!("zan-bench {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(line).with_context(|| format!("zan-bench {} printed {line:?}", args[0]))
}

fn number(value: &Value, key: &str) -> f64 {
    value[key].as_f64().unwrap_or(0.0)
}

fn run_all(docs: usize, work: &Path, source: &Source) -> anyhow::Result<()> {
    let generated = generate(docs, work, source)?;
    let path = |name: &str| work.join(name).to_string_lossy().into_owned();
    let (jsonl, changed, queries, index) =
        (path("corpus.jsonl"), path("corpus-1pct.jsonl"), path("queries.tsv"), path("index"));
    let changed_count =
        write_changed(&work.join("corpus.jsonl"), 100, &work.join("corpus-1pct.jsonl"))?;
    eprintln!(
        "zan-bench: {docs} acts ({:.0} MB) generated; building",
        number(&generated, "bytes") / 1e6
    );
    let full = child(&["build", "--input", &jsonl, "--index", &index, "--full"])?;
    let same = child(&["build", "--input", &jsonl, "--index", &index])?;
    let search =
        child(&["search", "--index", &index, "--queries", &queries, "--run", &path("zan.run")])?;
    let one_percent = child(&["build", "--input", &changed, "--index", &index])?;
    let files = if source.files > 0 {
        Some(child(&[
            "build",
            "--input",
            &path("files"),
            "--index",
            &path("files-index"),
            "--folder",
            "--full",
        ])?)
    } else {
        None
    };
    let full_cpu = number(&full, "cpu_s");
    let share = |run: &Value| 100.0 * number(run, "cpu_s") / full_cpu.max(1e-9);
    println!(
        "| zan, {docs} acts ({:.0} MB JSONL), {} queries | figure |",
        number(&generated, "bytes") / 1e6,
        number(&search, "queries")
    );
    println!("|---|---|");
    println!("| build, CPU seconds (wall) | {full_cpu:.1} ({:.1} s) |", number(&full, "wall_s"));
    println!("| peak RSS of the build | {:.2} GB |", number(&full, "peak_rss_bytes") / 1e9);
    println!("| index size | {:.0} MB |", number(&full, "index_bytes") / 1e6);
    println!(
        "| search p50 / p99 (took_ms, limit 10, snippets and facets) | {:.2} / {:.2} ms |",
        number(&search, "p50_ms"),
        number(&search, "p99_ms")
    );
    println!(
        "| search p50 / p99 in CPU time of the searching thread | {:.2} / {:.2} ms |",
        number(&search, "cpu_p50_ms"),
        number(&search, "cpu_p99_ms")
    );
    println!(
        "| search CPU seconds per query | {:.2} ms |",
        1e3 * number(&search, "cpu_s") / number(&search, "queries").max(1.0)
    );
    println!(
        "| incremental, nothing changed, CPU seconds | {:.1} ({:.1} % of the build) |",
        number(&same, "cpu_s"),
        share(&same)
    );
    println!(
        "| incremental, 1 % changed ({changed_count} acts), CPU seconds | {:.1} ({:.1} % of the build) |",
        number(&one_percent, "cpu_s"),
        share(&one_percent)
    );
    if let Some(files) = &files {
        println!(
            "| build of {} files (txt, html, rtf), CPU seconds | {:.1} ({} failed) |",
            source.files,
            number(files, "cpu_s"),
            files["failed"]
        );
    }
    // The keys the peers' report.py reads, so zan can stand in their table too.
    let peer = json!({
        "peer": "zan",
        "docs": docs,
        "build_s": full_cpu,
        "build_cpu_s": full_cpu,
        "index_bytes": full["index_bytes"],
        "peak_rss_bytes": full["peak_rss_bytes"],
        "latency_ms": { "p50": search["p50_ms"], "p95": search["p95_ms"], "p99": search["p99_ms"], "mean": search["mean_ms"] },
        "latency_nosnip_ms": { "p50": search["p50_ms"] },
        "qps": Value::Null,
        "snippets": true,
        "zero_hit_queries": search["zero_hit_queries"],
        "incremental_same_cpu_s": same["cpu_s"],
        "incremental_1pct_cpu_s": one_percent["cpu_s"],
    });
    std::fs::write(work.join("zan.json"), serde_json::to_vec_pretty(&peer)?)?;
    Ok(())
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Step::Run { docs, work, source } => run_all(docs, &work, &source),
        Step::Generate { docs, out, source } => {
            generate(docs, &out, &source).map(|value| println!("{value}"))
        }
        Step::Build { input, index, folder, full, writer_memory_mb } => {
            build(&input, &index, folder, full, writer_memory_mb).map(|value| println!("{value}"))
        }
        Step::Search { index, queries, run, per_query } => {
            search(&index, &queries, run.as_deref(), per_query.as_deref())
                .map(|value| println!("{value}"))
        }
        Step::Open { index, query, commit } => {
            open(&index, &query, commit).map(|value| println!("{value}"))
        }
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("zan-bench: {error:#}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_peak_rss_is_this_process_own_and_grows_with_what_it_touches() {
        let before = peak_rss().unwrap();
        assert!(before > 0);
        // 64 MB written, so every page is resident.
        let block = vec![7u8; 64 << 20];
        let after = peak_rss().unwrap();
        assert!(after >= before.max(64 << 20), "{before} -> {after}");
        assert_eq!(block.iter().map(|&b| u64::from(b)).sum::<u64>(), 7 * (64 << 20));
    }
}
