//! `missing-translation`: a line with no partner in the other language, or an empty partner.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{FileId, Pair};
use crate::script::Script;

/// See `rules/missing-translation.toml`.
pub struct MissingTranslation;

static META: RuleMeta = RuleMeta {
    name: "missing-translation",
    severity: Severity::Error,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/missing-translation.toml"),
};

impl Rule for MissingTranslation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if ctx.doc.files.len() > 1 {
            dropped_cues(ctx, out);
        }
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let empty = |s: &crate::model::Segment| ctx.doc.text(s).trim().is_empty();
        // Two parallel files: a cue with no counterpart is judged against the other file's
        // timing, once per document (`check_document`).
        if ctx.doc.files.len() > 1 && (pair.source.is_none() || pair.target.is_none()) {
            return;
        }
        // A line without a partner inside a shift is where the shift starts or ends, and its
        // repair pairs the line with the neighbouring one (a line lost above it moved every
        // translation down a pair): `alignment-shift` reports it, and "no original" would
        // contradict that re-pairing. (Read only when `alignment-shift` runs, which computes
        // the alignment before the pass: this rule alone needs none.)
        let blank = |side: Option<crate::model::Segment>| side.is_none_or(|s| empty(&s));
        if (blank(pair.source) || blank(pair.target))
            && ctx.shifts_reported()
            && ctx.alignment().in_finding(pair.index)
        {
            return;
        }
        // Where the partner was looked for depends on the layout.
        let (no_translation, no_original) = if ctx.doc.files.len() > 1 {
            (
                "no cue or line of the translation file pairs with this one",
                "no cue or line of the original file pairs with this one",
            )
        } else if pair.timed_by.is_some() {
            (
                "this cue has no Chinese line",
                "this cue has no English line",
            )
        } else {
            (
                "no translation follows or precedes this line",
                "no original follows or precedes this line",
            )
        };
        match (pair.source, pair.target) {
            (Some(s), None) => out.push(
                Diagnostic::new(
                    META.name,
                    META.severity,
                    s.file,
                    s.span,
                    "English line has no Chinese translation",
                )
                .with_label(no_translation)
                .with_help(
                    "add the translation, or delete the line if it is not part of the dialogue",
                ),
            ),
            (None, Some(t)) => out.push(
                Diagnostic::new(
                    META.name,
                    META.severity,
                    t.file,
                    t.span,
                    "Chinese line has no English original",
                )
                .with_label(no_original)
                .with_help(
                    "add the original line, or delete the translation if it does not belong here",
                ),
            ),
            (Some(s), Some(t)) if s.script == Script::Han && t.script == Script::Han => out.push(
                Diagnostic::new(
                    META.name,
                    META.severity,
                    s.file,
                    s.span,
                    "the English original is missing: its place holds a copy of the Chinese line",
                )
                .with_label("Chinese where the English original belongs")
                .with_related(t.file, t.span, "the translation it copies")
                .with_help("put the English original here"),
            ),
            (Some(s), Some(t)) if empty(&t) && !empty(&s) => out.push(
                Diagnostic::new(
                    META.name,
                    META.severity,
                    s.file,
                    s.span,
                    "the translation of this line is empty",
                )
                .with_related(t.file, t.span, "empty translation"),
            ),
            (Some(s), Some(t)) if empty(&s) && !empty(&t) => out.push(
                Diagnostic::new(
                    META.name,
                    META.severity,
                    t.file,
                    t.span,
                    "the original of this translation is empty",
                )
                .with_related(s.file, s.span, "empty original"),
            ),
            _ => {}
        }
    }
}

/// In two parallel files, a cue (or line) with no counterpart in the other file: the
/// translation (or original) of that cue was dropped. translint pairs by timing, so the pairs
/// after it stay in step; a tool that pairs cue for cue would put every later pair off by one,
/// which the help says.
///
/// A cue whose time the other file's cues cover for the most part was not dropped: it was merged
/// into a longer cue, or the files were cut into cues independently (a short cue inside a longer
/// one of the other file). Only a cue spoken mostly over silence in the other file is reported.
///
/// A line inside a shift the alignment search found is left to `alignment-shift`: two
/// plain-text files pair line by line, so a line dropped near the top leaves the last line of
/// the other file alone, and the shift already names where the files part.
fn dropped_cues(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let in_shift = |k: usize| ctx.shifts_reported() && ctx.alignment().in_finding(k);
    let covers = [TimeCover::of(doc, 0), TimeCover::of(doc, 1)];
    for pair in doc.pairs.iter().filter(|p| !in_shift(p.index)) {
        let (seg, other, what, headline) = match (pair.source, pair.target) {
            (Some(s), None) => (
                s,
                1,
                "translation",
                "English line has no Chinese translation",
            ),
            (None, Some(t)) => (t, 0, "original", "Chinese line has no English original"),
            _ => continue,
        };
        let other_name = &doc.files[other.min(doc.files.len() - 1)].path;
        let label = match doc.timing(pair) {
            Some(t) if covers[other].covers_half(t.start_ms, t.end_ms) => continue,
            Some(_) => format!("no cue of {other_name} is spoken at this time"),
            None => format!("no line of {other_name} pairs with this one"),
        };
        out.push(
            Diagnostic::new(META.name, META.severity, seg.file, seg.span, headline)
                .with_label(label)
                .with_help(format!(
                    "add the missing {what} here: the cues after it are paired by timing and stay in step, but cue for cue (by index) every later pair would be off by one"
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
