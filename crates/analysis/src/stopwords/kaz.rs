//! Kazakh stop words. Written by the zan team; licence of the project.
//! Kept sorted: `cargo test` checks it.

#[rustfmt::skip]
pub(super) const STOP_WORDS: &[&str] = &[
    "бен", "бұл", "да", "де", "және", "мен", "осы", "пен", "сол", "та", "те", "үшін",
];
