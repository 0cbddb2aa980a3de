//! reviewdog's Diagnostic Format (rdjson): one JSON document; positions are 1-based lines and
//! 1-based columns counted in UTF-8 bytes, as reviewdog specifies.

use super::{FileReport, Position, byte_position, byte_position_of};
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

/// The rdjson document for a run.
pub fn document(reports: &[FileReport]) -> Value {
    let mut diagnostics = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let mut v = json!({
                "message": d.message,
                "location": {
                    "path": r.doc.files[d.file].path,
                    "range": range(byte_position(&r.doc, d)),
                },
                "severity": severity(d.severity),
                "source": {"name": "translint"},
                "code": {"value": d.rule},
            });
            if let Some(fix) = &d.fix {
                v["suggestions"] = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "range": range(byte_position_of(&r.doc, e.file, e.span)),
                            "text": e.replacement,
                        })
                    })
                    .collect();
            }
            diagnostics.push(v);
        }
    }
    json!({
        "source": {"name": "translint"},
        "diagnostics": diagnostics,
    })
}

/// Write the rdjson document.
pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(reports))?;
    writeln!(out)
}
