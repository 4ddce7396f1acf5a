//! zan-eval: scores zan's analysis and extraction against public gold data
//! (`../shared/data` beside the project), and checks each score against a floor a
//! little under what zan reaches, so CI catches a regression.
//!
//! Each measurement is a module with an `evaluate(data_dir)` function returning a
//! report that prints its figures and lists the floors it falls under.
#![warn(missing_docs)]

pub mod known_item;
pub mod langid;
pub mod pdf;
pub mod retrieval;
pub mod stemmer;

use std::fmt::Display;

/// A measurement's result: printable figures and a check against floors.
pub trait Report: Display {
    /// Returns one line per figure under its floor; empty when all pass.
    fn floor_failures(&self) -> Vec<String>;
}
