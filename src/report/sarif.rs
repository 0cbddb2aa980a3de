//! SARIF 2.1.0 (OASIS), for code-scanning dashboards such as GitHub's. Columns are counted in
//! Unicode code points (`columnKind: "unicodeCodePoints"`), the same unit as the JSON contract;
//! each rule is one `reportingDescriptor` with its `translint explain` text as help.

use super::{FileReport, Unreadable, position, position_of};
use crate::diagnostic::Severity;
use crate::rules::Rule;
use crate::rules::docs::RuleDoc;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

/// The schema URI written into the log.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: `/` separators, everything outside RFC 3986's
/// unreserved set and `/` percent-encoded (so Chinese file names and spaces stay valid).
pub fn path_uri(path: &str) -> String {
    let mut out = String::new();
    let path = path.replace('\\', "/");
    for b in path.strip_prefix("./").unwrap_or(&path).bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn descriptor(rule: &dyn Rule) -> Value {
    let meta = rule.meta();
    let doc = RuleDoc::parse(meta.doc).ok();
    let summary = doc
        .as_ref()
        .map_or(String::new(), |d| d.summary.trim().to_string());
    let what = doc
        .as_ref()
        .map_or(String::new(), |d| d.what.trim().to_string());
    let help = doc.as_ref().map_or(String::new(), RuleDoc::render);
    json!({
        "id": meta.name,
        "shortDescription": {"text": if summary.is_empty() { meta.name.to_string() } else { summary }},
        "fullDescription": {"text": if what.is_empty() { meta.name.to_string() } else { what }},
        "help": {"text": if help.is_empty() { meta.name.to_string() } else { help }},
        "defaultConfiguration": {
            "enabled": meta.default_enabled,
            "level": level(meta.severity),
        },
    })
}

fn region(p: super::Position, byte_start: usize, byte_end: usize) -> Value {
    json!({
        "startLine": p.line,
        "startColumn": p.column,
        "endLine": p.end_line,
        "endColumn": p.end_column,
        "byteOffset": byte_start,
        "byteLength": byte_end - byte_start,
    })
}

/// The rule descriptors (every rule given, then any other rule a finding names, in order of
/// appearance) and each rule's index among them.
fn rule_table<'a>(
    reports: &'a [FileReport],
    rules: &[&dyn Rule],
) -> (Vec<Value>, HashMap<&'a str, usize>) {
    let mut descriptors: Vec<Value> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for &r in rules {
        let name = r.meta().name;
        if !index.contains_key(name) {
            index.insert(name, descriptors.len());
            descriptors.push(descriptor(r));
        }
    }
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        index.entry(d.rule).or_insert_with(|| {
            descriptors.push(json!({"id": d.rule, "shortDescription": {"text": d.rule}}));
            descriptors.len() - 1
        });
    }
    (descriptors, index)
}

/// One fix edit as a SARIF replacement.
fn replacement(r: &FileReport, e: &crate::diagnostic::Edit) -> Value {
    json!({
        "deletedRegion": region(position_of(&r.doc, e.file, e.span), e.span.start, e.span.end),
        "insertedContent": {"text": e.replacement},
    })
}

/// One finding as a SARIF result.
fn result(r: &FileReport, d: &crate::diagnostic::Diagnostic, rule_index: usize) -> Value {
    result_with(r, d, rule_index, |edits| {
        edits.iter().map(|e| replacement(r, e)).collect()
    })
}

/// Write one finding as a SARIF result, its fix's replacements one at a time.
fn write_result(
    out: &mut dyn Write,
    r: &FileReport,
    d: &crate::diagnostic::Diagnostic,
    rule_index: usize,
) -> io::Result<()> {
    match &d.fix {
        Some(fix) => {
            let skeleton = result_with(r, d, rule_index, |_| json!([super::STREAM_MARKER]));
            let edits = fix.edits.iter().map(|e| replacement(r, e));
            super::write_streamed(out, &skeleton, edits)
        }
        None => serde_json::to_writer_pretty(out, &result(r, d, rule_index)).map_err(Into::into),
    }
}

/// A SARIF result whose replacements are `replacements(edits)`.
fn result_with(
    r: &FileReport,
    d: &crate::diagnostic::Diagnostic,
    rule_index: usize,
    replacements: impl FnOnce(&[crate::diagnostic::Edit]) -> Value,
) -> Value {
    let uri = path_uri(&r.doc.file(d.file).path);
    let mut result = json!({
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": region(position(&r.doc, d), d.span.start, d.span.end),
            }
        }],
    });
    if let Some(fix) = &d.fix {
        let replacements = replacements(&fix.edits);
        result["fixes"] = json!([{
            "description": {"text": fix.title},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": replacements,
            }],
        }]);
    }
    result
}

/// The run's invocation: it succeeded when every input was checked; each input that was not is
/// an error notification on that file (GitHub code scanning shows them as tool errors).
fn invocation(unreadable: &[Unreadable]) -> Value {
    let notifications: Vec<Value> = unreadable
        .iter()
        .map(|u| {
            let mut location = json!({"artifactLocation": {"uri": path_uri(&u.path)}});
            if let Some(line) = u.line {
                location["region"] = json!({"startLine": line});
            }
            json!({
                "level": "error",
                "message": {"text": u.message},
                "locations": [{"physicalLocation": location}],
            })
        })
        .collect();
    json!({
        "executionSuccessful": unreadable.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

/// The log around `results`.
fn skeleton(descriptors: Vec<Value>, results: Value, unreadable: &[Unreadable]) -> Value {
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "translint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }},
            "invocations": [invocation(unreadable)],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// Every finding of every report, in order, with its rule's index.
fn findings<'a>(
    reports: &'a [FileReport],
    index: &'a HashMap<&'a str, usize>,
) -> impl Iterator<Item = (&'a FileReport, &'a crate::diagnostic::Diagnostic, usize)> + 'a {
    reports.iter().flat_map(move |r| {
        r.diagnostics
            .iter()
            .map(move |d| (r, d, index.get(d.rule).copied().unwrap_or(0)))
    })
}

/// The SARIF log of a run, whole.
pub fn document(reports: &[FileReport], rules: &[&dyn Rule], unreadable: &[Unreadable]) -> Value {
    let (descriptors, index) = rule_table(reports, rules);
    let all = findings(reports, &index)
        .map(|(r, d, i)| result(r, d, i))
        .collect();
    skeleton(descriptors, Value::Array(all), unreadable)
}

/// Write the SARIF log, one result at a time.
pub fn render(
    out: &mut dyn Write,
    reports: &[FileReport],
    rules: &[&dyn Rule],
    unreadable: &[Unreadable],
) -> io::Result<()> {
    let (descriptors, index) = rule_table(reports, rules);
    let skeleton = skeleton(descriptors, json!([super::STREAM_MARKER]), unreadable);
    super::write_streamed_with(out, &skeleton, findings(reports, &index), |w, (r, d, i)| {
        write_result(w, r, d, i)
    })?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(super::path_uri("a b/字.txt"), "a%20b/%E5%AD%97.txt");
        assert_eq!(super::path_uri("dir\\x.txt"), "dir/x.txt");
        assert_eq!(super::path_uri("./dir/x.txt"), "dir/x.txt");
    }
}
