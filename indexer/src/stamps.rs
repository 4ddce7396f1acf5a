//! Size and modification time of each indexed file and its sidecar, kept beside the
//! index in [`STAMPS_FILE`], so that an incremental run over a folder reads only the
//! files whose stamp moved: as `make` and `rsync` decide, before reading any bytes.
//!
//! A stamp is trusted only together with the index: a file is unchanged without being
//! read when its stamp and its sidecar's are the recorded ones *and* the fingerprint
//! recorded with them is the one the index holds for its id. A stale or missing stamps
//! file (an interrupted run writes none) only makes the next run read and hash the
//! files again. A file rewritten with the same size within the same nanosecond of
//! modification time is not seen; `zan index --full` reads everything.

use std::collections::HashMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

/// The file in the index folder that keeps the stamps. tantivy ignores it.
pub const STAMPS_FILE: &str = "zan-stamps.json";

/// Size and modification time (nanoseconds since 1970) of a file; zeros when absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub(crate) struct Stat {
    /// Size in bytes.
    pub(crate) size: u64,
    /// Modification time, nanoseconds since 1970.
    pub(crate) modified_ns: u128,
}

impl Stat {
    /// The stat of a file, or zeros when it is not there.
    pub(crate) fn of(path: &Path) -> Stat {
        let Ok(metadata) = std::fs::metadata(path) else { return Stat::default() };
        let modified_ns = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |elapsed| elapsed.as_nanos());
        Stat { size: metadata.len(), modified_ns }
    }
}

/// What was recorded of one file when it was last indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    /// The document file.
    file: Stat,
    /// Its sidecar.
    sidecar: Stat,
    /// The fingerprint of both, as indexed.
    fingerprint: u64,
}

impl Stamp {
    pub(crate) fn new(file: Stat, sidecar: Stat, fingerprint: u64) -> Stamp {
        Stamp { file, sidecar, fingerprint }
    }

    /// The fingerprint, if the file and its sidecar still have the recorded stats.
    pub(crate) fn still(&self, file: Stat, sidecar: Stat) -> Option<u64> {
        (self.file == file && self.sidecar == sidecar).then_some(self.fingerprint)
    }
}

/// Reads the stamps kept in an index folder; none when missing or unreadable.
pub(crate) fn load(index: &Path) -> HashMap<String, Stamp> {
    std::fs::read(index.join(STAMPS_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Keeps the stamps in an index folder, replacing the file at once. A failure is
/// logged, not fatal: the next run reads the files instead.
pub(crate) fn keep(index: &Path, stamps: &HashMap<String, Stamp>) {
    if let Err(error) = crate::source::keep_json(index, STAMPS_FILE, stamps) {
        tracing::warn!(%error, "cannot keep the files' stamps; the next run reads every file");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_stamp_holds_until_a_stat_moves() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "текст").unwrap();
        let stat = Stat::of(&file);
        let none = Stat::of(&dir.path().join("a.meta.json"));
        assert_eq!(none, Stat::default());
        let stamp = Stamp::new(stat, none, 42);
        assert_eq!(stamp.still(stat, none), Some(42));
        std::fs::write(&file, "другой текст").unwrap();
        assert_eq!(stamp.still(Stat::of(&file), none), None);
        assert_eq!(stamp.still(stat, stat), None, "a sidecar that appears counts");

        let stamps = HashMap::from([("a.txt".to_owned(), stamp)]);
        keep(dir.path(), &stamps);
        assert_eq!(load(dir.path()), stamps);
        assert!(load(&dir.path().join("missing")).is_empty());
    }
}
