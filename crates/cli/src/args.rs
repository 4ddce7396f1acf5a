//! Command-line arguments as parsed by clap. `main.rs` turns them into configuration
//! for the library crates; nothing here does work.

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand, ValueEnum};
use zan_extract::ActKind;

/// zan: full-text search over the centre's acts and clippings in Russian, Kazakh and Kyrgyz.
#[derive(Debug, Parser)]
#[command(name = "zan", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index a corpus folder (incremental) or a JSONL file.
    Index {
        /// Folder of documents.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Index folder.
        #[arg(long, default_value = "zan-index")]
        index: PathBuf,
        /// Rebuild the index from scratch.
        #[arg(long)]
        full: bool,
        /// Index records of a JSONL file ({"id","title","text","lang"?,...}) instead of a folder.
        #[arg(long)]
        jsonl: Option<PathBuf>,
        /// Documents per commit in an incremental run.
        #[arg(long, default_value_t = 500)]
        batch_size: usize,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// List every file that was skipped, with why.
        #[arg(long, short)]
        verbose: bool,
        /// Also write what the run did to this JSON file: the ids added, updated and
        /// deleted, how many were unchanged, and what failed or waits for OCR, with why.
        #[arg(long, value_name = "FILE.json")]
        report: Option<PathBuf>,
        /// Stay running after the run and keep the index in step with the corpus folder:
        /// files dropped, changed, renamed or deleted there are indexed, one commit a
        /// batch, once they have stopped changing. Ctrl-C or SIGTERM stops it.
        #[arg(long, conflicts_with_all = ["jsonl", "report"])]
        watch: bool,
        /// With --watch: seconds a file's size and time must stay the same before it is read.
        #[arg(long, value_name = "SECONDS", default_value = "2", value_parser = settle_period, requires = "watch")]
        settle: std::time::Duration,
        /// Show no progress (the report is still printed).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Say what the index holds and how it is: documents by language, kind and status,
    /// what the last run could not index and why, the last commit, the size on disk and
    /// whether the index verifies. Exit status 0 healthy, 1 damaged, 2 could not check.
    Status {
        /// Index folder.
        #[arg(long, default_value = "zan-index")]
        index: PathBuf,
        /// Print it as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Search the index.
    Search {
        /// Index folder.
        #[arg(long, default_value = "zan-index")]
        index: PathBuf,
        /// One JSON object per hit per line.
        #[arg(long)]
        json: bool,
        /// Number of hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Run the queries of a TSV file (`qid<TAB>query` or `qid<TAB>lang<TAB>query`).
        #[arg(long)]
        queries: Option<PathBuf>,
        /// Output format with --queries.
        #[arg(long, value_enum, default_value_t = RunFormat::Trec)]
        format: RunFormat,
        /// Only acts of this kind.
        #[arg(long, value_parser = act_kinds())]
        kind: Option<String>,
        /// Only acts in this primary language (ru, kk, ky).
        #[arg(long)]
        lang: Option<String>,
        /// Acts dated on or after (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Acts dated on or before (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// relevance, date_desc or date_asc.
        #[arg(long)]
        sort: Option<String>,
        /// The query.
        query: Vec<String>,
    },
    /// Verify the index: every file there, whole, matching its checksum. Exit status 0
    /// healthy, 1 damaged, 2 could not check.
    Check {
        /// Index folder.
        #[arg(long, default_value = "zan-index")]
        index: PathBuf,
        /// Print the verification as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Serve the search API and pages; indexes the corpus first if there is no index.
    Serve {
        /// Index folder.
        #[arg(long, default_value = "zan-index")]
        index: PathBuf,
        /// Corpus folder (indexed first when the index does not exist; originals served from it).
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// Print the terms the index stores for stdin text, one per line.
    Analyze {
        /// Language of the text; `auto` detects it per line.
        #[arg(long, default_value = "auto")]
        lang: String,
    },
    /// Print the language of each stdin line: ru, kk, ky, tr, en or other.
    Detect,
    /// Print the text and requisites zan extracts from files.
    Extract {
        /// One JSON object per file.
        #[arg(long)]
        json: bool,
        /// Files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Score zan on the public data beside the project and check the floors.
    Eval {
        /// What to measure.
        #[arg(value_enum)]
        what: Measurement,
        /// The shared data folder.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
    },
}

/// The codes `--kind` accepts: those of the index and the API, so a typo is an error
/// rather than a filter that matches nothing.
fn act_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(ActKind::ALL.map(ActKind::code))
}

/// A settle period: 0.1 s to an hour.
fn settle_period(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text.parse().map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if (0.1..=3600.0).contains(&seconds) {
        Ok(std::time::Duration::from_secs_f64(seconds))
    } else {
        Err(format!("{seconds} s is not between 0.1 and 3600"))
    }
}

/// Output formats of a query run.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RunFormat {
    /// `qid Q0 docid rank score zan` lines.
    Trec,
}

/// Quality measurements.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Measurement {
    /// Stemmer conflation F1 against gold lemmas.
    Stemmer,
    /// Language identification accuracy.
    Langid,
    /// nDCG@10 and MRR@10 on the relevance sets.
    Retrieval,
    /// PDF extraction fidelity.
    Pdf,
    /// All of the above.
    All,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_args(args: &[&str]) -> Result<Command, clap::Error> {
        let mut all = vec!["zan", "index"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).map(|cli| cli.command)
    }

    #[test]
    fn test_watch_takes_a_settle_period_and_a_folder_only() {
        match index_args(&["--watch", "--settle", "0.5", "--quiet"]).unwrap() {
            Command::Index { watch, settle, quiet, .. } => {
                assert!(watch && quiet);
                assert_eq!(settle, std::time::Duration::from_millis(500));
            }
            other => panic!("{other:?}"),
        }
        match index_args(&[]).unwrap() {
            Command::Index { watch, settle, quiet, .. } => {
                assert!(!watch && !quiet);
                assert_eq!(settle, std::time::Duration::from_secs(2));
            }
            other => panic!("{other:?}"),
        }
        // A JSONL file is not watched, a report has no end to be written at, and a
        // settle period means nothing without --watch.
        assert!(index_args(&["--watch", "--jsonl", "acts.jsonl"]).is_err());
        assert!(index_args(&["--watch", "--report", "run.json"]).is_err());
        assert!(index_args(&["--settle", "5"]).is_err());
        let error = index_args(&["--watch", "--settle", "0"]).unwrap_err().to_string();
        assert!(error.contains("between 0.1 and 3600"), "{error}");
        assert!(index_args(&["--watch", "--settle", "soon"]).is_err());
    }
}
