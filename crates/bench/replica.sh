#!/usr/bin/env bash
# What it costs to bring up a read replica from a copy of an index (issue 14, item 4):
# copy the index folder (bytes, files, wall and CPU seconds of the copy), then run
# `zan serve` on the copy until /readyz answers 200 (wall seconds, and the CPU seconds and
# peak RSS of the server, which opens the index, verifies every file's checksum and builds
# the act registry, the act table and today's statuses before /readyz says ready; the RSS
# counts the index's pages that the checksums mapped), then the same search twice (took_ms
# of the first query, which finds everything built, and of the second).
#
# usage (from the project root): crates/bench/replica.sh INDEX [COPY_DIR]
#   INDEX     an index folder (zan index --jsonl ... --index INDEX)
#   COPY_DIR  where the copy goes (default: a fresh folder beside INDEX); removed at the
#             end unless KEEP=1.
# Env: ZAN (default target/release/zan, built with `cargo build --release -p zan`),
#      QUERY (default бюджет), READY_TIMEOUT seconds (default 3600).
# The copy reads INDEX through the page cache: a source just built or read is warm. For a
# cold copy, as from another machine, drop the caches first where that is allowed.
set -euo pipefail
INDEX=${1:?usage: crates/bench/replica.sh INDEX [COPY_DIR]}
INDEX=${INDEX%/}
COPY=${2:-$(mktemp -d "$(dirname "$INDEX")/replica.XXXX")}
ZAN=${ZAN:-target/release/zan}
QUERY=${QUERY:-бюджет}
READY_TIMEOUT=${READY_TIMEOUT:-3600}
[ -f "$INDEX/meta.json" ] || { echo "replica.sh: $INDEX holds no index (no meta.json)" >&2; exit 2; }
[ -x "$ZAN" ] || { echo "replica.sh: no zan binary at $ZAN (cargo build --release -p zan)" >&2; exit 2; }
rm -rf "$COPY"

SERVER=
LOG=$(mktemp "${TMPDIR:-/tmp}/replica-serve.XXXX")
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -f "$LOG"
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$COPY"; fi
}
trap cleanup EXIT

bytes=$(du -sb "$INDEX" | cut -f1)
files=$(find "$INDEX" -type f | wc -l)

# Segment files first, meta.json last, as an rsync to a live replica would do it: a
# replica that opens the folder mid-copy sees the previous commit or refuses a damaged one.
TIMEFORMAT='%R %U %S'
exec 3>&2
copy() {
  mkdir -p "$COPY"
  find "$INDEX" -maxdepth 1 -type f ! -name meta.json -exec cp -p -t "$COPY" {} +
  cp -p "$INDEX/meta.json" "$COPY/meta.json"
}
# The copy's own errors go to stderr (fd 3); only the timing is captured.
copy_times=$( { time copy 2>&3 ; } 2>&1 )
read -r copy_wall copy_user copy_sys <<<"$copy_times"

# Ticks of the server's CPU (user + system) and its peak RSS, from /proc.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$SERVER/stat"; }
server_rss_mb() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER/status"; }

start=$(date +%s.%N)
"$ZAN" serve --index "$COPY" --corpus "$COPY/no-corpus" --addr 127.0.0.1:0 2>"$LOG" &
SERVER=$!
addr=
ready=
deadline=$(( $(date +%s) + READY_TIMEOUT ))
while [ "$(date +%s)" -le "$deadline" ]; do
  kill -0 "$SERVER" 2>/dev/null || { echo "replica.sh: zan serve stopped:" >&2; cat "$LOG" >&2; exit 1; }
  [ -n "$addr" ] || addr=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$LOG" | head -n1 || true)
  if [ -n "$addr" ]; then
    answer=$(curl -s -w ' %{http_code}' "$addr/readyz" || true)
    case "$answer" in
      *' 200') ready=$(date +%s.%N); break ;;
      *index_damaged*) echo "replica.sh: the copy does not verify: $answer" >&2; exit 1 ;;
    esac
  fi
  sleep 0.05
done
[ -n "$ready" ] || { echo "replica.sh: /readyz not 200 within ${READY_TIMEOUT}s" >&2; cat "$LOG" >&2; exit 1; }
ready_cpu=$(server_cpu)
ready_rss=$(server_rss_mb)
search() { curl -s -G "$addr/api/search" --data-urlencode "q=$QUERY" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["took_ms"], d["total"])'; }
took=$(search)
again=$(search)
after_cpu=$(server_cpu)
documents=$(curl -s "$addr/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')

awk -v b="$bytes" -v f="$files" -v cw="$copy_wall" -v cu="$copy_user" -v cs="$copy_sys" \
    -v s="$start" -v r="$ready" -v c="$ready_cpu" -v m="$ready_rss" -v t="$took" -v a="$again" \
    -v ac="$after_cpu" -v d="$documents" -v q="$QUERY" 'BEGIN {
  split(t, took, " "); split(a, again, " ")
  printf "| replica of %s documents | |\n|---|---|\n", d
  printf "| copy: bytes, files | %.0f MB, %d files |\n", b / 1e6, f
  printf "| copy: wall s, CPU s (user+sys) | %.2f, %.2f |\n", cw, cu + cs
  printf "| zan serve until /readyz 200: wall s | %.2f |\n", r - s
  printf "| zan serve until /readyz 200: CPU s, peak RSS | %.2f, %d MB |\n", c, m
  printf "| first search %s: took_ms (total) | %s (%s) |\n", q, took[1], took[2]
  printf "| the same search again: took_ms | %s |\n", again[1]
  printf "| server CPU s after both searches | %.2f |\n", ac
}'
