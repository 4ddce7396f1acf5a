//! Where an index was built from, recorded beside it in [`SOURCE_FILE`], so that a run
//! that finds the index damaged knows whether it can rebuild it: an index built from a
//! JSONL file cannot be rebuilt from the corpus folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file in the index folder that records the source. tantivy ignores it.
pub const SOURCE_FILE: &str = "zan-source.json";

/// What an index was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum IndexSource {
    /// A corpus folder.
    Corpus {
        /// The folder, as absolute as it could be made.
        path: String,
    },
    /// A JSONL file.
    Jsonl {
        /// The file, as absolute as it could be made.
        path: String,
    },
}

fn absolute(path: &Path) -> String {
    let absolute: PathBuf = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    absolute.to_string_lossy().into_owned()
}

impl IndexSource {
    /// A corpus folder.
    pub fn corpus(path: &Path) -> IndexSource {
        IndexSource::Corpus { path: absolute(path) }
    }

    /// A JSONL file.
    pub fn jsonl(path: &Path) -> IndexSource {
        IndexSource::Jsonl { path: absolute(path) }
    }

    /// Reads the source recorded in an index folder, if any.
    pub fn recorded(index: &Path) -> Option<IndexSource> {
        let bytes = std::fs::read(index.join(SOURCE_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Records the source in an index folder. A failure is logged, not fatal: the
    /// record only improves the advice given when the index is damaged.
    pub fn record(&self, index: &Path) {
        if let Err(error) = keep_json(index, SOURCE_FILE, self) {
            tracing::warn!(%error, "cannot record the source of the index");
        }
    }
}

/// Writes `value` as JSON to the file `name` of the index folder, replacing it at once
/// (written beside it, then renamed), so a reader never sees half a file.
pub(crate) fn keep_json(index: &Path, name: &str, value: &impl Serialize) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    let partial = index.join(format!("{name}.partial"));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, index.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_source_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(IndexSource::recorded(dir.path()), None);
        let source = IndexSource::jsonl(Path::new("records.jsonl"));
        source.record(dir.path());
        assert_eq!(IndexSource::recorded(dir.path()), Some(source));
    }
}
