//! `--statistics`: how many findings each rule produced, `count<TAB>rule`, most first (with
//! `--format json` or `json-lines`, a JSON array of `{"rule", "count"}` objects).

use super::FileReport;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Counts per rule, sorted by count (descending) then name.
pub fn counts(reports: &[FileReport]) -> Vec<(usize, &'static str)> {
    let mut by_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        *by_rule.entry(d.rule).or_default() += 1;
    }
    let mut out: Vec<(usize, &'static str)> = by_rule.into_iter().map(|(r, n)| (n, r)).collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    out
}

/// Write the counts, one rule a line.
pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for (n, rule) in counts(reports) {
        writeln!(out, "{n}\t{rule}")?;
    }
    Ok(())
}

/// The counts as one JSON array, `[{"rule": …, "count": …}, …]`, most first.
pub fn render_json(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let rows: Vec<serde_json::Value> = counts(reports)
        .into_iter()
        .map(|(count, rule)| serde_json::json!({"rule": rule, "count": count}))
        .collect();
    serde_json::to_writer(&mut *out, &rows)?;
    writeln!(out)
}
