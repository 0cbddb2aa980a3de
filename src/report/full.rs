//! The human format: codespan-reporting's rich diagnostics, with the underlined source.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, FileId};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config, termcolor::WriteColor};
use std::io;
use std::ops::Range;

/// Adapts a [`Document`]'s files to codespan's `Files`, reusing their line index.
struct DocFiles<'a>(&'a Document);

impl<'a> Files<'a> for DocFiles<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.0
            .files
            .get(id)
            .map(|f| f.path.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.0
            .files
            .get(id)
            .map(|f| f.text.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        let f = self.0.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(f.line_index(byte_index))
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, FilesError> {
        let f = self.0.files.get(id).ok_or(FilesError::FileMissing)?;
        Ok(f.origin().line + line_index + 1)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let f = self.0.files.get(id).ok_or(FilesError::FileMissing)?;
        let start = f.line_start(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: f.line_count() - 1,
        })?;
        let end = f.line_start(line_index + 1).unwrap_or(f.text.len());
        Ok(start..end)
    }
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn to_codespan(d: &Diagnostic) -> CsDiagnostic<usize> {
    let mut labels =
        vec![Label::primary(d.file as usize, d.span.range()).with_message(d.label.clone())];
    labels.extend(d.related.iter().map(|l| {
        Label::secondary(l.file as usize, l.span.range()).with_message(l.message.clone())
    }));
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            crate::diagnostic::Applicability::Safe => "--fix",
            crate::diagnostic::Applicability::Unsafe => "--fix --unsafe-fixes",
        };
        notes.push(format!("fix: {} (`{how}`)", fix.title));
    }
    CsDiagnostic::new(severity(d.severity))
        .with_code(d.rule)
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// Longest line shown as a source excerpt. A finding on a longer line (scraped text that lost its
/// line breaks) names its line and column instead: printing a megabyte-long line under each of
/// its findings would write gigabytes.
pub const MAX_EXCERPT_LINE_BYTES: usize = 4096;

/// True when a label of `d` lies on a line too long to show.
fn on_long_line(doc: &Document, d: &Diagnostic) -> bool {
    let long = |file: FileId, at: usize| {
        doc.files.get(file as usize).is_some_and(|f| {
            f.line_span(f.line_index(at.min(f.text.len()))).len() > MAX_EXCERPT_LINE_BYTES
        })
    };
    long(d.file, d.span.start) || d.related.iter().any(|l| long(l.file, l.span.start))
}

/// `d` without source excerpts: its locations as notes.
fn without_excerpt(doc: &Document, d: &Diagnostic) -> CsDiagnostic<usize> {
    let at = |file: FileId, byte: usize| {
        doc.files.get(file as usize).map_or_else(String::new, |f| {
            let (line, col) = f.line_col(byte);
            format!("{}:{line}:{col}", f.path)
        })
    };
    let mut shown = to_codespan(d);
    shown.labels.clear();
    let mut notes = vec![format!(
        "at {}{} (line too long to show)",
        at(d.file, d.span.start),
        if d.label.is_empty() {
            String::new()
        } else {
            format!(": {}", d.label)
        }
    )];
    notes.extend(
        d.related
            .iter()
            .map(|l| format!("see {}: {}", at(l.file, l.span.start), l.message)),
    );
    notes.append(&mut shown.notes);
    shown.notes = notes;
    shown
}

/// Render every finding with its source excerpt.
pub fn render(out: &mut dyn WriteColor, reports: &[FileReport]) -> io::Result<()> {
    let config = Config::default();
    for r in reports {
        let files = DocFiles(&r.doc);
        for d in &r.diagnostics {
            let shown = if on_long_line(&r.doc, d) {
                without_excerpt(&r.doc, d)
            } else {
                to_codespan(d)
            };
            term::emit_to_write_style(out, &config, &files, &shown).map_err(|e| match e {
                FilesError::Io(e) => e,
                other => io::Error::other(other.to_string()),
            })?;
        }
    }
    Ok(())
}
