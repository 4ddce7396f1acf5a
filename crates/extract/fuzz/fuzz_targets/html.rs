//! Fuzz target: any bytes named `fuzz.html` must give text or an error, never a panic,
//! a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = zan_extract::extract_bytes(std::path::Path::new("fuzz.html"), data);
});
