//! `alignment-shift`: from some pair on, translations belong to the neighbouring pair.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::align::dp::{Bead, Finding, ShiftKind};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Segment;

/// See `rules/alignment-shift.toml`.
pub struct AlignmentShift;

/// The rule's name, for the rules that leave lines inside a shift to it.
pub const NAME: &str = "alignment-shift";

static META: RuleMeta = RuleMeta {
    name: NAME,
    severity: Severity::Error,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/alignment-shift.toml"),
};

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
            // Anchor the report on the first pair with a translation, and name where it ends,
            // on the same side when it can (two files have two sets of line numbers).
            let first = (start..end).find_map(|k| doc.pairs[k].target.or(doc.pairs[k].source));
            let Some(first) = first else {
                continue;
            };
            let same_side = |p: &crate::model::Pair| {
                [p.target, p.source]
                    .into_iter()
                    .flatten()
                    .find(|s| s.file == first.file)
            };
            let last = (start..end)
                .rev()
                .find_map(|k| same_side(&doc.pairs[k]))
                .unwrap_or(first);
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
            // In two-file mode a line of the other file names its file.
            let other_file = |file| {
                if file == first.file {
                    String::new()
                } else {
                    format!(" of {}", doc.file(file).path)
                }
            };
            let deletions: Vec<String> = repair
                .iter()
                .filter_map(|s| match s.bead {
                    // An empty slot (a table's empty cell) is no line to name: the line that
                    // lost its partner is the one the repair deletes with text.
                    Bead::OneZero => doc
                        .pairs
                        .get(s.en.start)
                        .and_then(|p| p.source)
                        .filter(|e| !e.span.is_empty())
                        .map(|e| {
                            format!(
                                "the English on line {}{} has no translation",
                                line(&e),
                                other_file(e.file)
                            )
                        }),
                    Bead::ZeroOne => doc
                        .pairs
                        .get(s.zh.start)
                        .and_then(|p| p.target)
                        .filter(|z| !z.span.is_empty())
                        .map(|z| {
                            format!(
                                "the Chinese on line {}{} has no original",
                                line(&z),
                                other_file(z.file)
                            )
                        }),
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
                        line(&last),
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
