//! Progress reporting, kept behind a trait so the pipeline neither prints nor knows about
//! terminals: the CLI passes a [`ConsoleProgress`], tests and benchmarks [`NoProgress`].
//!
//! [`ConsoleProgress`] shows a bar on a terminal (files/s or acts/s, done/total, time
//! left) and, when standard error is a log file or a pipe, plain lines: one when another
//! tenth of the run is done, at most one every [`MIN_LINE_GAP`], and at least one every
//! [`MAX_LINE_GAP`] of a slow run, then a closing line with the rate. Never escape codes.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Receives progress of an indexing run.
pub trait Progress: Sync {
    /// The run will process this many documents.
    fn start(&self, _documents: u64) {}
    /// The run will read this many bytes (JSONL input).
    fn start_bytes(&self, _bytes: u64) {}
    /// One document is done.
    fn advance(&self, _id: &str) {}
    /// This many bytes are done (one JSONL record).
    fn advance_bytes(&self, _bytes: u64) {}
    /// The run is over.
    fn finish(&self) {}
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {}

/// The shortest time between two plain progress lines.
pub const MIN_LINE_GAP: Duration = Duration::from_secs(2);
/// The longest time without a plain progress line while a run goes on.
pub const MAX_LINE_GAP: Duration = Duration::from_secs(30);

/// How a console run shows its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressOutput {
    /// A progress bar that redraws itself (a terminal).
    Bar,
    /// Plain lines, a few per run (a log file, a pipe).
    Lines,
    /// Nothing (`--quiet`).
    Quiet,
}

impl ProgressOutput {
    /// A bar when standard error is a terminal, plain lines otherwise; nothing if quiet.
    pub fn for_stderr(quiet: bool) -> ProgressOutput {
        if quiet {
            ProgressOutput::Quiet
        } else if std::io::stderr().is_terminal() {
            ProgressOutput::Bar
        } else {
            ProgressOutput::Lines
        }
    }
}

/// What the run counts: files of a folder, or bytes of a JSONL file (and its records).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Files,
    Bytes,
}

/// Where a run stands.
#[derive(Debug)]
struct State {
    unit: Unit,
    total: u64,
    /// Files, or bytes.
    done: u64,
    /// Documents done (for JSONL, the records behind `done` bytes).
    items: u64,
    started: Instant,
    last_line: Instant,
    /// Tenths of the run reported in a line so far.
    tenths: u64,
    running: bool,
}

impl State {
    fn new(unit: Unit, total: u64, now: Instant) -> State {
        State {
            unit,
            total,
            done: 0,
            items: 0,
            started: now,
            last_line: now,
            tenths: 0,
            running: true,
        }
    }

    fn tenths_done(&self) -> u64 {
        (self.done.min(self.total) * 10).checked_div(self.total).unwrap_or(0)
    }

    /// Whether a plain line is due now: another tenth done and the last line not too
    /// recent, or a slow run silent for too long.
    fn line_due(&self, now: Instant) -> bool {
        if self.done >= self.total {
            return false; // the closing line says it
        }
        let since = now.saturating_duration_since(self.last_line);
        (self.tenths_done() > self.tenths && since >= MIN_LINE_GAP) || since >= MAX_LINE_GAP
    }

    fn rate(&self, now: Instant) -> f64 {
        let seconds = now.saturating_duration_since(self.started).as_secs_f64();
        if seconds > 0.0 {
            self.items as f64 / seconds
        } else {
            0.0
        }
    }

    fn noun(&self) -> &'static str {
        match self.unit {
            Unit::Files => "files",
            Unit::Bytes => "acts",
        }
    }

    /// `1,200 of 5,000 files (24 %), 85 files/s, about 45 s left`
    fn line(&self, now: Instant) -> String {
        let percent = (self.done.min(self.total) * 100).checked_div(self.total).unwrap_or(0);
        let amount = match self.unit {
            Unit::Files => format!("{} of {} files", thousands(self.done), thousands(self.total)),
            Unit::Bytes => format!(
                "{} of {}, {} acts",
                megabytes(self.done),
                megabytes(self.total),
                thousands(self.items)
            ),
        };
        let elapsed = now.saturating_duration_since(self.started);
        let left = match self.done {
            0 => String::new(),
            done => {
                let rest = self.total.saturating_sub(done) as f64 / done as f64;
                format!(", about {} left", duration(elapsed.mul_f64(rest)))
            }
        };
        format!("zan index: {amount} ({percent} %), {:.0} {}/s{left}", self.rate(now), self.noun())
    }

    /// `5,000 files in 59 s, 85 files/s`
    fn closing_line(&self, now: Instant) -> String {
        let elapsed = now.saturating_duration_since(self.started);
        let size = match self.unit {
            Unit::Files => String::new(),
            Unit::Bytes => format!(" ({})", megabytes(self.done)),
        };
        format!(
            "zan index: {} {}{size} in {}, {:.0} {}/s",
            thousands(self.items),
            self.noun(),
            duration(elapsed),
            self.rate(now),
            self.noun()
        )
    }
}

/// `1234567` as `1,234,567`.
fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// `45 s`, `3 min 5 s`, `2 h 10 min`.
fn duration(duration: Duration) -> String {
    let seconds = duration.as_secs();
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} min {} s", seconds / 60, seconds % 60),
        _ => format!("{} h {} min", seconds / 3600, seconds % 3600 / 60),
    }
}

/// Progress on the console: a bar, plain lines or nothing (see [`ProgressOutput`]).
pub struct ConsoleProgress {
    output: ProgressOutput,
    bar: indicatif::ProgressBar,
    state: Mutex<Option<State>>,
    lines: Mutex<Box<dyn Write + Send>>,
}

impl ConsoleProgress {
    /// Progress shown on standard error in the given way.
    pub fn new(output: ProgressOutput) -> ConsoleProgress {
        ConsoleProgress::with_lines_to(output, Box::new(std::io::stderr()))
    }

    /// Progress whose plain lines go to `sink` (the bar always draws on standard error).
    pub fn with_lines_to(output: ProgressOutput, sink: Box<dyn Write + Send>) -> ConsoleProgress {
        ConsoleProgress {
            output,
            bar: indicatif::ProgressBar::hidden(),
            state: Mutex::new(None),
            lines: Mutex::new(sink),
        }
    }

    fn begin(&self, unit: Unit, total: u64) {
        if self.output == ProgressOutput::Quiet {
            return;
        }
        if let Ok(mut state) = self.state.lock() {
            *state = Some(State::new(unit, total, Instant::now()));
        }
        if self.output == ProgressOutput::Bar {
            let template = match unit {
                Unit::Files => {
                    "{bar:30} {human_pos}/{human_len} files, {per_sec}, {eta} left {wide_msg}"
                }
                Unit::Bytes => "{bar:30} {bytes}/{total_bytes}, {msg}, {eta} left",
            };
            self.bar.set_length(total);
            self.bar.set_position(0);
            if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
                self.bar.set_style(style);
            }
            self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    /// Counts `amount` units and one document done, and says so in the current output.
    fn step(&self, amount: u64, id: Option<&str>) {
        let Ok(mut guard) = self.state.lock() else { return };
        let Some(state) = guard.as_mut() else { return };
        state.done += amount;
        state.items += 1;
        let now = Instant::now();
        match self.output {
            ProgressOutput::Bar => {
                self.bar.inc(amount);
                match id {
                    Some(id) => self.bar.set_message(id.to_owned()),
                    // A message a record would cost more than the record's own analysis
                    // for small ones; every 256th is plenty for a bar redrawn 20 times a second.
                    None if state.items % 256 == 0 => self.bar.set_message(format!(
                        "{} acts, {:.0} acts/s",
                        thousands(state.items),
                        state.rate(now)
                    )),
                    None => {}
                }
            }
            ProgressOutput::Lines if state.line_due(now) => {
                state.tenths = state.tenths_done();
                state.last_line = now;
                self.write_line(&state.line(now));
            }
            ProgressOutput::Lines | ProgressOutput::Quiet => {}
        }
    }

    fn write_line(&self, line: &str) {
        if let Ok(mut sink) = self.lines.lock() {
            // Progress is a courtesy: a closed stderr must not stop the run.
            let _ = writeln!(sink, "{line}");
            let _ = sink.flush();
        }
    }
}

impl Progress for ConsoleProgress {
    fn start(&self, documents: u64) {
        self.begin(Unit::Files, documents);
    }

    fn start_bytes(&self, bytes: u64) {
        self.begin(Unit::Bytes, bytes);
    }

    fn advance(&self, id: &str) {
        self.step(1, Some(id));
    }

    fn advance_bytes(&self, bytes: u64) {
        self.step(bytes, None);
    }

    fn finish(&self) {
        let Ok(mut guard) = self.state.lock() else { return };
        let Some(state) = guard.as_mut().filter(|state| state.running) else { return };
        state.running = false;
        match self.output {
            ProgressOutput::Bar => self.bar.finish_and_clear(),
            // A run with nothing to do says nothing; the report says it.
            ProgressOutput::Lines if state.items > 0 => {
                self.write_line(&state.closing_line(Instant::now()))
            }
            ProgressOutput::Lines | ProgressOutput::Quiet => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// A sink the test reads back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Captured {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn test_lines_come_by_tenths_not_per_document() {
        let start = Instant::now();
        let mut state = State::new(Unit::Files, 1000, start);
        state.done = 50;
        // Under a tenth: no line, however much time passed below the longest gap.
        assert!(!state.line_due(start + Duration::from_secs(10)));
        state.done = 100;
        // A tenth done, but the last line was just now: wait.
        assert!(!state.line_due(start + Duration::from_millis(500)));
        assert!(state.line_due(start + MIN_LINE_GAP));
        state.tenths = 1;
        state.last_line = start + MIN_LINE_GAP;
        state.done = 150;
        assert!(!state.line_due(start + Duration::from_secs(20)));
        // A slow run still says something now and then.
        assert!(state.line_due(start + MIN_LINE_GAP + MAX_LINE_GAP));
        // The end is for the closing line.
        state.done = 1000;
        assert!(!state.line_due(start + MIN_LINE_GAP + MAX_LINE_GAP));
    }

    #[test]
    fn test_line_says_done_total_rate_and_time_left() {
        let start = Instant::now();
        let cases = [
            (
                Unit::Files,
                [5000, 1250, 1250, 25],
                "zan index: 1,250 of 5,000 files (25 %), 50 files/s, about 1 min 15 s left",
            ),
            (
                Unit::Bytes,
                [40_000_000, 10_000_000, 2000, 4],
                "zan index: 10.0 MB of 40.0 MB, 2,000 acts (25 %), 500 acts/s, about 12 s left",
            ),
        ];
        for (unit, [total, done, items, seconds], expected) in cases {
            let mut state = State::new(unit, total, start);
            state.done = done;
            state.items = items;
            assert_eq!(state.line(start + Duration::from_secs(seconds)), expected);
            if unit == Unit::Bytes {
                assert_eq!(
                    state.closing_line(start + Duration::from_secs(seconds)),
                    "zan index: 2,000 acts (10.0 MB) in 4 s, 500 acts/s"
                );
            }
        }
    }

    #[test]
    fn test_plain_lines_are_few_and_without_escape_codes() {
        let sink = Captured::default();
        let progress =
            ConsoleProgress::with_lines_to(ProgressOutput::Lines, Box::new(sink.clone()));
        progress.start(10_000);
        for number in 0..10_000 {
            progress.advance(&format!("doc-{number}"));
        }
        progress.finish();
        progress.finish();
        let text = sink.text();
        let lines: Vec<&str> = text.lines().collect();
        // A fast run gets its closing line, not a line a document (nor one a tenth:
        // the tenths came faster than MIN_LINE_GAP).
        assert!(!lines.is_empty() && lines.len() <= 3, "{text}");
        assert!(lines.last().unwrap().starts_with("zan index: 10,000 files in "), "{text}");
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
    }

    #[test]
    fn test_quiet_and_empty_runs_print_nothing() {
        let sink = Captured::default();
        let quiet = ConsoleProgress::with_lines_to(ProgressOutput::Quiet, Box::new(sink.clone()));
        quiet.start_bytes(100);
        quiet.advance_bytes(100);
        quiet.finish();
        let idle = ConsoleProgress::with_lines_to(ProgressOutput::Lines, Box::new(sink.clone()));
        idle.start(0);
        idle.finish();
        assert_eq!(sink.text(), "");
    }

    #[test]
    fn test_numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(duration(Duration::from_secs(59)), "59 s");
        assert_eq!(duration(Duration::from_secs(185)), "3 min 5 s");
        assert_eq!(duration(Duration::from_secs(7800)), "2 h 10 min");
    }
}
