//! The JSON contract (design notes §5): one document with `version`, `diagnostics`, `summary`.

use super::{FileReport, Summary, Unreadable, position};
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
    edits: JsonEdits<'a>,
}

/// A fix's edits, serialized one at a time as they are read: collecting them first was 40
/// bytes an edit, and a finding on a 16 MB line of ASCII commas has four million.
struct JsonEdits<'a> {
    doc: &'a Document,
    edits: &'a [crate::diagnostic::Edit],
}

impl Serialize for JsonEdits<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.edits.iter().map(|e| {
            let base = self.doc.file(e.file).origin().byte;
            JsonEdit {
                byte_start: base + e.span.start,
                byte_end: base + e.span.end,
                replacement: &e.replacement,
            }
        }))
    }
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
    /// How to repair it, in words (`null` when the message says it all): a finding's hedges
    /// ("the crossing is likely, check both lines") live here, and a tool reading only the
    /// JSON lost them.
    help: Option<&'a str>,
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
            help: d.help.as_deref(),
            fix: d.fix.as_ref().map(|f| JsonFix {
                applicability: f.applicability,
                edits: JsonEdits {
                    doc,
                    edits: &f.edits,
                },
            }),
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
    /// Inputs that could not be checked (always present, empty on a clean run).
    unreadable: &'a [Unreadable],
}

/// Write the whole report as one JSON document.
pub fn render(
    out: &mut dyn Write,
    reports: &[FileReport],
    unreadable: &[Unreadable],
) -> io::Result<()> {
    let report = JsonReport {
        version: VERSION,
        diagnostics: reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(|d| JsonDiagnostic::new(&r.doc, d)))
            .collect(),
        summary: Summary::of(reports),
        unreadable,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// Findings formatted per parallel work item by [`render_lines`].
const LINES_PIECE: usize = 1024;
/// Findings formatted before they are written: bounds the memory the formatted text holds.
const LINES_WINDOW: usize = 16 * LINES_PIECE;
/// Fix edits from which a finding is written straight to the output rather than formatted in
/// memory first (a finding with four million edits is 200 MB of JSON).
const DIRECT_EDITS: usize = 1 << 14;

/// One finding as a line of JSON.
fn write_line(w: &mut impl Write, doc: &Document, d: &Diagnostic) -> io::Result<()> {
    serde_json::to_writer(&mut *w, &JsonDiagnostic::new(doc, d))?;
    w.write_all(b"\n")
}

/// Write one JSON object per finding, one per line (streams; for big corpora and pipelines).
///
/// Windows of findings are formatted on all cores, then written in order: formatting (positions
/// and escaping) was a serial tail of big runs.
pub fn render_lines(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let huge = |d: &Diagnostic| d.fix.as_ref().is_some_and(|f| f.edits.len() > DIRECT_EDITS);
    for r in reports {
        for window in r.diagnostics.chunks(LINES_WINDOW) {
            if window.iter().any(huge) {
                // Rare: formatted here, one finding at a time, straight into the output (through
                // a buffer of its own, so serde's small writes are not each a dynamic call).
                let mut direct = io::BufWriter::with_capacity(1 << 16, &mut *out);
                for d in window {
                    write_line(&mut direct, &r.doc, d)?;
                }
                direct.flush()?;
                continue;
            }
            let pieces = window
                .par_chunks(LINES_PIECE)
                .map(|piece| {
                    let mut buf = Vec::with_capacity(piece.len() * 256);
                    for d in piece {
                        write_line(&mut buf, &r.doc, d)?;
                    }
                    Ok(buf)
                })
                .collect::<io::Result<Vec<Vec<u8>>>>()?;
            for piece in pieces {
                out.write_all(&piece)?;
            }
        }
    }
    Ok(())
}
