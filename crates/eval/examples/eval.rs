//! Runs one measurement without building the whole `zan` binary, for quick iteration:
//! `cargo run --release -p zan-eval --example eval -- stemmer ../shared/data`.
//! CI runs the same through `zan eval`.

use std::path::PathBuf;
use std::process::ExitCode;

use zan_eval::Report;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_default();
    let data = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".to_owned()));
    let report: Box<dyn Report> = match what.as_str() {
        "stemmer" => Box::new(zan_eval::stemmer::evaluate(&data).expect("stemmer data readable")),
        "langid" => Box::new(zan_eval::langid::evaluate(&data).expect("langid data readable")),
        "pdf" => Box::new(zan_eval::pdf::evaluate(&data).expect("pdf data readable")),
        "retrieval" => {
            Box::new(zan_eval::retrieval::evaluate(&data).expect("retrieval data readable"))
        }
        other => {
            eprintln!("unknown measurement {other:?}: stemmer, langid or pdf");
            return ExitCode::from(2);
        }
    };
    println!("{report}");
    let failures = report.floor_failures();
    for failure in &failures {
        eprintln!("under floor: {failure}");
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
