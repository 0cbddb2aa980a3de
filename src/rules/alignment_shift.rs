//! `alignment-shift`: from some pair on, translations belong to the neighbouring pair.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::align::dp::{Bead, Finding, ShiftKind};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{FileId, Segment};

/// See `rules/alignment-shift.toml`.
pub struct AlignmentShift;

static META: RuleMeta = RuleMeta {
    name: "alignment-shift",
    severity: Severity::Error,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/alignment-shift.toml"),
};

/// In two parallel files, a cue (or line) with no counterpart in the other file: one was dropped,
/// and a cue-for-cue pairing would be shifted by one from here on. translint pairs by timing, so
/// the pairs after it stay in step; the report names the place.
fn dropped_cues(doc: &crate::model::Document, out: &mut Vec<Diagnostic>) {
    let name = |f: FileId| doc.file(f).path.as_str();
    for pair in &doc.pairs {
        let (seg, here, other, what) = match (pair.source, pair.target) {
            (Some(s), None) => (s, s.file, 1, "translation"),
            (None, Some(t)) => (t, t.file, 0, "original"),
            _ => continue,
        };
        let (line, _) = doc.file(seg.file).line_col(seg.span.start);
        out.push(
            Diagnostic::new(
                META.name,
                META.severity,
                seg.file,
                seg.span,
                format!(
                    "alignment shifted at line {line} of {}: it has no counterpart in {} (a cue was dropped from the {what}); cue for cue, every later pair would be off by one",
                    name(here),
                    doc.files[other.min(doc.files.len() - 1)].path,
                ),
            )
            .with_label(format!("no {what} pairs with this"))
            .with_help(format!(
                "add the missing {what} here; the cues after it are paired by timing and stay in step"
            )),
        );
    }
}

impl Rule for AlignmentShift {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn uses_alignment(&self) -> bool {
        true
    }

    fn is_pair_rule(&self) -> bool {
        false
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let analysis = ctx.alignment();
        let line = |s: &Segment| doc.file(s.file).line_col(s.span.start).0;
        if doc.files.len() > 1 {
            dropped_cues(doc, out);
        }
        for finding in &analysis.findings {
            let Finding::Shift {
                start,
                end,
                kind,
                gain,
                ref repair,
            } = *finding
            else {
                continue;
            };
            // Anchor the report on the first pair with a translation, and name where it ends.
            let first = (start..end).find_map(|k| doc.pairs[k].target.or(doc.pairs[k].source));
            let last = (start..end)
                .rev()
                .find_map(|k| doc.pairs[k].target.or(doc.pairs[k].source));
            let (Some(first), Some(last)) = (first, last) else {
                continue;
            };
            let n = end - start;
            let (direction, cause) = match kind {
                ShiftKind::Dropped => (
                    "each translation belongs to the next pair's original",
                    "a translation is missing (or an original was added) here",
                ),
                ShiftKind::Inserted => (
                    "each translation belongs to the previous pair's original",
                    "a translation was added (or an original is missing) here",
                ),
            };
            let deletions: Vec<String> = repair
                .iter()
                .filter_map(|s| match s.bead {
                    Bead::OneZero => doc
                        .pairs
                        .get(s.en.start)
                        .and_then(|p| p.source)
                        .map(|e| format!("the English on line {} has no translation", line(&e))),
                    Bead::ZeroOne => doc
                        .pairs
                        .get(s.zh.start)
                        .and_then(|p| p.target)
                        .map(|z| format!("the Chinese on line {} has no original", line(&z))),
                    _ => None,
                })
                .collect();
            let repair_text = if deletions.is_empty() {
                "re-pair the lines of this region one step over".to_string()
            } else {
                format!(
                    "{}; re-pair the lines after it one step over",
                    deletions.join(", ")
                )
            };
            out.push(
                Diagnostic::new(
                    META.name,
                    META.severity,
                    first.file,
                    first.span,
                    format!(
                        "alignment shifted from line {} to line {} ({n} pairs): {direction}",
                        line(&first),
                        line(&last)
                    ),
                )
                .with_label(cause)
                .with_related(last.file, last.span, "back in step after this line")
                .with_help(format!(
                    "{repair_text} (the repaired pairing is e^{:.0} times likelier)",
                    (gain / 100.0).min(99.0)
                )),
            );
        }
    }
}
