//! What a rule found: a message tied to a byte span, with an optional fix.

use crate::model::{FileId, Span};
use std::borrow::Cow;

/// Text of a finding that is most often a fixed phrase ("use `，`", "Remove it", "，"): borrowed
/// when it is, owned when it is composed. A file with hundreds of thousands of findings made
/// a heap string for each such phrase of each finding (a fifth of those runs' allocations).
pub type Text = Cow<'static, str>;

/// How serious a finding is. Ordered so that `Error > Warning > Info`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run.
    Info,
    /// Should be fixed; fails only past `--max-warnings`.
    Warning,
    /// Not publishable; fails the run (exit 1).
    Error,
}

impl Severity {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a fix may be applied without a human looking (ruff's convention).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Cannot change meaning: applied by `--fix`.
    Safe,
    /// Structural or judgement call: needs `--unsafe-fixes`.
    Unsafe,
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// File the edit applies to.
    pub file: FileId,
    /// Bytes replaced.
    pub span: Span,
    /// New text.
    pub replacement: Text,
}

/// A set of edits that together repair one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// Short imperative description ("Use full-width punctuation").
    pub title: Text,
    /// Non-overlapping edits, sorted by position.
    pub edits: Vec<Edit>,
}

/// A secondary location that helps explain the finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// File of the location.
    pub file: FileId,
    /// Bytes pointed at.
    pub span: Span,
    /// What this location is.
    pub message: Text,
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Rule name (kebab-case, public interface).
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// File of the primary span.
    pub file: FileId,
    /// The primary span (what gets underlined).
    pub span: Span,
    /// One sentence saying what is wrong, naming the evidence (borrowed when it is a fixed
    /// sentence: a transcript full of ASCII commas has one such finding on most lines).
    pub message: Text,
    /// Text under the primary underline; empty to reuse nothing.
    pub label: Text,
    /// Further locations.
    pub related: Vec<Label>,
    /// How to repair it, in words.
    pub help: Option<Text>,
    /// How to repair it, in edits. Boxed: most findings of the rules that find the most (line
    /// length, reading speed) have no fix, and an inline `Option<Fix>` was 48 bytes more of
    /// each of their millions of findings.
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    /// A diagnostic with only the essentials; rules add the rest with the `with_*` methods.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        file: FileId,
        span: Span,
        message: impl Into<Text>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            file,
            span,
            message: message.into(),
            label: Text::Borrowed(""),
            related: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Set the text shown under the underline.
    pub fn with_label(mut self, label: impl Into<Text>) -> Self {
        self.label = label.into();
        self
    }

    /// Add a help line.
    pub fn with_help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Add a secondary location.
    pub fn with_related(mut self, file: FileId, span: Span, message: impl Into<Text>) -> Self {
        // Most findings relate one or two places: grow by one, not to the four `push` reserves
        // (tens of thousands of findings each kept three unused labels).
        self.related.reserve_exact(1);
        self.related.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }

    /// Attach a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn findings_stay_small() {
        // A subtitle file can have millions of findings, all held until they are sorted: the
        // run's memory grows with this size.
        assert_eq!(std::mem::size_of::<super::Diagnostic>(), 144);
    }
}
