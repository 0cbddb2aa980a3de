//! Build an interleaved benchmark file from human-translated sentence pairs kept outside the
//! repository, for timing translint on real text as well as on `gen_corpus`'s templates.
//!
//! ```sh
//! cargo run --release --example real_mix -- 1000000 ../shared/corpora > target/scale/real1m.txt
//! ```
//!
//! Pairs are drawn (with a fixed seed) half from the Tatoeba export (`tatoeba-cmn-eng/cmn.txt`,
//! English TAB Chinese TAB attribution: short everyday sentences) and half from the 3Blue1Brown
//! caption rows (`3b1b-captions/*/*/chinese/sentence_translations.json`: long sentences about
//! mathematics, with variables and numbers in both languages). Each pair is written as its
//! Chinese line, then its English line. Neighbouring pairs are unrelated, which a transcript's
//! are not, so the alignment search meets more outliers than in a real file: the timing is an
//! upper bound for such text. The data stays where it is: the output is a benchmark input, not a
//! fixture.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1);
    let pairs: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let root = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/corpora".to_string()),
    );
    let tatoeba = read_tatoeba(&root.join("tatoeba-cmn-eng/cmn.txt"));
    let captions = read_captions(&root.join("3b1b-captions"));
    if tatoeba.is_empty() || captions.is_empty() {
        eprintln!(
            "real_mix: no pairs found under {} (tatoeba: {}, captions: {})",
            root.display(),
            tatoeba.len(),
            captions.len()
        );
        std::process::exit(2);
    }
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = BufWriter::new(io::stdout().lock());
    for _ in 0..pairs {
        let pool = if next() % 2 == 0 { &tatoeba } else { &captions };
        let (en, zh) = &pool[(next() % pool.len() as u64) as usize];
        if writeln!(out, "{zh}\n{en}").is_err() {
            return;
        }
    }
    let _ = out.flush();
}

/// One line of text: no line breaks inside, no surrounding white space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (English, Chinese) rows of the Tatoeba export.
fn read_tatoeba(path: &Path) -> Vec<(String, String)> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.trim_start_matches('\u{feff}')
        .lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (en, zh) = (one_line(fields.next()?), one_line(fields.next()?));
            (!en.is_empty() && !zh.is_empty()).then_some((en, zh))
        })
        .collect()
}

/// (English, Chinese) rows of every `sentence_translations.json` under `root`, in path order.
fn read_captions(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    collect_files(root, &mut files);
    files.sort();
    let mut rows = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Ok(serde_json::Value::Array(items)) = serde_json::from_str(&text) else {
            continue;
        };
        for item in items {
            let field =
                |name: &str| one_line(item.get(name).and_then(|v| v.as_str()).unwrap_or(""));
            let (en, zh) = (field("input"), field("translatedText"));
            if !en.is_empty() && !zh.is_empty() {
                rows.push((en, zh));
            }
        }
    }
    rows
}

/// The `sentence_translations.json` files under `dir`.
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out);
        } else if path
            .file_name()
            .is_some_and(|n| n == "sentence_translations.json")
        {
            out.push(path);
        }
    }
}
