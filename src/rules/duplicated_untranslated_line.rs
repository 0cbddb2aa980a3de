//! `duplicated-untranslated-line`: the translation slot holds a copy of the original.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pair;
use crate::script::{after_speaker_label, english_text};
use crate::text::{COPY_THRESHOLD, copy_similarity_of_lines, needs_no_translation};

/// See `rules/duplicated-untranslated-line.toml`.
pub struct DuplicatedUntranslatedLine;

static META: RuleMeta = RuleMeta {
    name: "duplicated-untranslated-line",
    severity: Severity::Error,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/duplicated-untranslated-line.toml"),
};

/// The similarity at or above which the translation counts as a copy.
pub fn min_similarity(ctx: &Context<'_>) -> f64 {
    ctx.settings
        .option::<f64>(META.name, "min-similarity")
        .unwrap_or(COPY_THRESHOLD)
}

impl Rule for DuplicatedUntranslatedLine {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let (Some(source), Some(target)) = (pair.source, pair.target) else {
            return;
        };
        let t = ctx.doc.text(&target);
        // A line read as Chinese only for its speaker label (`阿明：Bye!`) is an English copy too.
        let Some(t_body) = english_text(t, target.script) else {
            return;
        };
        let s = ctx.doc.text(&source);
        let s_body = after_speaker_label(s);
        // Judged without the labels: "Lily：Bye!" is no name.
        if needs_no_translation(t_body, s_body) {
            return;
        }
        if let Some(sim) = copy_similarity_of_lines(t, s, min_similarity(ctx)) {
            let how = if sim >= 1.0 && t_body.trim() == s_body.trim() {
                "an exact copy".to_string()
            } else if sim >= 1.0 {
                // The same letters and digits: a copy whose marks, case or spacing differ.
                "a copy (the same words; marks, case or spacing differ)".to_string()
            } else {
                format!("a near-copy ({:.0}% similar)", sim * 100.0)
            };
            out.push(
                Diagnostic::new(
                    META.name,
                    META.severity,
                    target.file,
                    target.span,
                    format!("the translation slot holds {how} of the English line instead of a Chinese translation"),
                )
                .with_label("English where the Chinese translation belongs")
                .with_related(source.file, source.span, "the original it copies")
                .with_help("replace the copy with the Chinese translation"),
            );
        }
    }
}
