//! `alignment-shift`: from some pair on, translations belong to the neighbouring pair.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::align::dp::{Bead, Finding, ShiftKind};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{FileId, Segment};

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

/// In two parallel files, a cue (or line) with no counterpart in the other file: one was dropped,
/// and a cue-for-cue pairing would be shifted by one from here on. translint pairs by timing, so
/// the pairs after it stay in step; the report names the place.
///
/// A cue whose time the other file's cues cover for the most part was not dropped: it was merged
/// into a longer cue, or the files were cut into cues independently (a short cue inside a longer
/// one of the other file). Only a cue spoken mostly over silence in the other file is reported.
///
/// A line inside a shift the alignment search found is not reported again: two plain-text files
/// pair line by line, so a line dropped near the top leaves the last line of the other file
/// alone, and the shift already names where the files part.
fn dropped_cues(
    doc: &crate::model::Document,
    analysis: &crate::align::Analysis,
    out: &mut Vec<Diagnostic>,
) {
    let name = |f: FileId| doc.file(f).path.as_str();
    let covers = [TimeCover::of(doc, 0), TimeCover::of(doc, 1)];
    for pair in doc.pairs.iter().filter(|p| !analysis.in_finding(p.index)) {
        let (seg, here, other, what) = match (pair.source, pair.target) {
            (Some(s), None) => (s, s.file, 1, "translation"),
            (None, Some(t)) => (t, t.file, 0, "original"),
            _ => continue,
        };
        if let Some(t) = doc.timing(pair)
            && covers[other].covers_half(t.start_ms, t.end_ms)
        {
            continue;
        }
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

/// The time a file's cues cover: is a cue of the other file spoken over, or was it dropped?
struct TimeCover {
    /// Cue (start, end) in ms, sorted by start.
    cues: Vec<(i64, i64)>,
    /// The latest end among `cues[..=k]` (non-decreasing, so it can be binary searched).
    end_so_far: Vec<i64>,
}

impl TimeCover {
    fn of(doc: &crate::model::Document, file: FileId) -> Self {
        TimeCover::from_cues(
            doc.cues
                .iter()
                .filter(|c| c.file == file)
                .filter_map(|c| c.times)
                .collect(),
        )
    }

    /// The cover of cues given as (start, end) in ms, in any order.
    fn from_cues(mut cues: Vec<(i64, i64)>) -> Self {
        cues.sort_unstable();
        let end_so_far = cues
            .iter()
            .scan(i64::MIN, |latest, &(_, end)| {
                *latest = (*latest).max(end);
                Some(*latest)
            })
            .collect();
        TimeCover { cues, end_so_far }
    }

    /// Whether the cues cover at least half of `start..end` (a zero-length cue counts as one
    /// millisecond). Only the cues between the first that reaches past `start` and the last
    /// that begins before `end` are visited: the ones that overlap, a few at most.
    fn covers_half(&self, start: i64, end: i64) -> bool {
        let end = end.max(start.saturating_add(1));
        let from = self.end_so_far.partition_point(|&e| e <= start);
        let until = self.cues.partition_point(|&(s, _)| s < end);
        let covered: i64 = self
            .cues
            .get(from..until)
            .unwrap_or(&[])
            .iter()
            .map(|&(s, e)| (e.min(end) - s.max(start)).max(0))
            .sum();
        2 * covered.min(end - start) >= end - start
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
            dropped_cues(doc, analysis, out);
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
                        .map(|e| format!("the English on line {} has no translation", line(&e))),
                    Bead::ZeroOne => doc
                        .pairs
                        .get(s.zh.start)
                        .and_then(|p| p.target)
                        .filter(|z| !z.span.is_empty())
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

#[cfg(test)]
mod tests {
    use super::TimeCover;

    fn cover(cues: &[(i64, i64)]) -> TimeCover {
        TimeCover::from_cues(cues.to_vec())
    }

    #[test]
    fn half_covered_or_not() {
        let c = cover(&[(0, 4000), (5000, 6000), (9000, 20000)]);
        assert!(c.covers_half(1000, 3000), "inside one cue");
        assert!(c.covers_half(3000, 5000), "half by the first");
        assert!(!c.covers_half(6000, 9000), "a gap between cues");
        assert!(!c.covers_half(3500, 5400), "under half: 500 + 400 of 1900");
        assert!(c.covers_half(10000, 10000), "an instant inside a long cue");
        assert!(!c.covers_half(7000, 7000), "an instant in a gap");
        assert!(!cover(&[]).covers_half(0, 100));
    }
}
