//! Real subtitle files, outside the repository: every cue must come out as exactly one pair side.
//! Ignored by default (the corpora are not shipped); run with
//! `TRANSLINT_CORPORA=/path/to/corpora cargo test --test it corpora -- --ignored --nocapture`
//! (default path: /work/shared/corpora). Prints the diagnostics per rule.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use translint::config::Settings;
use translint::parse::ParseOptions;
use translint::walk::{Input, pair_siblings};

fn root() -> PathBuf {
    std::env::var_os("TRANSLINT_CORPORA")
        .map_or_else(|| PathBuf::from("/work/shared/corpora"), PathBuf::from)
}

fn files_under(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p.to_string_lossy().into_owned());
        }
    }
}

/// Cues counted without the parser: lines holding an arrow and starting with a digit.
fn naive_cue_count(text: &str) -> usize {
    text.lines()
        .map(|l| l.trim_start_matches('\u{FEFF}').trim())
        .filter(|l| l.contains("-->") && l.starts_with(|c: char| c.is_ascii_digit()))
        .count()
}

/// Check every sibling pair under `dir`; returns (pairs of files, cues, diagnostics per rule).
fn account(dir: &Path) -> Option<(usize, usize, BTreeMap<&'static str, usize>)> {
    if !dir.is_dir() {
        eprintln!("skipped: {} not present", dir.display());
        return None;
    }
    let mut files = Vec::new();
    files_under(dir, &mut files);
    let settings = Settings::default();
    let rules = settings.active_rules().unwrap();
    let mut per_rule = BTreeMap::new();
    let (mut n_inputs, mut n_cues) = (0, 0);
    for input in pair_siblings(files) {
        let Input::Two { source, target } = input else {
            continue;
        };
        n_inputs += 1;
        let s = std::fs::read_to_string(&source).unwrap();
        let t = std::fs::read_to_string(&target).unwrap();
        let (ns, nt) = (naive_cue_count(&s), naive_cue_count(&t));
        let r = translint::check_two_files(
            &source,
            &target,
            &ParseOptions::default(),
            &settings,
            &rules,
        )
        .unwrap();
        let doc = &r.doc;
        let cues_in = |f| doc.cues.iter().filter(|c| c.file == f).count();
        assert_eq!((cues_in(0), cues_in(1)), (ns, nt), "{source}: cues read");
        let sides = |f: u32| {
            doc.pairs
                .iter()
                .flat_map(|p| [p.source, p.target])
                .flatten()
                .filter(|s| s.file == f)
                .count()
        };
        assert_eq!(
            (sides(0), sides(1)),
            (ns, nt),
            "{source}: every cue in one pair side"
        );
        assert!(
            doc.problems.is_empty(),
            "{source}: {:?}",
            doc.problems.first()
        );
        n_cues += ns + nt;
        for d in &r.diagnostics {
            *per_rule.entry(d.rule).or_insert(0) += 1;
        }
    }
    Some((n_inputs, n_cues, per_rule))
}

#[test]
#[ignore = "reads corpora outside the repository"]
fn udacity_srt_pairs_account_for_every_cue() {
    let dir = root().join("udacity-cn-translation-volunteer-training");
    if let Some((inputs, cues, per_rule)) = account(&dir) {
        eprintln!("udacity: {inputs} file pairs, {cues} cues, diagnostics {per_rule:?}");
        assert_eq!(inputs, 22);
    }
}

#[test]
#[ignore = "reads corpora outside the repository"]
fn ted_vtt_chunks_account_for_every_cue() {
    let dir = root().join("ted-acoli-teddy");
    if let Some((inputs, cues, per_rule)) = account(&dir) {
        eprintln!("ted: {inputs} file pairs, {cues} cues, diagnostics {per_rule:?}");
        assert_eq!(inputs, 6);
    }
}
