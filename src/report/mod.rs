//! Renderers: diagnostics in, text out. The library's only printing happens here, into a writer
//! the caller owns (ripgrep's separation of searching from printing).

pub mod align;
pub mod concise;
pub mod full;
pub mod github;
pub mod json;
pub mod junit;
pub mod rdjson;
pub mod sarif;
pub mod statistics;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Document;

/// One checked document and what was found in it.
pub struct FileReport {
    /// The parsed document (its files hold the text the spans point into).
    pub doc: Document,
    /// Findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Totals over a run, for summary lines and exit codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Documents checked.
    pub files: usize,
    /// Pairs in them.
    pub pairs: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

impl Summary {
    /// Count the findings of a set of reports.
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.iter().map(|r| r.doc.files.len().min(1)).sum(),
            ..Summary::default()
        };
        for r in reports {
            s.pairs += r.doc.pairs.len();
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
            }
        }
        s
    }

    /// The closing line of human output.
    pub fn line(&self) -> String {
        let plural = |n: usize, w: &str| {
            if n == 1 {
                format!("{n} {w}")
            } else {
                format!("{n} {w}s")
            }
        };
        format!(
            "Checked {}, {}: {}, {}, {}.",
            plural(self.files, "file"),
            plural(self.pairs, "pair"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info")
        )
    }
}

/// Where a span is, in every unit an output format may want.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in Unicode scalar values.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end (exclusive), in Unicode scalar values.
    pub end_column: usize,
}

/// Convert a diagnostic's byte span to lines and columns.
pub fn position(doc: &Document, d: &Diagnostic) -> Position {
    let file = &doc.files[d.file];
    let (line, column) = file.line_col(d.span.start);
    let (end_line, end_column) = file.line_col(d.span.end);
    Position {
        line,
        column,
        end_line,
        end_column,
    }
}

/// A span's start and end as 1-based lines and 1-based columns counted in UTF-8 bytes
/// (reviewdog's unit), end exclusive.
pub fn byte_position(doc: &Document, d: &Diagnostic) -> Position {
    byte_position_of(doc, d.file, d.span)
}

/// [`byte_position`] for any span of a document's file.
pub fn byte_position_of(
    doc: &Document,
    file: crate::model::FileId,
    span: crate::model::Span,
) -> Position {
    let f = &doc.files[file];
    let at = |b: usize| {
        let b = b.min(f.text.len());
        let line = f.line_index(b);
        (line + 1, b - f.line_starts()[line] + 1)
    };
    let (line, column) = at(span.start);
    let (end_line, end_column) = at(span.end);
    Position {
        line,
        column,
        end_line,
        end_column,
    }
}

/// A span's position in Unicode scalar values (like [`position`]) for any span.
pub fn position_of(
    doc: &Document,
    file: crate::model::FileId,
    span: crate::model::Span,
) -> Position {
    let f = &doc.files[file];
    let (line, column) = f.line_col(span.start);
    let (end_line, end_column) = f.line_col(span.end);
    Position {
        line,
        column,
        end_line,
        end_column,
    }
}
