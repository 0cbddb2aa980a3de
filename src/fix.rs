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
use std::fmt::Write as _;
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
/// arbitrary): the definition [`EditSet`] answers for many edits at once.
#[cfg(test)]
fn conflict(a: &Edit, b: &Edit) -> bool {
    a.file == b.file
        && ((a.span.start < b.span.end && b.span.start < a.span.end)
            || a.span.start == b.span.start)
}

/// Edits no two of which conflict (touch the same bytes, or insert at the same place), ordered
/// by file and start, so that whether a new edit conflicts with any of them is two lookups. A list scanned for each edit made fixing
/// a transcript with half a million ASCII commas quadratic (a thousand seconds), and so was one
/// line's fix with a hundred thousand edits.
///
/// No two members conflict, so no two share a start, and each member ends before the next one
/// starts (an insertion inside another edit, or at its start, would conflict with it): ends
/// rise with starts. A new edit `[s, e)` then overlaps a member exactly when the last member
/// starting before `e` ends after `s`, and conflicts exactly when it does or a member starts at
/// `s`.
#[derive(Default)]
struct EditSet {
    /// (file, start) → end of each member.
    ends: BTreeMap<(crate::model::FileId, usize), usize>,
}

impl EditSet {
    /// Whether `e` conflicts with a member.
    fn conflicts(&self, e: &Edit) -> bool {
        let (file, s) = (e.file, e.span.start);
        self.ends.contains_key(&(file, s))
            || self
                .ends
                .range((file, 0)..(file, e.span.end))
                .next_back()
                .is_some_and(|(_, &end)| end > s)
    }

    /// Adds `e`, which conflicts with no member.
    fn insert(&mut self, e: &Edit) {
        self.ends.insert((e.file, e.span.start), e.span.end);
    }
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
            let fix = d.fix.as_deref()?;
            if !mode.allows(fix.applicability) || fix.edits.is_empty() {
                return None;
            }
            let text_of = |e: &Edit| texts.get(e.file as usize).copied();
            let well_formed = fix
                .edits
                .iter()
                .all(|e| text_of(e).is_some_and(|t| valid(t, e)))
                && !conflicting(&fix.edits)
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
    let mut taken = EditSet::default();
    let mut chosen = Vec::new();
    for (_, _, _, rule, fix) in candidates {
        if fix.edits.iter().any(|e| taken.conflicts(e)) {
            continue;
        }
        for e in &fix.edits {
            taken.insert(e);
        }
        chosen.push((rule, fix));
    }
    chosen
}

/// Whether two of `edits` conflict.
fn conflicting(edits: &[Edit]) -> bool {
    let mut seen = EditSet::default();
    edits.iter().any(|e| {
        let clash = seen.conflicts(e);
        seen.insert(e);
        clash
    })
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
    // The text as read, taken from the first pass's document when it is freed (a copy made
    // up front was the size of the input, held for the whole run).
    let mut original: Option<Vec<String>> = None;
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
        // A subtitle file numbered 1, 2, 3… keeps its numbering when a fix deletes cues; the
        // renumbering belongs to the first fix that deleted one.
        let mut renumbered: Vec<(usize, Vec<Edit>)> = Vec::new();
        let next: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut edits: Vec<&Edit> = chosen
                    .iter()
                    .flat_map(|(_, f)| f.edits.iter())
                    .filter(|e| e.file as usize == i)
                    .collect();
                let file = i as crate::model::FileId;
                if let Some((by, renumber)) = renumbering(&report.doc, file, &chosen) {
                    renumbered.push((by, renumber));
                    edits.extend(renumbered.last().map_or(&[][..], |(_, r)| r.as_slice()));
                }
                apply(t, &edits)
            })
            .collect();
        for (k, (rule, fix)) in chosen.iter().enumerate() {
            let mut edits = fix.edits.clone();
            for (_, renumber) in renumbered.iter().filter(|(by, _)| *by == k) {
                edits.extend(renumber.iter().cloned());
            }
            applied.push(AppliedFix {
                rule,
                pass: passes,
                edits,
            });
        }
        passes += 1;
        if next.iter().zip(&texts).all(|(n, t)| n == t) {
            break;
        }
        // The pass's document and findings are done with: freed before the new text is parsed
        // and linted, not kept beside it (a file with 600,000 findings: 1.06 GB at the peak).
        drop((chosen, texts));
        {
            let FileReport { doc, diagnostics } = report;
            drop(diagnostics);
            let files = doc.files;
            if original.is_none() {
                original = Some(files.into_iter().map(|f| f.text.into_string()).collect());
            }
        }
        let doc = reparse(next);
        let diagnostics = crate::lint::lint(&doc, settings, rules);
        report = FileReport { doc, diagnostics };
    }
    let original = original.unwrap_or_else(|| {
        // Nothing changed: the text as read is the text as it is.
        report
            .doc
            .files
            .iter()
            .map(|f| f.text.to_string())
            .collect()
    });
    FixOutcome {
        original,
        report,
        applied,
        passes,
        converged,
    }
}

/// The edits that renumber file `file`'s cues when the `chosen` fixes delete some of them, and
/// the index of the first such fix: only for a file whose every cue is numbered in sequence
/// (1, 2, 3…, from any start), as SRT requires and converters check, so a gap left by a
/// deleted cue would be the fix's own damage. A file numbered otherwise keeps its numbers, and
/// nothing is renumbered when another fix of the pass edits a cue number.
fn renumbering(
    doc: &Document,
    file: crate::model::FileId,
    chosen: &[(&'static str, &Fix)],
) -> Option<(usize, Vec<Edit>)> {
    use crate::model::Span;
    // The pass's edits of the file by position (chosen fixes never overlap), with their fix.
    let mut edits: Vec<(Span, usize)> = chosen
        .iter()
        .enumerate()
        .flat_map(|(k, (_, f))| f.edits.iter().map(move |e| (e, k)))
        .filter(|(e, _)| e.file == file)
        .map(|(e, k)| (e.span, k))
        .collect();
    if edits.is_empty() || !doc.cues.iter().any(|c| c.file == file) {
        return None;
    }
    edits.sort_unstable_by_key(|(span, _)| (span.start, span.end));
    // `Some(Some(k))`: fix `k` deletes cue number `id`; `None`: an edit only touches it.
    let fate = |id: Span| -> Option<Option<usize>> {
        let after = edits.partition_point(|(e, _)| e.start <= id.start);
        let before = after.checked_sub(1).map(|i| edits[i]);
        if let Some((e, k)) = before
            && id.end <= e.end
            && (e.start < id.start || e.end > id.end || id.is_empty())
        {
            return Some(Some(k));
        }
        let touches =
            |e: &Span| e.start < id.end.max(id.start + 1) && id.start < e.end.max(e.start + 1);
        let near = before.iter().chain(edits.get(after));
        if near.clone().any(|(e, _)| touches(e)) {
            return None;
        }
        Some(None)
    };
    let text = doc.file(file).text.as_str();
    let ids: Vec<(Span, u64)> = doc
        .cues
        .iter()
        .filter(|c| c.file == file)
        .map(|c| {
            let id = c.id?;
            Some((id, text.get(id.start..id.end)?.parse().ok()?))
        })
        .collect::<Option<_>>()?;
    let first = ids.first()?.1;
    // Checked: a hostile file's numbers may sit at the top of the range.
    let in_sequence = ids
        .iter()
        .enumerate()
        .all(|(k, &(_, n))| u64::try_from(k).ok().and_then(|k| first.checked_add(k)) == Some(n));
    if !in_sequence {
        return None;
    }
    let mut by = None;
    let mut renumber = Vec::new();
    let mut next = first;
    for &(id, n) in &ids {
        match fate(id)? {
            Some(k) => {
                by.get_or_insert(k);
            }
            None => {
                if n != next {
                    renumber.push(Edit {
                        file,
                        span: id,
                        replacement: next.to_string().into(),
                    });
                }
                // At most `n`: the survivors are numbered no higher than they were.
                next = next.saturating_add(1);
            }
        }
    }
    Some((by?, renumber))
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
            let shown = options.shown(path);
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

/// Lines of context around each change of a unified diff.
const DIFF_CONTEXT: usize = 3;

/// Lines ahead on each side within which a diff of texts whose line counts differ looks for the
/// next line they share: a fix adds, removes or joins a line or two at a time.
const DIFF_LOOKAHEAD: usize = 16;

/// A unified diff from `old` to `new`, headed with `path` on both sides (`patch -p0` applies it).
/// Empty when the texts are equal.
///
/// The diff is read off in linear time, not searched for: fixes change the text in place, and
/// a shortest-diff search took minutes on a repetitive transcript with tens of thousands of
/// changed lines (480,000 lines: 128 s), and longer beyond. When the texts have as many lines
/// (all safe fixes keep every line break; swaps too), line `k` of the new text is line `k` of
/// the old one. When fixes added or removed lines, the diff walks both texts and, at each
/// difference, resumes at the nearest pair of equal lines within [`DIFF_LOOKAHEAD`] lines.
/// Either way the result is a correct diff, written as `similar` writes one.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let (a, b) = (diff_lines(old), diff_lines(new));
    let ops = if a.len() == b.len() {
        in_place_ops(&a, &b)
    } else {
        resyncing_ops(&a, &b)
    };
    // Each hunk's header, its lines tagged ` `, `-` or `+` (a changed run's old lines before its
    // new ones), and a mark after a last line that has no line break.
    let mut out = format!("--- {path}\n+++ {path}\n");
    let line = |out: &mut String, tag: char, text: &str| {
        out.push(tag);
        out.push_str(text);
        if !text.ends_with(['\r', '\n']) {
            out.push_str("\n\\ No newline at end of file\n");
        }
    };
    let range = |r: std::ops::Range<usize>| match r.len() {
        1 => format!("{}", r.start + 1),
        0 => format!("{},0", r.start),
        len => format!("{},{len}", r.start + 1),
    };
    for hunk in similar::group_diff_ops(ops, DIFF_CONTEXT) {
        let (Some(first), Some(last)) = (hunk.first(), hunk.last()) else {
            continue;
        };
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        let _ = writeln!(out, "@@ -{} +{} @@", range(old_range), range(new_range));
        for op in &hunk {
            if op.tag() == similar::DiffTag::Equal {
                a[op.old_range()]
                    .iter()
                    .for_each(|l| line(&mut out, ' ', l));
            } else {
                a[op.old_range()]
                    .iter()
                    .for_each(|l| line(&mut out, '-', l));
                b[op.new_range()]
                    .iter()
                    .for_each(|l| line(&mut out, '+', l));
            }
        }
    }
    out
}

/// The runs of equal and changed lines of two texts of as many lines, line `k` against line `k`.
fn in_place_ops(a: &[&str], b: &[&str]) -> Vec<similar::DiffOp> {
    let mut ops = DiffOps::default();
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        if x == y {
            ops.equal(k, k, 1);
        } else {
            ops.change(k, k, 1, 1);
        }
    }
    ops.0
}

/// The equal and changed lines of two texts of different line counts: equal lines are taken as
/// they come; at a difference the walk resumes at the nearest lines that are equal (fewest lines
/// skipped in all, then more old lines than new), or, with none within [`DIFF_LOOKAHEAD`],
/// counts one line of each as changed and goes on.
fn resyncing_ops(a: &[&str], b: &[&str]) -> Vec<similar::DiffOp> {
    let mut ops = DiffOps::default();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            ops.equal(i, j, 1);
            i += 1;
            j += 1;
            continue;
        }
        let resume = (1..=2 * DIFF_LOOKAHEAD).find_map(|d| {
            (d.saturating_sub(DIFF_LOOKAHEAD)..=d.min(DIFF_LOOKAHEAD))
                .rev()
                .map(|x| (x, d - x))
                .find(
                    |&(x, y)| matches!((a.get(i + x), b.get(j + y)), (Some(p), Some(q)) if p == q),
                )
        });
        let (x, y) = resume.unwrap_or((1, 1));
        ops.change(i, j, x, y);
        i += x;
        j += y;
    }
    ops.change(i, j, a.len() - i, b.len() - j);
    ops.0
}

/// Diff operations built a line at a time, neighbours of one kind merged: a run of changed lines
/// is one operation, whose old lines are all written before its new ones.
#[derive(Default)]
struct DiffOps(Vec<similar::DiffOp>);

impl DiffOps {
    /// `len` equal lines from old line `i` and new line `j`.
    fn equal(&mut self, i: usize, j: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(similar::DiffOp::Equal { len: last, .. }) = self.0.last_mut() {
            *last += len;
        } else {
            self.0.push(similar::DiffOp::Equal {
                old_index: i,
                new_index: j,
                len,
            });
        }
    }

    /// `del` old lines from `i` replaced by `ins` new lines from `j`.
    fn change(&mut self, i: usize, j: usize, del: usize, ins: usize) {
        if del + ins == 0 {
            return;
        }
        // Merged with the changed lines just before.
        let (i, j, del, ins) = match self.0.last() {
            Some(last) if last.tag() != similar::DiffTag::Equal => {
                let (o, n) = (last.old_range(), last.new_range());
                self.0.pop();
                (o.start, n.start, o.len() + del, n.len() + ins)
            }
            _ => (i, j, del, ins),
        };
        self.0.push(match (del, ins) {
            (0, _) => similar::DiffOp::Insert {
                old_index: i,
                new_index: j,
                new_len: ins,
            },
            (_, 0) => similar::DiffOp::Delete {
                old_index: i,
                old_len: del,
                new_index: j,
            },
            _ => similar::DiffOp::Replace {
                old_index: i,
                old_len: del,
                new_index: j,
                new_len: ins,
            },
        });
    }
}

/// The lines of `text` as a line diff sees them: each with its line break (`\n`, `\r\n` or a
/// lone `\r`), the last one perhaps without.
fn diff_lines(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(at) = memchr::memchr2(b'\n', b'\r', &b[i..]) {
        let mut end = i + at + 1;
        if b[end - 1] == b'\r' && b.get(end) == Some(&b'\n') {
            end += 1;
        }
        lines.push(&text[start..end]);
        start = end;
        i = end;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// Replace the file at `path` with `bytes` without a moment where it is half-written: write a
/// temporary file in the same folder, copy the permissions over, flush it to disk, rename it onto
/// the original. A symbolic link is followed, so the link stays a link.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source: std::io::Error| Error::Write {
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
    use crate::model::{FileId, Span};

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

    /// A short edit on one of two files, often an insertion, often sharing a start or an end.
    fn random_edit(next: &mut impl FnMut() -> u64) -> Edit {
        let start = (next() % 24) as usize;
        let len = [0, 0, 1, 2, 3][(next() % 5) as usize];
        Edit {
            file: (next() % 2) as FileId,
            span: Span::new(start, start + len),
            replacement: "".into(),
        }
    }

    #[test]
    fn the_edit_set_finds_the_conflicts_the_pairwise_test_finds() {
        let mut next = crate::test_support::xorshift(0xf1c5);
        for _ in 0..2_000 {
            let n = 1 + (next() % 12) as usize;
            let edits: Vec<Edit> = (0..n).map(|_| random_edit(&mut next)).collect();
            let pairwise = edits
                .iter()
                .enumerate()
                .any(|(k, a)| edits[k + 1..].iter().any(|b| conflict(a, b)));
            assert_eq!(conflicting(&edits), pairwise, "{edits:?}");
            // Taken greedily, as `select` takes fixes: the set and a list decide alike.
            let (mut set, mut list) = (EditSet::default(), Vec::<Edit>::new());
            for e in edits {
                let by_list = list.iter().any(|t| conflict(&e, t));
                assert_eq!(set.conflicts(&e), by_list, "{e:?} against {list:?}");
                if !by_list {
                    set.insert(&e);
                    list.push(e);
                }
            }
        }
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
    fn a_diff_in_place_is_the_diff_similar_writes() {
        // Lines changed in place (each old and new line distinct, so the shortest diff is the
        // line-by-line one), with every kind of line break and a last line without one.
        let mut next = crate::test_support::xorshift(0xd1ff);
        for round in 0..500 {
            let n = 1 + (next() % 40) as usize;
            let breaks = ["\n", "\r\n", "\r"];
            let mut old = String::new();
            let mut new = String::new();
            for k in 0..n {
                let brk = if k + 1 == n && round % 3 == 0 {
                    ""
                } else {
                    breaks[(next() % 3) as usize]
                };
                old.push_str(&format!("line {k}{brk}"));
                if next().is_multiple_of(4) {
                    new.push_str(&format!("line {k}, fixed{brk}"));
                } else {
                    new.push_str(&format!("line {k}{brk}"));
                }
            }
            let by_similar = if old == new {
                String::new()
            } else {
                similar::TextDiff::from_lines(old.as_str(), new.as_str())
                    .unified_diff()
                    .context_radius(DIFF_CONTEXT)
                    .header("p", "p")
                    .to_string()
            };
            assert_eq!(
                unified_diff("p", &old, &new),
                by_similar,
                "{old:?} → {new:?}"
            );
        }
    }

    /// `old` with a unified diff of it applied (lines ending in `\n`, the last perhaps not).
    fn patched(old: &str, diff: &str) -> String {
        let old_lines = diff_lines(old);
        let mut out: Vec<String> = Vec::new();
        let mut at = 0;
        // Whether the diff's last line went to the output (a mark of a missing line break
        // applies to the line before it, which a `-` line does not give).
        let mut kept = false;
        for l in diff.split_inclusive('\n').skip(2) {
            if let Some(header) = l.strip_prefix("@@ -") {
                let start: usize = header
                    .split([',', ' '])
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                // A hunk that deletes from an empty range names the line before it.
                let start = if header.split(' ').next().is_some_and(|r| r.ends_with(",0")) {
                    start
                } else {
                    start.saturating_sub(1)
                };
                out.extend(old_lines[at..start].iter().map(|s| s.to_string()));
                at = start;
            } else if l.starts_with('\\') {
                if let Some(last) = out.last_mut().filter(|_| kept) {
                    last.pop();
                }
            } else if let Some(text) = l.strip_prefix('+') {
                out.push(text.to_string());
                kept = true;
            } else if let Some(text) = l.strip_prefix(' ') {
                out.push(text.to_string());
                at += 1;
                kept = true;
            } else if l.starts_with('-') {
                at += 1;
                kept = false;
            }
        }
        out.extend(old_lines[at..].iter().map(|s| s.to_string()));
        out.concat()
    }

    #[test]
    fn a_diff_across_added_and_removed_lines_patches_old_into_new() {
        // Lines removed, added, changed and joined here and there (as unsafe fixes do), among
        // lines of which some repeat.
        let mut next = crate::test_support::xorshift(0x5ca1e);
        for round in 0..1_000 {
            let n = (next() % 60) as usize;
            let old_lines: Vec<String> = (0..n)
                .map(|k| {
                    if next().is_multiple_of(5) {
                        "Yes.\n".to_string()
                    } else {
                        format!("line {k}\n")
                    }
                })
                .collect();
            let mut new_lines = Vec::new();
            let mut k = 0;
            while k < n {
                match next() % 12 {
                    0 => {}
                    1 => new_lines.push(format!("inserted {k}\n")),
                    2 => new_lines.push(format!("changed {k}\n")),
                    3 if k + 1 < n => {
                        new_lines.push(format!("joined {k}\n"));
                        k += 1;
                    }
                    _ => new_lines.push(old_lines[k].clone()),
                }
                k += 1;
            }
            let (mut old, mut new) = (old_lines.concat(), new_lines.concat());
            if round % 4 == 0 {
                old.pop();
                new.pop();
            }
            let diff = unified_diff("p", &old, &new);
            assert_eq!(patched(&old, &diff), new, "{old:?} → {new:?}\n{diff}");
        }
    }

    #[test]
    fn a_lone_removed_or_added_line_is_diffed_as_similar_diffs_it() {
        let old: String = (0..30).map(|k| format!("line {k}\n")).collect();
        for (at, added) in [(0, false), (7, true), (15, false), (29, true), (29, false)] {
            let mut lines: Vec<String> = old.split_inclusive('\n').map(String::from).collect();
            if added {
                lines.insert(at, "a new line\n".to_string());
            } else {
                lines.remove(at);
            }
            let new = lines.concat();
            let by_similar = similar::TextDiff::from_lines(old.as_str(), new.as_str())
                .unified_diff()
                .context_radius(DIFF_CONTEXT)
                .header("p", "p")
                .to_string();
            assert_eq!(unified_diff("p", &old, &new), by_similar, "{at} {added}");
        }
    }

    #[test]
    fn diff_lines_split_as_similar_splits() {
        for t in ["", "a", "a\n", "a\r\nb\rc\n\nd", "\r\r\n\n", "中文\r\n"] {
            let theirs: Vec<&str> = similar::TextDiff::from_lines(t, "").old_slices().to_vec();
            assert_eq!(diff_lines(t), theirs, "{t:?}");
        }
    }

    #[test]
    fn diff_is_empty_for_equal_texts() {
        assert_eq!(unified_diff("p", "a\n", "a\n"), "");
        let d = unified_diff("p", "a\nb\n", "a\nc\n");
        assert!(d.starts_with("--- p\n+++ p\n@@"));
        assert!(d.contains("-b\n+c\n"));
    }
}
