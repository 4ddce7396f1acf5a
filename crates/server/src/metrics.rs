//! Counters exposed at `/metrics` in the Prometheus text format.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

/// Request counters. Relaxed atomics: the figures are statistics, not synchronisation.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Searches answered (API and page).
    pub searches: AtomicU64,
    /// Searches answered with an error.
    pub search_errors: AtomicU64,
    /// Sum of search times in microseconds.
    pub search_micros: AtomicU64,
    /// Document views (API and page).
    pub documents: AtomicU64,
}

impl Metrics {
    /// Records one search and its duration.
    pub fn record_search(&self, micros: u64, failed: bool) {
        self.searches.fetch_add(1, Ordering::Relaxed);
        self.search_micros.fetch_add(micros, Ordering::Relaxed);
        if failed {
            self.search_errors.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Renders the counters, with the number of documents in the index.
    pub fn render(&self, documents_in_index: u64) -> String {
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, value: f64| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}");
        };
        metric(
            "zan_searches_total",
            "counter",
            "Searches answered.",
            self.searches.load(Ordering::Relaxed) as f64,
        );
        metric(
            "zan_search_errors_total",
            "counter",
            "Searches answered with an error.",
            self.search_errors.load(Ordering::Relaxed) as f64,
        );
        metric(
            "zan_search_seconds_total",
            "counter",
            "Time spent searching.",
            self.search_micros.load(Ordering::Relaxed) as f64 / 1e6,
        );
        metric(
            "zan_document_views_total",
            "counter",
            "Documents shown.",
            self.documents.load(Ordering::Relaxed) as f64,
        );
        metric(
            "zan_index_documents",
            "gauge",
            "Documents in the index.",
            documents_in_index as f64,
        );
        out
    }
}
