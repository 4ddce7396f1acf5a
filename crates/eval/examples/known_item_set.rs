//! Writes the Kyrgyz known-item set (see `zan_eval::known_item`) into a folder, to look
//! at its queries or run them by hand:
//!
//! ```sh
//! cargo run --release -p zan-eval --example known_item_set -- ../shared/data ky-set
//! zan index --jsonl ky-set/corpus.jsonl --index ky-index --full
//! zan search --index ky-index --queries ky-set/queries.tsv --format trec
//! ```
//!
//! Besides `corpus.jsonl`, `queries.tsv` and `qrels.txt` it writes `split.tsv`: each
//! query's id and its part (`dev` or `held-out`).

use std::path::PathBuf;
use std::process::ExitCode;

use zan_eval::known_item::{build_set, parse_sentences};

fn main() -> ExitCode {
    let arguments: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [data, out] = arguments.as_slice() else {
        eprintln!("usage: known_item_set DATA_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    let treebank = data.join("ud-ky-ktmu").join("ky_ktmu-ud-train.conllu");
    let conllu = match std::fs::read_to_string(&treebank) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{}: {error}", treebank.display());
            return ExitCode::from(2);
        }
    };
    let set = build_set(&parse_sentences(&conllu));
    let split: String = set
        .queries
        .iter()
        .map(|query| format!("{}\t{}\n", query.id, if query.held_out { "held-out" } else { "dev" }))
        .collect();
    let written = set.write_folder(out).and_then(|()| std::fs::write(out.join("split.tsv"), split));
    if let Err(error) = written {
        eprintln!("{}: {error}", out.display());
        return ExitCode::from(2);
    }
    println!(
        "{} documents, {} queries in {}",
        set.documents.len(),
        set.queries.len(),
        out.display()
    );
    ExitCode::SUCCESS
}
