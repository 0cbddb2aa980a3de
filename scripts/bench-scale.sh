#!/usr/bin/env bash
# Scaling of `translint check` (full default rule set, json-lines to a file) on generated
# interleaved corpora of 10k, 100k and 1M pairs, against `rg -c '\p{Han}'` on the same file;
# wall time, pairs/s, MB/s and peak RSS (GNU time), and the speed-up of two cores over one
# (taskset) and the run over standard input (streamed in windows) on the largest file; then as
# many pairs of real text (`real_mix`, when ../shared/corpora or $CORPORA is there) and an SRT
# file of as many cues (`gen_corpus --format srt-wrapped`).
#
#   scripts/bench-scale.sh [PAIRS...]        # default: 10000 100000 1000000
#   TL=target/pgo/release/translint scripts/bench-scale.sh   # time another build (build-pgo.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000 1000000)
WORK="target/scale"
mkdir -p "$WORK"
cargo build --release --quiet --bin translint --example gen_corpus
TL=${TL:-./target/release/translint}

run() { # prints "wall_s max_rss_kb" for "$@" (stdout to $WORK/out)
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/out" || true
  tail -n 1 "$WORK/time"
}

printf '%-9s %-10s %8s %10s %8s %10s %8s %9s\n' pairs MB tool "wall s" "MB/s" "pairs/s" "RSS MB" "RSS/file"
for n in "${SIZES[@]}"; do
  f="$WORK/c$n.txt"
  [ -s "$f" ] || ./target/release/examples/gen_corpus "$n" > "$f"
  bytes=$(stat -c %s "$f")
  mb=$(echo "scale=1; $bytes / 1000000" | bc -l)
  for tool in translint rg; do
    if [ $tool = translint ]; then read -r t m < <(run $TL check "$f" --format json-lines)
    else command -v rg > /dev/null || continue; read -r t m < <(run rg -c '\p{Han}' "$f"); fi
    t=$(echo "if ($t < 0.01) 0.01 else $t" | bc -l)
    printf '%-9s %-10s %8s %10.2f %8.1f %10.0f %8.0f %8.2fx\n' "$n" "$mb" "$tool" "$t" \
      "$(echo "$bytes / 1000000 / $t" | bc -l)" "$(echo "$n / $t" | bc -l)" \
      "$(echo "$m / 1024" | bc -l)" "$(echo "$m * 1024 / $bytes" | bc -l)"
  done
done
last="${SIZES[${#SIZES[@]}-1]}"
bytes=$(stat -c %s "$WORK/c$last.txt")
read -r t m < <(run $TL check - --format json-lines < "$WORK/c$last.txt")
printf 'standard input (streamed in windows) on %s pairs: %s s, RSS %.0f MB (%.2fx the input)\n' \
  "$last" "$t" "$(echo "$m / 1024" | bc -l)" "$(echo "$m * 1024 / $bytes" | bc -l)"
if command -v taskset > /dev/null; then
  read -r t1 _ < <(run taskset -c 0 $TL check "$WORK/c$last.txt" --format json-lines)
  read -r t2 _ < <(run $TL check "$WORK/c$last.txt" --format json-lines)
  echo "two cores vs one on $last pairs: $t1 s → $t2 s, speed-up $(echo "scale=2; $t1 / $t2" | bc -l)x"
fi
# Real text: as many pairs drawn from human translations kept outside the repository
# (examples/real_mix.rs; CORPORA names their folder), when they are there.
CORPORA=${CORPORA:-../shared/corpora}
if [ -d "$CORPORA" ]; then
  cargo build --release --quiet --example real_mix
  real="$WORK/real$last.txt"
  [ -s "$real" ] || ./target/release/examples/real_mix "$last" "$CORPORA" > "$real"
  bytes=$(stat -c %s "$real")
  read -r t m < <(run $TL check "$real" --format json-lines)
  read -r r _ < <(run rg -c '\p{Han}' "$real")
  printf 'real text (real_mix), %s pairs, %.1f MB: %s s (%.0f pairs/s, %.1f MB/s), RSS %.0f MB (%.2fx the file); rg %s s\n' \
    "$last" "$(echo "$bytes / 1000000" | bc -l)" "$t" "$(echo "$last / $t" | bc -l)" \
    "$(echo "$bytes / 1000000 / $t" | bc -l)" "$(echo "$m / 1024" | bc -l)" \
    "$(echo "$m * 1024 / $bytes" | bc -l)" "$r"
fi
# Subtitles: the same number of cues, cut within the layout limits (gen_corpus srt-wrapped).
srt="$WORK/c$last-wrapped.srt"
[ -s "$srt" ] || ./target/release/examples/gen_corpus "$last" --format srt-wrapped > "$srt"
bytes=$(stat -c %s "$srt")
read -r t m < <(run $TL check "$srt" --format json-lines)
printf 'SRT (srt-wrapped), %s cues, %.1f MB: %s s, RSS %.0f MB (%.2fx the file)\n' \
  "$last" "$(echo "$bytes / 1000000" | bc -l)" "$t" "$(echo "$m / 1024" | bc -l)" \
  "$(echo "$m * 1024 / $bytes" | bc -l)"
