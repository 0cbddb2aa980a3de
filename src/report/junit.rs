//! JUnit XML, for CI systems that show test reports: one `<testsuite>` per file read (both
//! files of a two-file pair), one failing `<testcase>` per error or warning (an info passes,
//! with its text as the case's output), one passing test case for a file with no findings, and
//! a suite with one `<error>` case for each input that could not be read.

use super::{FileReport, Unreadable, position};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::FileId;
use std::io::{self, Write};

/// Escape text for XML 1.0 attributes and content; characters XML cannot hold become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether a finding fails its test case: infos never fail a run, so they pass, with their
/// text as the case's output.
fn fails(d: &Diagnostic) -> bool {
    d.severity != Severity::Info
}

/// Write the report.
pub fn render(
    out: &mut dyn Write,
    reports: &[FileReport],
    unreadable: &[Unreadable],
) -> io::Result<()> {
    // One suite per file read: a two-file pair is two suites, each with its own findings.
    let suites: Vec<(&FileReport, FileId)> = reports
        .iter()
        .flat_map(|r| (0..r.doc.files.len()).map(move |id| (r, id as FileId)))
        .collect();
    fn of_file(r: &FileReport, id: FileId) -> Vec<&Diagnostic> {
        r.diagnostics.iter().filter(|d| d.file == id).collect()
    }
    let (mut total, mut failures) = (0, 0);
    for &(r, id) in &suites {
        let ds = of_file(r, id);
        total += ds.len().max(1);
        failures += ds.iter().filter(|d| fails(d)).count();
    }
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    let errors = unreadable.len();
    total += errors;
    writeln!(
        out,
        r#"<testsuites name="translint" tests="{total}" failures="{failures}" errors="{errors}">"#
    )?;
    for &(r, id) in &suites {
        let ds = of_file(r, id);
        let path = escape(&r.doc.file(id).path);
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{}">"#,
            ds.len().max(1),
            ds.iter().filter(|d| fails(d)).count()
        )?;
        if ds.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="translint" classname="{path}"/>"#
            )?;
        }
        for d in ds {
            let p = position(&r.doc, d);
            writeln!(
                out,
                r#"    <testcase name="{}:{}:{}" classname="{path}">"#,
                escape(d.rule),
                p.line,
                p.column
            )?;
            let text = format!(
                "{path}:{}:{}: {}[{}] {}",
                p.line,
                p.column,
                d.severity.as_str(),
                escape(d.rule),
                escape(&d.message)
            );
            if fails(d) {
                writeln!(
                    out,
                    r#"      <failure message="{}" type="{}">{text}</failure>"#,
                    escape(&d.message),
                    d.severity.as_str(),
                )?;
            } else {
                writeln!(out, "      <system-out>{text}</system-out>")?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    for u in unreadable {
        let path = escape(&u.path);
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="1" failures="0" errors="1">"#
        )?;
        writeln!(out, r#"    <testcase name="translint" classname="{path}">"#)?;
        let message = escape(&u.message);
        writeln!(
            out,
            r#"      <error message="{message}" type="unreadable">{message}</error>"#
        )?;
        writeln!(out, "    </testcase>")?;
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            super::escape("a<b>&\"'\u{1}"),
            "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}"
        );
    }
}
