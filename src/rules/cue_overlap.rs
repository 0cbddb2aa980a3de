//! `cue-overlap`: a cue that starts before the cue above it has ended.

use super::cue_common::{fmt_time, timed_cues_by_file, with_previous};
use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

/// See `rules/cue-overlap.toml`.
pub struct CueOverlap;

static META: RuleMeta = RuleMeta {
    name: "cue-overlap",
    severity: Severity::Error,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/cue-overlap.toml"),
};

impl Rule for CueOverlap {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_pair_rule(&self) -> bool {
        false
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for cues in timed_cues_by_file(ctx.doc) {
            for ((prev, pt), (cue, t)) in with_previous(cues) {
                // Out-of-order starts are `cue-order`'s; an empty previous cue overlaps nothing.
                if t.start_ms < pt.start_ms || pt.end_ms <= pt.start_ms {
                    continue;
                }
                // One subtitle written as one cue per language is not an overlap.
                if crate::parse::subtitle::shown_together(&ctx.doc.cue_lines, prev, cue) {
                    continue;
                }
                if t.start_ms < pt.end_ms {
                    out.push(
                        Diagnostic::new(
                            META.name,
                            META.severity,
                            cue.file,
                            t.span,
                            format!(
                                "cue starts at {}, {} ms before the cue above ends ({})",
                                fmt_time(ctx.doc, t.start_ms),
                                pt.end_ms - t.start_ms,
                                fmt_time(ctx.doc, pt.end_ms)
                            ),
                        )
                        .with_label("overlaps the cue above")
                        .with_related(prev.file, pt.span, "this cue is still on screen")
                        .with_help("end the cue above at least two frames before this one starts"),
                    );
                }
            }
        }
    }
}
