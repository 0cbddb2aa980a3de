//! Generate a synthetic bilingual corpus for benchmarks and stress tests.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- 1000000 > /tmp/1m.txt          # interleaved
//! cargo run --release --example gen_corpus -- 100000 --format tsv > /tmp/100k.tsv
//! cargo run --release --example gen_corpus -- 1000 --format srt --seed 7 > /tmp/1k.srt
//! cargo run --release --example gen_corpus -- 1000000 --format srt-wrapped > /tmp/1m.srt
//! ```
//!
//! `srt` puts each pair on one line per language in a 2.4 s cue, over the layout and reading
//! speed limits (a file with a finding in nearly every cue); `srt-wrapped` breaks the lines
//! within the limits and shows each cue for 5 s, as a subtitler would.
//!
//! Sentences come from small word templates written for this generator (never from real data),
//! each English clause with its Chinese counterpart. A few percent of pairs carry a defect of
//! every kind translint looks for: English copied into the Chinese slot, a missing line, English
//! words inside Chinese, ASCII commas in Chinese, app UI lines, swapped adjacent translations and
//! changed numbers. The output is deterministic for a given seed.

mod corpus;

use std::io::{self, BufWriter, Write};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut n = 1000usize;
    let mut format = "interleaved".to_string();
    let mut seed = 42u64;
    let mut rate = 10u64;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--format" => format = args.next().unwrap_or_default(),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(seed),
            "--defect-rate" => rate = args.next().and_then(|s| s.parse().ok()).unwrap_or(rate),
            "-h" | "--help" => {
                eprintln!(
                    "usage: gen_corpus [PAIRS] [--format interleaved|tsv|srt|srt-wrapped] [--seed N] [--defect-rate PER_MILLE]"
                );
                return;
            }
            other => match other.parse() {
                Ok(v) => n = v,
                Err(_) => {
                    eprintln!("gen_corpus: unexpected argument {other}");
                    std::process::exit(2);
                }
            },
        }
    }
    let entries = corpus::generate(n, seed, rate);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    if let Err(e) = corpus::write(&mut out, &entries, &format).and_then(|()| out.flush())
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("gen_corpus: {e}");
        std::process::exit(2);
    }
}
