//! Shared by the timing and layout rules: per-file cue lists, option lookup, character counting
//! as Subtitle Edit does it, and timestamp formatting for messages.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::{Cue, Document, Segment, Span, Timing};
use crate::script::{Script, is_cjk};
use crate::text::{CharSet, bmp_code_at, utf8_width};
use std::sync::LazyLock;

/// Each file's cues that have readable timing, in file order (two-file mode has two lists), with
/// their timing. Walked, not collected: four timing rules side by side each held a copy of every
/// cue's timing, 50 MB on a million cues.
pub fn timed_cues_by_file(
    doc: &Document,
) -> impl Iterator<Item = impl Iterator<Item = (&Cue, Timing)>> {
    doc.cues
        .chunk_by(|a, b| a.file == b.file)
        .map(|cues| cues.iter().filter_map(|c| c.timing().map(|t| (c, t))))
}

/// Each timed cue with the one before it: `(previous, cue)`.
pub fn with_previous<'a>(
    cues: impl Iterator<Item = (&'a Cue, Timing)>,
) -> impl Iterator<Item = ((&'a Cue, Timing), (&'a Cue, Timing))> {
    let mut previous = None;
    cues.filter_map(move |cue| previous.replace(cue).map(|p| (p, cue)))
}

/// Cues per parallel work item of [`per_cue`].
const CUES_PER_JOB: usize = 4096;

/// Cues whose findings [`per_cue`] holds apart from `out` at once.
const CUES_PER_BLOCK: usize = 1 << 16;

/// `check(cue, out)` for every cue of `cues`, on all cores, the findings appended to `out` in
/// cue order: the layout rules measure every line of every cue (a third of a microsecond a
/// cue), which on a file of a million cues left them a second of serial work beside the other
/// rules. A block of cues is checked at a time, so that on a file with a finding in every cue
/// the findings not yet in `out` stay a block's worth.
pub fn per_cue(
    cues: &[Cue],
    out: &mut Vec<Diagnostic>,
    check: impl Fn(&Cue, &mut Vec<Diagnostic>) + Sync,
) {
    use rayon::prelude::*;
    for block in cues.chunks(CUES_PER_BLOCK) {
        let found: Vec<Vec<Diagnostic>> = block
            .par_chunks(CUES_PER_JOB)
            .map(|chunk| {
                let mut found = Vec::new();
                for cue in chunk {
                    check(cue, &mut found);
                }
                found
            })
            .collect();
        for chunk in found {
            out.extend(chunk);
        }
    }
}

/// A numeric rule option, or its default.
pub fn option(ctx: &Context<'_>, rule: &str, key: &str, default: f64) -> f64 {
    ctx.settings.option::<f64>(rule, key).unwrap_or(default)
}

/// A time as the document's format writes it: `01:02:03.456` in WebVTT (`02:03.456` under an
/// hour when the file writes its times without hours), `01:02:03,456` otherwise ([`fmt_ms`]).
pub fn fmt_time(doc: &crate::model::Document, ms: i64) -> String {
    let srt = fmt_ms(ms);
    if doc.format != crate::model::Format::Vtt {
        return srt;
    }
    let vtt = srt.replacen(',', ".", 1);
    // A WebVTT file whose first cue writes its times without hours (`01:07.859`) has its times
    // written so, while they are under an hour.
    let without_hours = doc.cues.first().is_some_and(|c| {
        let line = doc
            .file(c.file)
            .text
            .get(c.timing_line.range())
            .unwrap_or("");
        let b = line.as_bytes();
        b.len() > 5 && b[2] == b':' && b[5] == b'.'
    });
    if without_hours && (0..3_600_000).contains(&ms) {
        vtt[3..].to_string()
    } else {
        vtt
    }
}

/// `01:02:03,456`, as SRT writes it.
pub fn fmt_ms(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "" };
    let ms = ms.abs();
    format!(
        "{sign}{:02}:{:02}:{:02},{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Characters that count as one full width on a Chinese line: Han, kana, Hangul, CJK and
/// full-width punctuation and forms (Subtitle Edit's `CalcCjk`).
fn is_wide(c: char) -> bool {
    is_cjk(c)
        || matches!(c as u32,
            0x3000..=0x303F | 0x3040..=0x30FF | 0xAC00..=0xD7AF | 0xFF00..=0xFFEF
            | 0x2026 | 0x2014 | 0x201C | 0x201D | 0x2018 | 0x2019 | 0x00B7)
}

/// Characters that are not seen even outside tags: control and zero-width characters.
fn is_invisible(c: char) -> bool {
    c.is_control() || crate::parse::lines::is_zero_width(c)
}

/// Where a walk through a line stands with respect to formatting tags (`<i>`, `{\an8}`): only
/// ASCII characters open or close one.
#[derive(Clone, Copy, Default)]
struct Tags {
    in_angle: bool,
    in_brace: bool,
}

impl Tags {
    /// Whether the next character, `c`, is seen: not a tag delimiter, not inside a tag, not
    /// invisible. Moves the state past `c`.
    fn visible(&mut self, c: char) -> bool {
        match c {
            '<' if !self.in_brace => self.in_angle = true,
            '>' if self.in_angle => self.in_angle = false,
            '{' if !self.in_angle => self.in_brace = true,
            '}' if self.in_brace => self.in_brace = false,
            _ => return !(self.in_angle || self.in_brace || is_invisible(c)),
        }
        false
    }
}

/// The text with formatting tags (`<i>`, `{\an8}`) and control/zero-width characters removed.
fn visible_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut tags = Tags::default();
    text.chars().filter(move |&c| tags.visible(c))
}

/// [`is_wide`] below U+10000, as a bitmap: every character of every line of a subtitle file is
/// measured, by two rules (`line-length`, `reading-speed`).
static WIDE: LazyLock<CharSet> = LazyLock::new(|| CharSet::of_bmp(is_wide));

/// Length of one line as a reader sees it. On a Chinese line wide characters count 1 and every
/// other character (Latin, digits, spaces, ASCII punctuation) 0.5, as Subtitle Edit counts;
/// elsewhere every user-perceived character (grapheme cluster: "é" written as e + a combining
/// accent, an emoji sequence) counts 1, spaces and punctuation included, as Netflix counts.
///
/// Walked by bytes where it can be: filtering `chars()` was an eighth of a million-cue check.
/// A Chinese line's width is counted in halves, exact in `f64`, so it equals the ordered sum.
pub fn line_width(text: &str, chinese: bool) -> f64 {
    let bytes = text.as_bytes();
    let mut tags = Tags::default();
    if chinese {
        let wide_set: &CharSet = &WIDE;
        let (mut wide, mut narrow) = (0u64, 0u64);
        let mut i = 0;
        while let Some(&lead) = bytes.get(i) {
            if lead < 0x80 {
                narrow += u64::from(tags.visible(char::from(lead)));
                i += 1;
                continue;
            }
            let width = utf8_width(lead);
            if !(tags.in_angle || tags.in_brace) {
                if width == 3 {
                    // Decoded from its bytes (the text is UTF-8). No wide character is
                    // invisible; U+200B..U+200D, U+2060 and U+FEFF are the invisible ones of
                    // three bytes.
                    let code = bmp_code_at(bytes, i);
                    if wide_set.contains_bmp(code) {
                        wide += 1;
                    } else if !matches!(code, 0x200B..=0x200D | 0x2060 | 0xFEFF) {
                        narrow += 1;
                    }
                } else if let Some(c) = text.get(i..).and_then(|t| t.chars().next()) {
                    if is_wide(c) {
                        wide += 1;
                    } else if !is_invisible(c) {
                        narrow += 1;
                    }
                }
            }
            i += width;
        }
        return wide as f64 + 0.5 * narrow as f64;
    }
    // An ASCII character is a grapheme of its own (control characters, which could join as CR
    // LF, are not visible): most English lines are counted without segmentation.
    if text.is_ascii() {
        // Counted without branches first: most lines have no tag and no control character.
        let special = bytes
            .iter()
            .map(|&b| usize::from(b < 0x20 || b == 0x7F || b == b'<' || b == b'{'))
            .sum::<usize>();
        if special == 0 {
            return bytes.len() as f64;
        }
        return bytes
            .iter()
            .filter(|&&b| tags.visible(char::from(b)))
            .count() as f64;
    }
    let mut ascii = 0usize;
    if visible_chars(text).all(|c| {
        ascii += 1;
        c.is_ascii()
    }) {
        return ascii as f64;
    }
    let visible: String = visible_chars(text).collect();
    unicode_segmentation::UnicodeSegmentation::graphemes(visible.as_str(), true).count() as f64
}

/// The translation slots that hold no Chinese (an English line where the translation belongs):
/// `untranslated-line` and `duplicated-untranslated-line` report them, so the layout rules do
/// not measure them again as more English to read (a cue with an untranslated slot read as 80
/// English characters in 3 s, and its slot as an English line over 42 characters).
pub struct UntranslatedSlots(Vec<(crate::model::FileId, Span)>);

impl UntranslatedSlots {
    /// The slots of `doc`'s pairs, sorted for lookup.
    pub fn of(doc: &Document) -> UntranslatedSlots {
        // Only cues are measured: a transcript without them needs no slots.
        if doc.cues.is_empty() {
            return UntranslatedSlots(Vec::new());
        }
        let mut slots: Vec<_> = doc
            .pairs
            .iter()
            .filter_map(|p| p.target)
            .filter(|t| t.script != Script::Han)
            .map(|t| (t.file, t.span))
            .collect();
        slots.sort_by_key(|&(file, span)| (file, span.start));
        UntranslatedSlots(slots)
    }

    /// Whether `line` lies inside one of the slots.
    pub fn hold(&self, line: &Segment) -> bool {
        let k = self
            .0
            .partition_point(|&(file, span)| (file, span.start) <= (line.file, line.span.start));
        k.checked_sub(1)
            .and_then(|k| self.0.get(k))
            .is_some_and(|&(file, span)| file == line.file && line.span.end <= span.end)
    }
}

/// A cue's Chinese lines (`chinese`) or its other lines, in order. Filtered as they are walked:
/// splitting every cue's lines into two new vectors was two allocations a cue for each layout
/// rule.
pub fn lines_in<'d>(
    doc: &'d Document,
    cue: &Cue,
    chinese: bool,
) -> impl Iterator<Item = &'d Segment> + Clone {
    doc.lines_of(cue)
        .iter()
        .filter(move |l| (l.script == Script::Han) == chinese)
}

/// The span from the first to the last of some lines.
pub fn cover<'a>(mut lines: impl Iterator<Item = &'a Segment>) -> Option<Span> {
    let first = lines.next()?;
    let last = lines.last().unwrap_or(first);
    Some(Span::new(first.span.start, last.span.end))
}

/// The whole block of the cue holding `segment` (id line to the blank lines after its text), for
/// fixes that delete a cue; `None` outside subtitle formats.
pub fn cue_block_of(doc: &Document, segment: &Segment) -> Option<Span> {
    let holds = |c: &&Cue| {
        let lines = doc.lines_of(c);
        c.file == segment.file
            && lines
                .first()
                .is_some_and(|l| l.span.start <= segment.span.start)
            && lines.last().is_some_and(|l| segment.span.end <= l.span.end)
    };
    // Cues are in (file, position) order (`Document::cues`): the last one starting before the
    // segment is the only candidate (a scan of every cue per stray line was quadratic on a big
    // subtitle file).
    let key = |c: &Cue| (c.file, c.id.unwrap_or(c.timing_line).start);
    let before = doc
        .cues
        .partition_point(|c| key(c) <= (segment.file, segment.span.start));
    let cue = before
        .checked_sub(1)
        .and_then(|i| doc.cues.get(i))
        .filter(holds)?;
    let file = &doc.file(cue.file);
    let first = cue.id.unwrap_or(cue.timing_line);
    let mut first_line = file.line_index(first.start);
    let mut line = file.line_index(doc.lines_of(cue).last()?.span.start) + 1;
    while line < file.line_count() && file.line_span(line).is_empty() {
        line += 1;
    }
    let end = file.line_start(line).unwrap_or(file.text.len());
    if end == file.text.len() {
        // The last cue: the blank lines before it go too, so the file ends as the cue before
        // it did.
        while first_line > 0 && file.line_span(first_line - 1).is_empty() {
            first_line -= 1;
        }
    }
    let mut start = file.line_start(first_line)?;
    if start == 0 && file.text.starts_with('\u{FEFF}') {
        start = '\u{FEFF}'.len_utf8();
    }
    Some(Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webvtt_times_are_written_in_the_file_s_own_form() {
        let parse = |text: &str| {
            crate::parse::parse(
                "t.vtt",
                text.to_string(),
                &crate::parse::ParseOptions::default(),
            )
        };
        let short = parse("WEBVTT\n\n01:07.859 --> 01:09.000\n你好。\nHi.\n");
        assert_eq!(fmt_time(&short, 67_859), "01:07.859");
        assert_eq!(fmt_time(&short, 3_600_000), "01:00:00.000");
        let long = parse("WEBVTT\n\n00:01:07.859 --> 00:01:09.000\n你好。\nHi.\n");
        assert_eq!(fmt_time(&long, 67_859), "00:01:07.859");
    }

    #[test]
    fn combining_marks_count_once_on_english_lines() {
        assert_eq!(line_width("Cafe\u{301}", false), 4.0);
        assert_eq!(line_width("Café", false), 4.0);
    }

    #[test]
    fn widths_follow_subtitle_edit() {
        assert_eq!(line_width("我们走吧。", true), 5.0);
        assert_eq!(line_width("用 Python 写", true), 2.0 + 8.0 * 0.5);
        assert_eq!(line_width("<i>Hello, you.</i>", false), 11.0);
        assert_eq!(line_width("{\\an8}去", true), 1.0);
    }

    /// The widths as first defined: a sum over `visible_chars`, graphemes off the ASCII path.
    fn reference_width(text: &str, chinese: bool) -> f64 {
        if chinese {
            return visible_chars(text)
                .map(|c| if is_wide(c) { 1.0 } else { 0.5 })
                .sum();
        }
        let visible: String = visible_chars(text).collect();
        unicode_segmentation::UnicodeSegmentation::graphemes(visible.as_str(), true).count() as f64
    }

    #[test]
    fn byte_walk_widths_equal_the_character_sums() {
        // Tag delimiters, controls (C0, DEL, C1), every invisible character, wide and narrow
        // characters of one to four bytes, combining marks and an emoji sequence.
        let alphabet: Vec<&str> = vec![
            "<",
            ">",
            "{",
            "}",
            "\\",
            "a",
            "Z",
            "7",
            " ",
            ",",
            "\t",
            "\r",
            "\n",
            "\u{7f}",
            "\u{85}",
            "\u{9f}",
            "\u{a0}",
            "·",
            "é",
            "e\u{301}",
            "\u{200b}",
            "\u{200c}",
            "\u{200d}",
            "\u{2060}",
            "\u{feff}",
            "…",
            "—",
            "“",
            "’",
            "我",
            "們",
            "。",
            "，",
            "（",
            "ア",
            "한",
            "Ａ",
            "ｶ",
            "\u{3000}",
            "𠀀",
            "😀",
            "👩\u{200d}💻",
            "\u{fe0f}",
            "ß",
        ];
        let mut next = crate::test_support::xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let text = crate::test_support::random_text(&mut next, &alphabet, 11);
            for chinese in [true, false] {
                assert_eq!(
                    line_width(&text, chinese),
                    reference_width(&text, chinese),
                    "{text:?} chinese={chinese}"
                );
            }
        }
    }

    #[test]
    fn a_cue_block_spans_id_to_trailing_blank_lines() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\n字幕：山野字幕组\n\n\n2\n00:00:03,000 --> 00:00:04,000\n快走。\nHurry.\n";
        let d = crate::parse::parse("t.srt", text, &Default::default());
        let stray = &d.strays[0];
        let span = cue_block_of(&d, &stray.segment).unwrap();
        assert_eq!(
            &text[span.range()],
            "1\n00:00:01,000 --> 00:00:02,000\n字幕：山野字幕组\n\n\n"
        );
    }

    #[test]
    fn per_cue_findings_come_in_cue_order() {
        let mut text = String::new();
        for k in 0..CUES_PER_BLOCK + 3 * CUES_PER_JOB + 7 {
            let ms = k as i64 * 1000;
            text.push_str(&format!(
                "{}\n{} --> {}\n好。\nGood.\n\n",
                k + 1,
                fmt_ms(ms),
                fmt_ms(ms + 900)
            ));
        }
        let d = crate::parse::parse("t.srt", text.as_str(), &Default::default());
        let mut found = Vec::new();
        per_cue(&d.cues, &mut found, |cue, out| {
            let message = format!("{}", out.len());
            out.push(Diagnostic::new(
                "test",
                crate::diagnostic::Severity::Info,
                cue.file,
                cue.timing_line,
                message,
            ));
        });
        assert_eq!(found.len(), d.cues.len());
        assert!(
            found
                .iter()
                .zip(&d.cues)
                .all(|(f, c)| f.span == c.timing_line)
        );
    }

    #[test]
    fn formats_times() {
        assert_eq!(fmt_ms(3_723_456), "01:02:03,456");
        // Messages write times as the file does.
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n好。\nGood.\n\n00:00:02.500 --> 00:00:04.000\n走。\nGo.\n";
        let srt = "1\n00:00:01,000 --> 00:00:03,000\n好。\nGood.\n\n2\n00:00:02,500 --> 00:00:04,000\n走。\nGo.\n";
        let overlap = |name: &str, text: &str| {
            let doc = crate::parse::parse(name, text, &Default::default());
            let settings = crate::config::Settings::default();
            let rules = settings.active_rules().unwrap();
            crate::lint::lint(&doc, &settings, &rules)
                .into_iter()
                .find(|d| d.rule == "cue-overlap")
                .map(|d| d.message.to_string())
        };
        assert_eq!(
            overlap("t.vtt", vtt).as_deref(),
            Some("cue starts at 00:00:02.500, 500 ms before the cue above ends (00:00:03.000)")
        );
        assert_eq!(
            overlap("t.srt", srt).as_deref(),
            Some("cue starts at 00:00:02,500, 500 ms before the cue above ends (00:00:03,000)")
        );
        assert_eq!(fmt_ms(-1500), "-00:00:01,500");
    }
}
