//! What the extraction benchmarks share: timing a set of files extracted one after the
//! other, in bytes per second and in pages (or hundredths of pages) per second.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use zan_extract::extract_bytes;

/// How one group of files is measured.
pub struct Settings {
    /// Criterion samples.
    pub sample_size: usize,
    /// Measurement time per benchmark.
    pub measurement: Duration,
    /// The second throughput: its element count and the benchmark's name (`pages`, or
    /// `centipages` when whole pages would be too coarse).
    pub elements: (u64, &'static str),
}

/// Benchmarks extracting every file of `files`, once per bytes and once per elements.
pub fn bench_extraction(
    c: &mut Criterion,
    name: &str,
    files: &[(PathBuf, Vec<u8>)],
    settings: Settings,
) {
    let bytes: usize = files.iter().map(|(_, data)| data.len()).sum();
    let run = |files: &[(PathBuf, Vec<u8>)]| {
        for (path, data) in files {
            std::hint::black_box(extract_bytes(path, data).expect("extracts"));
        }
    };
    let mut group = c.benchmark_group(name);
    group
        .sample_size(settings.sample_size)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(settings.measurement);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_with_input(BenchmarkId::new("mb", files.len()), files, |b, files| {
        b.iter(|| run(files))
    });
    let (elements, label) = settings.elements;
    group.throughput(Throughput::Elements(elements));
    group.bench_with_input(BenchmarkId::new(label, files.len()), files, |b, files| {
        b.iter(|| run(files))
    });
    group.finish();
}
