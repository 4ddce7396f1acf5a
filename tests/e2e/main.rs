//! End-to-end tests of zan: one binary, one module per concern.

mod acts; // acts as acts: relations, statuses, language versions, editions (issue 11)
mod bad_input; // broken files, bad queries and bad JSONL lines never stop a batch or panic
mod browser; // the pages in chromium over WebDriver, axe-core on each kind of page
mod cli; // `zan index`, `search`, `analyze`, `detect` as a process
mod cross_language; // a query finds the acts of the other languages through the glossary
mod damage; // fault injection: a damaged or read-only index is said out loud and rebuilt
mod files_said; // damaged PDFs, odd names and encodings, duplicate ids: said once (issue 10)
mod http_api; // the JSON API and the pages over a real socket
mod pages; // the terminal pages: messages, corrections, paging, state
mod search; // ranking across languages, filters, incremental reindexing
mod search_ky; // Kyrgyz compound place names and numbers with case endings (issue 13)
mod status; // `zan status` and `zan index --report`: what the index holds, what a run did
mod trust_http; // whole paragraphs, security headers, JSON refusals, slow clients

/// Returns a `zan` command built from the same library as the real binary.
pub fn zan() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_zan-under-test"))
}
