//! Progress reporting, kept behind a trait so the library neither prints nor depends on
//! a terminal: the CLI passes a progress bar, tests pass [`NoProgress`].

/// Receives progress of an indexing run.
pub trait Progress: Sync {
    /// The run will process this many documents.
    fn start(&self, _documents: u64) {}
    /// The run will read this many bytes (JSONL input).
    fn start_bytes(&self, _bytes: u64) {}
    /// One document is done.
    fn advance(&self, _id: &str) {}
    /// This many bytes are done.
    fn advance_bytes(&self, _bytes: u64) {}
    /// The run is over.
    fn finish(&self) {}
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {}

/// A terminal progress bar (hidden when standard error is not a terminal).
pub struct BarProgress {
    bar: indicatif::ProgressBar,
}

impl BarProgress {
    /// Creates a hidden bar; it appears when the run starts.
    pub fn new() -> BarProgress {
        BarProgress { bar: indicatif::ProgressBar::hidden() }
    }

    fn show(&self, length: u64, template: &str) {
        self.bar.set_length(length);
        self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            self.bar.set_style(style);
        }
    }
}

impl Default for BarProgress {
    fn default() -> Self {
        BarProgress::new()
    }
}

impl Progress for BarProgress {
    fn start(&self, documents: u64) {
        self.show(documents, "{bar:40} {pos}/{len} documents, {per_sec}, eta {eta} {wide_msg}");
    }

    fn start_bytes(&self, bytes: u64) {
        self.show(bytes, "{bar:40} {bytes}/{total_bytes}, {bytes_per_sec}, eta {eta}");
    }

    fn advance(&self, id: &str) {
        self.bar.set_message(id.to_owned());
        self.bar.inc(1);
    }

    fn advance_bytes(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
