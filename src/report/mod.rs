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

/// An input that could not be checked (unreadable, not UTF-8, a fixed file not written). Human
/// formats print it to standard error; the machine-readable reports list it too, so a job that
/// reads only the report does not take a run that skipped a file for a clean one.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Unreadable {
    /// Path as given (`<stdin>` for standard input).
    pub path: String,
    /// The 1-based line of the problem, when it is at one (the first invalid UTF-8 byte).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What went wrong, as printed to standard error.
    pub message: String,
}

impl Unreadable {
    /// The entry of an error that stopped `input` (the error's own path when it names one: a
    /// two-file pair's unreadable half).
    pub fn of(e: &crate::error::Error, input: &str) -> Unreadable {
        Unreadable {
            path: e.path().unwrap_or(input).to_string(),
            line: e.line(),
            message: e.to_string(),
        }
    }
}

/// Totals over a run, for summary lines and exit codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files read (an original and its translation checked together count as two).
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
            files: reports.iter().map(|r| r.doc.files.len()).sum(),
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
    position_of(doc, d.file, d.span)
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
    let f = &doc.file(file);
    let at = |b: usize| {
        let b = b.min(f.text.len());
        let line = f.line_index(b);
        (
            f.origin().line + line + 1,
            b - f.line_start(line).unwrap_or(0) + 1,
        )
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
    let ((line, column), (end_line, end_column)) = doc.file(file).line_col_span(span);
    Position {
        line,
        column,
        end_line,
        end_column,
    }
}

/// A writer that indents every line after the first by `pad` spaces: the pretty printer's line
/// breaks are the only raw newlines in JSON (strings escape theirs).
///
/// The pretty printer writes a token at a time; they are gathered in `buf` and passed on in
/// blocks of [`INDENTED_BLOCK`] bytes (a write and a string of spaces per line were most of the
/// time of a SARIF log with half a million findings). [`Indented::finish`] passes on the rest.
struct Indented<'a> {
    inner: &'a mut dyn std::io::Write,
    pad: usize,
    buf: Vec<u8>,
}

/// Bytes [`Indented`] gathers before passing them on.
const INDENTED_BLOCK: usize = 1 << 16;

impl<'a> Indented<'a> {
    fn new(inner: &'a mut dyn std::io::Write, pad: usize, buf: Vec<u8>) -> Self {
        Indented { inner, pad, buf }
    }

    /// Passes on what is gathered; returns the buffer, for the next item.
    fn finish(mut self) -> std::io::Result<Vec<u8>> {
        self.inner.write_all(&self.buf)?;
        self.buf.clear();
        Ok(self.buf)
    }
}

impl std::io::Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = memchr::memchr(b'\n', rest) {
            self.buf.extend_from_slice(&rest[..=i]);
            self.buf.resize(self.buf.len() + self.pad, b' ');
            rest = &rest[i + 1..];
        }
        self.buf.extend_from_slice(rest);
        if self.buf.len() >= INDENTED_BLOCK {
            self.inner.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.write_all(&self.buf)?;
        self.buf.clear();
        self.inner.flush()
    }
}

/// Stands for the array that [`write_streamed`] fills: a skeleton document holds it as the one
/// element of that array.
pub(crate) const STREAM_MARKER: &str = "\u{1}translint-streamed-array\u{1}";

/// Write the pretty JSON `skeleton` with its [`STREAM_MARKER`] array replaced by `items`, laid
/// out exactly as `serde_json::to_writer_pretty` would lay out the whole document.
///
/// One item is in memory at a time: building a whole SARIF or rdjson log as a `Value` tree took
/// hundreds of bytes per location, so a file with millions of findings needed gigabytes.
pub(crate) fn write_streamed(
    out: &mut dyn std::io::Write,
    skeleton: &serde_json::Value,
    items: impl Iterator<Item = serde_json::Value>,
) -> std::io::Result<()> {
    write_streamed_with(out, skeleton, items, |w, item| {
        serde_json::to_writer_pretty(w, &item).map_err(std::io::Error::from)
    })
}

/// [`write_streamed`] where `write_item` writes each item as pretty JSON (itself possibly
/// streamed: a finding with millions of fix edits is never built whole either).
pub(crate) fn write_streamed_with<T>(
    out: &mut dyn std::io::Write,
    skeleton: &serde_json::Value,
    items: impl Iterator<Item = T>,
    mut write_item: impl FnMut(&mut dyn std::io::Write, T) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(skeleton)?;
    let marker = serde_json::to_string(STREAM_MARKER)?;
    let missing = || std::io::Error::other("internal error: streamed array missing");
    let at = text.find(&marker).ok_or_else(missing)?;
    let open = text[..at].rfind('[').ok_or_else(missing)?;
    let close = at + marker.len() + text[at + marker.len()..].find(']').ok_or_else(missing)?;
    let line_start = text[..open].rfind('\n').map_or(0, |i| i + 1);
    let key_line = &text[line_start..open];
    let indent = key_line.len() - key_line.trim_start().len();
    let pad = |out: &mut dyn std::io::Write, n: usize| out.write_all(" ".repeat(n).as_bytes());
    out.write_all(&text.as_bytes()[..=open])?;
    let mut empty = true;
    let mut buf = Vec::new();
    for item in items {
        // The separator and the item's first indent go into the gathered bytes too.
        buf.extend_from_slice(if empty { b"\n" } else { b",\n" });
        buf.resize(buf.len() + indent + 2, b' ');
        empty = false;
        let mut indented = Indented::new(&mut *out, indent + 2, buf);
        write_item(&mut indented, item)?;
        buf = indented.finish()?;
    }
    if !empty {
        out.write_all(b"\n")?;
        pad(out, indent)?;
    }
    out.write_all(b"]")?;
    out.write_all(&text.as_bytes()[close + 1..])
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;
    use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
    use crate::model::Span;

    /// A report with a finding per pair (ASCII commas, each with a fix) and one finding whose
    /// fix has thousands of edits, whose log entry is bigger than [`super::INDENTED_BLOCK`].
    fn report() -> super::FileReport {
        let text: String = (0..200)
            .map(|i| format!("我们数了{i}张桌子,还有椅子。\nWe counted {i} tables, and chairs.\n"))
            .collect();
        let settings = Settings::default();
        let rules = settings.active_rules().unwrap();
        let mut report = crate::check_text(
            "a b/字.txt",
            text.clone(),
            &Default::default(),
            &settings,
            &rules,
        );
        let edits = (0..text.len() / 8)
            .map(|k| Edit {
                file: 0,
                span: Span::new(8 * k, 8 * k),
                replacement: format!("edit {k}\n\"quoted\"").into(),
            })
            .collect();
        let huge = Diagnostic::new(
            "whitespace",
            Severity::Info,
            0,
            Span::new(0, 3),
            "many edits",
        )
        .with_fix(Fix {
            applicability: Applicability::Unsafe,
            title: "Apply them all".into(),
            edits,
        });
        report.diagnostics.insert(1, huge);
        report
    }

    #[test]
    fn streamed_logs_are_the_whole_documents_pretty_printed() {
        let reports = [report()];
        let huge = &reports[0].diagnostics[1];
        assert!(huge.fix.as_ref().unwrap().edits.len() * 100 > super::INDENTED_BLOCK);
        let rules: Vec<&dyn crate::rules::Rule> = crate::rules::RULES.to_vec();
        // With and without an input that could not be read (listed after the findings).
        let unreadable = super::Unreadable {
            path: "lost.txt".into(),
            line: Some(3),
            message: "lost.txt:3: not valid UTF-8".into(),
        };
        for unreadable in [&[][..], std::slice::from_ref(&unreadable)] {
            let mut sarif = Vec::new();
            super::sarif::render(&mut sarif, &reports, &rules, unreadable).unwrap();
            let doc = super::sarif::document(&reports, &rules, unreadable);
            let invocation = &doc["runs"][0]["invocations"][0];
            assert_eq!(invocation["executionSuccessful"], unreadable.is_empty());
            let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
            assert_eq!(notes.len(), unreadable.len());
            let whole = serde_json::to_string_pretty(&doc).unwrap();
            assert_eq!(String::from_utf8(sarif).unwrap(), whole + "\n");
            let mut rdjson = Vec::new();
            super::rdjson::render(&mut rdjson, &reports, unreadable).unwrap();
            let doc = super::rdjson::document(&reports, unreadable);
            let listed = doc["diagnostics"].as_array().unwrap().len();
            assert_eq!(listed, reports[0].diagnostics.len() + unreadable.len());
            let whole = serde_json::to_string_pretty(&doc).unwrap();
            assert_eq!(String::from_utf8(rdjson).unwrap(), whole + "\n");
        }
    }

    #[test]
    fn json_lines_write_a_finding_with_a_huge_fix_as_any_other() {
        let mut report = report();
        let edits: Vec<Edit> = (0..20_000)
            .map(|k| Edit {
                file: 0,
                span: Span::new(k % 7, k % 7 + 1),
                replacement: if k % 2 == 0 { "，" } else { "\"" }.into(),
            })
            .collect();
        let huge = Diagnostic::new("whitespace", Severity::Info, 0, Span::new(0, 3), "huge")
            .with_fix(Fix {
                applicability: Applicability::Safe,
                title: "Apply".into(),
                edits,
            });
        report.diagnostics.insert(3, huge);
        let reports = [report];
        let mut lines = Vec::new();
        super::json::render_lines(&mut lines, &reports).unwrap();
        let lines = String::from_utf8(lines).unwrap();
        let one_by_one: String = reports[0]
            .diagnostics
            .iter()
            .map(|d| {
                serde_json::to_string(&super::json::JsonDiagnostic::new(&reports[0].doc, d))
                    .unwrap()
                    + "\n"
            })
            .collect();
        assert_eq!(lines, one_by_one);
        let huge: serde_json::Value = serde_json::from_str(lines.lines().nth(3).unwrap()).unwrap();
        let edits = huge["fix"]["edits"].as_array().unwrap();
        assert_eq!(edits.len(), 20_000);
        assert_eq!(
            edits[1],
            serde_json::json!({"byte_start": 1, "byte_end": 2, "replacement": "\""})
        );
        assert_eq!(huge["fix"]["applicability"], "safe");
    }
}
