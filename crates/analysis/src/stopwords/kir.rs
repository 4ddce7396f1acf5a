//! Kyrgyz stop words. Written by the zan team; licence of the project.
//! Kept sorted: `cargo test` checks it.

#[rustfmt::skip]
pub(super) const STOP_WORDS: &[&str] = &[
    "бул", "да", "дагы", "жана", "же", "менен", "ошол", "үчүн",
];
