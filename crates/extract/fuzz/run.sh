#!/bin/sh
# Runs the extraction fuzz targets one after the other (the machine is shared: one at a
# time, at low priority), each for SECONDS (default 600), after seeding their corpora.
# Needs cargo-fuzz and a nightly toolchain. From the repository root:
#     sh crates/extract/fuzz/run.sh [SECONDS] [TARGET...]
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-"rtf html docx odt txt pdf"}
python3 fuzz/seed.py >/dev/null
# OCR runs an outside program for seconds per page: out of scope for fuzzing, and it
# would only show up as timeouts on the scanned seeds.
export ZAN_TESSERACT=/nonexistent/tesseract
for target in $targets; do
    echo "== $target: $seconds s"
    nice -n 15 cargo +nightly fuzz run -O "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=65536 \
        -print_final_stats=1 2>&1 | tail -n 40 | grep -E "stat::|Done|ERROR|panicked|SUMMARY|crash-" || true
done
