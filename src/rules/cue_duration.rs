//! `cue-duration`: a cue on screen too briefly to be read, or so long it outlasts its speech.

use super::cue_common::{fmt_time, option, timed_cues_by_file};
use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

/// See `rules/cue-duration.toml`.
pub struct CueDuration;

static META: RuleMeta = RuleMeta {
    name: "cue-duration",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/cue-duration.toml"),
};

/// Netflix Timed Text Style Guide: at least 5/6 s (20 frames at 24 fps), at most 7 s.
const MIN_MS: f64 = 833.0;
const MAX_MS: f64 = 7000.0;

impl Rule for CueDuration {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_pair_rule(&self) -> bool {
        false
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let min = option(ctx, META.name, "min-ms", MIN_MS);
        let max = option(ctx, META.name, "max-ms", MAX_MS);
        for cues in timed_cues_by_file(ctx.doc) {
            for (cue, t) in cues {
                let d = t.end_ms - t.start_ms;
                if d <= 0 {
                    continue; // `cue-order`
                }
                let (what, help) = if (d as f64) < min {
                    (
                        format!("shown for {d} ms, less than {min} ms"),
                        "extend the end time (into the gap before the next cue) or merge it with a neighbour",
                    )
                } else if (d as f64) > max {
                    (
                        format!("shown for {d} ms, more than {max} ms"),
                        "split the cue, or end it when the speech ends",
                    )
                } else {
                    continue;
                };
                out.push(
                    Diagnostic::new(
                        META.name,
                        META.severity,
                        cue.file,
                        t.span,
                        format!(
                            "cue {} → {} is {what}",
                            fmt_time(ctx.doc, t.start_ms),
                            fmt_time(ctx.doc, t.end_ms)
                        ),
                    )
                    .with_help(help),
                );
            }
        }
    }
}
