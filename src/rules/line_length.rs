//! `line-length`: a subtitle line too long to read at a glance, or too many lines in one language.

use super::cue_common::{UntranslatedSlots, cover, line_width, lines_in, option, per_cue};
use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

/// See `rules/line-length.toml`.
pub struct LineLength;

static META: RuleMeta = RuleMeta {
    name: "line-length",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/line-length.toml"),
};

/// Netflix: 42 characters per English line, 16 per Simplified Chinese line, 2 lines.
const MAX_EN: f64 = 42.0;
const MAX_ZH: f64 = 16.0;
const MAX_LINES: f64 = 2.0;

impl Rule for LineLength {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_pair_rule(&self) -> bool {
        false
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let max_en = option(ctx, META.name, "max-chars-en", MAX_EN);
        let max_zh = option(ctx, META.name, "max-chars-zh", MAX_ZH);
        let max_lines = option(ctx, META.name, "max-lines", MAX_LINES);
        let untranslated = UntranslatedSlots::of(ctx.doc);
        per_cue(&ctx.doc.cues, out, |cue, out| {
            for (chinese, max, lang) in [(true, max_zh, "Chinese"), (false, max_en, "English")] {
                let lines = lines_in(ctx.doc, cue, chinese).filter(|l| !untranslated.hold(l));
                for l in lines.clone() {
                    let w = line_width(ctx.doc.slice(l.file, l.span), chinese);
                    if w > max {
                        out.push(
                            Diagnostic::new(
                                META.name,
                                META.severity,
                                l.file,
                                l.span,
                                format!("{lang} line is {w} characters long (limit {max})"),
                            )
                            .with_help("break the line, or shorten the text"),
                        );
                    }
                }
                let count = lines.clone().count();
                if count as f64 > max_lines
                    && let Some(span) = cover(lines)
                {
                    out.push(
                        Diagnostic::new(
                            META.name,
                            META.severity,
                            cue.file,
                            span,
                            format!("{count} {lang} lines in one cue (at most {max_lines})"),
                        )
                        .with_help("re-break the text into two lines, or split the cue"),
                    );
                }
            }
        });
    }
}
