//! `path:line:col: severity[rule] message`, one finding per line — for editors and grep.

use super::{FileReport, position};
use std::io::{self, Write};

/// Write every finding on one line.
pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for r in reports {
        for d in &r.diagnostics {
            let p = position(&r.doc, d);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                r.doc.file(d.file).path,
                p.line,
                p.column,
                d.severity.as_str(),
                d.rule,
                d.message
            )?;
        }
    }
    Ok(())
}
