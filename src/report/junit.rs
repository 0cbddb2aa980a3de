//! JUnit XML, for CI systems that show test reports: one `<testsuite>` per file, one failing
//! `<testcase>` per finding, and one passing test case for a file with no findings.

use super::{FileReport, position};
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

/// Write the report.
pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let total: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let failures: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="translint" tests="{total}" failures="{failures}">"#
    )?;
    for r in reports {
        let path = escape(r.doc.path());
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{}">"#,
            r.diagnostics.len().max(1),
            r.diagnostics.len()
        )?;
        if r.diagnostics.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="translint" classname="{path}"/>"#
            )?;
        }
        for d in &r.diagnostics {
            let p = position(&r.doc, d);
            let file = escape(&r.doc.file(d.file).path);
            writeln!(
                out,
                r#"    <testcase name="{}:{}:{}" classname="{file}">"#,
                escape(d.rule),
                p.line,
                p.column
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{file}:{}:{}: {}[{}] {}</failure>"#,
                escape(&d.message),
                d.severity.as_str(),
                p.line,
                p.column,
                d.severity.as_str(),
                escape(d.rule),
                escape(&d.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
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
