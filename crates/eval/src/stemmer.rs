//! Placeholder: the stemmer measurement is being written (issue 4/5).

use std::fmt;
use std::path::Path;

use crate::Report;

/// The figures of the stemmer measurement.
#[derive(Debug, Default)]
pub struct StemmerReport;

impl fmt::Display for StemmerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stemmer: not measured yet")
    }
}

impl Report for StemmerReport {
    fn floor_failures(&self) -> Vec<String> {
        vec!["stemmer: not measured yet".to_owned()]
    }
}

/// Runs the stemmer measurement on the shared data folder.
pub fn evaluate(_data: &Path) -> std::io::Result<StemmerReport> {
    Ok(StemmerReport)
}
