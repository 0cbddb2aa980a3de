//! `whitespace`: white space that is there by accident — at the ends of a line, doubled, tabs,
//! full-width spaces between Latin words, and invisible characters (zero-width spaces, joiners,
//! soft hyphens, a BOM in the middle of the file).

use super::{Context, FixKind, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Text};
use crate::model::{FileId, Format, Pair, Segment, Span};
use crate::parse::lines::{blank_lines, is_trimmable};
use crate::script::{is_cjk, is_cjk_punct, is_han, is_latin_letter};
use memchr::memmem;
use std::sync::LazyLock;

/// See `rules/whitespace.toml`.
pub struct Whitespace;

static META: RuleMeta = RuleMeta {
    name: "whitespace",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::Safe,
    doc: include_str!("../../rules/whitespace.toml"),
};

const IDEOGRAPHIC_SPACE: char = '\u{3000}';
const BOM: char = '\u{FEFF}';

/// Characters that print nothing and that text for reading never needs.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | BOM | '\u{00AD}'
    )
}

/// Spacing characters whose runs this rule measures.
fn is_spacing(c: char) -> bool {
    matches!(c, ' ' | '\t' | IDEOGRAPHIC_SPACE)
}

/// Zero-width (non-)joiners carry meaning inside emoji sequences and some scripts; only those
/// between plain ASCII or CJK text are accidents.
fn joiner_is_accidental(prev: Option<char>, next: Option<char>) -> bool {
    let plain = |c: Option<char>| c.is_none_or(|c| c.is_ascii() || is_cjk(c) || is_spacing(c));
    plain(prev) && plain(next)
}

/// One problem found in a line: where (absolute bytes), what to put there, and what to say.
#[derive(Debug, PartialEq, Eq)]
pub struct Finding {
    /// Bytes to replace.
    pub span: Span,
    /// Replacement text.
    pub replacement: Text,
    /// Message.
    pub message: String,
}

fn describe(c: char) -> &'static str {
    match c {
        '\u{200B}' => "zero-width space (U+200B)",
        '\u{200C}' => "zero-width non-joiner (U+200C)",
        '\u{200D}' => "zero-width joiner (U+200D)",
        '\u{2060}' => "word joiner (U+2060)",
        BOM => "byte-order mark (U+FEFF)",
        '\u{00AD}' => "soft hyphen (U+00AD)",
        '\t' => "tab",
        IDEOGRAPHIC_SPACE => "full-width space (U+3000)",
        _ => "white space",
    }
}

/// Check one physical line. `line` is the whole line without its break, `content` the trimmed
/// text inside it. A BOM that opens the file is not reported. With `edges` false only the inside
/// of `content` is checked (formats where a line holds more than the segment: TSV, JSONL).
/// `pauses`: a space between Han characters may be a pause (subtitles), so a run of them keeps
/// one.
pub fn check_line(
    text: &str,
    line: Span,
    content: Span,
    edges: bool,
    pauses: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !edges {
        check_inside(text, content, pauses, &mut out);
        return out;
    }
    let mut lead_start = line.start;
    if line.start == 0 && text[line.range()].starts_with(BOM) {
        lead_start += BOM.len_utf8();
    }
    if content.is_empty() {
        if lead_start < line.end {
            out.push(Finding {
                span: Span::new(lead_start, line.end),
                replacement: "".into(),
                message: "white space on an otherwise empty line".into(),
            });
        }
        return out;
    }
    // Formats that put two segments on one line (a TSV row) hold the other column there: only a
    // stretch that is all white space is the line's edge.
    let blank = |span: Span| text[span.range()].chars().all(is_trimmable);
    if lead_start < content.start && blank(Span::new(lead_start, content.start)) {
        out.push(Finding {
            span: Span::new(lead_start, content.start),
            replacement: "".into(),
            message: format!(
                "leading {} at the start of the line",
                summarize(&text[lead_start..content.start])
            ),
        });
    }
    check_inside(text, content, pauses, &mut out);
    if content.end < line.end && blank(Span::new(content.end, line.end)) {
        out.push(Finding {
            span: Span::new(content.end, line.end),
            replacement: "".into(),
            message: format!(
                "trailing {} at the end of the line",
                summarize(&text[content.end..line.end])
            ),
        });
    }
    out
}

/// Name what a stretch of blank text is made of ("2 spaces", "a tab", "a zero-width space").
fn summarize(s: &str) -> String {
    let n = s.chars().count();
    let first = s.chars().next().unwrap_or(' ');
    if s.chars().all(|c| c == ' ') {
        if n == 1 {
            "space".into()
        } else {
            format!("{n} spaces")
        }
    } else if n == 1 {
        describe(first).into()
    } else {
        "white space".into()
    }
}

/// True when `s` has something [`check_inside`] could report: an invisible character, or white
/// space other than single ASCII spaces. Most lines have neither, and are passed over without
/// the per-character work (this rule was a tenth of a whole check).
fn worth_checking(s: &str) -> bool {
    static DOUBLE_SPACE: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("  "));
    static WIDE_SPACE: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("\u{3000}"));
    static BYTE_ORDER_MARK: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("\u{FEFF}"));
    let b = s.as_bytes();
    if s.is_ascii() {
        // Invisible characters and U+3000 are not ASCII: only a tab or two spaces are left to
        // find, by SIMD search (half the lines of a transcript are English).
        return memchr::memchr(b'\t', b).is_some() || DOUBLE_SPACE.find(b).is_some();
    }
    if memchr::memchr3(b'\t', 0xC2, 0xE2, b).is_none() {
        // No tab, and none of the lead bytes of U+00AD and U+200B–U+2060: two spaces, U+3000
        // and U+FEFF are left, each found by SIMD search (decoding every character of every
        // Chinese line was most of this rule).
        return DOUBLE_SPACE.find(b).is_some()
            || WIDE_SPACE.find(b).is_some()
            || BYTE_ORDER_MARK.find(b).is_some();
    }
    let mut after_space = false;
    for c in s.chars() {
        if is_invisible(c) || (is_spacing(c) && (c != ' ' || after_space)) {
            return true;
        }
        after_space = c == ' ';
    }
    false
}

fn check_inside(text: &str, content: Span, pauses: bool, out: &mut Vec<Finding>) {
    let s = &text[content.range()];
    if !worth_checking(s) {
        return;
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |k: usize| content.start + chars.get(k).map_or(s.len(), |&(i, _)| i);
    // Code in backticks keeps its spacing (`print("a  b")`, `cut -d"<tab>"`): the spaces are the
    // code's. Only a backtick that a later one closes opens code.
    let code = code_spans(&chars);
    // The first code span not wholly before the current run (runs are met in order).
    let mut next_code = 0;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if is_invisible(c) {
            let prev = k.checked_sub(1).map(|i| chars[i].1);
            let next = chars.get(k + 1).map(|&(_, c)| c);
            let flagged = match c {
                '\u{200C}' | '\u{200D}' => joiner_is_accidental(prev, next),
                _ => true,
            };
            if flagged {
                out.push(Finding {
                    span: Span::new(at(k), at(k + 1)),
                    replacement: "".into(),
                    message: format!("invisible {} in the text", describe(c)),
                });
            }
            k += 1;
            continue;
        }
        if !is_spacing(c) {
            k += 1;
            continue;
        }
        let run_start = k;
        while k < chars.len() && is_spacing(chars[k].1) {
            k += 1;
        }
        while code.get(next_code).is_some_and(|r| r.end <= run_start) {
            next_code += 1;
        }
        if code.get(next_code).is_some_and(|r| r.contains(&run_start)) {
            continue;
        }
        let run: String = chars[run_start..k].iter().map(|&(_, c)| c).collect();
        // Content is trimmed, so a run always has a neighbour on both sides.
        let prev = run_start.checked_sub(1).map(|i| chars[i].1);
        let next = chars.get(k).map(|&(_, c)| c);
        // Full-width spaces are Chinese spacing (often a pause in subtitles) unless both
        // neighbours are Latin text, where an ASCII space is meant.
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_graphic() || is_latin_letter(c));
        let latin_both_sides = latin(prev) && latin(next);
        let all_ideographic = run.chars().all(|c| c == IDEOGRAPHIC_SPACE);
        // A full-width mark carries its own room: spacing beside it goes ("登基，  在位").
        let beside_cjk_mark = prev.is_some_and(is_cjk_punct) || next.is_some_and(is_cjk_punct);
        let between_han = prev.is_some_and(is_han) && next.is_some_and(is_han);
        let (replacement, message) = if run == " " {
            continue;
        } else if between_han && !pauses && !all_ideographic {
            // A transcript writes Chinese without spaces: a run of them between two Han
            // characters is debris, not a pause (subtitles keep one, below).
            (
                "".into(),
                format!(
                    "{} between Chinese characters; remove {}",
                    describe_run(&run),
                    if run.chars().count() == 1 {
                        "it"
                    } else {
                        "them"
                    }
                ),
            )
        } else if beside_cjk_mark && !all_ideographic {
            (
                "".into(),
                format!(
                    "{} beside full-width punctuation; remove it",
                    describe_run(&run)
                ),
            )
        } else if all_ideographic && !latin_both_sides {
            if run.chars().count() == 1 {
                continue;
            }
            (
                "\u{3000}".into(),
                format!("{} full-width spaces in a row", run.chars().count()),
            )
        } else if run == "\t" {
            (" ".into(), "tab inside the text; use a space".into())
        } else if run == IDEOGRAPHIC_SPACE.to_string() {
            (
                " ".into(),
                "full-width space (U+3000) between Latin text; use an ASCII space".into(),
            )
        } else if run.chars().all(|c| c == ' ') {
            (
                " ".into(),
                format!("{} spaces in a row; use one", run.len()),
            )
        } else {
            (
                " ".into(),
                "mixed spaces and tabs in a row; use one space".into(),
            )
        };
        out.push(Finding {
            span: Span::new(at(run_start), at(k)),
            replacement,
            message,
        });
    }
}

/// A run of spacing as a message names it: "a tab", "2 spaces" ([`summarize`]), "spaces and
/// tabs".
fn describe_run(run: &str) -> String {
    if run == "\t" {
        "a tab".into()
    } else if run.chars().all(|c| c == ' ') {
        summarize(run)
    } else {
        "spaces and tabs".into()
    }
}

/// Char index ranges inside backtick code spans: each backtick with a later one to close it opens
/// a span up to that one. Few lines have backticks; a line with many has few spans per run.
fn code_spans(chars: &[(usize, char)]) -> Vec<std::ops::Range<usize>> {
    let ticks: Vec<usize> = (0..chars.len()).filter(|&k| chars[k].1 == '`').collect();
    ticks.chunks_exact(2).map(|p| p[0] + 1..p[1]).collect()
}

fn push(out: &mut Vec<Diagnostic>, file: FileId, findings: Vec<Finding>) {
    for f in findings {
        let title = if f.replacement.is_empty() {
            "Remove it"
        } else {
            "Use one space"
        };
        out.push(
            Diagnostic::new(META.name, META.severity, file, f.span, f.message)
                .with_label(if f.replacement.is_empty() {
                    "remove"
                } else {
                    "collapse"
                })
                .with_fix(Fix {
                    applicability: Applicability::Safe,
                    title: title.into(),
                    edits: vec![Edit {
                        file,
                        span: f.span,
                        replacement: f.replacement,
                    }],
                }),
        );
    }
}

/// Formats in which a segment owns its physical lines, so white space at their ends is debris
/// (in TSV the tab at a line's end separates an empty column).
fn owns_lines(format: Format) -> bool {
    matches!(format, Format::Interleaved | Format::Srt | Format::Vtt)
}

/// Formats whose Chinese may write a space for a pause: subtitles.
fn subtitles(format: Format) -> bool {
    matches!(format, Format::Srt | Format::Vtt)
}

fn check_segment(ctx: &Context<'_>, seg: &Segment, out: &mut Vec<Diagnostic>) {
    let text = &ctx.doc.file(seg.file).text;
    let edges = owns_lines(ctx.doc.format);
    let pauses = subtitles(ctx.doc.format);
    let line = ctx.doc.line_of(seg);
    // A cue's side of several lines: each line has its own end ("So " above "dinner on
    // Saturday?").
    if edges
        && line.end > line.start
        && memchr::memchr(b'\n', text[seg.span.range()].as_bytes()).is_some()
    {
        let mut findings = Vec::new();
        for l in crate::parse::lines::lines(&text[line.range()]) {
            let whole = Span::new(l.whole.start + line.start, l.whole.end + line.start);
            let content = Span::new(
                (l.content.start + line.start).max(seg.span.start),
                (l.content.end + line.start).min(seg.span.end),
            );
            if content.start <= content.end {
                findings.extend(check_line(text, whole, content, edges, pauses));
            }
        }
        push(out, seg.file, findings);
        return;
    }
    let mut findings = check_line(text, line, seg.span, edges, pauses);
    match ctx.doc.format {
        Format::Tsv => cell_edges(text, line, seg.span, &mut findings),
        Format::Jsonl => string_edges(text, seg.span, &mut findings),
        _ => {}
    }
    push(out, seg.file, findings);
}

/// White space between a JSON string's quotes and its text (`"target": " 你好。"`): the field's
/// edges, like a TSV cell's. Deleting literal spaces inside a JSON string keeps the line valid
/// JSON; escaped white space (`\n`) is text as written and is left alone.
fn string_edges(text: &str, content: Span, out: &mut Vec<Finding>) {
    if content.is_empty() {
        return;
    }
    let before = &text[..content.start];
    let opened = before.trim_end_matches(edge_blank);
    let lead = if opened.ends_with('"') {
        before.len() - opened.len()
    } else {
        0
    };
    let after = &text[content.end..];
    let closed = after.trim_start_matches(edge_blank);
    let trail = if closed.starts_with('"') {
        after.len() - closed.len()
    } else {
        0
    };
    push_edges(text, content, (lead, trail), "field's text", out);
}

/// White space between a TSV cell's text and its tab or the row's end ("Volume was light. <tab>"):
/// the cell's edges, which [`check_line`] leaves to the format (a tab there separates columns).
fn cell_edges(text: &str, line: Span, content: Span, out: &mut Vec<Finding>) {
    // A BOM opening the file is the file's, not the cell's.
    let mut row_start = line.start;
    if row_start == 0 && text[line.range()].starts_with(BOM) {
        row_start += BOM.len_utf8();
    }
    let before = text.get(row_start..content.start).unwrap_or("");
    let kept_before = before.trim_end_matches(edge_blank);
    let after = text.get(content.end..line.end).unwrap_or("");
    let kept_after = after.trim_start_matches(edge_blank);
    // Only white space against the tab or the row's edge: spaces that stand for a missing tab
    // (which `table-syntax` reports) separate two cells and are not either cell's.
    let at_edge = |rest: &str, tab: bool| {
        rest.is_empty()
            || (if tab {
                rest.ends_with('\t')
            } else {
                rest.starts_with(['\t', '\r', '\n'])
            })
    };
    let lead = if at_edge(kept_before, true) {
        before.len() - kept_before.len()
    } else {
        0
    };
    let trail = if at_edge(kept_after, false) {
        after.len() - kept_after.len()
    } else {
        0
    };
    push_edges(text, content, (lead, trail), "cell", out);
}

/// White space at a cell's or field's edge: trimmable, but not the tab that separates columns.
fn edge_blank(c: char) -> bool {
    c != '\t' && is_trimmable(c)
}

/// Findings for `lead` bytes of white space before `content` and `trail` after it, at the edges
/// of a `unit` ("cell"): the first before the line's other findings, the second after them.
fn push_edges(
    text: &str,
    content: Span,
    (lead, trail): (usize, usize),
    unit: &str,
    out: &mut Vec<Finding>,
) {
    let finding = |span: Span, (which, end): (&str, &str)| Finding {
        span,
        replacement: "".into(),
        message: format!(
            "{which} {} at the {end} of the {unit}",
            summarize(&text[span.range()])
        ),
    };
    if lead > 0 {
        let span = Span::new(content.start - lead, content.start);
        out.insert(0, finding(span, ("leading", "start")));
    }
    if trail > 0 {
        let span = Span::new(content.end, content.end + trail);
        out.push(finding(span, ("trailing", "end")));
    }
}

impl Rule for Whitespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        for seg in [pair.source, pair.target].iter().flatten() {
            check_segment(ctx, seg, out);
        }
    }

    fn check_document(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for stray in &ctx.doc.strays {
            check_segment(ctx, &stray.segment, out);
        }
        // Blank lines belong to no segment; in line-based text their white space is trailing.
        if ctx.doc.format == Format::Interleaved {
            for (file, f) in (0..).zip(&ctx.doc.files) {
                for l in blank_lines(&f.text) {
                    push(
                        out,
                        file,
                        check_line(&f.text, l.whole, l.content, true, false),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_prechecked_as_the_char_definition_says() {
        // The char-by-char definition the ASCII shortcut must agree with.
        let by_chars = |s: &str| {
            let mut after_space = false;
            s.chars().any(|c| {
                let hit = is_invisible(c) || (is_spacing(c) && (c != ' ' || after_space));
                after_space = c == ' ';
                hit
            })
        };
        for s in [
            "One space each.",
            "Two  spaces.",
            "A\ttab.",
            " x",
            "x ",
            "",
            "a b c d e f",
            "end  ",
            "中文 一个空格",
            "中文\u{3000}全角",
            "零\u{200B}宽",
            "零\u{200C}宽\u{200D}",
            "词\u{2060}连",
            "\u{FEFF}开头",
            "软\u{00AD}连字符",
            "标点，。、“引号”！？（）",
            "全角ＡＢＣ１２３",
            "é è  à",
            "é\tà",
            "中 \u{3000}文",
            "emoji 👩\u{200D}💻 ok",
            "\u{00A0}不换行\u{00A0}",
            "中文  两个空格",
            "全角\u{3000}空格，没有别的",
            "只有\u{FEFF}标记",
            "“引号”  两个空格",
            "“引号”\u{200B}零宽",
            "没有问题的一行，。",
            "Latin-1 ñ  and two spaces",
            "Latin-1 ñ and one",
        ] {
            assert_eq!(worth_checking(s), by_chars(s), "{s:?}");
        }
        // Generated lines dense in the characters that count and their byte neighbours.
        let pieces = [
            " ", "\t", "a", "中", "\u{3000}", "\u{3001}", "\u{2FFF}", "\u{FEFF}", "\u{FEFE}",
            "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200A}", "\u{2060}", "\u{2061}",
            "\u{00AD}", "\u{00A0}", "\u{00AC}", "é", "👩", "，",
        ];
        let mut next = crate::test_support::xorshift(0x5eed_0f5a);
        for _ in 0..20_000 {
            let s = crate::test_support::random_text(&mut next, &pieces, 6);
            assert_eq!(worth_checking(&s), by_chars(&s), "{s:?}");
        }
    }
    use crate::parse::lines::lines;

    /// Apply the findings of every line of `t` and return the text, plus the messages.
    fn fixed(t: &str) -> (String, Vec<String>) {
        fixed_with(t, true)
    }

    /// `t` fixed, and the messages; `pauses` as in [`check_line`].
    fn fixed_with(t: &str, pauses: bool) -> (String, Vec<String>) {
        let mut fs: Vec<Finding> = lines(t)
            .flat_map(|l| check_line(t, l.whole, l.content, true, pauses))
            .collect();
        fs.sort_by_key(|f| f.span.start);
        let msgs = fs.iter().map(|f| f.message.clone()).collect();
        let mut out = t.to_string();
        for f in fs.iter().rev() {
            out.replace_range(f.span.range(), &f.replacement);
        }
        (out, msgs)
    }

    #[test]
    fn trims_ends_and_collapses_runs() {
        assert_eq!(fixed("  hello  world \n").0, "hello world\n");
        assert_eq!(fixed("a\tb").0, "a b");
        assert_eq!(fixed("a \t b").0, "a b");
        assert_eq!(fixed("   \r\nx").0, "\r\nx");
    }

    #[test]
    fn spacing_beside_fullwidth_punctuation_is_removed() {
        let (text, msgs) = fixed("登基，  在位。\t他说：\t好");
        assert_eq!(text, "登基，在位。他说：好");
        assert_eq!(
            msgs,
            [
                "2 spaces beside full-width punctuation; remove it",
                "a tab beside full-width punctuation; remove it",
                "a tab beside full-width punctuation; remove it",
            ]
        );
        // Between Han characters a run keeps one space (a pause, as subtitles write one).
        assert_eq!(fixed("打了\t差不多").0, "打了 差不多");
        // Full-width spaces are Chinese spacing, reported only in runs.
        assert!(fixed("他说：\u{3000}好").1.is_empty());
    }

    #[test]
    fn a_transcript_run_between_han_characters_is_removed() {
        let fixed_in_transcript = |t: &str| fixed_with(t, false).0;
        assert_eq!(
            fixed_in_transcript("时间  并不是\t实在的"),
            "时间并不是实在的"
        );
        // One space stays a pause; a run beside Latin text keeps one space.
        assert_eq!(fixed_in_transcript("嗯 我觉得"), "嗯 我觉得");
        assert_eq!(fixed_in_transcript("用  Rust  写"), "用 Rust 写");
    }

    #[test]
    fn one_space_between_han_and_latin_is_not_a_run() {
        assert!(fixed("我用 Rust 写代码。").1.is_empty());
        assert!(fixed("Hello world.").1.is_empty());
    }

    #[test]
    fn fullwidth_space_only_between_latin() {
        assert_eq!(fixed("New\u{3000}York").0, "New York");
        assert!(fixed("你好\u{3000}世界").1.is_empty());
        assert!(fixed("他说\u{3000}OK").1.is_empty());
        assert_eq!(fixed("你好\u{3000}\u{3000}世界").0, "你好\u{3000}世界");
        // Curly quotes around it are not Latin text.
        assert!(fixed("“谢谢。”\u{3000}“不客气。”").1.is_empty());
        assert_eq!(fixed("OK,\u{3000}fine").0, "OK, fine");
    }

    #[test]
    fn removes_invisible_characters_but_keeps_the_leading_bom() {
        assert_eq!(fixed("\u{FEFF}中\u{200B}文\n").0, "\u{FEFF}中文\n");
        assert!(fixed("\u{FEFF}中文").1.is_empty());
        assert_eq!(fixed("a\n\u{FEFF}b").0, "a\nb");
        assert_eq!(fixed("co\u{00AD}operate").0, "cooperate");
        assert_eq!(fixed("x\u{2060}y").0, "xy");
        assert_eq!(fixed("\u{200B}开头").0, "开头");
    }

    #[test]
    fn joiners_inside_emoji_stay() {
        let family = "看 👨\u{200D}👩\u{200D}👧 吧";
        assert!(fixed(family).1.is_empty());
        assert_eq!(fixed("中\u{200D}文").0, "中文");
    }

    #[test]
    fn another_column_on_the_line_is_not_an_edge() {
        // A TSV-like row: the target segment's line also holds the source column.
        let t = "Hello\t你好 ";
        let target = Span::new(6, 12);
        let f = check_line(t, Span::new(0, t.len()), target, true, true);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span, Span::new(12, 13));
        assert!(check_line(t, Span::new(0, t.len()), Span::new(0, 5), true, true).is_empty());
        assert!(check_line(t, Span::new(0, t.len()), Span::new(0, 5), false, true).is_empty());
    }

    #[test]
    fn code_in_backticks_keeps_its_spacing() {
        assert!(fixed("他写了 `print(\"a  b\")` 这行").1.is_empty());
        assert!(fixed("用 `cut -d\"\t\" -f1` 切开").1.is_empty());
        // Outside the code, and after a backtick nothing closes, runs are still reported.
        assert_eq!(fixed("`a  b`  和").0, "`a  b` 和");
        assert_eq!(fixed("说 `a` 和  `b").0, "说 `a` 和 `b");
        // Invisible characters are accidents in code too.
        assert_eq!(fixed("`a\u{200B}b`").0, "`ab`");
    }

    #[test]
    fn tsv_cells_lose_the_space_at_their_edges() {
        let t = "\u{FEFF} Volume was light. \t  银行股落后。 ";
        let source = Span::new(4, 21);
        let target = Span::new(25, 43);
        assert_eq!(&t[source.range()], "Volume was light.");
        assert_eq!(&t[target.range()], "银行股落后。");
        let line = Span::new(0, t.len());
        let mut f = Vec::new();
        cell_edges(t, line, source, &mut f);
        cell_edges(t, line, target, &mut f);
        f.sort_by_key(|f| f.span.start);
        let spans: Vec<_> = f.iter().map(|f| f.span).collect();
        assert_eq!(
            spans,
            [
                Span::new(3, 4),
                Span::new(21, 22),
                Span::new(23, 25),
                Span::new(43, 44)
            ]
        );
        assert_eq!(f[2].message, "leading 2 spaces at the start of the cell");
    }

    #[test]
    fn messages_name_the_problem() {
        let (_, m) = fixed("a  b\t");
        assert_eq!(
            m,
            [
                "2 spaces in a row; use one",
                "trailing tab at the end of the line"
            ]
        );
    }
}
