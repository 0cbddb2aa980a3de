//! Two parallel files, one language each (`talk.en.srt` + `talk.zh.srt`): pair cues by timing
//! overlap (and so by index when the files are cut alike), plain lines by position.
//!
//! A cue with no counterpart becomes a one-sided pair at its place in time, so that
//! `missing-translation` names it and alignment checks see the gap where it is.

use super::lines::lines;
use super::subtitle::{SUBTITLE_SYNTAX, is_app_text, join, read_cues, stray_kind};
use crate::model::{
    Cue, Document, FileId, Format, Order, Pair, ParseProblem, Segment, SourceFile, Span, Stray,
    StrayKind, Timing,
};
use crate::script::classify;

/// One pairable unit of a file: a cue's text (all its lines) or one line of plain text.
#[derive(Clone, Copy, Debug)]
struct Unit {
    segment: Segment,
    timing: Option<Timing>,
}

/// A file's pairable units, its cues and their lines (none for plain text); problems are
/// appended.
fn units(
    file: &SourceFile,
    id: FileId,
    format: Format,
    problems: &mut Vec<ParseProblem>,
) -> (Vec<Unit>, Vec<Cue>, Vec<Segment>) {
    let text = file.text.as_str();
    match format {
        Format::Srt | Format::Vtt => {
            let (cues, lines) = read_cues(text, id, format, problems);
            let units = cues
                .iter()
                .map(|c| Unit {
                    // An empty cue is an empty side: `missing-translation` reports it.
                    segment: join(c.lines_in(&lines)).unwrap_or(Segment {
                        file: id,
                        span: Span::new(c.timing_line.end, c.timing_line.end),
                        script: crate::script::Script::Neutral,
                    }),
                    timing: c.timing(),
                })
                .collect();
            (units, cues, lines)
        }
        _ => (
            lines(text)
                .filter(|l| !l.content.is_empty())
                .map(|l| Unit {
                    segment: Segment {
                        file: id,
                        span: l.content,
                        script: classify(&text[l.content.range()]),
                    },
                    timing: None,
                })
                .collect(),
            Vec::new(),
            Vec::new(),
        ),
    }
}

/// Parse a source-language file and its translation into one document (source file first).
pub fn parse_two(
    source: SourceFile,
    source_format: Format,
    target: SourceFile,
    target_format: Format,
) -> Document {
    let reading = crate::timing::phase("  cues");
    // The two files are read side by side; their problems and cues are kept in file order.
    let read = |file: &SourceFile, id: FileId, format: Format| {
        let mut problems = Vec::new();
        let (units, cues, lines) = units(file, id, format, &mut problems);
        (units, problems, (cues, lines))
    };
    let (
        (a, mut problems, (mut cues, mut cue_lines)),
        (b, target_problems, (target_cues, target_lines)),
    ) = rayon::join(
        || read(&source, 0, source_format),
        || read(&target, 1, target_format),
    );
    problems.extend(target_problems);
    // A unit of a subtitle file is its cue: unit `i` of the source is cue `i`, unit `j` of the
    // target cue `source_cues + j`.
    let source_cues = cues.len();
    let source_lines = cue_lines.len();
    cues.extend(target_cues.into_iter().map(|mut c| {
        c.lines = c.lines.start + source_lines..c.lines.end + source_lines;
        c
    }));
    cue_lines.extend(target_lines);
    drop(reading);
    let _pairing = crate::timing::phase("  pairing");
    let (a_times, b_times) = (pairing_times(&a), pairing_times(&b));
    let both_timed = a_times.is_some() && b_times.is_some();
    let links = if let (Some(x), Some(y)) = (&a_times, &b_times) {
        pair_by_time(x, y)
    } else {
        let message = if source_format != target_format {
            Some(format!(
                "the two files are not both timed ({source_format:?} and {target_format:?}); paired by position"
            ))
        } else {
            matches!(source_format, Format::Srt | Format::Vtt).then(|| {
                "most cues of this file have no readable timing; the two files are paired by position"
                    .to_string()
            })
        };
        if let Some(message) = message {
            problems.push(ParseProblem {
                rule: SUBTITLE_SYNTAX,
                file: if a_times.is_none() && source_format == target_format {
                    0
                } else {
                    1
                },
                span: Span::new(0, 0),
                message,
            });
        }
        pair_by_index(a.len(), b.len())
    };
    let independently_timed = both_timed && timed_independently(&a, &b, &links);
    // A cue (or line) with no counterpart that is app text or credits ("字幕：某某字幕组",
    // "Subscribe for more") is a stray, as in a bilingual file: `stray-line` reports it, not
    // `missing-translation`.
    let two_sided = |&(i, j): &(Option<usize>, Option<usize>)| i.is_some() && j.is_some();
    let (first_two_sided, last_two_sided) = (
        links.iter().position(two_sided),
        links.iter().rposition(two_sided),
    );
    let marks = std::cell::OnceCell::new();
    let marks_endings = || {
        *marks.get_or_init(|| {
            crate::data::marks_endings(links.iter().filter(|l| two_sided(l)).filter_map(
                |&(_, j)| {
                    let seg = b.get(j?)?.segment;
                    (seg.script == crate::script::Script::Han)
                        .then(|| &target.text[seg.span.range()])
                },
            ))
        })
    };
    let mut strays = Vec::new();
    let links: Vec<(Option<usize>, Option<usize>)> = links
        .iter()
        .copied()
        .enumerate()
        .filter(|&(k, (i, j))| {
            let (unit, file) = match (i, j) {
                (Some(i), None) => (a[i], &source),
                (None, Some(j)) => (b[j], &target),
                // Cues of app text in both files ("Show more" / "展开全部"): both are strays.
                (Some(i), Some(j)) => {
                    let app =
                        |u: &Unit, f: &SourceFile| is_app_text(&f.text[u.segment.span.range()]);
                    if app(&a[i], &source) && app(&b[j], &target) {
                        for (u, f) in [(&a[i], &source), (&b[j], &target)] {
                            strays.push(Stray {
                                segment: u.segment,
                                kind: StrayKind::AppText(
                                    f.text[u.segment.span.range()].to_string(),
                                ),
                            });
                        }
                        return false;
                    }
                    return true;
                }
                (None, None) => return true,
            };
            let text = &file.text[unit.segment.span.range()];
            let kind = stray_kind(
                text,
                first_two_sided.is_none_or(|f| k < f),
                last_two_sided.is_some_and(|l| k > l),
                &marks_endings,
            );
            match kind {
                Some(kind) => {
                    strays.push(Stray {
                        segment: unit.segment,
                        kind,
                    });
                    false
                }
                None => true,
            }
        })
        .map(|(_, link)| link)
        .collect();
    let pairs = links
        .into_iter()
        .enumerate()
        .map(|(index, (i, j))| {
            let (s, t) = (i.map(|i| a[i]), j.map(|j| b[j]));
            let cue = |unit: Option<Unit>, cue: Option<usize>| {
                unit?.timing?;
                u32::try_from(cue?).ok()
            };
            Pair {
                index,
                source: s.map(|u| u.segment),
                target: t.map(|u| u.segment),
                timed_by: cue(s, i).or_else(|| cue(t, j.map(|j| source_cues + j))),
            }
        })
        .collect();
    Document {
        files: vec![source, target],
        format: source_format,
        order: Order::SourceFirst,
        pairs,
        strays,
        problems,
        cues,
        cue_lines,
        independently_timed,
    }
}

/// Two cue boundaries this close (in ms) are the same boundary.
const SAME_BOUNDARY_MS: i64 = 250;

/// Cue pairs needed before the files' timing is judged ([`timed_independently`]).
const MIN_TIMED_PAIRS: usize = 10;

/// Whether two timed files were cut into cues independently: fewer than half of the paired
/// cues start and end together ([`SAME_BOUNDARY_MS`]). A translation timed on the original's
/// cues shares nearly all its boundaries (the Udacity subtitles here: every one); a community
/// translation re-cut by sentence shares few (3Blue1Brown's: under a tenth), and pairing its
/// cues by overlap gives pairs whose sides hold different words.
fn timed_independently(a: &[Unit], b: &[Unit], links: &[Link]) -> bool {
    let timing = |u: &Unit| u.timing.map(|t| (t.start_ms, t.end_ms));
    let (mut paired, mut shared) = (0usize, 0usize);
    for &(i, j) in links {
        let (Some(x), Some(y)) = (
            i.and_then(|i| a.get(i)).and_then(timing),
            j.and_then(|j| b.get(j)).and_then(timing),
        ) else {
            continue;
        };
        paired += 1;
        if (x.0 - y.0).abs() <= SAME_BOUNDARY_MS && (x.1 - y.1).abs() <= SAME_BOUNDARY_MS {
            shared += 1;
        }
    }
    paired >= MIN_TIMED_PAIRS && 2 * shared < paired
}

type Link = (Option<usize>, Option<usize>);

fn pair_by_index(n: usize, m: usize) -> Vec<Link> {
    (0..n.max(m))
        .map(|k| ((k < n).then_some(k), (k < m).then_some(k)))
        .collect()
}

/// A cue's start and end (ms) as the pairing sees them.
type Times = (i64, i64);

/// The times [`pair_by_time`] pairs a file's units by: each cue's own, and for a cue whose
/// timing line could not be read (or that ends before it starts), the gap its neighbours leave
/// (from the previous timed cue's end to the next one's start), so that one unreadable line
/// does not turn the whole file's pairing over to positions (a dropped cue after it would then
/// shift every later pair).
/// `None` when at most half the units are timed (plain text, or mostly unreadable timings):
/// such a file is paired by position.
fn pairing_times(units: &[Unit]) -> Option<Vec<Times>> {
    // A cue that ends before it starts (a `cue-order` error) overlaps nothing: it is placed in
    // its neighbours' gap as an unreadable one is, not left without a counterpart.
    let timing = |u: &Unit| u.timing.filter(|t| t.end_ms >= t.start_ms);
    let timed = units.iter().filter(|u| timing(u).is_some()).count();
    if 2 * timed <= units.len() {
        return None;
    }
    let mut next_start = vec![None; units.len()];
    let mut next = None;
    for (k, u) in units.iter().enumerate().rev() {
        next_start[k] = next;
        if let Some(t) = timing(u) {
            next = Some(t.start_ms);
        }
    }
    let mut prev_end = None;
    let times = units
        .iter()
        .zip(next_start)
        .map(|(u, next)| match timing(u) {
            Some(t) => {
                prev_end = Some(t.end_ms);
                (t.start_ms, t.end_ms)
            }
            None => {
                let start = prev_end.or(next).unwrap_or(0);
                (start, next.unwrap_or(start).max(start))
            }
        })
        .collect();
    Some(times)
}

/// How well two cues coincide: the overlap in ms, or 1 for equal starts (zero-length cues).
fn overlap(a: Times, b: Times) -> i64 {
    let o = a.1.min(b.1) - a.0.max(b.0);
    if o > 0 {
        o
    } else if a.0 == b.0 {
        1
    } else {
        0
    }
}

/// Walk both cue lists in time order. Two cues pair when they overlap, unless one of them overlaps
/// its partner's successor more (then it has no counterpart). Linear in the number of cues.
fn pair_by_time(a: &[Times], b: &[Times]) -> Vec<Link> {
    let sc = |i: usize, j: usize| -> i64 {
        match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) => overlap(x, y),
            _ => 0,
        }
    };
    let (n, m) = (a.len(), b.len());
    let mut out = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let o = sc(i, j);
        if o > 0 {
            let diag = sc(i + 1, j + 1);
            let a_next = sc(i + 1, j);
            let b_next = sc(i, j + 1);
            if a_next > o && a_next >= diag {
                out.push((Some(i), None));
                i += 1;
            } else if b_next > o && b_next >= diag {
                out.push((None, Some(j)));
                j += 1;
            } else {
                out.push((Some(i), Some(j)));
                i += 1;
                j += 1;
            }
        } else if a[i].0 <= b[j].0 {
            out.push((Some(i), None));
            i += 1;
        } else {
            out.push((None, Some(j)));
            j += 1;
        }
    }
    out.extend((i..n).map(|i| (Some(i), None)));
    out.extend((j..m).map(|j| (None, Some(j))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timed_unit(start_ms: i64, end_ms: i64) -> Unit {
        Unit {
            segment: crate::model::Segment {
                file: 0,
                span: Span::new(0, 0),
                script: crate::script::Script::Latin,
            },
            timing: Some(Timing {
                start_ms,
                end_ms,
                span: Span::default(),
                file: 0,
            }),
        }
    }

    #[test]
    fn files_cut_alike_or_independently() {
        // Twenty-four cues of two seconds each.
        let phrases: Vec<Unit> = (0..24)
            .map(|k| timed_unit(2000 * k, 2000 * k + 2000))
            .collect();
        // Timed on the original's cues, a little late.
        let alike: Vec<Unit> = (0..24)
            .map(|k| timed_unit(2000 * k + 100, 2000 * k + 2100))
            .collect();
        let by_time = |a: &[Unit], b: &[Unit]| {
            pair_by_time(
                &pairing_times(a).expect("timed"),
                &pairing_times(b).expect("timed"),
            )
        };
        let links = by_time(&phrases, &alike);
        assert!(!timed_independently(&phrases, &alike, &links));
        // Cut by sentence: one cue for every two.
        let sentences: Vec<Unit> = (0..12)
            .map(|k| timed_unit(4000 * k, 4000 * k + 4000))
            .collect();
        let links = by_time(&phrases, &sentences);
        assert!(timed_independently(&phrases, &sentences, &links));
        // Too few pairs to judge.
        let links = by_time(&phrases[..8], &sentences[..4]);
        assert!(!timed_independently(&phrases[..8], &sentences[..4], &links));
    }

    fn srt(cues: &[(i64, i64, &str)]) -> String {
        let mut s = String::new();
        for (k, (a, b, text)) in cues.iter().enumerate() {
            let ts = |ms: i64| {
                format!(
                    "{:02}:{:02}:{:02},{:03}",
                    ms / 3_600_000,
                    ms / 60_000 % 60,
                    ms / 1000 % 60,
                    ms % 1000
                )
            };
            s += &format!("{}\n{} --> {}\n{}\n\n", k + 1, ts(*a), ts(*b), text);
        }
        s
    }

    fn shape(d: &Document) -> Vec<String> {
        d.pairs
            .iter()
            .map(|p| {
                let s = p.source.map_or("-".to_string(), |s| d.text(&s).to_string());
                let t = p.target.map_or("-".to_string(), |s| d.text(&s).to_string());
                format!("{s} | {t}")
            })
            .collect()
    }

    fn two(a: &str, b: &str) -> Document {
        parse_two(
            SourceFile::new("a.en.srt", a),
            Format::Srt,
            SourceFile::new("a.zh.srt", b),
            Format::Srt,
        )
    }

    #[test]
    fn pairs_shifted_timings_and_places_a_dropped_cue() {
        let en = srt(&[
            (1000, 2000, "One."),
            (2000, 3000, "Two."),
            (3000, 4000, "Three."),
            (4000, 5000, "Four."),
        ]);
        // Translator's timings drift by 80 ms and "Two" is missing.
        let zh = srt(&[
            (1080, 2080, "一。"),
            (3080, 4080, "三。"),
            (4080, 5080, "四。"),
        ]);
        let d = two(&en, &zh);
        assert_eq!(
            shape(&d),
            ["One. | 一。", "Two. | -", "Three. | 三。", "Four. | 四。"]
        );
        assert_eq!(d.pairs[2].target.unwrap().file, 1);
        assert_eq!(d.pairs[2].source.unwrap().file, 0);
        assert_eq!(d.cues.len(), 7);
    }

    #[test]
    fn an_extra_target_cue_is_one_sided_in_time_order() {
        let en = srt(&[(1000, 2000, "One."), (5000, 6000, "Two.")]);
        let zh = srt(&[
            (1000, 2000, "一。"),
            (3000, 4000, "多余。"),
            (5000, 6000, "二。"),
        ]);
        assert_eq!(
            shape(&two(&en, &zh)),
            ["One. | 一。", "- | 多余。", "Two. | 二。"]
        );
    }

    #[test]
    fn each_pair_has_the_timing_of_its_own_cue() {
        let span = |d: &Document, p: &Pair| {
            let t = d.timing(p).unwrap();
            (t.file, t.start_ms, t.end_ms)
        };
        // A pair with a source cue has its timing; a target-only pair its target cue's.
        let en = srt(&[(1000, 2000, "One."), (5000, 6000, "Two.")]);
        let zh = srt(&[
            (1100, 2100, "一。"),
            (3000, 4000, "多余。"),
            (5100, 6100, "二。"),
        ]);
        let d = two(&en, &zh);
        let got: Vec<_> = d.pairs.iter().map(|p| span(&d, p)).collect();
        assert_eq!(got, [(0, 1000, 2000), (1, 3000, 4000), (0, 5000, 6000)]);
        // An untimed source: the target's cues time the pairs.
        let d = parse_two(
            SourceFile::new("a.en.txt", "One.\nTwo.\n"),
            Format::Interleaved,
            SourceFile::new("a.zh.srt", zh.as_str()),
            Format::Srt,
        );
        let got: Vec<_> = d.pairs.iter().map(|p| span(&d, p)).collect();
        assert_eq!(got, [(1, 1100, 2100), (1, 3000, 4000), (1, 5100, 6100)]);
        // An unreadable timing line leaves its pair untimed.
        let d = parse_two(
            SourceFile::new("a.en.txt", "One.\n"),
            Format::Interleaved,
            SourceFile::new("a.zh.srt", "1\n00:00:01,000 --> later\n一。\n\n"),
            Format::Srt,
        );
        assert_eq!(shape(&d), ["One. | 一。"]);
        assert_eq!((d.pairs[0].timed_by, d.timing(&d.pairs[0])), (None, None));
    }

    #[test]
    fn an_unreadable_timing_line_does_not_turn_the_pairing_over_to_positions() {
        let en = srt(&[
            (0, 1000, "One."),
            (1000, 2000, "Two."),
            (2000, 3000, "Three."),
            (3000, 4000, "Four."),
            (4000, 5000, "Five."),
        ]);
        // "二" has a letter O for a zero in its timing line, and "四" was dropped.
        let zh = "1\n00:00:00,000 --> 00:00:01,000\n一。\n\n\
                  2\n00:00:01,000 --> 00:00:O2,000\n二。\n\n\
                  3\n00:00:02,000 --> 00:00:03,000\n三。\n\n\
                  5\n00:00:04,000 --> 00:00:05,000\n五。\n";
        let d = two(&en, zh);
        assert_eq!(
            shape(&d),
            [
                "One. | 一。",
                "Two. | 二。",
                "Three. | 三。",
                "Four. | -",
                "Five. | 五。"
            ]
        );
        // The untimed cue takes the gap its neighbours leave; a file mostly without timings
        // has none to take, and is paired by position.
        let times = pairing_times(
            &units(
                &SourceFile::new("a.zh.srt", zh),
                1,
                Format::Srt,
                &mut Vec::new(),
            )
            .0,
        );
        assert_eq!(
            times,
            Some(vec![(0, 1000), (1000, 2000), (2000, 3000), (4000, 5000)])
        );
        // A cue that ends before it starts takes the gap too.
        let backwards = "1\n00:00:00,000 --> 00:00:01,000\n一。\n\n\
                         2\n00:00:01,200 --> 00:00:00,500\n二。\n\n\
                         3\n00:00:02,000 --> 00:00:03,000\n三。\n";
        let d = two(&en, backwards);
        assert_eq!(
            shape(&d)[..3],
            ["One. | 一。", "Two. | 二。", "Three. | 三。"]
        );
        let mostly_unreadable = "1\n00:00:00,000 --> 0O:00:01,000\n一。\n\n\
                                 2\n00:00:01,000 --> 0O:00:02,000\n二。\n";
        let d = two(&en, mostly_unreadable);
        assert_eq!(shape(&d)[..2], ["One. | 一。", "Two. | 二。"]);
        assert!(
            d.problems
                .iter()
                .any(|p| p.message.contains("paired by position") && p.file == 1),
            "{:?}",
            d.problems
        );
    }

    #[test]
    fn a_cue_overlapping_two_prefers_the_better_one() {
        let en = srt(&[(0, 1000, "A."), (1000, 3000, "B."), (3000, 4000, "C.")]);
        // The target lost "A" and starts "B" early, overlapping A by 100 ms.
        let zh = srt(&[(900, 3000, "乙。"), (3000, 4000, "丙。")]);
        assert_eq!(shape(&two(&en, &zh)), ["A. | -", "B. | 乙。", "C. | 丙。"]);
    }

    #[test]
    fn plain_text_pairs_by_line_and_empty_cue_is_an_empty_side() {
        let d = parse_two(
            SourceFile::new("a.en.txt", "One.\n\nTwo.\nThree.\n"),
            Format::Interleaved,
            SourceFile::new("a.zh.txt", "一。\n二。\n"),
            Format::Interleaved,
        );
        assert_eq!(shape(&d), ["One. | 一。", "Two. | 二。", "Three. | -"]);
        let d = two(
            &srt(&[(0, 1000, "One.")]),
            "1\n00:00:00,000 --> 00:00:01,000\n\n",
        );
        let t = d.pairs[0].target.unwrap();
        assert!(t.span.is_empty());
        assert_eq!(t.file, 1);
    }
}
