//! `missing-translation`: a line with no partner in the other language, or an empty partner.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pair;
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

    fn uses_alignment(&self) -> bool {
        true
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let empty = |s: &crate::model::Segment| ctx.doc.text(s).trim().is_empty();
        // Two parallel files: a cue with no counterpart is a dropped cue, which shifts a
        // cue-for-cue pairing; `alignment-shift` reports it there.
        if ctx.doc.files.len() > 1 && (pair.source.is_none() || pair.target.is_none()) {
            return;
        }
        // A line without a partner inside a shift is where the shift starts or ends, and its
        // repair pairs the line with the neighbouring one (a line lost above it moved every
        // translation down a pair): `alignment-shift` reports it, and "no original" would
        // contradict that re-pairing.
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
