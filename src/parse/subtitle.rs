//! SubRip (SRT) and WebVTT: reading cue blocks with byte spans, and building bilingual pairs
//! from cues that hold both languages.
//!
//! The reader is line-based and forgiving (research/subtitle_cjk.md, "Must-tolerate checklist"):
//! BOM, CRLF/CR, missing final newline, missing or odd cue numbers, cues not separated by a blank
//! line, extra blank lines, `.` or full-width timestamps, VTT header/NOTE/STYLE/REGION blocks.
//! What it cannot place — text outside any cue, an unreadable timing line, an empty cue — becomes a
//! [`ParseProblem`] under `subtitle-syntax` with its span; no cue text is ever dropped silently.

use super::lines::{Line, lines};
use super::timestamp::{looks_like_timing, parse_timing_line};
use crate::data::{APP_TEXT_PATTERNS, ends_sentence};
use crate::model::{
    Cue, Document, FileId, Format, Order, Pair, ParseProblem, Segment, SourceFile, Span, Stray,
    StrayKind, Timing,
};
use crate::script::{Script, classify};
use crate::text::{COPY_THRESHOLD, copy_similarity};

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

/// Read the cues of an SRT or VTT file. Problems are appended to `problems`.
pub fn read_cues(
    text: &str,
    file: FileId,
    format: Format,
    problems: &mut Vec<ParseProblem>,
) -> Vec<Cue> {
    let vtt = format == Format::Vtt;
    let all: Vec<Line> = lines(text).collect();
    let content = |l: &Line| &text[l.content.range()];
    let problem = |span: Span, message: String| ParseProblem {
        rule: SUBTITLE_SYNTAX,
        file,
        span,
        message,
    };
    let mut kinds: Vec<Kind> = all
        .iter()
        .map(|l| {
            let c = content(l);
            if c.is_empty() {
                Kind::Blank
            } else if is_timing_line(c) {
                Kind::Timing
            } else {
                Kind::Other
            }
        })
        .collect();
    if vtt {
        mark_vtt_meta(text, &all, &mut kinds, file, problems);
    }
    let timing_idx: Vec<usize> = (0..all.len())
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
    let ids: Vec<Option<usize>> = timing_idx.iter().map(|&t| id_of(t)).collect();
    let mut cues = Vec::with_capacity(timing_idx.len());
    let mut garbage: Vec<(usize, usize)> = Vec::new(); // inclusive line ranges
    let mut push_garbage = |from: usize, to_excl: usize, kinds: &[Kind]| {
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
    // Before the first cue.
    let first = timing_idx
        .first()
        .map_or(all.len(), |&t| ids[0].unwrap_or(t));
    push_garbage(0, first, &kinds);
    for (k, &t) in timing_idx.iter().enumerate() {
        let next_start = match timing_idx.get(k + 1) {
            Some(&nt) => ids[k + 1].unwrap_or(nt),
            None => all.len(),
        };
        let mut end = t + 1;
        while end < next_start && kinds[end] == Kind::Other {
            end += 1;
        }
        let tl = &all[t];
        let timing_text = content(tl);
        let timing = match parse_timing_line(timing_text) {
            Ok(p) => {
                if p.trailing_digits {
                    problems.push(problem(
                        tl.content,
                        "digits after the milliseconds in the timing line; read without them, but players may reject the line".into(),
                    ));
                }
                if p.fullwidth {
                    problems.push(problem(
                        tl.content,
                        "full-width digits or punctuation in the timing line; read as ASCII, but many players reject them".into(),
                    ));
                }
                Some(Timing {
                    start_ms: p.start_ms,
                    end_ms: p.end_ms,
                    span: tl.content,
                    file,
                })
            }
            Err(e) => {
                problems.push(problem(
                    tl.content,
                    format!(
                        "unreadable timing line ({}); the cue is kept without timing",
                        e.0
                    ),
                ));
                None
            }
        };
        let lines: Vec<Segment> = all[t + 1..end]
            .iter()
            .map(|l| {
                let span = strip_edge_tags(text, l.content);
                Segment {
                    file,
                    span,
                    script: classify(&text[span.range()]),
                }
            })
            .collect();
        cues.push(Cue {
            file,
            id: ids[k].map(|i| all[i].content),
            timing_line: tl.content,
            timing,
            lines,
        });
        push_garbage(end, next_start, &kinds);
    }
    for (s, e) in garbage {
        let span = Span::new(all[s].content.start, all[e].content.end);
        let msg = if timing_idx.first().is_none_or(|&t| s < t) {
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
        problems.push(problem(span, msg));
    }
    cues
}

/// A timing line: it reads as one, or it starts like a timestamp and has an arrow.
fn is_timing_line(c: &str) -> bool {
    if !looks_like_timing(c) {
        return false;
    }
    if parse_timing_line(c).is_ok() {
        return true;
    }
    let starts_with_digit = c
        .chars()
        .next()
        .is_some_and(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch));
    starts_with_digit && (c.contains("-->") || c.contains("－－＞"))
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
    all: &[Line],
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
        let c = &text[all[i].content.range()];
        let word = c.split([' ', '\t']).next().unwrap_or("");
        let is_meta = if first_block {
            let sig = c.starts_with("WEBVTT");
            if !sig {
                problems.push(ParseProblem {
                    rule: SUBTITLE_SYNTAX,
                    file,
                    span: all[i].content,
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
    let cues = read_cues(&file.text, 0, format, &mut problems);
    for c in cues.iter().filter(|c| c.lines.is_empty()) {
        problems.push(ParseProblem {
            rule: SUBTITLE_SYNTAX,
            file: 0,
            span: c.timing_line,
            message: "cue has no text".into(),
        });
    }
    let text = file.text.as_str();
    // Runs of lines in one language per cue; neutral lines join the run before them.
    let runs: Vec<Vec<(bool, Vec<Segment>)>> = cues.iter().map(|c| runs_of(&c.lines)).collect();
    let mut han_first = 0usize;
    let mut latin_first = 0usize;
    let mut one_line_sides = 0usize;
    let mut two_sided = 0usize;
    for r in &runs {
        if r.len() >= 2 {
            two_sided += 1;
            if r[0].0 {
                han_first += 1;
            } else {
                latin_first += 1;
            }
            if r[0].1.len() == 1 && r[1].1.len() == 1 {
                one_line_sides += 1;
            }
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
    let mut pairs = Vec::new();
    let mut strays = Vec::new();
    let mut skip_next = false;
    let first_two_sided = runs.iter().position(|r| r.len() >= 2);
    let last_two_sided = runs.iter().rposition(|r| r.len() >= 2);
    for (k, (cue, cue_runs)) in cues.iter().zip(&runs).enumerate() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        let timing = cue.timing;
        // A one-language cue of app text or credits ("字幕：某某字幕组", "Subtitles by …") is a
        // stray, as in interleaved text: `stray-line` reports it, not `missing-translation`.
        if let [(_, only)] = cue_runs.as_slice()
            && let Some(seg) = join(only)
            && let Some(kind) = stray_kind(
                &text[seg.span.range()],
                first_two_sided.is_none_or(|f| k < f),
                last_two_sided.is_some_and(|l| k > l),
            )
        {
            strays.push(Stray { segment: seg, kind });
            continue;
        }
        // The "one cue per language" layout: two consecutive one-language cues of the two
        // languages shown at the same time are one pair.
        if let ([(a_han, a)], Some(next), Some(next_runs)) =
            (cue_runs.as_slice(), cues.get(k + 1), runs.get(k + 1))
            && let [(b_han, b)] = next_runs.as_slice()
            && a_han != b_han
            && shown_together(cue, next)
        {
            let (t, s) = if *a_han { (a, b) } else { (b, a) };
            pairs.push(Pair {
                index: pairs.len(),
                source: join(s),
                target: join(t),
                timing: timing.map(Box::new),
            });
            skip_next = true;
            continue;
        }
        let mut push = |source: Option<Segment>, target: Option<Segment>| {
            pairs.push(Pair {
                index: pairs.len(),
                source,
                target,
                timing: timing.map(Box::new),
            })
        };
        match cue_runs.as_slice() {
            [] => {}
            [(true, han)] => push(None, join(han)),
            [(false, latin)] => {
                let n = latin.len();
                let halves = (n % 2 == 0).then(|| latin.split_at(n / 2));
                let split = halves.filter(|(a, b)| {
                    (one_line_layout && n == 2) || {
                        let (a, b) = (join(a), join(b));
                        match (a, b) {
                            (Some(a), Some(b)) => copy_similarity(
                                &text[a.span.range()],
                                &text[b.span.range()],
                                COPY_THRESHOLD,
                            )
                            .is_some(),
                            _ => false,
                        }
                    }
                });
                match split {
                    Some((a, b)) => {
                        let (t, s) = match order {
                            Order::TargetFirst => (a, b),
                            Order::SourceFirst => (b, a),
                        };
                        push(join(s), join(t));
                    }
                    None => push(join(latin), None),
                }
            }
            many => {
                // Pair runs two by two; an odd run left over is one-sided.
                let mut it = many.chunks(2);
                for chunk in &mut it {
                    match chunk {
                        [(a_han, a), (_, b)] => {
                            let (t, s) = if *a_han { (a, b) } else { (b, a) };
                            push(join(s), join(t));
                        }
                        [(han, a)] => {
                            if *han {
                                push(None, join(a));
                            } else {
                                push(join(a), None);
                            }
                        }
                        _ => {}
                    }
                }
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
        independently_timed: false,
    }
}

/// Why a one-language cue is not dialogue, if it is not: a strong app-text pattern anywhere, or
/// a weak one on a cue without sentence-final punctuation before the first or after the last
/// two-language cue (titles, credits).
fn stray_kind(text: &str, in_header: bool, in_footer: bool) -> Option<StrayKind> {
    let p = &*APP_TEXT_PATTERNS;
    let strong = text.lines().any(|l| p.strong.is_match(l.trim()));
    let weak = text.lines().any(|l| p.weak.is_match(l.trim())) && !ends_sentence(text);
    if !(strong || weak) {
        None
    } else if in_header {
        Some(StrayKind::Header)
    } else if in_footer {
        Some(StrayKind::Footer)
    } else if strong {
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
/// per language" layout of merged bilingual files), not an overlap.
pub fn shown_together(a: &Cue, b: &Cue) -> bool {
    let han = |c: &Cue| c.lines.iter().any(|l| l.script == Script::Han);
    let latin = |c: &Cue| c.lines.iter().any(|l| l.script == Script::Latin);
    let one_language = |c: &Cue| han(c) != latin(c);
    match (a.timing, b.timing) {
        (Some(ta), Some(tb)) => {
            one_language(a) && one_language(b) && han(a) != han(b) && same_time(&ta, &tb)
        }
        _ => false,
    }
}

/// Split a cue's lines into runs of one language (`true` = Chinese). Neutral lines (digits,
/// symbols) join the run before them, or the first run when they lead.
fn runs_of(lines: &[Segment]) -> Vec<(bool, Vec<Segment>)> {
    let mut runs: Vec<(Option<bool>, Vec<Segment>)> = Vec::new();
    for l in lines {
        let lang = match l.script {
            Script::Han => Some(true),
            Script::Latin => Some(false),
            Script::Neutral => None,
        };
        match (runs.last_mut(), lang) {
            (Some(last), None) => last.1.push(*l),
            (Some(last), Some(x)) if last.0.is_none() || last.0 == Some(x) => {
                last.0 = Some(x);
                last.1.push(*l);
            }
            _ => runs.push((lang, vec![*l])),
        }
    }
    runs.into_iter()
        .map(|(lang, segs)| (lang.unwrap_or(false), segs))
        .collect()
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
            d.pairs[0].timing.as_deref().map(|t| (t.start_ms, t.end_ms)),
            Some((1000, 3000))
        );
        assert!(d.problems.is_empty(), "{:?}", d.problems);
    }
}
