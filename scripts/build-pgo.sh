#!/usr/bin/env bash
# A profile-guided build of translint: target/pgo/release/translint, the same program as the
# release build (same findings, byte for byte), laid out by the compiler for the branches and
# calls a real check takes. On the 1M-pair benchmark it is about 6 % faster (README,
# "Performance").
#
#   scripts/build-pgo.sh
#
# 1. Builds an instrumented binary (target/pgo-gen).
# 2. Runs it over training input made here by the corpus generator (interleaved, TSV, SRT, a
#    --fix run) and over fixtures/: the work a check does, in every format.
# 3. Merges the counts with llvm-profdata from the toolchain's llvm-tools component (installed
#    with rustup when missing).
# 4. Builds target/pgo/release/translint with the merged profile.
#
# The ordinary `cargo build --release` is unaffected (separate target folders).
set -euo pipefail
cd "$(dirname "$0")/.."

sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  rustup component add llvm-tools
fi

work="$PWD/target/pgo-work"
rm -rf "$work/profiles" "$work/inputs"
mkdir -p "$work/profiles" "$work/inputs"

echo "build-pgo: instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$work/profiles" \
  cargo build --release --quiet --target-dir target/pgo-gen --bin translint
cargo build --release --quiet --example gen_corpus
gen=target/release/examples/gen_corpus
tl=target/pgo-gen/release/translint

echo "build-pgo: training runs" >&2
"$gen" 100000 --seed 7 > "$work/inputs/train.txt"
"$gen" 20000 --seed 8 --format tsv > "$work/inputs/train.tsv"
"$gen" 20000 --seed 9 --format srt > "$work/inputs/train.srt"
for f in "$work"/inputs/train.*; do
  # Exit code 1 means findings, which training input has on purpose.
  "$tl" check --format json-lines "$f" > /dev/null || [ $? -eq 1 ]
done
"$tl" check fixtures/ > /dev/null || [ $? -eq 1 ]
"$gen" 10000 --seed 10 > "$work/inputs/fix.txt"
"$tl" check --fix "$work/inputs/fix.txt" > /dev/null || [ $? -eq 1 ]

"$profdata" merge -o "$work/translint.profdata" "$work/profiles"

echo "build-pgo: optimised build" >&2
RUSTFLAGS="-Cprofile-use=$work/translint.profdata" \
  cargo build --release --quiet --target-dir target/pgo --bin translint
echo "built target/pgo/release/translint" >&2
