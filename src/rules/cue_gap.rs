//! `cue-gap`: two cues so close that the change is not seen as a new subtitle.

use super::cue_common::{fmt_time, option, timed_cues_by_file, with_previous};
use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

/// See `rules/cue-gap.toml`.
pub struct CueGap;

static META: RuleMeta = RuleMeta {
    name: "cue-gap",
    severity: Severity::Info,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/cue-gap.toml"),
};

impl Rule for CueGap {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_pair_rule(&self) -> bool {
        false
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let frames = option(ctx, META.name, "min-frames", 2.0);
        let fps = option(ctx, META.name, "fps", 24.0);
        if fps <= 0.0 {
            return;
        }
        // Cue times are whole milliseconds: a gap of exactly two frames at 24 fps (83.3 ms) is
        // written 83 or 84 ms, so the bound is the frames' length rounded down.
        let min_gap = (frames * 1000.0 / fps).floor();
        for cues in timed_cues_by_file(ctx.doc) {
            for ((prev, pt), (cue, t)) in with_previous(cues) {
                let gap = t.start_ms - pt.end_ms;
                // Overlaps and disorder are `cue-overlap` and `cue-order`.
                if gap < 0 || t.start_ms < pt.start_ms || (gap as f64) >= min_gap {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        META.name,
                        META.severity,
                        cue.file,
                        t.span,
                        format!(
                            "{gap} ms between the cue above (ends {}) and this one; at least {frames} frames ({:.0} ms at {fps} fps) let the eye see a new subtitle",
                            fmt_time(ctx.doc, pt.end_ms),
                            min_gap
                        ),
                    )
                    .with_related(prev.file, pt.span, "the cue above")
                    .with_help("end the cue above two frames before this one starts"),
                );
            }
        }
    }
}
