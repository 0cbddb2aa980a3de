//! `length-ratio-outlier`: a pair whose lengths are improbable under the file's length model.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::data::{ends_on_a_clause_mark, ends_sentence};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pair;
use crate::rules::terminal_punctuation_mismatch::{Ending, ending};
use crate::script::Script;

/// See `rules/length-ratio-outlier.toml`.
pub struct LengthRatioOutlier;

static META: RuleMeta = RuleMeta {
    name: "length-ratio-outlier",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::None,
    doc: include_str!("../../rules/length-ratio-outlier.toml"),
};

/// Default |δ| above which a pair is reported (Gale & Church units; ≈ 0.3 % of clean pairs).
pub const MAX_DELTA: f64 = 3.0;

/// Lexical evidence (nats, [`crate::align::LexicalMatch::evidence`]) below which the original's words are missing
/// from the translation.
pub const LEXICAL_MISSING: f64 = -3.0;

/// Lexical evidence (nats) at or above which a too-short translation holds the usual
/// translations of its original's words: with [`MIN_CONCISE_COVERAGE`], a concise translation
/// ("要揉多久？" for "How long do you massage them for?", +4.7; "四亿，这比美国的总人口还多。"
/// for a 70-character sentence, +21.5), not a cut one, up to [`MAX_DELTA_CONCISE`]. Measured on
/// held-out podcast transcripts with planted defects: the free translations reported at δ −3.1
/// to −3.8 had +4.7 to +21.5, the planted cut and replaced translations −0.6 and below.
pub const LEXICAL_CONCISE: f64 = 4.0;

/// Least share of the original's known words ([`crate::align::LexicalMatch::coverage`]) a concise
/// translation covers. The evidence alone does not tell: the first words of a cut sentence hit
/// in a short line and outweigh the misses ("这个系统需要。" for a 100-character sentence: +4.9
/// nats, but 2 of its 6 known words); the concise translations above cover 0.57 to 1.
pub const MIN_CONCISE_COVERAGE: f64 = 0.5;

/// |δ| up to which [`LEXICAL_CONCISE`] evidence clears a too-short translation: beyond it the
/// length alone is too improbable for any wording.
pub const MAX_DELTA_CONCISE: f64 = 4.5;

/// |δ| above which a too-short translation is reported when it also stops mid-sentence while
/// its original ends one: the signature of a cut-off line.
pub const MAX_DELTA_CUT_OFF: f64 = 2.0;

/// |δ| above which a too-short translation is reported when it stops on a clause mark (，、；：)
/// while its original, of [`CLAUSE_CUT_MIN_ENGLISH`] characters or more, ends a sentence: the
/// translator's own mark says the sentence goes on, and nothing follows. Held-out family
/// transcripts cut "…do what lets the whole family rest." to "这没有唯一的正确答案，" at δ −1.7
/// and −1.3, inside the plain cut-off limit.
pub const MAX_DELTA_CLAUSE_CUT: f64 = 1.0;

/// English non-space characters from which [`MAX_DELTA_CLAUSE_CUT`] applies: a sentence with a
/// clause or two to lose, not a short line freely rendered.
pub const CLAUSE_CUT_MIN_ENGLISH: f64 = 30.0;

/// Characters by which the Chinese of a short line must fall outside its expected range to be
/// reported. A line of a few words a character or two outside its narrow range ("对！" for
/// "That's right.", "报警！" for "Call the police!") is free translation, not a dropped or added
/// clause: on clean Tatoeba such near misses were most of this rule's reports. Longer lines keep
/// the plain limit: a truncated sentence can end just below its range (19 characters where 21–50
/// are expected).
pub const MIN_EXCESS_CHARS_SHORT: f64 = 3.0;

/// English lines with fewer non-space characters than this are short ([`MIN_EXCESS_CHARS_SHORT`]):
/// a few words. Every near miss on clean Tatoeba had at most 14.
pub const SHORT_ENGLISH_CHARS: f64 = 20.0;

impl Rule for LengthRatioOutlier {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn uses_alignment(&self) -> bool {
        true
    }

    fn check_pair(&self, ctx: &Context<'_>, pair: &Pair, out: &mut Vec<Diagnostic>) {
        let (Some(source), Some(target)) = (pair.source, pair.target) else {
            return;
        };
        if target.script != Script::Han {
            return; // untranslated lines are reported by their own rules
        }
        // Independently cut cues: a pair's sides cover different stretches of speech.
        if ctx.doc.independently_timed {
            return;
        }
        let max_delta = ctx
            .settings
            .option::<f64>(META.name, "max-delta")
            .unwrap_or(MAX_DELTA);
        let analysis = ctx.alignment();
        // No limit below is under this one: most pairs are far inside it, and are turned away
        // before their texts are read.
        if analysis.delta_within(pair.index, max_delta.min(MAX_DELTA_CLAUSE_CUT)) {
            return;
        }
        let (en_text, zh_text) = (ctx.doc.text(&source), ctx.doc.text(&target));
        // A transcript line that stops on a clause mark (not a cue: a subtitle may end its
        // Chinese there while the sentence goes on in the next cue).
        let on_clause_mark = pair.timed_by.is_none() && ends_on_a_clause_mark(zh_text);
        // The limit below is never under this one.
        let floor = if on_clause_mark {
            max_delta.min(MAX_DELTA_CLAUSE_CUT)
        } else {
            max_delta.min(MAX_DELTA_CUT_OFF)
        };
        if analysis.delta_within(pair.index, floor) {
            return;
        }
        // Sound tags ("[观众起哄]" / "[Audience booing playfully]") are condensed at will.
        if is_sound_tag(en_text) && is_sound_tag(zh_text) {
            return;
        }
        let lengths = crate::align::pair_lengths(ctx.doc, pair);
        let Some(delta) = analysis.delta(lengths) else {
            return;
        };
        let cut_off =
            delta < 0.0 && ending(zh_text).0 == Ending::Open && ending(en_text).0 != Ending::Open;
        // Words of the original whose usual translations are missing from the Chinese back up a
        // short length: part of the sentence was dropped.
        // (Asked only where it can change the outcome: a short pair between the two limits.)
        let short_limit = max_delta.min(MAX_DELTA_CUT_OFF);
        // The pair's words are read once, for both questions below.
        let words = std::cell::OnceCell::new();
        let words = || *words.get_or_init(|| crate::align::lexical_match(en_text, zh_text));
        let words_missing = || delta < -short_limit && words().evidence < LEXICAL_MISSING;
        let clause_cut = on_clause_mark
            && delta < 0.0
            && ends_sentence(en_text)
            && lengths.0 >= CLAUSE_CUT_MIN_ENGLISH;
        let limit = if clause_cut {
            max_delta.min(MAX_DELTA_CLAUSE_CUT)
        } else if cut_off || words_missing() {
            max_delta.min(MAX_DELTA_CUT_OFF)
        } else {
            max_delta
        };
        if delta.abs() <= limit || analysis.in_finding(pair.index) {
            return;
        }
        // The halves of a sentence split at the wrong place: one defect, `split-sentence`'s.
        if ctx.in_reported_split(pair.index) {
            return;
        }
        // A short translation whose words answer the original's is concise, not cut.
        if !cut_off
            && (-MAX_DELTA_CONCISE..0.0).contains(&delta)
            && words().evidence >= LEXICAL_CONCISE
            && words()
                .coverage
                .is_some_and(|share| share >= MIN_CONCISE_COVERAGE)
        {
            return;
        }
        // "Nine hundred and ninety-nine dollars!" for 999美元！: the translation writes in
        // digits what the original spells out, and is as long as it should be.
        if delta < 0.0
            && let Some(digits_length) = english_length_in_digits(en_text, zh_text)
            && analysis
                .delta((digits_length, lengths.1))
                .is_some_and(|d| d.abs() <= limit)
        {
            return;
        }
        // "大约40英里（约64公里）" for "About 40 miles": the translator's conversion in brackets
        // is a note the original has no words for.
        if delta > 0.0
            && let Some(note) = bracketed_number_notes_length(en_text, zh_text)
            && analysis
                .delta((lengths.0, lengths.1 - note))
                .is_some_and(|d| d.abs() <= limit)
        {
            return;
        }
        // A sentence carried over two cues, its Chinese in its own word order: one cue's Chinese
        // short, the other's long, and the two together fit ("老看守人" / "每天傍晚都爬完全部两百级
        // 台阶。" for "Every evening the old lighthouse keeper" / "climbed all two hundred steps.").
        if reflowed_across_cues(ctx, pair, delta, limit) {
            return;
        }
        // Two parallel files: a Chinese cue that spans the next or previous English cue, left
        // without a cue of its own, translates both ("听起来不多，但一家每天飞 / 500班的航空公司……"
        // for "Sounds small," and "but an airline with 500 daily flights...").
        if delta > 0.0
            && let Some(merged) = merged_english_length(ctx.doc, pair)
            && analysis
                .delta((lengths.0 + merged, lengths.1))
                .is_some_and(|d| d.abs() <= limit)
        {
            return;
        }
        let (en, zh) = lengths;
        let (lo_exact, hi_exact) = analysis.model.expected_range(en, limit);
        // The range as the message shows it, in whole characters.
        let (lo, hi) = (lo_exact.max(1.0).ceil(), hi_exact.floor());
        if en < SHORT_ENGLISH_CHARS
            && zh > lo - MIN_EXCESS_CHARS_SHORT
            && zh < hi + MIN_EXCESS_CHARS_SHORT
        {
            return;
        }
        let (count, range) = shown_length_and_range(zh, (lo_exact, hi_exact));
        // Below `max-delta`, the hint says which evidence lowered the limit.
        let below_limit = delta.abs() <= max_delta;
        let (what, hint) = if cut_off {
            (
                "too short",
                "it stops mid-sentence: the end of the translation may be cut off",
            )
        } else if clause_cut && below_limit {
            (
                "too short",
                "it stops on a clause mark while the original ends its sentence: the end may be cut off",
            )
        } else if delta < 0.0 && below_limit {
            (
                "too short",
                "part of the translation may be missing: few of the original's words have their usual translations here",
            )
        } else if delta < 0.0 {
            ("too short", "part of the translation may be missing")
        } else {
            (
                "too long",
                "the translation may hold more than its original",
            )
        };
        out.push(
            Diagnostic::new(
                META.name,
                META.severity,
                target.file,
                target.span,
                format!(
                    "Chinese line is {what} for its original: {count} characters where {range} are expected for {} English characters (δ = {delta:+.1})",
                    en.round() as i64
                ),
            )
            .with_label(hint)
            .with_related(source.file, source.span, "the original"),
        );
    }
}

/// Whether `pair` (a cue, at `delta`) and the cue after or before it carry one sentence between
/// them, its Chinese reordered across the cue break: neither side ends a sentence at the break,
/// the neighbour's Chinese is long where this one's is short (or short where it is long), and
/// the two cues together are within `limit`. (Held-out theatre and railway subtitles: a cue of
/// 7 characters at δ −3.7 and −3.9 beside a cue that holds the rest of its sentence.)
fn reflowed_across_cues(ctx: &Context<'_>, pair: &Pair, delta: f64, limit: f64) -> bool {
    if pair.timed_by.is_none() {
        return false;
    }
    let doc = ctx.doc;
    let analysis = ctx.alignment();
    let open = |p: &Pair| {
        let (Some(en), Some(zh)) = (p.source, p.target) else {
            return false;
        };
        zh.script == Script::Han && !ends_sentence(doc.text(&en)) && !ends_sentence(doc.text(&zh))
    };
    let own = crate::align::pair_lengths(doc, pair);
    let neighbours = [
        Some(pair)
            .filter(|p| open(p))
            .and(doc.pairs.get(pair.index + 1)),
        pair.index
            .checked_sub(1)
            .and_then(|k| doc.pairs.get(k))
            .filter(|p| open(p)),
    ];
    neighbours.into_iter().flatten().any(|other| {
        let (Some(_), Some(zh)) = (other.source, other.target) else {
            return false;
        };
        let theirs = crate::align::pair_lengths(doc, other);
        zh.script == Script::Han
            && other.timed_by.is_some()
            && analysis
                .delta(theirs)
                .is_some_and(|d| d * delta.signum() < 0.0)
            && analysis
                .delta((own.0 + theirs.0, own.1 + theirs.1))
                .is_some_and(|d| d.abs() <= limit)
    })
}

/// In two parallel timed files, the English length ([`crate::align::length::english_length`]) of
/// the English cues beside `pair` (the one before and the one after) that have no Chinese cue
/// of their own and are spoken mostly while `pair`'s Chinese cue is on screen: the translator
/// merged them into it. `None` when there is none.
fn merged_english_length(doc: &crate::model::Document, pair: &Pair) -> Option<f64> {
    let target = pair.target?;
    if doc.files.len() < 2 {
        return None;
    }
    // The Chinese cue: the last cue of its file whose timing line comes before its text.
    let cues = &doc.cues;
    let first_of_file = cues.partition_point(|c| c.file < target.file);
    let end_of_file = cues.partition_point(|c| c.file <= target.file);
    let own = cues[first_of_file..end_of_file]
        .partition_point(|c| c.timing_line.start < target.span.start)
        .checked_sub(1)?;
    let (start, end) = cues[first_of_file + own].times?;
    let mut total = 0.0;
    for k in [pair.index.checked_sub(1), pair.index.checked_add(1)]
        .into_iter()
        .flatten()
    {
        let Some(other) = doc.pairs.get(k) else {
            continue;
        };
        let (Some(en), None, Some(t)) = (other.source, other.target, doc.timing(other)) else {
            continue;
        };
        let inside = (t.end_ms.min(end) - t.start_ms.max(start)).max(0);
        if 2 * inside >= (t.end_ms - t.start_ms).max(1) {
            total += crate::align::length::english_length(doc.text(&en));
        }
    }
    (total > 0.0).then_some(total)
}

/// Most characters inside a bracketed note of [`bracketed_number_notes_length`].
const MAX_NOTE_CHARS: usize = 12;

/// The length ([`crate::align::length::chinese_length`]) of the brackets in `zh` that hold a
/// short note with a number and no clause of its own ("（约64公里）", "（约35摄氏度）"), when `en`
/// has no brackets: a conversion the translator adds. `None` when there is none.
fn bracketed_number_notes_length(en: &str, zh: &str) -> Option<f64> {
    if en.contains(['(', '（']) {
        return None;
    }
    let mut total = 0.0;
    let mut rest = zh;
    while let Some(open) = rest.find(['（', '(']) {
        let after = &rest[open..];
        let inner_start = after.chars().next().map_or(1, char::len_utf8);
        let Some(close) = after[inner_start..].find(['）', ')']) else {
            break;
        };
        let inner = &after[inner_start..inner_start + close];
        let end = inner_start
            + close
            + after[inner_start + close..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
        let note = inner.chars().count() <= MAX_NOTE_CHARS
            && inner
                .chars()
                .any(|c| c.is_ascii_digit() || "一二三四五六七八九十百千万".contains(c))
            && !inner.contains(['，', '。', '、', '；', ',', ';', '？', '！']);
        if note {
            total += crate::align::length::chinese_length(&after[..end]);
        }
        rest = &after[end..];
    }
    (total > 0.0).then_some(total)
}

/// The length of `en` ([`crate::align::length::english_length`]) with each number it spells
/// out in several words ("nine hundred and ninety-nine", "twenty-five") counted as the digits
/// `zh` writes it in ("999"); `None` when there is no such number. A number of one word ("one",
/// "eighth", "January") is a word in Chinese too (一种, 第八, 1月), and is left as it is.
fn english_length_in_digits(en: &str, zh: &str) -> Option<f64> {
    let spelled: Vec<(usize, f64)> = crate::align::numbers::english_numbers(en)
        .into_iter()
        .filter_map(|m| {
            let words = en.get(m.span.clone())?;
            let value = *m.values.first()?;
            let compound = words
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b' ' || b == b'-')
                && words.contains([' ', '-']);
            (compound && value >= 1.0 && value.fract() == 0.0)
                .then(|| (crate::text::non_space_chars(words), value))
        })
        .collect();
    if spelled.is_empty() {
        return None;
    }
    let in_digits: Vec<f64> = crate::align::numbers::chinese_numbers(zh)
        .into_iter()
        .filter(|m| {
            zh.get(m.span.clone())
                .is_some_and(|t| t.bytes().all(|b| b.is_ascii_digit() || b == b','))
        })
        .filter_map(|m| m.values.first().copied())
        .collect();
    let saved: usize = spelled
        .iter()
        .filter(|(_, value)| in_digits.contains(value))
        .map(|&(length, value)| length.saturating_sub(value.log10().floor() as usize + 1))
        .sum();
    (saved > 0).then(|| crate::align::length::english_length(en) - saved as f64)
}

/// Whether a line is one bracketed note and nothing else (`[掌声]`, `(laughs)`, `【音乐】`): a
/// sound or action tag, which subtitlers word as briefly as they like on either side.
fn is_sound_tag(text: &str) -> bool {
    let t = text.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    let close = match first {
        '[' => ']',
        '(' => ')',
        '（' => '）',
        '【' => '】',
        '〔' => '〕',
        _ => return false,
    };
    t.len() > first.len_utf8()
        && t.ends_with(close)
        && !t[first.len_utf8()..t.len() - close.len_utf8()].contains(close)
}

/// A Chinese length and its expected range as a message shows them: whole characters, unless
/// the length rounds into the range. Latin letters and digits in the Chinese count half
/// (`chinese_length`), so a length just past the range can round into it; the message then
/// shows tenths ("17.4 characters where 6.6–17.3"), never a count its own range contains.
fn shown_length_and_range(zh: f64, (lo, hi): (f64, f64)) -> (String, String) {
    let lo = lo.max(1.0);
    let (whole_lo, whole_hi) = (lo.ceil(), hi.floor());
    let shown = zh.round();
    if (whole_lo..=whole_hi).contains(&shown) {
        // Tenths rounded apart: the range inwards, the length outwards.
        let up = |x: f64| (x * 10.0).ceil() / 10.0;
        let down = |x: f64| (x * 10.0).floor() / 10.0;
        let count = if zh > hi { up(zh) } else { down(zh) };
        (
            format!("{count:.1}"),
            format!("{:.1}–{:.1}", up(lo), down(hi)),
        )
    } else {
        (
            format!("{}", shown as i64),
            format!("{}–{}", whole_lo as i64, whole_hi as i64),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_spelled_in_words_is_measured_as_the_digits_the_chinese_writes() {
        // 33 characters besides spaces, of which "Ninehundredandninety-nine" (25) is 999 (3).
        let en = "Nine hundred and ninety-nine dollars!";
        assert_eq!(english_length_in_digits(en, "999美元！"), Some(33.0 - 22.0));
        // Not when the Chinese spells it too, or writes another number.
        assert_eq!(english_length_in_digits(en, "九百九十九美元！"), None);
        assert_eq!(english_length_in_digits(en, "899美元！"), None);
        // A number of one word is a word in Chinese too.
        assert_eq!(
            english_length_in_digits("It was the eighth time.", "这是第8次。"),
            None
        );
        assert_eq!(
            english_length_in_digits("Since January.", "从1月起。"),
            None
        );
    }

    #[test]
    fn sound_tags() {
        for t in [
            "[掌声]",
            "[Audience booing playfully]",
            "（笑）",
            "(laughs)",
            "【音乐】",
        ] {
            assert!(is_sound_tag(t), "{t}");
        }
        for t in ["[笑] 好吧。", "(a) and (b)", "[", "掌声", "[掌声"] {
            assert!(!is_sound_tag(t), "{t}");
        }
    }

    #[test]
    fn a_shown_length_is_never_inside_its_shown_range() {
        let shown = |zh, range| shown_length_and_range(zh, range);
        assert_eq!(shown(24.0, (6.6, 17.3)), ("24".into(), "7–17".into()));
        assert_eq!(shown(17.4, (6.6, 17.3)), ("17.4".into(), "6.6–17.3".into()));
        assert_eq!(shown(5.5, (5.8, 19.0)), ("5.5".into(), "5.8–19.0".into()));
        // Apart at one decimal too.
        assert_eq!(
            shown(28.43, (15.3, 28.37)),
            ("28.5".into(), "15.3–28.3".into())
        );
        assert_eq!(shown(6.66, (6.68, 19.0)), ("6.6".into(), "6.7–19.0".into()));
        assert_eq!(shown(1.0, (1.4, 9.5)), ("1".into(), "2–9".into()));
        assert_eq!(shown(12.5, (0.2, 9.5)), ("13".into(), "1–9".into()));
    }
}
