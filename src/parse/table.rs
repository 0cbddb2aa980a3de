//! Corpus formats: TSV (`source<TAB>target[<TAB>…]`) and JSON lines (`{"source": …, "target": …}`),
//! one pair per row. Rows that cannot be read become `table-syntax` problems with their span.

use super::lines::{is_trimmable, lines};
use crate::model::{Document, Format, Order, Pair, ParseProblem, Segment, SourceFile, Span};
use crate::script::{Script, classify};
use serde_json::value::RawValue;
use std::collections::HashMap;

/// Rule name of the structural problems these parsers report.
pub const TABLE_SYNTAX: &str = "table-syntax";

fn segment(text: &str, span: Span) -> Segment {
    // Trim the cell the way lines are trimmed, so spans point at the words.
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start_matches(is_trimmable).len();
    let t = s.trim_matches(is_trimmable);
    let span = Span::new(span.start + lead, span.start + lead + t.len());
    Segment {
        file: 0,
        span,
        script: classify(t),
    }
}

fn one_sided(seg: Segment) -> (Option<Segment>, Option<Segment>) {
    if seg.script == Script::Han {
        (None, Some(seg))
    } else {
        (Some(seg), None)
    }
}

fn document(
    file: SourceFile,
    format: Format,
    sides: Vec<(Option<Segment>, Option<Segment>)>,
    problems: Vec<ParseProblem>,
) -> Document {
    let pairs = sides
        .into_iter()
        .enumerate()
        .map(|(index, (source, target))| Pair {
            index,
            source,
            target,
            timed_by: None,
        })
        .collect();
    Document {
        files: vec![file],
        format,
        order: Order::SourceFirst,
        pairs,
        strays: Vec::new(),
        problems,
        cues: Vec::new(),
        cue_lines: Vec::new(),
        independently_timed: false,
    }
}

/// Parse TSV: the first column is the original, the second the translation, others are ignored.
/// A row without a tab is a one-sided pair (which `missing-translation` reports).
pub fn parse_tsv(file: SourceFile) -> Document {
    let text = file.text.as_str();
    let mut sides = Vec::new();
    for l in lines(text).filter(|l| !l.content.is_empty()) {
        let row = &text[l.whole.range()];
        let mut cells = row.split('\t');
        let first = cells.next().unwrap_or("");
        let start = l.whole.start;
        let a = Span::new(start, start + first.len());
        match cells.next() {
            Some(second) => {
                let b0 = a.end + 1;
                let b = Span::new(b0, b0 + second.len());
                sides.push((Some(segment(text, a)), Some(segment(text, b))));
            }
            None => sides.push(one_sided(segment(text, a))),
        }
    }
    document(file, Format::Tsv, sides, Vec::new())
}

/// Parse JSON lines, taking the original and the translation from the named string fields.
pub fn parse_jsonl(file: SourceFile, source_field: &str, target_field: &str) -> Document {
    let text = file.text.as_str();
    let mut sides = Vec::new();
    let mut problems = Vec::new();
    for l in lines(text).filter(|l| !l.content.is_empty()) {
        let row = &text[l.content.range()];
        let problem = |message: String| ParseProblem {
            rule: TABLE_SYNTAX,
            file: 0,
            span: l.content,
            message,
        };
        let obj: HashMap<String, &RawValue> = match serde_json::from_str(row) {
            Ok(o) => o,
            Err(e) => {
                // serde_json counts lines and columns (bytes) in the row alone: the finding
                // points at that byte of the file instead.
                let mut at = e.column().saturating_sub(1).min(row.len());
                while !row.is_char_boundary(at) {
                    at -= 1;
                }
                let what = e.to_string();
                let what = what
                    .rsplit_once(" at line ")
                    .map_or(what.as_str(), |(head, _)| head);
                problems.push(ParseProblem {
                    span: Span::new(l.content.start + at, l.content.end),
                    ..problem(format!("not a JSON object: {what}"))
                });
                continue;
            }
        };
        let mut field = |name: &str| -> Result<Option<Segment>, ()> {
            let Some(raw) = obj.get(name) else {
                return Ok(None);
            };
            let raw_text = raw.get();
            if raw_text == "null" {
                return Ok(None);
            }
            let Some(inner) = raw_text.strip_prefix('"').and_then(|r| r.strip_suffix('"')) else {
                problems.push(problem(format!("field `{name}` is not a string")));
                return Err(());
            };
            // `raw` borrows from `row`: its offset in the row is the pointer difference.
            let offset = raw_text.as_ptr() as usize - row.as_ptr() as usize;
            let start = l.content.start + offset + 1;
            let span = Span::new(start, start + inner.len());
            let escapes_non_ascii = inner.contains("\\u")
                && serde_json::from_str::<String>(raw_text)
                    .is_ok_and(|decoded| !decoded.is_ascii());
            if escapes_non_ascii {
                problems.push(problem(format!(
                    "field `{name}` writes its text as \\u escapes; translint checks text as written — save the file as raw UTF-8 (ensure_ascii=False)"
                )));
                return Err(());
            }
            Ok(Some(segment(text, span)))
        };
        let source = field(source_field);
        let target = field(target_field);
        match (source, target) {
            (Ok(None), Ok(None)) => problems.push(problem(format!(
                "neither `{source_field}` nor `{target_field}` is in this object (set --source-field/--target-field)"
            ))),
            (Ok(s), Ok(t)) => sides.push((s, t)),
            _ => {} // reported above
        }
    }
    document(file, Format::Jsonl, sides, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows_and_extra_columns() {
        let text = "Hello.\t你好。\tnote\nGood night.\t\nOnly English\n";
        let d = parse_tsv(SourceFile::new("t.tsv", text));
        assert_eq!(d.pairs.len(), 3);
        assert_eq!(d.text(&d.pairs[0].target.unwrap()), "你好。");
        assert_eq!(d.text(&d.pairs[1].target.unwrap()), "");
        assert!(d.pairs[2].target.is_none());
    }

    #[test]
    fn jsonl_fields_spans_and_problems() {
        let text = "{\"id\": 1, \"source\": \"Hi \\\"you\\\".\", \"target\": \"你好。\"}\n{bad\n{\"en\": \"x\"}\n{\"source\": \"Go.\", \"target\": \"\\u8d70\"}\n{\"source\": 3, \"target\": \"三\"}\n";
        let d = parse_jsonl(SourceFile::new("t.jsonl", text), "source", "target");
        assert_eq!(d.pairs.len(), 1);
        assert_eq!(d.text(&d.pairs[0].source.unwrap()), "Hi \\\"you\\\".");
        assert_eq!(d.text(&d.pairs[0].target.unwrap()), "你好。");
        assert_eq!(d.problems.len(), 4, "{:?}", d.problems);
        let d = parse_jsonl(
            SourceFile::new("t.jsonl", "{\"en\": \"Go.\", \"zh\": \"走。\"}"),
            "en",
            "zh",
        );
        assert_eq!(d.text(&d.pairs[0].target.unwrap()), "走。");
    }

    #[test]
    fn a_row_that_is_not_json_is_pointed_at_where_it_breaks() {
        let text = "{\"source\": \"Hi.\", \"target\": \"你好。\"}\n{\"source\": \"再见\", target: \"再见。\"}\n";
        let d = parse_jsonl(SourceFile::new("t.jsonl", text), "source", "target");
        assert_eq!(d.problems.len(), 1, "{:?}", d.problems);
        let p = &d.problems[0];
        assert_eq!(p.message, "not a JSON object: key must be a string");
        assert!(
            text[p.span.range()].starts_with("target: "),
            "{:?}",
            &text[p.span.range()]
        );
    }
}
