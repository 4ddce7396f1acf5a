//! Fuzz target: any bytes named `fuzz.pdf` must give text or an error, never a panic,
//! a hang or unbounded memory. libFuzzer's panic hook aborts on a panic even where the
//! extractor would catch it, so panics inside lopdf or our PDF reader are found too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = zan_extract::extract_bytes(std::path::Path::new("fuzz.pdf"), data);
});
