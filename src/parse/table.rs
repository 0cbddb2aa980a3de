//! Corpus formats: TSV (`source<TAB>target[<TAB>…]`) and JSON lines (`{"source": …, "target": …}`),
//! one pair per row. Rows that cannot be read become `table-syntax` problems with their span.

use super::lines::{is_trimmable, lines};
use crate::model::{
    Document, Format, Order, Pair, ParseProblem, Segment, SourceFile, Span, Stray, StrayKind,
};
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
    // A row holding one side only, of app text ("展开剩余字幕(还有 5 条)", credits before the
    // first or after the last row with both sides), is a stray, as a line of it is in a
    // transcript: `stray-line` reports it and its fix deletes the row.
    let text = file.text.as_str();
    // An empty cell or string is no side.
    let present = |side: &Option<Segment>| side.filter(|s| !s.span.is_empty());
    let two_sided =
        |(s, t): &(Option<Segment>, Option<Segment>)| present(s).is_some() && present(t).is_some();
    let first = sides.iter().position(two_sided);
    let last = sides.iter().rposition(two_sided);
    let marks = std::cell::OnceCell::new();
    let marks_endings = || {
        *marks.get_or_init(|| {
            crate::data::marks_endings(sides.iter().filter(|s| two_sided(s)).filter_map(
                |(_, t)| {
                    t.filter(|t| t.script == Script::Han)
                        .map(|t| &text[t.span.range()])
                },
            ))
        })
    };
    let mut pairs = Vec::with_capacity(sides.len());
    let mut strays = Vec::new();
    for (k, (source, target)) in sides.iter().copied().enumerate() {
        if let (Some(seg), None) | (None, Some(seg)) = (present(&source), present(&target))
            && let Some(kind) = super::subtitle::stray_kind(
                &text[seg.span.range()],
                first.is_none_or(|f| k < f),
                last.is_some_and(|l| k > l),
                &marks_endings,
            )
        {
            strays.push(Stray { segment: seg, kind });
            continue;
        }
        // A row of app text in both languages ("Show more" / "展开全部"), reported at its Chinese.
        if let (Some(en), Some(zh)) = (present(&source), present(&target))
            && [en, zh]
                .iter()
                .all(|s| super::subtitle::is_app_text(&text[s.span.range()]))
        {
            strays.push(Stray {
                segment: zh,
                kind: StrayKind::AppText(text[zh.span.range()].to_string()),
            });
            continue;
        }
        pairs.push(Pair {
            index: pairs.len(),
            source,
            target,
            timed_by: None,
        });
    }
    Document {
        files: vec![file],
        format,
        order: Order::SourceFirst,
        pairs,
        strays,
        problems,
        cues: Vec::new(),
        cue_lines: Vec::new(),
        independently_timed: false,
    }
}

/// Header cells naming the original's column (compared lower-cased).
const SOURCE_HEADERS: &[&str] = &[
    "en", "eng", "english", "en-us", "en_us", "en-gb", "en_gb", "source", "src", "original",
    "英文", "英语", "原文",
];

/// Header cells naming the translation's column (compared lower-cased).
const TARGET_HEADERS: &[&str] = &[
    "zh",
    "zho",
    "chi",
    "chinese",
    "cn",
    "chs",
    "cht",
    "zh-cn",
    "zh_cn",
    "zh-hans",
    "zh-hant",
    "zh-tw",
    "zh_tw",
    "target",
    "tgt",
    "translation",
    "中文",
    "汉语",
    "译文",
    "譯文",
    "翻译",
    "翻譯",
];

/// Other header cells a corpus row may carry beside the two texts.
const OTHER_HEADERS: &[&str] = &[
    "id",
    "#",
    "no",
    "no.",
    "index",
    "idx",
    "line",
    "start",
    "end",
    "time",
    "timestamp",
    "speaker",
    "note",
    "notes",
    "comment",
    "score",
    "序号",
    "编号",
    "说话人",
];

/// Rows read to decide the column order: the layout of a corpus does not change half way.
const COLUMN_VOTE_ROWS: usize = 2000;

/// Columns looked at to find the two texts (`id<TAB>en<TAB>zh`, `en<TAB>zh<TAB>note`).
const MAX_TEXT_COLUMN: usize = 8;

/// Which columns of a TSV file hold the original and the translation, and whether its first
/// row is a header naming them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Columns {
    source: usize,
    target: usize,
    header: bool,
}

/// The header's columns when the first row names the columns (`en<TAB>zh`,
/// `id<TAB>中文<TAB>英文`): every cell a known column name, one for each text.
fn header_columns(first_row: &str) -> Option<(usize, usize)> {
    let (mut source, mut target) = (None, None);
    for (k, cell) in first_row.split('\t').enumerate() {
        let name = cell.trim_matches(is_trimmable).to_lowercase();
        if name.is_empty() {
            continue;
        }
        let name = name.as_str();
        if SOURCE_HEADERS.contains(&name) && source.is_none() {
            source = Some(k);
        } else if TARGET_HEADERS.contains(&name) && target.is_none() {
            target = Some(k);
        } else if !OTHER_HEADERS.contains(&name) {
            return None;
        }
    }
    Some((source?, target?))
}

/// Reads the column order: a header naming the columns decides; otherwise the script of the
/// cells does (the column of most English cells is the original, that of most Chinese cells
/// the translation), with `source<TAB>target` kept unless another pair of columns holds
/// strictly more English and Chinese cells. A file exported Chinese first (`中文<TAB>English`)
/// would otherwise be an untranslated line on every row.
fn tsv_columns<'a>(rows: impl Iterator<Item = &'a str>) -> Columns {
    let mut rows = rows.peekable();
    if let Some((source, target)) = rows.peek().and_then(|r| header_columns(r)) {
        return Columns {
            source,
            target,
            header: true,
        };
    }
    let (mut latin, mut han) = ([0usize; MAX_TEXT_COLUMN], [0usize; MAX_TEXT_COLUMN]);
    for row in rows.take(COLUMN_VOTE_ROWS) {
        if !row.contains('\t') {
            continue;
        }
        for (k, cell) in row.split('\t').take(MAX_TEXT_COLUMN).enumerate() {
            match classify(cell.trim_matches(is_trimmable)) {
                Script::Han => han[k] += 1,
                Script::Latin => latin[k] += 1,
                Script::Neutral => {}
            }
        }
    }
    let mut best = (0, 1);
    let votes = |(s, t): (usize, usize)| latin[s] + han[t];
    for t in 0..MAX_TEXT_COLUMN {
        for s in (0..MAX_TEXT_COLUMN).filter(|&s| s != t) {
            if votes((s, t)) > votes(best) {
                best = (s, t);
            }
        }
    }
    Columns {
        source: best.0,
        target: best.1,
        header: false,
    }
}

/// Parse TSV: one pair per row, the original and the translation in the columns
/// [`tsv_columns`] finds (the first two, unless a header or the cells' scripts say otherwise);
/// other columns are ignored, and a header row naming the columns is not a pair. A row without
/// a tab is a one-sided pair (which `missing-translation` reports), as is a row too short to
/// hold one of the two columns; one whose tab became spaces ([`spaces_for_a_tab`]) is read as
/// its two columns, and one with a tab inside its English ([`tab_inside_english`]) as its
/// English and Chinese, each with a `table-syntax` problem.
pub fn parse_tsv(file: SourceFile) -> Document {
    let text = file.text.as_str();
    let rows = || lines(text).filter(|l| !l.content.is_empty());
    let columns = tsv_columns(rows().map(|l| &text[l.whole.range()]));
    let mut sides = Vec::new();
    let mut problems = Vec::new();
    for l in rows().skip(usize::from(columns.header)) {
        let row = &text[l.whole.range()];
        let start = l.whole.start;
        if !row.contains('\t') {
            // The tab turned into spaces (an editor, a copy from a web page): the two columns
            // are still there, English before and Chinese after the run of spaces.
            if let Some((left, gap)) = spaces_for_a_tab(row)
                && (columns.source, columns.target) == (0, 1)
            {
                let (l_span, r_span) = (
                    Span::new(start, start + left),
                    Span::new(start + left + gap, start + row.len()),
                );
                problems.push(ParseProblem {
                    rule: TABLE_SYNTAX,
                    file: 0,
                    span: Span::new(start + left, start + left + gap),
                    message: format!(
                        "no tab in this row: its English and Chinese are separated by {} instead; read as two columns",
                        if gap == 1 { "a space".to_string() } else { format!("{gap} spaces") }
                    ),
                });
                sides.push((Some(segment(text, l_span)), Some(segment(text, r_span))));
                continue;
            }
            sides.push(one_sided(segment(
                text,
                Span::new(start, start + row.len()),
            )));
            continue;
        }
        // A tab inside the English (pasted from a cell that held one): English, English, then
        // the Chinese in a third cell, where the file keeps its Chinese in the second.
        if (columns.source, columns.target) == (0, 1)
            && let Some(english_end) = tab_inside_english(row)
        {
            problems.push(ParseProblem {
                rule: TABLE_SYNTAX,
                file: 0,
                span: Span::new(start + english_end.0, start + english_end.0 + 1),
                message: "a tab inside this row's English: its Chinese is in the third cell, \
                          not the second; read as the English (first two cells) and the Chinese"
                    .to_string(),
            });
            sides.push((
                Some(segment(text, Span::new(start, start + english_end.1))),
                Some(segment(
                    text,
                    Span::new(start + english_end.1 + 1, start + row.len()),
                )),
            ));
            continue;
        }
        let (mut source, mut target) = (None, None);
        let mut at = start;
        for (k, cell) in row.split('\t').enumerate() {
            let span = Span::new(at, at + cell.len());
            if k == columns.source {
                source = Some(segment(text, span));
            } else if k == columns.target {
                target = Some(segment(text, span));
            }
            at = span.end + 1;
        }
        if source.is_none() && target.is_none() {
            // Too short for either column: the row is still text of the file.
            sides.push(one_sided(segment(text, l.whole)));
        } else {
            sides.push((source, target));
        }
    }
    document(file, Format::Tsv, sides, problems)
}

/// Where a row of three cells holds its English in the first two (no Han in either, Latin
/// letters in the second) and Chinese in the third: the byte offsets of the stray tab and of
/// the tab before the Chinese.
fn tab_inside_english(row: &str) -> Option<(usize, usize)> {
    let mut cells = row.split('\t');
    let (first, second, third) = (cells.next()?, cells.next()?, cells.next()?);
    if cells.next().is_some()
        || classify(first.trim_matches(is_trimmable)) == Script::Han
        || classify(second.trim_matches(is_trimmable)) != Script::Latin
        || classify(third.trim_matches(is_trimmable)) != Script::Han
    {
        return None;
    }
    Some((first.len(), first.len() + 1 + second.len()))
}

/// Where a row without a tab splits into an English and a Chinese column at a run of two or
/// more spaces, or one space after an English sentence's end (`.` `?` `!`): the byte length of
/// the left part and of the run. The first run with Latin letters and no Han before it and a
/// Chinese sentence's opening right after it ([`opens_chinese`]); a Chinese line that merely
/// holds two spaces stays one cell, as does an English one.
fn spaces_for_a_tab(row: &str) -> Option<(usize, usize)> {
    // One pass: what the left part holds is known at each run without reading it again (a long
    // row of English words would otherwise be read once per space).
    let mut latin_before = false;
    let mut chars = row.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if crate::script::is_han(c) {
            return None;
        }
        if c != ' ' {
            latin_before |= c.is_ascii_alphabetic();
            continue;
        }
        let mut end = at + 1;
        while chars.next_if(|&(_, n)| n == ' ').is_some() {
            end += 1;
        }
        // One space is a tab's trace only after an English sentence's end.
        let after_a_sentence = || {
            row[..at]
                .trim_end_matches(['"', '\'', ')', '”', '’'])
                .ends_with(['.', '?', '!'])
        };
        if (end - at >= 2 || after_a_sentence()) && latin_before && opens_chinese(&row[end..]) {
            return Some((at, end - at));
        }
    }
    None
}

/// Whether `cell` begins as a Chinese sentence does: a Han character, or digits and marks
/// (`2022年`, `3.5%的`, `《…》`) running into one without a space or a Latin letter between,
/// or a Latin name or acronym glued to one (`VPN也…`, `CVE-2024-1234是…`: Chinese keeps them in
/// Latin letters and writes no space after them), perhaps after a speaker label (`Claire：还有…`:
/// a transcript with named speakers keeps their Latin names in the Chinese column).
fn opens_chinese(cell: &str) -> bool {
    let opens = |text: &str| {
        let head = text
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+')))
            .unwrap_or(text.len());
        let rest = if text[..head].bytes().any(|b| b.is_ascii_alphabetic()) {
            &text[head..]
        } else {
            text
        };
        rest.chars()
            .find(|&c| c.is_alphabetic() || c.is_whitespace())
            .is_some_and(crate::script::is_han)
    };
    opens(cell) || {
        let body = crate::script::after_speaker_label(cell);
        body.len() < cell.len() && opens(body)
    }
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
    fn spaces_stand_for_a_tab_only_between_english_and_chinese() {
        assert_eq!(
            spaces_for_a_tab("Where is it?    它在哪里？"),
            Some((12, 4))
        );
        assert_eq!(spaces_for_a_tab("Hi.  Bye.   再见。"), Some((9, 3)));
        assert_eq!(spaces_for_a_tab("Thanks.  I see them now."), None);
        assert_eq!(spaces_for_a_tab("我们走吧。  好的。"), None);
        // One space after an English sentence's end, not inside one.
        assert_eq!(spaces_for_a_tab("Where is it? 它在哪里？"), Some((12, 1)));
        assert_eq!(spaces_for_a_tab("He said \"go.\" 走吧。"), Some((13, 1)));
        assert_eq!(spaces_for_a_tab("Where is 北京？"), None);
        // The Chinese cell may open with an acronym or a name glued to its Chinese.
        assert_eq!(
            spaces_for_a_tab("A VPN won't help.  VPN也帮不了你。"),
            Some((17, 2))
        );
        assert_eq!(
            spaces_for_a_tab("Patch it now. CVE-2024-1234是个严重漏洞。"),
            Some((13, 1))
        );
        assert_eq!(spaces_for_a_tab("Use the VPN.  VPN 也行。"), None);
        assert_eq!(spaces_for_a_tab("12  三十"), None);
        // The Chinese cell may open with a speaker's Latin name.
        assert_eq!(
            spaces_for_a_tab("Mia: We met at noon.    Mia：我们中午见的面。"),
            Some((20, 4))
        );
        assert_eq!(spaces_for_a_tab("Mia: We met.  Bob: Fine."), None);
        // The Chinese cell may open with a year, an amount or a mark before its first Han.
        assert_eq!(
            spaces_for_a_tab("The bank cut rates in May 2024.   2024年5月，银行降息。"),
            Some((31, 3))
        );
        assert_eq!(spaces_for_a_tab("Up 3.5%.  3.5%的涨幅。"), Some((8, 2)));
        assert_eq!(spaces_for_a_tab("Read it.  《论语》很短。"), Some((8, 2)));
        // Digits before English, or a space before the Han, are no Chinese cell.
        assert_eq!(spaces_for_a_tab("Page one.  2 pages 两页"), None);
        assert_eq!(spaces_for_a_tab("Rates.  2024 年"), None);
    }

    #[test]
    fn a_tab_inside_the_english_is_found_only_before_a_chinese_third_cell() {
        assert_eq!(
            tab_inside_english("Here is one:\tis it FOB?\t这是一个：是 FOB 吗？"),
            Some((12, 23))
        );
        // A note in a third column, a Chinese second cell, or a fourth cell: no stray tab.
        assert_eq!(tab_inside_english("Hi.\t你好。\tgreeting"), None);
        assert_eq!(tab_inside_english("Hi.\t你好。\t问候"), None);
        assert_eq!(tab_inside_english("Hi.\tthere\t你好。\tx"), None);
        assert_eq!(tab_inside_english("Hi.\t42\t你好。"), None);
    }

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
    fn tsv_columns_follow_a_header_or_the_scripts() {
        let cols = |text: &str| tsv_columns(text.lines());
        let plain = Columns {
            source: 0,
            target: 1,
            header: false,
        };
        assert_eq!(cols("Hello.\t你好。\nGo.\t走。"), plain);
        assert_eq!(
            cols("你好。\tHello.\n走。\tGo."),
            Columns {
                source: 1,
                target: 0,
                ..plain
            }
        );
        assert_eq!(
            cols("ID\t译文\tSource\n1\tHi.\t嗨。"),
            Columns {
                source: 2,
                target: 1,
                header: true,
            }
        );
        // Not a header: a row of text, or a header naming one text only.
        assert_eq!(cols("en\tfine\nGo.\t走。"), plain);
        assert_eq!(cols("en\tnote\nGo.\t走。"), plain);
        // A tie (every row untranslated) keeps the first two columns.
        assert_eq!(cols("Go.\tGo.\nStop.\tStop."), plain);
        // A one-sided row under a header naming the columns, and a row too short for them.
        let d = parse_tsv(SourceFile::new(
            "t.tsv",
            "zh\ten\n你好。\tHello.\n只有中文\nx\n",
        ));
        assert_eq!(d.pairs.len(), 3);
        assert_eq!(d.text(&d.pairs[0].source.unwrap()), "Hello.");
        assert!(d.pairs[1].source.is_none() && d.pairs[1].target.is_some());
        assert_eq!(d.text(&d.pairs[2].source.unwrap()), "x");
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
