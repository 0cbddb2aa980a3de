//! `subtitle-syntax`: structural problems the SRT and WebVTT parsers met and recovered from.
//!
//! The parser finds them (it is the only place that sees the file's structure); this rule turns
//! them into diagnostics so that selection, ignoring and severity apply as to any rule.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

/// See `rules/subtitle-syntax.toml`.
pub struct SubtitleSyntax;

static META: RuleMeta = RuleMeta {
    name: crate::parse::subtitle::SUBTITLE_SYNTAX,
    severity: Severity::Error,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/subtitle-syntax.toml"),
};

impl Rule for SubtitleSyntax {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn is_pair_rule(&self) -> bool {
        false
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        super::report_parse_problems(ctx, &META, out);
    }
}
