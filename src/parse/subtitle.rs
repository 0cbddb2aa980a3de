//! SubRip (SRT) and WebVTT: reading cue blocks with byte spans, and building bilingual pairs
//! from cues that hold both languages.
//!
//! The reader is line-based and forgiving (research/subtitle_cjk.md, "Must-tolerate checklist"):
//! BOM, CRLF/CR, missing final newline, missing or odd cue numbers, cues not separated by a blank
//! line, extra blank lines, `.` or full-width timestamps, VTT header/NOTE/STYLE/REGION blocks.
//! What it cannot place — text outside any cue, an unreadable timing line, an empty cue — becomes a
//! [`ParseProblem`] under `subtitle-syntax` with its span; no cue text is ever dropped silently.

use super::lines::{chunk_bounds, is_zero_width, line_count, lines};
use super::timestamp::{looks_like_timing, parse_timing_line};
use crate::data::{APP_TEXT_PATTERNS, ends_sentence};
use crate::model::{
    Cue, Document, FileId, Format, Order, Pair, ParseProblem, Segment, SourceFile, Span, Stray,
    StrayKind, Timing,
};
use crate::script::{Script, classify};
use crate::text::{COPY_THRESHOLD, copy_similarity};
use rayon::prelude::*;
use std::fmt::Write as _;

/// Rule name of the structural problems this parser reports.
pub const SUBTITLE_SYNTAX: &str = "subtitle-syntax";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    /// A line that parses as a timing line (or clearly tries to).
    Timing,
    /// VTT header, NOTE, STYLE, REGION block lines.
    Meta,
    Other,
}

/// Bytes of text per parallel work item when reading lines and cues.
const CHUNK: usize = 1 << 20;

/// What [`read_cues`] learned from a cue's timing line, reported in cue order. Two bytes: one
/// is kept for every cue while the cues are built (a message in it made it 24, 24 MB on a
/// million cues at the parser's peak); why a line is unreadable is asked again for the few
/// that are.
#[derive(Clone, Copy)]
enum TimingNote {
    /// Read, perhaps with something players may reject.
    Read {
        trailing_digits: bool,
        fullwidth: bool,
        /// A time before zero (`-00:00:05,000`): read as written, but no player shows it.
        negative: bool,
        /// A second arrow after the end time ([`super::timestamp::has_second_arrow`]).
        second_arrow: bool,
        /// How the line departs from the standard form ([`super::timestamp::form`]).
        form: u8,
    },
    /// Not read.
    Unreadable,
}

/// Read the cues of an SRT or VTT file, and the text lines of all of them ([`Cue::lines`] ranges
/// them). Problems are appended to `problems`.
///
/// Each line is classified, and each cue built, independently of the others: both run on all
/// cores (a file of a million cues took 1.5 s on one), and the results are joined in file order.
pub fn read_cues(
    text: &str,
    file: FileId,
    format: Format,
    problems: &mut Vec<ParseProblem>,
) -> (Vec<Cue>, Vec<Segment>) {
    let vtt = format == Format::Vtt;
    let classifying = crate::timing::phase("    lines");
    let (all, mut kinds) = classify_lines(text);
    drop(classifying);
    let content = |l: &Span| &text[l.range()];
    let problem = |span: Span, message: String| ParseProblem {
        rule: SUBTITLE_SYNTAX,
        file,
        span,
        message,
    };
    if vtt {
        mark_vtt_meta(text, &all, &mut kinds, file, problems);
    }
    let kinds = kinds.as_slice();
    let building = crate::timing::phase("    cue blocks");
    let timing_idx: Vec<usize> = (0..all.len())
        .into_par_iter()
        .with_min_len(LINES_PER_JOB)
        .filter(|&i| kinds[i] == Kind::Timing)
        .collect();
    // The identifier of each cue: the line just before its timing line.
    let id_of = |t: usize| -> Option<usize> {
        let i = t.checked_sub(1)?;
        if kinds[i] != Kind::Other {
            return None;
        }
        let c = content(&all[i]);
        let starts_block = i == 0 || matches!(kinds[i - 1], Kind::Blank | Kind::Meta);
        if vtt {
            starts_block.then_some(i)
        } else {
            is_cue_number(c).then_some(i)
        }
    };
    let ids: Vec<Option<usize>> = timing_idx
        .par_iter()
        .with_min_len(CUES_PER_JOB)
        .map(|&t| id_of(t))
        .collect();
    // Where the block of cue `k` ends: the identifier of the next cue, or the end of the file.
    let next_start = |k: usize| match timing_idx.get(k + 1) {
        Some(&nt) => ids[k + 1].unwrap_or(nt),
        None => all.len(),
    };
    // Where the text of cue `k` ends: the first line after its timing line that is not text.
    let text_end = |k: usize| {
        let limit = next_start(k);
        let mut end = timing_idx[k] + 1;
        while end < limit && kinds[end] == Kind::Other {
            end += 1;
        }
        end
    };
    let ends: Vec<usize> = (0..timing_idx.len())
        .into_par_iter()
        .with_min_len(CUES_PER_JOB)
        .map(text_end)
        .collect();
    // Where each cue's lines start in the lines of all cues.
    let mut first_line = Vec::with_capacity(ends.len() + 1);
    first_line.push(0);
    for (&t, &end) in timing_idx.iter().zip(&ends) {
        first_line.push(first_line[first_line.len() - 1] + (end - t - 1));
    }
    let cue_at = |k: usize| -> (Cue, TimingNote) {
        let tl = all[timing_idx[k]];
        let (times, note) = match parse_timing_line(content(&tl)) {
            Ok(p) => (
                Some((p.start_ms, p.end_ms)),
                TimingNote::Read {
                    trailing_digits: p.trailing_digits,
                    fullwidth: p.fullwidth,
                    negative: p.start_ms < 0 || p.end_ms < 0,
                    second_arrow: super::timestamp::has_second_arrow(content(&tl)),
                    form: p.form,
                },
            ),
            Err(_) => (None, TimingNote::Unreadable),
        };
        let cue = Cue {
            file,
            id: ids[k].map(|i| all[i]),
            timing_line: tl,
            times,
            lines: first_line[k]..first_line[k + 1],
        };
        (cue, note)
    };
    let (cues, notes): (Vec<Cue>, Vec<TimingNote>) = (0..timing_idx.len())
        .into_par_iter()
        .with_min_len(CUES_PER_JOB)
        .map(cue_at)
        .unzip();
    // The lines of all cues, in one vector written in place on all cores: line `j` is line
    // `j - first_line[k]` of the cue `k` whose range holds it. Each job finds its first line's
    // cue by a binary search, then walks on.
    let total = first_line[first_line.len() - 1];
    let cue_lines: Vec<Segment> = (0..total)
        .into_par_iter()
        .with_min_len(CUE_LINES_PER_JOB)
        .map_init(
            || None,
            |cue: &mut Option<usize>, j| {
                let mut k = match *cue {
                    Some(k) if first_line[k] <= j => k,
                    _ => first_line.partition_point(|&f| f <= j) - 1,
                };
                while first_line[k + 1] <= j {
                    k += 1;
                }
                *cue = Some(k);
                let span = strip_edge_tags(text, all[timing_idx[k] + 1 + j - first_line[k]]);
                Segment {
                    file,
                    span,
                    script: classify(&text[span.range()]),
                }
            },
        )
        .collect();
    drop(building);
    let _noting = crate::timing::phase("    notes and stray lines");
    for (cue, note) in cues.iter().zip(notes) {
        match note {
            TimingNote::Read {
                trailing_digits,
                fullwidth,
                negative,
                second_arrow,
                form,
            } => {
                use super::timestamp::form::{ARROW, COMMA, FIELD_DIGITS, FRACTION, NO_HOURS};
                // What strict players reject; a full-width line is reported as that alone.
                let strict = |bit: u8| !fullwidth && form & bit != 0;
                // Digits after the milliseconds are their own message, whatever came before.
                let fraction = strict(FRACTION) && !trailing_digits;
                let read_with = [
                    (
                        strict(ARROW),
                        "the arrow in the timing line is not `-->`; players such as ffmpeg reject the line",
                    ),
                    (
                        fraction,
                        "a time in the timing line does not end in three digits of milliseconds after `,` or `.`; players reject or misread it",
                    ),
                    (
                        strict(FIELD_DIGITS),
                        "a time in the timing line writes its minutes or seconds with other than two digits (`HH:MM:SS,mmm`); players reject or misread it",
                    ),
                    (
                        !vtt && strict(NO_HOURS),
                        "a time in the timing line has no hours (SRT writes `HH:MM:SS,mmm`); players may reject it",
                    ),
                    (
                        vtt && strict(COMMA),
                        "a WebVTT time with `,` before the milliseconds (WebVTT writes `.`); browsers reject the cue",
                    ),
                    (
                        second_arrow,
                        "a second arrow in the timing line; read as its first two times",
                    ),
                    (
                        negative,
                        "a negative time in the timing line; players reject it",
                    ),
                    (
                        trailing_digits,
                        "digits after the milliseconds in the timing line; read without them, but players may reject the line",
                    ),
                    (
                        fullwidth,
                        "full-width digits or punctuation in the timing line; read as ASCII, but many players reject them",
                    ),
                ];
                for (_, message) in read_with.into_iter().filter(|(found, _)| *found) {
                    problems.push(problem(cue.timing_line, message.into()));
                }
            }
            TimingNote::Unreadable => {
                let why = parse_timing_line(content(&cue.timing_line)).err();
                let why = why.map_or_else(String::new, |e| e.0);
                problems.push(problem(
                    cue.timing_line,
                    format!("unreadable timing line ({why}); the cue is kept without timing"),
                ))
            }
        }
    }
    // Lines that belong to no cue: runs of text lines before the first cue and after each
    // cue's text, up to the next cue.
    let mut garbage: Vec<(usize, usize)> = Vec::new(); // inclusive line ranges
    let mut push_garbage = |from: usize, to_excl: usize| {
        let mut i = from;
        while i < to_excl {
            if kinds[i] == Kind::Other {
                let s = i;
                while i + 1 < to_excl && kinds[i + 1] == Kind::Other {
                    i += 1;
                }
                garbage.push((s, i));
            }
            i += 1;
        }
    };
    let first = timing_idx
        .first()
        .map_or(all.len(), |&t| ids[0].unwrap_or(t));
    push_garbage(0, first);
    for (k, &end) in ends.iter().enumerate() {
        push_garbage(end, next_start(k));
    }
    for (s, e) in garbage {
        let span = Span::new(all[s].start, all[e].end);
        let mut msg = if timing_idx.first().is_none_or(|&t| s < t) {
            if timing_idx.is_empty() {
                "text but no cue: no timing line (`00:00:01,000 --> 00:00:02,000`) found"
                    .to_string()
            } else {
                "text before the first cue is not part of any cue".to_string()
            }
        } else {
            "text outside any cue (after the blank line that ends a cue); players do not show it"
                .to_string()
        };
        // An invisible character is often why a cue number or timing line was not read.
        if let Some(c) = text[span.range()].chars().find(|&c| is_zero_width(c)) {
            let _ = write!(msg, "; it holds an invisible U+{:04X}", c as u32);
        }
        problems.push(problem(span, msg));
    }
    (cues, cue_lines)
}

/// Cues per parallel work item: a cue is a few hundred nanoseconds of work.
const CUES_PER_JOB: usize = 4096;

/// Cue text lines per parallel work item: a line is trimmed of its tags and classified.
const CUE_LINES_PER_JOB: usize = 1 << 13;

/// Lines per parallel work item where a line is a test of its kind.
const LINES_PER_JOB: usize = 1 << 16;

/// The content span ([`super::lines::Line::content`]) and kind of every line of `text`, in
/// file order. The text is cut into chunks at line breaks; each chunk's lines are counted, then
/// classified into their own part of the two vectors, on all cores.
fn classify_lines(text: &str) -> (Vec<Span>, Vec<Kind>) {
    let bounds = chunk_bounds(text.as_bytes(), CHUNK);
    let counts: Vec<usize> = bounds
        .par_windows(2)
        .map(|w| line_count(&text[w[0]..w[1]]))
        .collect();
    let total = counts.iter().sum();
    let mut spans = vec![Span::default(); total];
    let mut kinds = vec![Kind::Blank; total];
    let mut pieces = Vec::with_capacity(counts.len());
    let (mut spans_left, mut kinds_left) = (spans.as_mut_slice(), kinds.as_mut_slice());
    for &n in &counts {
        let (s, s_rest) = std::mem::take(&mut spans_left).split_at_mut(n);
        let (k, k_rest) = std::mem::take(&mut kinds_left).split_at_mut(n);
        pieces.push((s, k));
        (spans_left, kinds_left) = (s_rest, k_rest);
    }
    pieces
        .into_par_iter()
        .zip(bounds.par_windows(2))
        .for_each(|((spans, kinds), w)| {
            let lines = lines(&text[w[0]..w[1]]);
            for ((span, kind), line) in spans.iter_mut().zip(kinds.iter_mut()).zip(lines) {
                *span = Span::new(line.content.start + w[0], line.content.end + w[0]);
                let c = &text[span.range()];
                *kind = if c.is_empty() {
                    Kind::Blank
                } else if is_timing_line(c) {
                    Kind::Timing
                } else {
                    Kind::Other
                };
            }
        });
    (spans, kinds)
}

/// A timing line: it reads as one, or it starts like a timestamp and has an arrow.
fn is_timing_line(c: &str) -> bool {
    if !looks_like_timing(c) {
        return false;
    }
    let starts_with_digit = c
        .chars()
        .next()
        .is_some_and(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch));
    // A timestamp with a typo in it (`O0:02:03,283`, a letter O for a zero) is still the cue's
    // timing line: an arrow between two times of a colon and digits each.
    let timestamp_like =
        |side: &str| side.contains(':') && side.bytes().filter(u8::is_ascii_digit).count() >= 4;
    let mistyped = c
        .split_once("-->")
        .is_some_and(|(a, b)| a.len() <= 16 && timestamp_like(a) && timestamp_like(b));
    // Such a line is a timing line whether it reads or not: only the others are read here (the
    // cue reads its timing line anyway).
    ((starts_with_digit || mistyped) && (c.contains("-->") || c.contains("－－＞")))
        || parse_timing_line(c).is_ok()
}

/// SRT cue numbers as written: `12`, `12.`, `-3`, `０１２`, leading zeros.
fn is_cue_number(c: &str) -> bool {
    let c = c.strip_prefix('-').unwrap_or(c);
    let c = c.strip_suffix('.').unwrap_or(c);
    !c.is_empty()
        && c.chars()
            .all(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch))
}

/// Mark the VTT header and NOTE/STYLE/REGION blocks; report a missing `WEBVTT` signature.
fn mark_vtt_meta(
    text: &str,
    all: &[Span],
    kinds: &mut [Kind],
    file: FileId,
    problems: &mut Vec<ParseProblem>,
) {
    let mut i = 0;
    let mut first_block = true;
    while i < all.len() {
        if kinds[i] == Kind::Blank {
            i += 1;
            continue;
        }
        let c = &text[all[i].range()];
        let word = c.split([' ', '\t']).next().unwrap_or("");
        let is_meta = if first_block {
            let sig = c.starts_with("WEBVTT");
            if !sig {
                problems.push(ParseProblem {
                    rule: SUBTITLE_SYNTAX,
                    file,
                    span: all[i],
                    message: "WebVTT file does not start with `WEBVTT`".into(),
                });
            }
            sig
        } else {
            matches!(word, "NOTE" | "STYLE" | "REGION")
        };
        first_block = false;
        // Walk the block to its end (a blank line).
        while i < all.len() && kinds[i] != Kind::Blank {
            if is_meta && kinds[i] != Kind::Timing {
                kinds[i] = Kind::Meta;
            }
            i += 1;
        }
    }
}

/// Narrow a span past formatting tags at its edges (`<i>`, `</font>`, `{\an8}`), so that a
/// segment covers the words; tags inside the text stay.
pub fn strip_edge_tags(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let mut a = 0;
    let mut b = s.len();
    loop {
        let rest = &s[a..b];
        let trimmed = rest.trim_start();
        let skipped = rest.len() - trimmed.len();
        if let Some(n) = leading_tag_len(trimmed) {
            a += skipped + n;
        } else {
            break;
        }
    }
    loop {
        let rest = &s[a..b];
        let trimmed = rest.trim_end();
        let skipped = rest.len() - trimmed.len();
        if let Some(n) = trailing_tag_len(trimmed) {
            b -= skipped + n;
        } else {
            break;
        }
    }
    let rest = &s[a..b];
    let t = rest.trim();
    let lead = rest.len() - rest.trim_start().len();
    Span::new(span.start + a + lead, span.start + a + lead + t.len())
}

fn is_tag(t: &str) -> bool {
    if let Some(inner) = t.strip_prefix("{\\") {
        return inner.ends_with('}') && !inner[..inner.len() - 1].contains(['{', '}']);
    }
    let Some(inner) = t.strip_prefix('<').and_then(|x| x.strip_suffix('>')) else {
        return false;
    };
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    inner
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && !inner.contains(['<', '>'])
}

fn leading_tag_len(s: &str) -> Option<usize> {
    let close = match s.as_bytes().first()? {
        b'<' => '>',
        b'{' => '}',
        _ => return None,
    };
    let n = s.find(close)? + 1;
    is_tag(&s[..n]).then_some(n)
}

fn trailing_tag_len(s: &str) -> Option<usize> {
    let open = match s.as_bytes().last()? {
        b'>' => '<',
        b'}' => '{',
        _ => return None,
    };
    let i = s.rfind(open)?;
    is_tag(&s[i..]).then_some(s.len() - i)
}

/// One segment spanning consecutive line segments (a cue side over several lines).
pub fn join(lines: &[Segment]) -> Option<Segment> {
    let first = lines.first()?;
    let last = lines.last()?;
    let script = side_script(lines);
    Some(Segment {
        file: first.file,
        span: Span::new(first.span.start, last.span.end),
        script,
    })
}

fn side_script(lines: &[Segment]) -> Script {
    if lines.iter().any(|l| l.script == Script::Han) {
        Script::Han
    } else if lines.iter().any(|l| l.script == Script::Latin) {
        Script::Latin
    } else {
        Script::Neutral
    }
}

/// Parse a bilingual SRT or VTT file: each cue holds both languages, in either order.
pub fn parse_bilingual(file: SourceFile, format: Format) -> Document {
    let mut problems = Vec::new();
    let reading = crate::timing::phase("  cues");
    let (cues, cue_lines) = read_cues(&file.text, 0, format, &mut problems);
    drop(reading);
    let _pairing = crate::timing::phase("  pairing");
    let mut empty_cues = 0;
    for c in cues.iter().filter(|c| c.lines.is_empty()) {
        empty_cues += 1;
        problems.push(ParseProblem {
            rule: SUBTITLE_SYNTAX,
            file: 0,
            span: c.timing_line,
            message: "cue has no text".into(),
        });
    }
    let text = file.text.as_str();
    // What the order and layout are decided from: the shape of each cue's runs of one language
    // (on all cores; the runs themselves are found again where a cue is paired, rather than
    // kept for every cue).
    let shapes: Vec<RunShape> = cues
        .par_iter()
        .with_min_len(CUES_PER_JOB)
        .map_init(Vec::new, |runs, c| {
            RunShape::of(runs_into(text, c.lines_in(&cue_lines), runs))
        })
        .collect();
    let mut han_first = 0usize;
    let mut latin_first = 0usize;
    let mut one_line_sides = 0usize;
    let mut two_sided = 0usize;
    for shape in shapes.iter().filter(|s| s.two_sided) {
        two_sided += 1;
        if shape.han_first {
            han_first += 1;
        } else {
            latin_first += 1;
        }
        if shape.one_line_sides {
            one_line_sides += 1;
        }
    }
    let order = if latin_first > han_first {
        Order::SourceFirst
    } else {
        Order::TargetFirst
    };
    // In a file whose cues hold one line per language, a cue of two English lines is an original
    // and an untranslated "translation", as in interleaved text.
    let one_line_layout = two_sided > 0 && one_line_sides * 10 >= two_sided * 8;
    // Most cues with text are one pair: sized for that once, its pages touched on all cores.
    let mut pairs = Vec::with_capacity(cues.len() - empty_cues);
    crate::pages::touch_spare_capacity(&mut pairs);
    let mut strays = Vec::new();
    let first_two_sided = shapes.iter().position(|s| s.two_sided);
    let last_two_sided = shapes.iter().rposition(|s| s.two_sided);
    drop(shapes);
    // Each cue's outcome is decided on its own (with its successor's runs), on all cores, a
    // block of cues at a time; the outcomes are then applied in order, where a cue paired with
    // the one before it contributes nothing.
    let layout = Layout {
        text,
        order,
        one_line_layout,
        first_two_sided,
        last_two_sided,
        marks_endings: std::sync::OnceLock::new(),
        cues: &cues,
        cue_lines: &cue_lines,
    };
    let mut skip_next = false;
    let mut outcomes = Vec::new();
    for block_start in (0..cues.len()).step_by(OUTCOME_BLOCK) {
        let block = block_start..(block_start + OUTCOME_BLOCK).min(cues.len());
        block
            .into_par_iter()
            .with_min_len(CUES_PER_JOB)
            .map_init(
                || (Vec::new(), Vec::new()),
                |(cue_runs, next_runs), k| {
                    layout.outcome((&cues, &cue_lines), k, cue_runs, next_runs)
                },
            )
            .collect_into_vec(&mut outcomes);
        for outcome in outcomes.drain(..) {
            if std::mem::take(&mut skip_next) {
                continue;
            }
            let mut push = |(source, target, timed_by): PairParts| {
                pairs.push(Pair {
                    index: pairs.len(),
                    source,
                    target,
                    timed_by,
                })
            };
            match outcome {
                CueOutcome::Nothing => {}
                CueOutcome::Stray(stray) => strays.push(stray),
                CueOutcome::Pair(parts, with_next) => {
                    push(parts);
                    skip_next = with_next;
                }
                CueOutcome::Pairs(list) => list.into_iter().for_each(push),
            }
        }
    }
    Document {
        files: vec![file],
        format,
        order,
        pairs,
        strays,
        problems,
        cues,
        cue_lines,
        independently_timed: false,
    }
}

/// Most lines one language of a cue holds (`line-length` reports more): an English-only cue of
/// four lines is an original of two and an untranslated "translation" of two.
const MAX_SIDE_LINES: usize = 2;

/// Whether two lines of an English-only cue are each a whole sentence of one speaker (each
/// ends a sentence, neither opens with a dialogue dash or in lower case): an original and an
/// English line in the translation's slot ("Then the killer had a key." / "So the killer must
/// have had a key."), not one sentence broken over two lines or two speakers' lines.
fn two_sentences(text: &str, a: &[Segment], b: &[Segment]) -> bool {
    let whole = |lines: &[Segment]| match lines {
        [one] => {
            let t = text[one.span.range()].trim();
            crate::data::ends_sentence(t)
                && !t.starts_with(['-', '–', '—'])
                && !t.starts_with(|c: char| c.is_lowercase())
        }
        _ => false,
    };
    whole(a) && whole(b)
}

/// Whether two English lines of a cue are one sentence wrapped (`If your heart rate goes` /
/// `above 175, ease off.`): the first does not end a sentence and the second goes on in lower
/// case. In a file of one line per language, such a cue is an original whose translation was
/// lost (`missing-translation`), not an original and an untranslated copy.
fn one_wrapped_sentence(text: &str, a: &[Segment], b: &[Segment]) -> bool {
    match (a, b) {
        ([first], [second]) => {
            !crate::data::ends_sentence(text[first.span.range()].trim())
                && text[second.span.range()]
                    .trim_start()
                    .starts_with(|c: char| c.is_lowercase())
        }
        _ => false,
    }
}

/// Cues whose outcomes are held at once while a file is paired.
const OUTCOME_BLOCK: usize = 1 << 16;

/// A pair's source, target and the cue whose timing it has ([`Pair::timed_by`]).
type PairParts = (Option<Segment>, Option<Segment>, Option<u32>);

/// What one cue of a bilingual subtitle file contributes to its document.
enum CueOutcome {
    Nothing,
    /// App text or credits.
    Stray(Stray),
    /// One pair; `true`: made with the next cue (one cue per language), which then contributes
    /// nothing.
    Pair(PairParts, bool),
    /// Several pairs, in order (runs of the two languages paired two by two).
    Pairs(Vec<PairParts>),
}

/// What [`parse_bilingual`] decided about the whole file, for deciding each cue.
struct Layout<'t> {
    text: &'t str,
    order: Order,
    /// Cues hold one line per language: a cue of two English lines is an original and an
    /// untranslated "translation".
    one_line_layout: bool,
    /// The first and last cues with both languages (before and after them: header and footer).
    first_two_sided: Option<usize>,
    last_two_sided: Option<usize>,
    /// [`crate::data::marks_endings`] of the cues' last Chinese lines, found when first asked (by a weak
    /// app-text pattern in a one-language cue, rare).
    marks_endings: std::sync::OnceLock<bool>,
    cues: &'t [Cue],
    cue_lines: &'t [Segment],
}

impl Layout<'_> {
    /// [`Layout::marks_endings`], found once.
    fn chinese_marks_endings(&self) -> bool {
        *self.marks_endings.get_or_init(|| {
            crate::data::marks_endings(self.cues.iter().filter_map(|c| {
                let last = c.lines_in(self.cue_lines).iter().rev();
                let han = last.into_iter().find(|l| l.script == Script::Han)?;
                Some(&self.text[han.span.range()])
            }))
        })
    }
}

impl Layout<'_> {
    /// The outcome of cue `k` of `cues` (whose lines are `lines`), as if no cue before it had
    /// claimed it; `cue_runs` and `next_runs` are buffers.
    fn outcome<'c>(
        &self,
        (cues, lines): (&[Cue], &'c [Segment]),
        k: usize,
        cue_runs: &mut Vec<(bool, &'c [Segment])>,
        next_runs: &mut Vec<(bool, &'c [Segment])>,
    ) -> CueOutcome {
        let text = self.text;
        let cue = &cues[k];
        runs_into(text, cue.lines_in(lines), cue_runs);
        // A one-language cue of app text or credits ("字幕：某某字幕组", "Subtitles by …") is a
        // stray, as in interleaved text: `stray-line` reports it, not `missing-translation`.
        if let [(_, only)] = cue_runs.as_slice()
            && let Some(seg) = join(only)
            && let Some(kind) = stray_kind(
                &text[seg.span.range()],
                self.first_two_sided.is_none_or(|f| k < f),
                self.last_two_sided.is_some_and(|l| k > l),
                &|| self.chinese_marks_endings(),
            )
        {
            return CueOutcome::Stray(Stray { segment: seg, kind });
        }
        // A cue of app text in both languages ("展开全部" / "Show more") is scraped interface
        // too, reported at its Chinese.
        if let [(a_han, a), (b_han, b)] = cue_runs.as_slice()
            && a_han != b_han
            && let (Some(a), Some(b)) = (join(a), join(b))
            && [a, b].iter().all(|s| is_app_text(&text[s.span.range()]))
        {
            let zh = if *a_han { a } else { b };
            return CueOutcome::Stray(Stray {
                segment: zh,
                kind: StrayKind::AppText(text[zh.span.range()].to_string()),
            });
        }
        // More cues than a `u32` counts (a file of hundreds of gigabytes) lose their timing
        // rather than panic.
        let timed_by = cue.times.and(u32::try_from(k).ok());
        let parts = |source: Option<Segment>, target: Option<Segment>| (source, target, timed_by);
        let pair = |source, target| CueOutcome::Pair(parts(source, target), false);
        // The "one cue per language" layout: two consecutive one-language cues of the two
        // languages shown at the same time are one pair.
        if let ([(a_han, a)], Some(next)) = (cue_runs.as_slice(), cues.get(k + 1))
            && let [(b_han, b)] = runs_into(text, next.lines_in(lines), next_runs)
            && a_han != b_han
            && shown_together(lines, cue, next)
        {
            let (t, s) = if *a_han { (a, b) } else { (b, a) };
            return CueOutcome::Pair(parts(join(s), join(t)), true);
        }
        match cue_runs.as_slice() {
            [] => CueOutcome::Nothing,
            [(true, han)] => pair(None, join(han)),
            [(false, latin)] => {
                let n = latin.len();
                let copies = |(a, b): &(&[Segment], &[Segment])| match (join(a), join(b)) {
                    (Some(a), Some(b)) => copy_similarity(
                        &text[a.span.range()],
                        &text[b.span.range()],
                        COPY_THRESHOLD,
                    )
                    .is_some(),
                    _ => false,
                };
                let halves = (n % 2 == 0).then(|| latin.split_at(n / 2));
                let split = halves.filter(|(a, b)| {
                    (self.one_line_layout && n == 2 && !one_wrapped_sentence(text, a, b))
                        || (n >= 4 && n <= 2 * MAX_SIDE_LINES)
                        || (n == 2 && two_sentences(text, a, b))
                        || copies(&(a, b))
                });
                // A copy wrapped otherwise than its original (one line against two) splits
                // the cue unevenly.
                let split = split.or_else(|| {
                    (n == 2 * MAX_SIDE_LINES - 1)
                        .then(|| (1..n).map(|k| latin.split_at(k)).find(copies))
                        .flatten()
                });
                match split {
                    Some((a, b)) => {
                        let (t, s) = match self.order {
                            Order::TargetFirst => (a, b),
                            Order::SourceFirst => (b, a),
                        };
                        pair(join(s), join(t))
                    }
                    None => pair(join(latin), None),
                }
            }
            // The usual cue: one run of each language.
            [(a_han, a), (_, b)] => {
                let (t, s) = if *a_han { (a, b) } else { (b, a) };
                pair(join(s), join(t))
            }
            many => {
                // Pair runs two by two; an odd run left over is one-sided.
                let list = many
                    .chunks(2)
                    .filter_map(|chunk| match chunk {
                        [(a_han, a), (_, b)] => {
                            let (t, s) = if *a_han { (a, b) } else { (b, a) };
                            Some(parts(join(s), join(t)))
                        }
                        [(han, a)] => Some(if *han {
                            parts(None, join(a))
                        } else {
                            parts(join(a), None)
                        }),
                        _ => None,
                    })
                    .collect();
                CueOutcome::Pairs(list)
            }
        }
    }
}

/// Whether every line of `text` is app interface text by the strong patterns alone
/// ([`APP_TEXT_PATTERNS`]), which no line of dialogue matches: a cue or a row of it in both
/// languages ("展开全部" / "Show more") is a stray, as each of its lines is in a transcript.
pub(crate) fn is_app_text(text: &str) -> bool {
    text.lines()
        .all(|l| APP_TEXT_PATTERNS.strong.is_match(l.trim()))
}

/// Why a one-language cue is not dialogue, if it is not: a strong app-text pattern anywhere, or
/// a weak one on a cue without sentence-final punctuation before the first or after the last
/// two-language cue (titles, credits), or between them in a file whose Chinese lines end their
/// sentences with a mark (`marks_endings`, [`crate::data::marks_endings`], asked only then): there, as in a transcript, a
/// one-language "点赞关注，下期更精彩" with no end mark is the channel's text, where in a file of
/// unpunctuated cues the missing mark says nothing.
pub(crate) fn stray_kind(
    text: &str,
    in_header: bool,
    in_footer: bool,
    marks_endings: &dyn Fn() -> bool,
) -> Option<StrayKind> {
    let p = &*APP_TEXT_PATTERNS;
    // A timestamp alone ("[00:41:12]") is a player's transcript pane scraped into a cue or a
    // row; an interleaved transcript's own timestamps are layout, set aside before this.
    let stamp = || {
        let t = text.trim();
        !t.contains('\n') && super::timestamp::line_stamp(t).is_some_and(|s| s.alone)
    };
    let strong = text.lines().any(|l| p.strong.is_match(l.trim())) || stamp();
    let weak = text.lines().any(|l| p.weak.is_match(l.trim())) && !ends_sentence(text);
    if !(strong || weak) {
        None
    } else if in_header {
        Some(StrayKind::Header)
    } else if in_footer {
        Some(StrayKind::Footer)
    } else if strong || marks_endings() {
        Some(StrayKind::AppText(text.to_string()))
    } else {
        None
    }
}

/// Two cues shown at the same time: their overlap covers 80 % of the shorter one.
pub fn same_time(a: &Timing, b: &Timing) -> bool {
    let shorter = (a.end_ms - a.start_ms).min(b.end_ms - b.start_ms);
    let overlap = a.end_ms.min(b.end_ms) - a.start_ms.max(b.start_ms);
    if shorter <= 0 {
        return a.start_ms == b.start_ms && a.end_ms == b.end_ms;
    }
    overlap * 10 >= shorter * 8
}

/// Two cues of different languages on screen together: one subtitle in two cues (the "one cue
/// per language" layout of merged bilingual files), not an overlap. `lines`: the lines of all
/// cues ([`Cue::lines`]).
pub fn shown_together(lines: &[Segment], a: &Cue, b: &Cue) -> bool {
    let han = |c: &Cue| c.lines_in(lines).iter().any(|l| l.script == Script::Han);
    let latin = |c: &Cue| c.lines_in(lines).iter().any(|l| l.script == Script::Latin);
    let one_language = |c: &Cue| han(c) != latin(c);
    match (a.timing(), b.timing()) {
        (Some(ta), Some(tb)) => {
            one_language(a) && one_language(b) && han(a) != han(b) && same_time(&ta, &tb)
        }
        _ => false,
    }
}

/// Which language a line without letters or Han characters leans to by its punctuation
/// (`true` = Chinese): full-width marks are Chinese writing (`？！`), ASCII sentence marks English
/// (`200,000?!`, `3:00?`, `2024.`); `None` for a bare number or symbol.
fn neutral_lean(line: &str) -> Option<bool> {
    let full_width = line.contains(['？', '！', '。', '，', '：', '；', '、', '…']);
    let ascii = line.contains(['?', '!', '.', ',', ':', ';']);
    match (full_width, ascii) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// Split a cue's lines into runs of one language (`true` = Chinese), into `out` (cleared
/// first; returned for matching). A neutral line (digits, symbols) counts as the language its
/// punctuation leans to ([`neutral_lean`]: "200,000?!" under two Chinese lines is the English
/// side's); one that leans neither way joins the run before it, or the first run when it
/// leads. Each run is a slice of consecutive lines of the cue.
fn runs_into<'a, 'o>(
    text: &str,
    lines: &'a [Segment],
    out: &'o mut Vec<(bool, &'a [Segment])>,
) -> &'o [(bool, &'a [Segment])] {
    out.clear();
    // The current run: its language (none yet while only neutral lines lead) and first line.
    let mut current: Option<(Option<bool>, usize)> = None;
    for (i, l) in lines.iter().enumerate() {
        let lang = match l.script {
            Script::Han => Some(true),
            Script::Latin => Some(false),
            Script::Neutral => text.get(l.span.range()).and_then(neutral_lean),
        };
        current = match current {
            None => Some((lang, i)),
            Some((run_lang, start)) => match lang {
                None => Some((run_lang, start)),
                Some(x) if run_lang.is_none() || run_lang == Some(x) => Some((Some(x), start)),
                Some(_) => {
                    out.push((run_lang.unwrap_or(false), &lines[start..i]));
                    Some((lang, i))
                }
            },
        };
    }
    if let Some((run_lang, start)) = current {
        out.push((run_lang.unwrap_or(false), &lines[start..]));
    }
    out
}

/// What [`parse_bilingual`] decides the order and layout of a file from, of one cue's runs.
#[derive(Clone, Copy)]
struct RunShape {
    /// Two runs or more: both languages.
    two_sided: bool,
    /// The first run is Chinese.
    han_first: bool,
    /// The first two runs are one line each.
    one_line_sides: bool,
}

impl RunShape {
    fn of(runs: &[(bool, &[Segment])]) -> RunShape {
        match runs {
            [(han, a), (_, b), ..] => RunShape {
                two_sided: true,
                han_first: *han,
                one_line_sides: a.len() == 1 && b.len() == 1,
            },
            _ => RunShape {
                two_sided: false,
                han_first: false,
                one_line_sides: false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, format: Format) -> Document {
        parse_bilingual(SourceFile::new("t", text.to_string()), format)
    }

    fn shape(d: &Document) -> Vec<String> {
        d.pairs
            .iter()
            .map(|p| {
                let t = p.target.map_or("-".to_string(), |s| d.text(&s).to_string());
                let s = p.source.map_or("-".to_string(), |s| d.text(&s).to_string());
                format!("{t} | {s}")
            })
            .collect()
    }

    #[test]
    fn every_cue_has_exactly_its_own_lines() {
        // Enough lines for many parallel jobs of the line fill, with empty cues (one a run of
        // several) and cues of up to five lines, some with edge tags and CRLF breaks.
        let mut text = String::new();
        let mut expected: Vec<Vec<String>> = Vec::new();
        let mut ms = 0;
        for k in 0..16_000usize {
            let n = if (4_000..4_004).contains(&k) {
                0
            } else {
                (k * 7 + k / 13) % 6
            };
            let eol = if k % 11 == 0 { "\r\n" } else { "\n" };
            let ts = |ms: usize| {
                let s = ms / 1000;
                format!(
                    "{:02}:{:02}:{:02},{:03}",
                    s / 3600,
                    s / 60 % 60,
                    s % 60,
                    ms % 1000
                )
            };
            text += &format!("{}{eol}{} --> {}{eol}", k + 1, ts(ms), ts(ms + 900));
            let mut lines = Vec::new();
            for i in 0..n {
                let line = if i % 2 == 0 {
                    format!("第{k}条第{i}行。")
                } else {
                    format!("Cue {k}, line {i}.")
                };
                if k % 5 == 0 {
                    text += &format!("<i>{line}</i>{eol}");
                } else {
                    text += &format!("{line}{eol}");
                }
                lines.push(line);
            }
            text += eol;
            expected.push(lines);
            ms += 1000;
        }
        let d = doc(&text, Format::Srt);
        assert_eq!(d.cues.len(), expected.len());
        let got: Vec<Vec<String>> = d
            .cues
            .iter()
            .map(|c| {
                d.lines_of(c)
                    .iter()
                    .map(|l| d.text(l).to_string())
                    .collect()
            })
            .collect();
        assert_eq!(got, expected);
        assert!(d.cue_lines.len() > 4 * CUE_LINES_PER_JOB);
        let scripts_agree = d
            .cue_lines
            .iter()
            .all(|l| l.script == classify(d.text(l)) && l.file == 0);
        assert!(scripts_agree);
    }

    #[test]
    fn one_cue_per_language_layout_pairs_cues_shown_together() {
        let d = doc(
            "1\n00:00:01,000 --> 00:00:03,000\n我们出发吧。\n\n2\n00:00:01,000 --> 00:00:03,000\nLet's head out.\n\n3\n00:00:03,100 --> 00:00:05,000\n天快黑了。\n\n4\n00:00:05,100 --> 00:00:07,000\nIt's getting dark.\n",
            Format::Srt,
        );
        // Cues 3 and 4 are not on screen together: each lacks its partner.
        assert_eq!(
            shape(&d),
            [
                "我们出发吧。 | Let's head out.",
                "天快黑了。 | -",
                "- | It's getting dark."
            ]
        );
    }

    #[test]
    fn lines_classified_in_chunks_are_classified_as_one_walk_does() {
        // Several chunks, every kind of line and line break, breaks landing at chunk edges.
        let piece = "WEBVTT\r\n\r\n1\n00:00:01.000 --> 00:00:02.000\r\n第一行。\rSecond line.\n\n \u{3000}\n－－＞ 不是时间\n０１：００ －－＞ ０２：００\nend.\n";
        let mut text = String::new();
        let mut k = 0;
        while text.len() < 3 * CHUNK + 1000 {
            text.push_str(&piece[..piece.len() - k % 3]);
            text.push('\n');
            k += 1;
        }
        let (spans, kinds) = classify_lines(&text);
        let walked: Vec<(Span, Kind)> = lines(&text)
            .map(|l| {
                let c = &text[l.content.range()];
                let kind = if c.is_empty() {
                    Kind::Blank
                } else if is_timing_line(c) {
                    Kind::Timing
                } else {
                    Kind::Other
                };
                (l.content, kind)
            })
            .collect();
        assert!(chunk_bounds(text.as_bytes(), CHUNK).len() > 3);
        assert_eq!(spans.len(), walked.len());
        assert!(
            spans
                .iter()
                .zip(&kinds)
                .eq(walked.iter().map(|(s, k)| (s, k)))
        );
    }

    #[test]
    fn cues_paired_across_outcome_blocks_pair_as_in_one_block() {
        // One cue per language, so a pair can straddle the edge of a block of outcomes; a lone
        // Chinese cue now and then shifts which cue starts a pair.
        fn add(text: &mut String, cue: &mut usize, line: &str, start: u32) {
            let t = |ms: u32| {
                format!(
                    "00:{:02}:{:02},{:03}",
                    ms / 60_000,
                    ms / 1000 % 60,
                    ms % 1000
                )
            };
            let (from, to) = (t(start), t(start + 500));
            text.push_str(&format!("{cue}\n{from} --> {to}\n{line}\n\n"));
            *cue += 1;
        }
        let mut text = String::new();
        let mut expected = Vec::new();
        let (mut cue, mut ms) = (1, 0);
        while cue <= OUTCOME_BLOCK + 20 {
            if cue % 7 == 0 {
                add(&mut text, &mut cue, "独自一行。", ms);
                expected.push("独自一行。 | -".to_string());
            } else {
                add(&mut text, &mut cue, "好。", ms);
                add(&mut text, &mut cue, "Good.", ms);
                expected.push("好。 | Good.".to_string());
            }
            ms = (ms + 600) % 3_000_000;
        }
        let d = doc(&text, Format::Srt);
        assert_eq!(shape(&d), expected);
        assert!(
            d.pairs
                .iter()
                .enumerate()
                .all(|(k, p)| p.index == k && d.timing(p).is_some())
        );
    }

    #[test]
    fn credit_cues_are_strays_not_missing_translations() {
        let d = doc(
            "1\n00:00:00,500 --> 00:00:01,500\n字幕：山野字幕组\n\n2\n00:00:02,000 --> 00:00:03,000\n快走。\nHurry.\n\n3\n00:00:03,500 --> 00:00:04,500\nWait for me.\n",
            Format::Srt,
        );
        assert_eq!(shape(&d), ["快走。 | Hurry.", "- | Wait for me."]);
        assert_eq!(d.strays.len(), 1);
        assert_eq!(d.strays[0].kind, StrayKind::Header);
        assert_eq!(d.text(&d.strays[0].segment), "字幕：山野字幕组");
    }

    #[test]
    fn a_wrapped_original_without_its_translation_is_one_line() {
        // One line per language in every cue but the third, whose English wraps and whose
        // Chinese was lost: an original without translation, not an untranslated copy.
        let d = doc(
            "1\n00:00:01,000 --> 00:00:03,000\nKeep your pace steady.\n保持匀速。\n\n2\n00:00:03,500 --> 00:00:05,000\nBreathe through your nose.\n用鼻子呼吸。\n\n3\n00:00:05,500 --> 00:00:08,000\nIf your heart rate goes\nabove 175, ease off.\n\n4\n00:00:08,500 --> 00:00:10,000\nGood work.\n干得好。\n\n5\n00:00:10,500 --> 00:00:12,000\nNow walk it out.\n现在慢走放松。\n",
            Format::Srt,
        );
        assert_eq!(
            shape(&d),
            [
                "保持匀速。 | Keep your pace steady.",
                "用鼻子呼吸。 | Breathe through your nose.",
                "- | If your heart rate goes\nabove 175, ease off.",
                "干得好。 | Good work.",
                "现在慢走放松。 | Now walk it out.",
            ]
        );
        // Two whole sentences are still an original and its untranslated copy.
        let d = doc(
            "1\n00:00:01,000 --> 00:00:03,000\nKeep your pace steady.\n保持匀速。\n\n2\n00:00:03,500 --> 00:00:05,000\nGood work.\nGood work.\n\n3\n00:00:05,500 --> 00:00:08,000\nNow walk it out.\n现在慢走放松。\n",
            Format::Srt,
        );
        assert_eq!(shape(&d)[1], "Good work. | Good work.");
    }

    #[test]
    fn a_mistyped_timestamp_keeps_its_cue() {
        // A letter O for a zero: the timing line is reported and its cue kept, not read as text
        // outside any cue (which lost the cue's pair).
        let d = doc(
            "1\n00:00:01,000 --> 00:00:03,000\n你好。\nHello.\n\n2\nO0:00:04,000 --> 00:00:06,000\n再见。\nGoodbye.\n\n3\n00:00:07,000 --> 00:00:09,000\n谢谢。\nThanks.\n",
            Format::Srt,
        );
        assert_eq!(
            shape(&d),
            ["你好。 | Hello.", "再见。 | Goodbye.", "谢谢。 | Thanks."]
        );
        assert_eq!(d.problems.len(), 1);
        assert!(d.problems[0].message.contains("unreadable timing line"));
        // Prose with an arrow is no timing line.
        assert!(!is_timing_line("see page 12:30 --> then turn"));
    }

    #[test]
    fn text_outside_cues_names_an_invisible_character_in_it() {
        // A zero-width space inside the cue number: the number is not read, and the line is
        // text outside any cue; the message says what cannot be seen.
        let d = doc(
            "1\n00:00:01,000 --> 00:00:02,000\n你好。\nHello.\n\n1\u{200B}2\n\n3\n00:00:05,000 --> 00:00:06,000\n再见。\nBye.\n",
            Format::Srt,
        );
        let outside: Vec<&str> = d
            .problems
            .iter()
            .filter(|p| p.message.contains("outside any cue"))
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(outside.len(), 1, "{:?}", d.problems);
        assert!(
            outside[0].ends_with("; it holds an invisible U+200B"),
            "{outside:?}"
        );
    }

    #[test]
    fn strips_edge_tags_only() {
        let t = "{\\an8}<i>你好 <b>世界</b></i>";
        let s = strip_edge_tags(t, Span::new(0, t.len()));
        assert_eq!(&t[s.range()], "你好 <b>世界");
        let t = "I <3 you >";
        assert_eq!(&t[strip_edge_tags(t, Span::new(0, t.len())).range()], t);
    }

    #[test]
    fn multi_line_sides_in_either_order() {
        let d = doc(
            "1\n00:00:01,000 --> 00:00:03,000\n我们今天\n去海边。\nWe are going\nto the sea today.\n\n2\n00:00:03,500 --> 00:00:05,000\nBring a towel.\n带上毛巾。\n",
            Format::Srt,
        );
        assert_eq!(
            shape(&d),
            [
                "我们今天\n去海边。 | We are going\nto the sea today.",
                "带上毛巾。 | Bring a towel."
            ]
        );
        assert_eq!(
            d.timing(&d.pairs[0]).map(|t| (t.start_ms, t.end_ms)),
            Some((1000, 3000))
        );
        assert!(d.problems.is_empty(), "{:?}", d.problems);
    }

    #[test]
    fn an_english_only_cue_holds_an_original_and_an_untranslated_slot() {
        // Sides of two lines: four English lines are two and two. Two whole sentences are an
        // English "translation" and its original (Chinese first in this file, so the first
        // half is the translation's slot); a sentence broken over two lines, or two speakers'
        // lines, is an original alone.
        let d = doc(
            "1\n00:00:01,000 --> 00:00:04,000\n我们得在天黑前\n出发。\nWe need to leave\nbefore it gets dark.\n\n\
             2\n00:00:05,000 --> 00:00:08,000\nThe road is long.\nPack some food.\nIt is a long road.\nBring food.\n\n\
             3\n00:00:09,000 --> 00:00:11,000\nThen she had a key.\nSo she must have had a key.\n\n\
             4\n00:00:12,000 --> 00:00:14,000\nI waited for you\nfor three hours.\n\n\
             5\n00:00:15,000 --> 00:00:17,000\n- Who is there?\n- It's me.\n",
            Format::Srt,
        );
        assert_eq!(
            shape(&d),
            [
                "我们得在天黑前\n出发。 | We need to leave\nbefore it gets dark.",
                "The road is long.\nPack some food. | It is a long road.\nBring food.",
                "Then she had a key. | So she must have had a key.",
                "- | I waited for you\nfor three hours.",
                "- | - Who is there?\n- It's me.",
            ]
        );
    }

    #[test]
    fn a_line_without_letters_goes_to_the_side_its_punctuation_writes() {
        // "400,000?!" and "5:30?" are English; "？！" alone is Chinese; a bare "2024" joins the
        // line before it.
        let d = doc(
            "1\n00:00:01,000 --> 00:00:03,000\n四十万？！\n你从哪儿弄来的？\n400,000?!\nWhere did you get it?\n\n\
             2\n00:00:03,500 --> 00:00:05,000\n五点半？\n5:30?\n\n\
             3\n00:00:05,500 --> 00:00:07,000\nWhat?\n？！\n\n\
             4\n00:00:07,500 --> 00:00:09,000\n那年是\n2024\nThat year was 2024.\n",
            Format::Srt,
        );
        assert_eq!(
            shape(&d),
            [
                "四十万？！\n你从哪儿弄来的？ | 400,000?!\nWhere did you get it?",
                "五点半？ | 5:30?",
                "？！ | What?",
                "那年是\n2024 | That year was 2024.",
            ]
        );
    }
}
