//! `untranslated-line`: a translation with no Chinese in it that is not a copy of the original.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pair;
use crate::script::Script;
use crate::text::{copy_similarity_of_lines, needs_no_translation};

/// See `rules/untranslated-line.toml`.
pub struct UntranslatedLine;

static META: RuleMeta = RuleMeta {
    name: "untranslated-line",
    severity: Severity::Error,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/untranslated-line.toml"),
};

impl Rule for UntranslatedLine {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let (Some(source), Some(target)) = (pair.source, pair.target) else {
            return;
        };
        let t = ctx.doc.text(&target);
        // A line read as Chinese only for its speaker label (`阿明：Let's go.`) is English too.
        if target.script == Script::Neutral {
            return;
        }
        let Some(body) = crate::script::english_text(t, target.script) else {
            return;
        };
        let s = ctx.doc.text(&source);
        if needs_no_translation(body, crate::script::after_speaker_label(s))
            || copy_similarity_of_lines(
                t,
                s,
                super::duplicated_untranslated_line::min_similarity(ctx),
            )
            .is_some()
        {
            return; // nothing to translate, or a copy (reported by duplicated-untranslated-line)
        }
        // A line read as English may still open with a Chinese speaker label, or cite a Chinese
        // word or hold a bracketed note.
        use crate::script::{after_speaker_label, has_han};
        let message = if !has_han(t) {
            "the translation has no Chinese text"
        } else if !has_han(after_speaker_label(t)) {
            "the translation is English text after its speaker label"
        } else {
            "the translation is English text, its only Chinese a cited word or a note"
        };
        out.push(
            Diagnostic::new(META.name, META.severity, target.file, target.span, message)
                .with_label("expected a Chinese translation here")
                .with_related(source.file, source.span, "the original")
                .with_help(
                    "translate the line; names, URLs and numbers alone may stay as they are",
                ),
        );
    }
}
