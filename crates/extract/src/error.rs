//! Errors of extraction. Every variant names the file, so a batch report can say which
//! file failed and why.

use std::path::PathBuf;

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, ExtractError>;

/// Why a file could not be extracted.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is larger than zan accepts.
    #[error("{path}: file of {size} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file's format is not one zan reads.
    #[error("{path}: unsupported format: {reason}")]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What was seen.
        reason: String,
    },
    /// The file claims a format but its content is broken.
    #[error("{path}: broken {format} file: {reason}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// The format it claims.
        format: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The file opens, but what it gives is not its text (fonts or their character maps
    /// missing, a rebuilt cross-reference table with unreadable text): nothing of it is
    /// indexed.
    #[error("{path}: damaged {format}: {reason}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// The format it claims.
        format: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The file holds no text at all.
    #[error("{path}: no text found")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The sidecar metadata file is not valid.
    #[error("{path}: invalid metadata file: {reason}")]
    Sidecar {
        /// The sidecar file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A PDF whose pages are all scanned images, with no text layer, on a machine where
    /// OCR is not available: not a broken file, but one zan cannot read here.
    #[error(
        "{path}: scanned PDF with no text layer (scanned pages: {pages}); OCR is not available \
         (install tesseract with the rus, kaz and kir language data)"
    )]
    NeedsOcr {
        /// The file.
        path: PathBuf,
        /// Its pages that are scanned images.
        pages: u32,
    },
}

impl ExtractError {
    /// Returns the file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            ExtractError::Io { path, .. }
            | ExtractError::TooLarge { path, .. }
            | ExtractError::Unsupported { path, .. }
            | ExtractError::Corrupt { path, .. }
            | ExtractError::Damaged { path, .. }
            | ExtractError::Empty { path }
            | ExtractError::Sidecar { path, .. }
            | ExtractError::NeedsOcr { path, .. } => path,
        }
    }

    /// Returns the message without the path it starts with, for a report that names
    /// the file already (`damaged PDF: ...`, `no text found`). A sidecar's error keeps
    /// the sidecar's file name, since the report names the document.
    pub fn reason(&self) -> String {
        if let ExtractError::Sidecar { path, reason } = self {
            let name = path.file_name().unwrap_or(path.as_os_str()).to_string_lossy();
            return format!("{name}: invalid metadata file: {reason}");
        }
        let message = self.to_string();
        let prefix = format!("{}: ", self.path().display());
        message.strip_prefix(&prefix).map_or_else(|| message.clone(), str::to_owned)
    }
}
