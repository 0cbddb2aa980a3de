#!/usr/bin/env bash
# Time translint against a peer on the same generated pairs, with ripgrep as the I/O floor.
#
#   scripts/bench-peers.sh [PAIRS]          # default 100000 pairs (≈ 14.5 MB)
#
# Peer: autocorrect-py (PyPI), the Python binding of autocorrect, a Rust linter for CJK
# spacing and punctuation — the closest maintained peer that lints Chinese text; it is
# installed with pip into a virtual environment under target/. ripgrep (`rg -c '\p{Han}'`)
# reads the same file and counts lines with Han characters: no tool that reads every byte
# can be faster, so it is the floor. Each tool runs 3 times; the best wall time counts.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-100000}"
WORK="target/peers"
mkdir -p "$WORK"

cargo build --release --quiet --bin translint --example gen_corpus
CORPUS="$WORK/corpus-$PAIRS.txt"
[ -s "$CORPUS" ] || ./target/release/examples/gen_corpus "$PAIRS" > "$CORPUS"
BYTES=$(stat -c %s "$CORPUS")

VENV="$WORK/venv"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet autocorrect-py
fi

best() { # best wall seconds of 3 runs of "$@" (stdout discarded)
  local best=""
  for _ in 1 2 3; do
    local s e t
    s=$(date +%s.%N)
    "$@" > /dev/null || true
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  printf '%.3f' "$best"
}

T_TL=$(best ./target/release/translint check "$CORPUS" --format json-lines)
T_AC=$(best "$VENV/bin/python" -c 'import sys, autocorrect_py as a; a.lint_for(open(sys.argv[1], encoding="utf-8").read(), "x.txt")' "$CORPUS")
if command -v rg > /dev/null; then
  T_RG=$(best rg -c '\p{Han}' "$CORPUS")
else
  T_RG=""
  echo "(ripgrep not installed: apt-get install ripgrep for the I/O floor)" >&2
fi

mb() { echo "scale=1; $BYTES / 1000000 / $1" | bc -l; }
echo "corpus: $PAIRS pairs, $BYTES bytes ($CORPUS)"
ratio() { printf '%.2f' "$(echo "$1 / $T_TL" | bc -l)"; }
printf '%-34s %9s %10s %16s\n' tool "wall s" "MB/s" "time/translint"
printf '%-34s %9s %10s %16s\n' "translint check (json-lines)" "$T_TL" "$(mb "$T_TL")" "1.00"
printf '%-34s %9s %10s %16s\n' "autocorrect-py lint_for" "$T_AC" "$(mb "$T_AC")" "$(ratio "$T_AC")"
if [ -n "$T_RG" ]; then
  printf '%-34s %9s %10s %16s\n' "rg -c '\\p{Han}' (I/O floor)" "$T_RG" "$(mb "$T_RG")" "$(ratio "$T_RG")"
fi
