//! `cue-order`: a cue that starts before the cue above it, or ends at or before its own start.

use super::cue_common::{fmt_time, timed_cues_by_file};
use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Cue, Timing};

/// See `rules/cue-order.toml`.
pub struct CueOrder;

static META: RuleMeta = RuleMeta {
    name: "cue-order",
    severity: Severity::Error,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/cue-order.toml"),
};

impl Rule for CueOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_pair_rule(&self) -> bool {
        false
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for cues in timed_cues_by_file(ctx.doc) {
            let mut previous: Option<(&Cue, Timing)> = None;
            for (cue, t) in cues {
                if t.end_ms <= t.start_ms {
                    out.push(
                        Diagnostic::new(
                            META.name,
                            META.severity,
                            cue.file,
                            t.span,
                            format!(
                                "cue ends at {} {} it starts ({}): duration {} ms",
                                fmt_time(ctx.doc, t.end_ms),
                                if t.end_ms == t.start_ms {
                                    "the moment"
                                } else {
                                    "before"
                                },
                                fmt_time(ctx.doc, t.start_ms),
                                t.end_ms - t.start_ms
                            ),
                        )
                        .with_label("end time not after start time")
                        .with_help("swap or correct the times; a player shows this cue never"),
                    );
                }
                if let Some((prev, pt)) = previous.replace((cue, t))
                    && t.start_ms < pt.start_ms
                {
                    out.push(
                        Diagnostic::new(
                            META.name,
                            META.severity,
                            cue.file,
                            t.span,
                            format!(
                                "cue starts at {}, before the cue above it ({})",
                                fmt_time(ctx.doc, t.start_ms),
                                fmt_time(ctx.doc, pt.start_ms)
                            ),
                        )
                        .with_label("out of order")
                        .with_related(prev.file, pt.span, "the cue above starts later")
                        .with_help("sort the cues by start time (and renumber them)"),
                    );
                }
            }
        }
    }
}
