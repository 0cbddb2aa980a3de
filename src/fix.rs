//! The fix engine: apply the edits diagnostics carry, re-lint, repeat until nothing changes.
//!
//! Edits are applied to the text exactly as read, so every byte outside an edit — the BOM, each
//! line's own line break, the final newline or its absence — stays as it was. Fixes never apply
//! half-way: when two fixes overlap, the one that starts first (ties: the rule listed first in
//! [`crate::rules::RULES`], then the first reported) is applied whole and the other is skipped
//! whole; it is offered again on the next pass, against the new text. Passes are bounded
//! ([`MAX_PASSES`]) so two fixes that undo each other cannot loop.

use crate::config::{ActiveRule, Settings};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::error::{Error, Result};
use crate::model::Document;
use crate::parse::ParseOptions;
use crate::report::FileReport;
use crate::rules::RULES;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Re-lint-and-fix passes before giving up on reaching a fixed point.
pub const MAX_PASSES: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FixMode {
    /// Apply unsafe fixes too (`--unsafe-fixes`), not only safe ones.
    pub unsafe_fixes: bool,
}

impl FixMode {
    /// True when a fix of this applicability is applied in this mode.
    pub fn allows(self, a: Applicability) -> bool {
        a == Applicability::Safe || self.unsafe_fixes
    }
}

/// A fix that was applied, with the rule that offered it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedFix {
    /// Rule name.
    pub rule: &'static str,
    /// The pass (0-based) it was applied in.
    pub pass: usize,
    /// Its edits, with spans into the text of that pass.
    pub edits: Vec<Edit>,
}

/// What fixing one input (a file, or an original and its translation) did.
pub struct FixOutcome {
    /// The text of each file as read, in the document's file order.
    pub original: Vec<String>,
    /// The final document (its file holds the fixed text) and what is still wrong in it.
    pub report: FileReport,
    /// Every fix applied, in pass order.
    pub applied: Vec<AppliedFix>,
    /// Passes that changed the text.
    pub passes: usize,
    /// True when fixes were still being applied when [`MAX_PASSES`] ran out.
    pub converged: bool,
}

impl FixOutcome {
    /// The fixed text of the first file (the only one outside two-file mode).
    pub fn fixed(&self) -> &str {
        self.fixed_file(0)
    }

    /// The fixed text of file `i`.
    pub fn fixed_file(&self, i: usize) -> &str {
        self.report.doc.files.get(i).map_or("", |f| f.text.as_str())
    }

    /// Indices of the files whose text changed.
    pub fn changed_files(&self) -> Vec<usize> {
        (0..self.original.len())
            .filter(|&i| self.fixed_file(i) != self.original[i])
            .collect()
    }

    /// True when some file's text changed.
    pub fn changed(&self) -> bool {
        !self.changed_files().is_empty()
    }

    /// Number of edits applied over all passes.
    pub fn edits(&self) -> usize {
        self.applied.iter().map(|f| f.edits.len()).sum()
    }

    /// Fixes applied per rule, sorted by rule name.
    pub fn per_rule(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for f in &self.applied {
            *m.entry(f.rule).or_insert(0) += 1;
        }
        m
    }
}

/// Position of a rule in the registry, for deterministic tie-breaking.
fn rule_rank(name: &str) -> usize {
    RULES
        .iter()
        .position(|r| r.meta().name == name)
        .unwrap_or(usize::MAX)
}

/// True when two edits touch the same bytes, or insert at the same place (their order would be
/// arbitrary).
fn conflict(a: &Edit, b: &Edit) -> bool {
    a.file == b.file
        && ((a.span.start < b.span.end && b.span.start < a.span.end)
            || a.span.start == b.span.start)
}

/// True when an edit can be applied to `text`: in bounds and on character boundaries.
fn valid(text: &str, e: &Edit) -> bool {
    e.span.start <= e.span.end
        && e.span.end <= text.len()
        && text.is_char_boundary(e.span.start)
        && text.is_char_boundary(e.span.end)
}

/// True when an edit adds or removes a line break. Safe fixes may not: line structure (and so
/// pairing) only changes through fixes that say so, and those are unsafe.
fn touches_line_breaks(text: &str, e: &Edit) -> bool {
    let is_break = |c: char| c == '\n' || c == '\r';
    text[e.span.range()].contains(is_break) || e.replacement.contains(is_break)
}

/// Choose which fixes to apply to `texts` (one per file of the document): those allowed by
/// `mode`, valid, and not overlapping one chosen before them. Returns them in the order chosen.
pub fn select<'d>(
    texts: &[&str],
    diagnostics: &'d [Diagnostic],
    mode: FixMode,
) -> Vec<(&'static str, &'d Fix)> {
    let mut candidates: Vec<(usize, usize, usize, &'static str, &'d Fix)> = diagnostics
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let fix = d.fix.as_ref()?;
            if !mode.allows(fix.applicability) || fix.edits.is_empty() {
                return None;
            }
            let text_of = |e: &Edit| texts.get(e.file as usize).copied();
            let well_formed = fix
                .edits
                .iter()
                .all(|e| text_of(e).is_some_and(|t| valid(t, e)))
                && !fix
                    .edits
                    .iter()
                    .enumerate()
                    .any(|(k, a)| fix.edits[k + 1..].iter().any(|b| conflict(a, b)))
                && (fix.applicability == Applicability::Unsafe
                    || !fix
                        .edits
                        .iter()
                        .any(|e| text_of(e).is_some_and(|t| touches_line_breaks(t, e))));
            if !well_formed {
                return None;
            }
            let start = fix.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
            Some((start, rule_rank(d.rule), i, d.rule, fix))
        })
        .collect();
    candidates.sort_by_key(|&(start, rank, i, _, _)| (start, rank, i));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut chosen = Vec::new();
    for (_, _, _, rule, fix) in candidates {
        if fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| conflict(e, t)))
        {
            continue;
        }
        taken.extend(fix.edits.iter());
        chosen.push((rule, fix));
    }
    chosen
}

/// Apply non-overlapping, valid edits to `text`. Bytes outside the edits are copied unchanged.
/// Callers pass edits chosen by [`select`]; edits that are invalid or overlap an earlier one are
/// skipped rather than applied half-way.
pub fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().copied().filter(|e| valid(text, e)).collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in sorted {
        if e.span.start < pos {
            continue;
        }
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Fix a checked document: apply the chosen fixes, re-parse with `reparse` (which gets the new
/// text of every file), re-lint, until no fix applies or [`MAX_PASSES`] is reached. The outcome
/// holds the final lint of the fixed text.
pub fn fix_report(
    report: FileReport,
    reparse: &dyn Fn(Vec<String>) -> Document,
    settings: &Settings,
    rules: &[ActiveRule],
    mode: FixMode,
) -> FixOutcome {
    let original: Vec<String> = report
        .doc
        .files
        .iter()
        .map(|f| f.text.to_string())
        .collect();
    let mut report = report;
    let mut applied = Vec::new();
    let mut passes = 0;
    let mut converged = true;
    loop {
        let texts: Vec<&str> = report.doc.files.iter().map(|f| f.text.as_str()).collect();
        let chosen = select(&texts, &report.diagnostics, mode);
        if chosen.is_empty() {
            break;
        }
        if passes == MAX_PASSES {
            converged = false;
            break;
        }
        let next: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let edits: Vec<&Edit> = chosen
                    .iter()
                    .flat_map(|(_, f)| f.edits.iter())
                    .filter(|e| e.file as usize == i)
                    .collect();
                apply(t, &edits)
            })
            .collect();
        for (rule, fix) in &chosen {
            applied.push(AppliedFix {
                rule,
                pass: passes,
                edits: fix.edits.clone(),
            });
        }
        passes += 1;
        if next.iter().zip(&texts).all(|(n, t)| n == t) {
            break;
        }
        let doc = reparse(next);
        let diagnostics = crate::lint::lint(&doc, settings, rules);
        report = FileReport { doc, diagnostics };
    }
    FixOutcome {
        original,
        report,
        applied,
        passes,
        converged,
    }
}

/// Parse options that keep the format the first parse found, so a fix cannot change it.
fn pinned(options: &ParseOptions, doc: &Document) -> ParseOptions {
    let mut o = options.clone();
    o.format = o.format.or(Some(doc.format));
    o
}

/// Fix text in memory (one file).
pub fn fix_text(
    path: &str,
    text: String,
    options: &ParseOptions,
    settings: &Settings,
    rules: &[ActiveRule],
    mode: FixMode,
) -> FixOutcome {
    let report = crate::check_text(path, text, options, settings, rules);
    let options = pinned(options, &report.doc);
    let reparse = |texts: Vec<String>| {
        let text = texts.into_iter().next().unwrap_or_default();
        crate::parse::parse(path, text, &options)
    };
    fix_report(report, &reparse, settings, rules, mode)
}

/// Read and fix one input — a file (`-` for standard input) or an original and its
/// translation; nothing is written.
pub fn fix_input(
    input: &crate::walk::Input,
    options: &ParseOptions,
    settings: &Settings,
    rules: &[ActiveRule],
    mode: FixMode,
) -> Result<FixOutcome> {
    match input {
        crate::walk::Input::One(path) => {
            let text = crate::parse::read(path)?;
            let shown = if path == "-" { "<stdin>" } else { path };
            Ok(fix_text(shown, text, options, settings, rules, mode))
        }
        crate::walk::Input::Two { source, target } => {
            let report = crate::check_two_files(source, target, options, settings, rules)?;
            let options = pinned(options, &report.doc);
            let reparse = |texts: Vec<String>| {
                let mut it = texts.into_iter();
                let s = it.next().unwrap_or_default();
                let t = it.next().unwrap_or_default();
                crate::parse::parse_two((source, s), (target, t), &options)
            };
            Ok(fix_report(report, &reparse, settings, rules, mode))
        }
    }
}

/// A unified diff from `old` to `new`, headed with `path` on both sides (`patch -p0` applies it).
/// Empty when the texts are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

/// Replace the file at `path` with `bytes` without a moment where it is half-written: write a
/// temporary file in the same folder, copy the permissions over, flush it to disk, rename it onto
/// the original. A symbolic link is followed, so the link stays a link.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source: std::io::Error| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let target = std::fs::canonicalize(path).map_err(io)?;
    let permissions = std::fs::metadata(&target).map_err(io)?.permissions();
    let dir = target.parent().unwrap_or_else(|| Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".translint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    std::fs::set_permissions(tmp.path(), permissions).map_err(io)?;
    tmp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn edit(s: usize, e: usize, r: &str) -> Edit {
        Edit {
            file: 0,
            span: Span::new(s, e),
            replacement: r.to_string().into(),
        }
    }

    fn diag(rule: &'static str, a: Applicability, edits: Vec<Edit>) -> Diagnostic {
        Diagnostic::new(
            rule,
            crate::diagnostic::Severity::Warning,
            0,
            Span::new(0, 0),
            "x",
        )
        .with_fix(Fix {
            applicability: a,
            title: "t".into(),
            edits,
        })
    }

    #[test]
    fn apply_keeps_bytes_outside_edits() {
        let t = "ab,cd,ef";
        let e1 = edit(2, 3, "，");
        let e2 = edit(5, 6, "，");
        assert_eq!(apply(t, &[&e2, &e1]), "ab，cd，ef");
        assert_eq!(apply(t, &[]), t);
    }

    #[test]
    fn swap_of_two_lines_applies_both_edits() {
        let t = "one\ntwo\n";
        let d = diag(
            "stray-line",
            Applicability::Unsafe,
            vec![edit(0, 3, "two"), edit(4, 7, "one")],
        );
        let ds = [d];
        let chosen = select(&[t], &ds, FixMode { unsafe_fixes: true });
        assert_eq!(chosen.len(), 1);
        let edits: Vec<&Edit> = chosen[0].1.edits.iter().collect();
        assert_eq!(apply(t, &edits), "two\none\n");
        assert!(select(&[t], &ds, FixMode::default()).is_empty());
    }

    #[test]
    fn overlapping_fix_is_skipped_whole() {
        let t = "abcdefgh";
        // First fix starts earlier and wins; the second overlaps one of its edits and is skipped
        // whole, including its edit that would not overlap.
        let a = diag("whitespace", Applicability::Safe, vec![edit(1, 3, "X")]);
        let b = diag(
            "whitespace",
            Applicability::Safe,
            vec![edit(2, 4, "Y"), edit(6, 7, "Z")],
        );
        let ds = [b, a];
        let chosen = select(&[t], &ds, FixMode::default());
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].1.edits[0].replacement, "X");
    }

    #[test]
    fn ties_go_to_the_rule_listed_first() {
        let t = "abcd";
        let late = diag("whitespace", Applicability::Safe, vec![edit(1, 2, "W")]);
        let early = diag(
            "halfwidth-punctuation",
            Applicability::Safe,
            vec![edit(1, 3, "H")],
        );
        let ds = [late, early];
        let chosen = select(&[t], &ds, FixMode::default());
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].0, "halfwidth-punctuation");
    }

    #[test]
    fn invalid_edits_and_safe_line_break_edits_are_refused() {
        let t = "中文\nab";
        let off_boundary = diag("whitespace", Applicability::Safe, vec![edit(1, 2, "")]);
        let out_of_range = diag("whitespace", Applicability::Safe, vec![edit(5, 99, "")]);
        let joins_lines = diag("whitespace", Applicability::Safe, vec![edit(6, 7, " ")]);
        let ds = [off_boundary, out_of_range, joins_lines];
        assert!(select(&[t], &ds, FixMode { unsafe_fixes: true }).is_empty());
    }

    #[test]
    fn diff_is_empty_for_equal_texts() {
        assert_eq!(unified_diff("p", "a\n", "a\n"), "");
        let d = unified_diff("p", "a\nb\n", "a\nc\n");
        assert!(d.starts_with("--- p\n+++ p\n@@"));
        assert!(d.contains("-b\n+c\n"));
    }
}
