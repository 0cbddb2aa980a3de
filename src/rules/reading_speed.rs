//! `reading-speed`: more characters per second than a viewer can read, per language of a cue.

use super::cue_common::{UntranslatedSlots, cover, line_width, lines_in, option, per_cue};
use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Segment;

/// See `rules/reading-speed.toml`.
pub struct ReadingSpeed;

static META: RuleMeta = RuleMeta {
    name: "reading-speed",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/reading-speed.toml"),
};

/// Netflix adult reading speeds: English (Template guide) 17 cps, Simplified Chinese 9 cps.
const MAX_CPS_EN: f64 = 17.0;
const MAX_CPS_ZH: f64 = 9.0;

impl Rule for ReadingSpeed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_pair_rule(&self) -> bool {
        false
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let max_en = option(ctx, META.name, "max-cps-en", MAX_CPS_EN);
        let max_zh = option(ctx, META.name, "max-cps-zh", MAX_CPS_ZH);
        let untranslated = UntranslatedSlots::of(ctx.doc);
        // Cues are in file order, so this is each file's timed cues in turn.
        per_cue(&ctx.doc.cues, out, |cue, out| {
            let Some((start_ms, end_ms)) = cue.times else {
                return;
            };
            let ms = end_ms - start_ms;
            if ms <= 0 {
                return;
            }
            let secs = ms as f64 / 1000.0;
            let all = ctx.doc.lines_of(cue);
            // A copy of an earlier line of the cue (the original pasted where its translation
            // belongs, `duplicated-untranslated-line`'s finding) is not more text to read.
            let copied = |l: &Segment| {
                let text = ctx.doc.slice(l.file, l.span);
                all.iter()
                    .take_while(|e| e.span.start < l.span.start)
                    .any(|e| e.script == l.script && ctx.doc.slice(e.file, e.span) == text)
            };
            for (chinese, max, lang) in [(true, max_zh, "Chinese"), (false, max_en, "English")] {
                let lines =
                    lines_in(ctx.doc, cue, chinese).filter(|l| !copied(l) && !untranslated.hold(l));
                let Some(span) = cover(lines.clone()) else {
                    continue;
                };
                let chars: f64 = lines
                    .map(|l| line_width(ctx.doc.slice(l.file, l.span), chinese))
                    .sum();
                let cps = chars / secs;
                if cps > max {
                    out.push(
                        Diagnostic::new(
                            META.name,
                            META.severity,
                            cue.file,
                            span,
                            format!(
                                "{lang} reading speed {cps:.1} characters per second (limit {max}): {chars} characters in {secs:.2} s"
                            ),
                        )
                        .with_related(cue.file, cue.timing_line, "the cue's timing")
                        .with_help(format!(
                            "shorten the text, or show the cue for at least {:.2} s",
                            chars / max
                        )),
                    );
                }
            }
        });
    }
}
