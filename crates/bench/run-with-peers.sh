#!/usr/bin/env bash
# zan beside tantivy + Russian stemmer on the same generated acts and queries, in one run.
# usage (from the project root): crates/bench/run-with-peers.sh [DOCS] [WORKDIR]
#   DOCS defaults to 100000; WORKDIR to a fresh folder under /tmp. Env: PEERS_DIR (default
#   ../shared/peers), PEERS_VENV (default /tmp/peers-venv), PEER_REPS (default 1).
# Build times are CPU seconds of every thread (getrusage / process_time), never wall time.
set -euo pipefail
DOCS=${1:-100000}
WORK=${2:-$(mktemp -d "${TMPDIR:-/tmp}/zan-bench-$DOCS.XXXX")}
PEERS_DIR=${PEERS_DIR:-../shared/peers}
VENV=${PEERS_VENV:-/tmp/peers-venv}
mkdir -p "$WORK"

cargo build --release -p zan-bench
echo "== zan ($DOCS acts) in $WORK" >&2
target/release/zan-bench run --docs "$DOCS" --work "$WORK" --data ../shared/data | tee "$WORK/zan.md"

echo "== tantivy-py (default and ru): latency, on the same corpus and queries" >&2
PEERS=tantivy-py PEER_REPS=${PEER_REPS:-1} PEERS_VENV=$VENV \
  "$PEERS_DIR/run-all.sh" "$WORK/corpus.jsonl" "$WORK/queries.tsv" "$WORK/peers" >"$WORK/peers.md"
echo "== tantivy + ru stemmer: build in CPU seconds" >&2
"$VENV/bin/python" "$PEERS_DIR/tantivy-py/build_cpu.py" ru "$WORK/corpus.jsonl" "$WORK/tantivy-ru" \
  | tee "$WORK/tantivy-ru-build.json"
rm -rf "$WORK/tantivy-ru" "$WORK/index" "$WORK/files-index"

python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
zan = json.load(open(os.path.join(work, "zan.json")))
ru = json.load(open(os.path.join(work, "peers", "tantivy-py", "tantivy-py-ru.json")))
build = json.loads(open(os.path.join(work, "tantivy-ru-build.json")).read().strip().splitlines()[-1])
rows = [
    ("build, CPU seconds", zan["build_cpu_s"], build["build_cpu_s"], 1.5),
    ("peak RSS of the build, MB", zan["peak_rss_bytes"] / 2**20, build["maxrss_mb"], None),
    ("index size, MB", zan["index_bytes"] / 1e6, build["index_bytes"] / 1e6, 1.2),
    ("search p50, ms", zan["latency_ms"]["p50"], ru["latency_ms"]["p50"], 1.5),
    ("search p99, ms", zan["latency_ms"]["p99"], ru["latency_ms"]["p99"], 2.0),
]
print(f"\n{zan['docs']} acts: zan beside tantivy + ru stemmer (zan: took_ms with snippets and facets, limit 10; tantivy: in process, snippets)\n")
print("| | zan | tantivy + ru stemmer | ratio | target |")
print("|---|---|---|---|---|")
for name, z, t, target in rows:
    ratio = z / t if t else float("nan")
    mark = "" if target is None else (f"≤ {target}× " + ("met" if ratio <= target else "NOT met"))
    print(f"| {name} | {z:.2f} | {t:.2f} | {ratio:.2f}× | {mark} |")
same, pct = zan["incremental_same_cpu_s"], zan["incremental_1pct_cpu_s"]
full = zan["build_cpu_s"]
print(f"| incremental, nothing changed, CPU s | {same:.1f} ({100*same/full:.1f} % of the build) | | | ≤ 2 % {'met' if same <= .02*full else 'NOT met'} |")
print(f"| incremental, 1 % changed, CPU s | {pct:.1f} ({100*pct/full:.1f} % of the build) | | | ≤ 3 % {'met' if pct <= .03*full else 'NOT met'} |")
PY
