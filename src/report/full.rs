//! The human format: codespan-reporting's rich diagnostics, with the underlined source.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Document;
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

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let f = self.0.files.get(id).ok_or(FilesError::FileMissing)?;
        let starts = f.line_starts();
        let start = *starts.get(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: starts.len() - 1,
        })?;
        let end = starts.get(line_index + 1).copied().unwrap_or(f.text.len());
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
    let mut labels = vec![Label::primary(d.file, d.span.range()).with_message(d.label.clone())];
    labels.extend(
        d.related
            .iter()
            .map(|l| Label::secondary(l.file, l.span.range()).with_message(l.message.clone())),
    );
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

/// Render every finding with its source excerpt.
pub fn render(out: &mut dyn WriteColor, reports: &[FileReport]) -> io::Result<()> {
    let config = Config::default();
    for r in reports {
        let files = DocFiles(&r.doc);
        for d in &r.diagnostics {
            term::emit_to_write_style(out, &config, &files, &to_codespan(d)).map_err(
                |e| match e {
                    FilesError::Io(e) => e,
                    other => io::Error::other(other.to_string()),
                },
            )?;
        }
    }
    Ok(())
}
