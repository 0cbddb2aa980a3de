//! GitHub Actions workflow commands: `::error file=…,line=…::message`, one per finding, so that
//! findings show as annotations on the pull request.
//!
//! Escaping follows the Actions toolkit (`@actions/core` `command.ts`): in the message `%`, CR
//! and LF are percent-encoded; in properties also `:` and `,`.

use super::{FileReport, Unreadable, position};
use crate::diagnostic::Severity;
use std::io::{self, Write};

/// Escape a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command property's value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub matches annotation paths against the repository tree, which has no `./` prefix.
fn repo_path(path: &str) -> &str {
    path.strip_prefix("./").unwrap_or(path)
}

/// Write one workflow command per finding, and an error annotation per input not checked.
pub fn render(
    out: &mut dyn Write,
    reports: &[FileReport],
    unreadable: &[Unreadable],
) -> io::Result<()> {
    for r in reports {
        for d in &r.diagnostics {
            let p = position(&r.doc, d);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(repo_path(&r.doc.file(d.file).path)),
                p.line,
                p.column,
                p.end_line,
                p.end_column,
                escape_property(&format!("translint ({})", d.rule)),
                escape_data(&d.message)
            )?;
        }
    }
    for u in unreadable {
        write_unreadable(out, u)?;
    }
    Ok(())
}

/// The error annotation of an input that could not be checked, on its line when known.
pub fn write_unreadable(out: &mut dyn Write, u: &Unreadable) -> io::Result<()> {
    let line = u.line.map(|l| format!(",line={l}")).unwrap_or_default();
    writeln!(
        out,
        "::error file={}{line},title={}::{}",
        escape_property(repo_path(&u.path)),
        escape_property("translint (unreadable input)"),
        escape_data(&u.message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
