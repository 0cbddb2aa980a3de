//! The JSON contract (design notes §5): one document with `version`, `diagnostics`, `summary`.

use super::{FileReport, Summary, position};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::model::Document;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// The contract's version; bump only on an incompatible change.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonEdit<'a> {
    byte_start: usize,
    byte_end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

/// One diagnostic as the contract spells it; also used by `json-lines`.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    message: &'a str,
    fix: Option<JsonFix<'a>>,
}

impl<'a> JsonDiagnostic<'a> {
    /// Convert a diagnostic, resolving its position in `doc`.
    pub fn new(doc: &'a Document, d: &'a Diagnostic) -> Self {
        let p = position(doc, d);
        // Offsets count from the start of the input (a window of standard input begins later).
        let base = doc.file(d.file).origin().byte;
        JsonDiagnostic {
            rule: d.rule,
            severity: d.severity.as_str(),
            path: &doc.file(d.file).path,
            line: p.line,
            column: p.column,
            end_line: p.end_line,
            end_column: p.end_column,
            byte_start: base + d.span.start,
            byte_end: base + d.span.end,
            message: &d.message,
            fix: d.fix.as_ref().map(|f| JsonFix {
                applicability: f.applicability,
                edits: f
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        byte_start: doc.file(e.file).origin().byte + e.span.start,
                        byte_end: doc.file(e.file).origin().byte + e.span.end,
                        replacement: &e.replacement,
                    })
                    .collect(),
            }),
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

/// Write the whole report as one JSON document.
pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let report = JsonReport {
        version: VERSION,
        diagnostics: reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(|d| JsonDiagnostic::new(&r.doc, d)))
            .collect(),
        summary: Summary::of(reports),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// Findings formatted per parallel work item by [`render_lines`].
const LINES_PIECE: usize = 1024;
/// Findings formatted before they are written: bounds the memory the formatted text holds.
const LINES_WINDOW: usize = 16 * LINES_PIECE;

/// Write one JSON object per finding, one per line (streams; for big corpora and pipelines).
///
/// Windows of findings are formatted on all cores, then written in order: formatting (positions
/// and escaping) was a serial tail of big runs.
pub fn render_lines(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for r in reports {
        for window in r.diagnostics.chunks(LINES_WINDOW) {
            let pieces = window
                .par_chunks(LINES_PIECE)
                .map(|piece| {
                    let mut buf = Vec::with_capacity(piece.len() * 256);
                    for d in piece {
                        serde_json::to_writer(&mut buf, &JsonDiagnostic::new(&r.doc, d))?;
                        buf.push(b'\n');
                    }
                    Ok(buf)
                })
                .collect::<Result<Vec<Vec<u8>>, serde_json::Error>>()?;
            for piece in pieces {
                out.write_all(&piece)?;
            }
        }
    }
    Ok(())
}
