//! The directory an index is opened in: tantivy's memory-mapped directory, except that
//! a reader can open an index it cannot write to.
//!
//! tantivy's reader takes a lock file (`.tantivy-meta.lock`) while it opens the
//! segments of a commit, so that a writer's garbage collection does not delete them
//! meanwhile. Taking it means opening a file for writing, which fails on a read-only
//! file system or folder — replicas are served that way. Where the lock cannot be
//! taken because the folder cannot be written, a reader goes on without it: on a
//! read-only file system no writer can work either; where only this user may not
//! write, a writer of another user could at worst make one reload fail, and the reader
//! keeps its last searcher until the next commit. The writer's own lock is never
//! skipped.
//!
//! [`ReaderDirectory::copying`] reads a file by copying the bytes asked for instead of
//! mapping it, for the merges that end a full build (see
//! [`crate::ZanIndex::consolidate`]).

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::OwnedBytes;
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr, META_LOCK,
};
use tantivy::{Directory, HasLen};

/// A directory whose readers need no lock file where none can be written.
#[derive(Debug, Clone)]
pub(crate) struct ReaderDirectory {
    inner: Box<dyn Directory>,
    /// The folder whose files are read by copying (see [`ReaderDirectory::copying`]);
    /// `None` reads through `inner` (memory maps).
    copied_from: Option<PathBuf>,
}

impl ReaderDirectory {
    /// Opens the directory of an index on disk.
    pub(crate) fn open(dir: &Path) -> tantivy::Result<ReaderDirectory> {
        Ok(ReaderDirectory::wrap(Box::new(MmapDirectory::open(dir)?)))
    }

    /// Opens the directory of an index on disk whose files are read by copying the
    /// bytes asked for (positioned reads), not through memory maps.
    ///
    /// A merge reads every byte of the segments it merges. Through maps, every page
    /// read stays in the process's resident memory until the merge ends: a merge's
    /// memory is the size of what it merges (4 KB a document), which is why the merge
    /// policy bounds merges at [`crate::MAX_MERGED_DOCS`]. Copied, what a merge holds
    /// at once is one term's postings, the term dictionaries and, while stacking the
    /// stored texts, one segment's compressed store; what it read is freed as it goes.
    pub(crate) fn copying(dir: &Path) -> tantivy::Result<ReaderDirectory> {
        Ok(ReaderDirectory { copied_from: Some(dir.to_owned()), ..ReaderDirectory::open(dir)? })
    }

    /// Wraps another directory.
    pub(crate) fn wrap(inner: Box<dyn Directory>) -> ReaderDirectory {
        ReaderDirectory { inner, copied_from: None }
    }
}

/// Returns true if an error says that a file cannot be written here.
fn is_not_writable(error: &io::Error) -> bool {
    matches!(error.kind(), io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied)
}

impl Directory for ReaderDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let Some(dir) = &self.copied_from else { return self.inner.get_file_handle(path) };
        match CopiedFile::open(&dir.join(path)) {
            Ok(file) => Ok(Arc::new(file)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                Err(OpenReadError::FileDoesNotExist(path.to_owned()))
            }
            Err(error) => Err(OpenReadError::wrap_io_error(error, path.to_owned())),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(error))
                if lock.filepath == META_LOCK.filepath && is_not_writable(&error) =>
            {
                tracing::debug!(%error, "index folder not writable: reading without the meta lock");
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// A file read by positioned reads.
#[derive(Debug)]
struct CopiedFile {
    file: File,
    len: usize,
}

impl CopiedFile {
    fn open(path: &Path) -> io::Result<CopiedFile> {
        let file = File::open(path)?;
        let len = usize::try_from(file.metadata()?.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "file too large"))?;
        Ok(CopiedFile { file, len })
    }
}

impl HasLen for CopiedFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for CopiedFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        use std::os::unix::fs::FileExt;
        if range.end > self.len || range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("bytes {range:?} of a file of {} bytes", self.len),
            ));
        }
        let mut bytes = vec![0; range.len()];
        self.file.read_exact_at(&mut bytes, range.start as u64)?;
        Ok(OwnedBytes::new(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, EngineError, IndexDocument, SearchRequest, ZanIndex};

    /// A directory on a read-only file system: reading works, every write fails as the
    /// system fails it (root ignores permission bits, so tests cannot use chmod alone).
    #[derive(Debug, Clone)]
    struct ReadOnlyFileSystem(MmapDirectory);

    fn read_only() -> io::Error {
        io::Error::from(io::ErrorKind::ReadOnlyFilesystem)
    }

    impl Directory for ReadOnlyFileSystem {
        fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
            self.0.get_file_handle(path)
        }
        fn delete(&self, path: &Path) -> Result<(), DeleteError> {
            Err(DeleteError::IoError { io_error: Arc::new(read_only()), filepath: path.into() })
        }
        fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
            self.0.exists(path)
        }
        fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
            Err(OpenWriteError::wrap_io_error(read_only(), path.into()))
        }
        fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
            self.0.atomic_read(path)
        }
        fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
            Err(read_only())
        }
        fn sync_directory(&self) -> io::Result<()> {
            Err(read_only())
        }
        fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
            Err(LockError::wrap_io_error(read_only()))
        }
        fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
            self.0.watch(watch_callback)
        }
    }

    #[test]
    fn test_an_index_on_a_read_only_file_system_is_searched() {
        let dir = tempfile::tempdir().unwrap();
        let index = ZanIndex::open_or_create(dir.path()).unwrap();
        let mut writer = index.writer(20_000_000).unwrap();
        writer
            .upsert(&IndexDocument {
                id: "budget.txt".into(),
                title: "О бюджете".into(),
                paragraphs: IndexDocument::tag_paragraphs(["Утвердить бюджет города."]),
                format: "txt".into(),
                ..Default::default()
            })
            .unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();
        drop(index);
        let read_only = || ReadOnlyFileSystem(MmapDirectory::open(dir.path()).unwrap());

        // What tantivy does by itself: its reader wants the meta lock.
        let plain = tantivy::Index::open(read_only()).unwrap();
        assert!(plain.reader().is_err(), "the plain reader needs a lock it cannot take");

        let index =
            ZanIndex::open_in(ReaderDirectory::wrap(Box::new(read_only())), dir.path()).unwrap();
        assert!(index.verify().is_healthy());
        let engine = Engine::new(index.clone()).unwrap();
        let results = engine.search(&SearchRequest::text("бюджета")).unwrap();
        assert_eq!(results.hits[0].id, "budget.txt");
        assert_eq!(engine.document("budget.txt").unwrap().id, "budget.txt");
        // Writing still needs its lock, and says why it cannot have it.
        let error = index.writer(20_000_000).err().expect("no writer on a read-only copy");
        assert!(matches!(error, EngineError::NotWritable { .. }), "{error}");
    }
}
