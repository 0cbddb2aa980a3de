//! reviewdog's Diagnostic Format (rdjson): one JSON document; positions are 1-based lines and
//! 1-based columns counted in UTF-8 bytes, as reviewdog specifies.

use super::{FileReport, Position, Unreadable, byte_position, byte_position_of};
use crate::diagnostic::Severity;
use serde_json::{Value, json};
use std::io::{self, Write};

fn range(p: Position) -> Value {
    json!({
        "start": {"line": p.line, "column": p.column},
        "end": {"line": p.end_line, "column": p.end_column},
    })
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// One fix edit as an rdjson suggestion.
fn suggestion(r: &FileReport, e: &crate::diagnostic::Edit) -> Value {
    json!({
        "range": range(byte_position_of(&r.doc, e.file, e.span)),
        "text": e.replacement,
    })
}

/// One diagnostic as an rdjson diagnostic.
fn diagnostic(r: &FileReport, d: &crate::diagnostic::Diagnostic) -> Value {
    diagnostic_with(r, d, |edits| {
        edits.iter().map(|e| suggestion(r, e)).collect()
    })
}

/// Write one diagnostic, its suggestions one at a time.
fn write_diagnostic(
    out: &mut dyn Write,
    r: &FileReport,
    d: &crate::diagnostic::Diagnostic,
) -> io::Result<()> {
    match safe_fix(d) {
        Some(fix) => {
            let skeleton = diagnostic_with(r, d, |_| json!([super::STREAM_MARKER]));
            super::write_streamed(out, &skeleton, fix.edits.iter().map(|e| suggestion(r, e)))
        }
        None => serde_json::to_writer_pretty(out, &diagnostic(r, d)).map_err(Into::into),
    }
}

/// An rdjson diagnostic whose suggestions are `suggestions(edits)`.
fn diagnostic_with(
    r: &FileReport,
    d: &crate::diagnostic::Diagnostic,
    suggestions: impl FnOnce(&[crate::diagnostic::Edit]) -> Value,
) -> Value {
    let mut v = json!({
        "message": d.message,
        "location": {
            "path": r.doc.file(d.file).path,
            "range": range(byte_position(&r.doc, d)),
        },
        "severity": severity(d.severity),
        "source": {"name": "translint"},
        "code": {"value": d.rule},
    });
    if let Some(fix) = safe_fix(d) {
        v["suggestions"] = suggestions(&fix.edits);
    }
    v
}

/// The fix reviewdog may offer: a safe one only. rdjson has no way to mark a suggestion unsafe,
/// and a reviewer applying one would delete a line or swap translations unawares.
fn safe_fix(d: &crate::diagnostic::Diagnostic) -> Option<&crate::diagnostic::Fix> {
    d.fix
        .as_deref()
        .filter(|f| f.applicability == crate::diagnostic::Applicability::Safe)
}

/// The document around `diagnostics`.
fn skeleton(diagnostics: Value) -> Value {
    json!({
        "source": {"name": "translint"},
        "diagnostics": diagnostics,
    })
}

/// The error diagnostic of an input that could not be checked, on its line when known (the
/// whole file otherwise: rdjson's range is optional).
fn unreadable_diagnostic(u: &Unreadable) -> Value {
    let mut location = json!({ "path": u.path });
    if let Some(line) = u.line {
        location["range"] = json!({"start": {"line": line}});
    }
    json!({
        "message": u.message,
        "location": location,
        "severity": "ERROR",
        "source": {"name": "translint"},
    })
}

/// The rdjson document for a run.
pub fn document(reports: &[FileReport], unreadable: &[Unreadable]) -> Value {
    let all = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| diagnostic(r, d)))
        .chain(unreadable.iter().map(unreadable_diagnostic))
        .collect();
    skeleton(Value::Array(all))
}

/// Write the rdjson document, one diagnostic at a time.
pub fn render(
    out: &mut dyn Write,
    reports: &[FileReport],
    unreadable: &[Unreadable],
) -> io::Result<()> {
    let items = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| Ok((r, d))))
        .chain(unreadable.iter().map(Err));
    super::write_streamed_with(
        out,
        &skeleton(json!([super::STREAM_MARKER])),
        items,
        |w, item| match item {
            Ok((r, d)) => write_diagnostic(w, r, d),
            Err(u) => {
                serde_json::to_writer_pretty(w, &unreadable_diagnostic(u)).map_err(Into::into)
            }
        },
    )?;
    writeln!(out)
}
