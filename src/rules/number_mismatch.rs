//! `number-mismatch`: the numbers of a translation differ from its original's after normalisation.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::align::numbers::{
    NumberDiff, NumberMention, chinese_numbers, compare, english_numbers, is_plain_count,
    is_small_count, small_numbers_contradict,
};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{Pair, Segment, Span};
use crate::script::Script;

/// The mentions that are not approximate counts: "几十" (some tens) against "a few dozen" is no
/// contradiction, though ten and twelve differ. Each comes with its index in `mentions`, so
/// that a finding quotes the mention it is about.
fn exact_counts(
    mentions: &[NumberMention],
    approximate: impl Fn(&NumberMention) -> bool,
) -> (Vec<NumberMention>, Vec<usize>) {
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !approximate(m))
        .map(|(i, m)| (m.clone(), i))
        .unzip()
}

/// Whether an English mention is an approximate count or none: "a few dozen", "several
/// hundred", "some twenty", "dozens", "about fifty", "noon". "About four days" is still four:
/// a hedged small count ([`is_small_count`]) keeps its number in translation (三天左右 for it
/// is a slip).
fn english_approximate(text: &str, m: &NumberMention) -> bool {
    let words = text.get(m.span.clone()).unwrap_or("");
    let before = text.get(..m.span.start).unwrap_or("").trim_end();
    let last_before = before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let small = m.values.first().is_some_and(|&v| is_small_count(v));
    matches!(
        last_before.as_str(),
        "few" | "several" | "some" | "many" | "nearly"
    ) || (matches!(last_before.as_str(), "about" | "around" | "roughly") && !small)
        || words.to_ascii_lowercase().ends_with("dozens")
        // Noon and midnight are times, no counts: their 12 against the 二 of 第二天 ("the next
        // day") is no contradiction.
        || words.eq_ignore_ascii_case("noon")
        || words.eq_ignore_ascii_case("midnight")
}

/// Whether a Chinese mention is an approximate count: 几十, 十几, 数十, 二十多, 三十来, 百余,
/// 约五十, 大概30. 大约三天 is still three, as "about four days" is four ([`english_approximate`]).
fn chinese_approximate(text: &str, m: &NumberMention) -> bool {
    let inside = text.get(m.span.clone()).unwrap_or("");
    let before = text.get(..m.span.start).unwrap_or("").chars().next_back();
    let after = text.get(m.span.end..).unwrap_or("").chars().next();
    let small = m.values.first().is_some_and(|&v| is_small_count(v));
    inside.contains(['几', '数', '多', '余'])
        || matches!(before, Some('几' | '数'))
        || (matches!(before, Some('约' | '概')) && !small)
        || matches!(after, Some('几' | '多' | '余' | '来'))
}

/// The whole clock time a mention is the minutes of ("7:30" for its `30`): quoted alone, "the
/// English has `30` but the Chinese has `00`" did not read as two times.
fn clock_time<'a>(text: &'a str, m: &NumberMention) -> Option<&'a str> {
    let minutes = m.text(text);
    if minutes.len() != 2 || !minutes.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let before = text.get(..m.span.start)?;
    let before = before
        .strip_suffix(':')
        .or_else(|| before.strip_suffix('：'))?;
    let hour = before.bytes().rev().take_while(u8::is_ascii_digit).count();
    (1..=2)
        .contains(&hour)
        .then(|| text.get(before.len() - hour..m.span.end))
        .flatten()
}

/// See `rules/number-mismatch.toml`.
pub struct NumberMismatch;

static META: RuleMeta = RuleMeta {
    name: "number-mismatch",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::Safe,
    doc: include_str!("../../rules/number-mismatch.toml"),
};

/// Pairs on either side of a cue in which its unmatched numbers may have been reflowed: the
/// next cue, or the next two when the files were cut into cues independently (their pairs
/// are only the cues that overlap most, and a sentence spans more of them).
fn reflow_reach(ctx: &Context<'_>) -> usize {
    if ctx.doc.independently_timed { 2 } else { 1 }
}

/// Whether every unmatched number of a subtitle pair is on the other side of a neighbouring cue
/// ([`reflow_reach`]): subtitlers move words across cue boundaries to follow the other
/// language's word order ("…a release entitled 2012-04-20" / "这次发行的标题为" + "2012年4月20日
/// …"), which moves the numbers with them. Interleaved transcripts keep one sentence a pair, and
/// a number in the neighbour's translation there is what `crossed-pair` and `alignment-shift`
/// look for. Only across a boundary where a sentence runs on.
fn reflowed_to_neighbours(
    ctx: &Context<'_>,
    pair: &Pair,
    en: &[NumberMention],
    zh: &[NumberMention],
    diff: &NumberDiff,
) -> bool {
    let k = pair.index;
    let pairs = &ctx.doc.pairs;
    let reach = reflow_reach(ctx);
    // Words move across a cue boundary only where a sentence runs on over it, on one side at
    // least: after a cue whose English and Chinese both end a sentence, nothing was moved (a
    // cue "One apple costs 2 yuan." / "一个苹果3元。" is a mismatch, whatever its neighbours
    // say). Cues cut independently are judged by overlap, not by their ends.
    let ends_both = |p: &Pair| {
        let ends = |side: Option<crate::model::Segment>| {
            side.is_some_and(|s| crate::data::ends_sentence(ctx.doc.text(&s)))
        };
        ends(p.source) && ends(p.target)
    };
    let runs_on =
        |j: usize| reach > 1 || pairs.get(j.min(k)).is_some_and(|first| !ends_both(first));
    let neighbours: Vec<&Pair> = (k.saturating_sub(reach)..=k + reach)
        .filter(|&j| j != k && runs_on(j))
        .filter_map(|j| pairs.get(j))
        .collect();
    let side_numbers = |english: bool| -> Vec<NumberMention> {
        neighbours
            .iter()
            .filter_map(|p| if english { p.source } else { p.target })
            .flat_map(|s| {
                let text = ctx.doc.text(&s);
                if english {
                    english_numbers(text)
                } else {
                    chinese_numbers(text)
                }
            })
            .collect()
    };
    let found_in = |m: &NumberMention, others: &[NumberMention], english: bool| {
        // Asked as a strong number: a weak one without a partner is never listed as missing,
        // and a small number that contradicts its pair ("three" / "五") was made strong to be
        // reported at all.
        let strong = NumberMention {
            strong: true,
            ..m.clone()
        };
        let one = std::slice::from_ref(&strong);
        if english {
            compare(one, others).only_en.is_empty()
        } else {
            compare(others, one).only_zh.is_empty()
        }
    };
    let neighbour_zh = if diff.only_en.is_empty() {
        Vec::new()
    } else {
        side_numbers(false)
    };
    let neighbour_en = if diff.only_zh.is_empty() {
        Vec::new()
    } else {
        side_numbers(true)
    };
    diff.only_en
        .iter()
        .all(|&i| found_in(&en[i], &neighbour_zh, true))
        && diff
            .only_zh
            .iter()
            .all(|&i| found_in(&zh[i], &neighbour_en, false))
}

/// The Chinese full stop, which machine translation and full-width conversion put in place of
/// a decimal point ("0。01 秒" for "0.01 seconds").
const FULL_STOP: &str = "。";

/// Whether `text` is a plain decimal: ASCII digits, a point, ASCII digits.
fn is_plain_decimal(text: &str) -> bool {
    text.split_once('.').is_some_and(|(whole, fraction)| {
        [whole, fraction]
            .iter()
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Decimals of the English written in the Chinese with a full stop for the point: byte ranges of
/// `A。B` in `zh_text` whose `A.B` is the text of an unmatched English mention, each with that
/// mention's index. Each English mention explains one such number.
fn full_stop_decimals(
    en: &[NumberMention],
    en_text: &str,
    zh_text: &str,
    diff: &NumberDiff,
) -> Vec<(std::ops::Range<usize>, usize)> {
    let mut wanted: Vec<usize> = diff
        .only_en
        .iter()
        .copied()
        .filter(|&i| is_plain_decimal(en[i].text(en_text)))
        .collect();
    let mut found = Vec::new();
    if wanted.is_empty() {
        return found;
    }
    let b = zh_text.as_bytes();
    for (at, _) in zh_text.match_indices(FULL_STOP) {
        let start = b[..at]
            .iter()
            .rposition(|c| !c.is_ascii_digit())
            .map_or(0, |i| i + 1);
        let after = at + FULL_STOP.len();
        let end = b[after..]
            .iter()
            .position(|c| !c.is_ascii_digit())
            .map_or(b.len(), |i| after + i);
        if start == at || end == after {
            continue;
        }
        let decimal = format!("{}.{}", &zh_text[start..at], &zh_text[after..end]);
        if let Some(k) = wanted.iter().position(|&i| en[i].text(en_text) == decimal) {
            found.push((start..end, wanted.remove(k)));
        }
    }
    found
}

/// The finding for a decimal written with a full stop (`range` in the Chinese segment), with a
/// safe fix: the English has the very number with a point.
fn full_stop_decimal_finding(
    target: Segment,
    zh_text: &str,
    range: std::ops::Range<usize>,
) -> Diagnostic {
    let written = &zh_text[range.clone()];
    let meant = written.replace(FULL_STOP, ".");
    let at = |offset: usize| target.span.start + offset;
    let stop = written
        .find(FULL_STOP)
        .map_or(range.start, |i| range.start + i);
    Diagnostic::new(
        META.name,
        META.severity,
        target.file,
        Span::new(at(range.start), at(range.end)),
        format!("decimal point written as a Chinese full stop: `{written}` should be `{meant}`"),
    )
    .with_label("the original has this number with a decimal point")
    .with_fix(Fix {
        applicability: Applicability::Safe,
        title: "Write the decimal point".into(),
        edits: vec![Edit {
            file: target.file,
            span: Span::new(at(stop), at(stop + FULL_STOP.len())),
            replacement: ".".into(),
        }],
    })
}

/// How many times larger than the reported number (or smaller) a vague number of the other
/// side may be and still be named as its counterpart: 18 for 8 and 六成 for 80 are slips, 两 for
/// five billion is another word.
const MAX_COUNTERPART_RATIO: f64 = 1000.0;

impl Rule for NumberMismatch {
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
        // English in the translation's slot is `untranslated-line`'s finding; its numbers are
        // not "the Chinese".
        if target.script == Script::Latin {
            return;
        }
        if !ctx.alignment().numbers_may_differ(pair.index) {
            return;
        }
        let (en_text, zh_text) = (ctx.doc.text(&source), ctx.doc.text(&target));
        // An empty translation is `missing-translation`'s: it has no numbers to compare.
        if zh_text.trim().is_empty() {
            return;
        }
        let en = english_numbers(en_text);
        let zh = chinese_numbers(zh_text);
        if en.is_empty() && zh.is_empty() {
            return;
        }
        let mut diff = compare(&en, &zh);
        if diff.is_empty() {
            // Small spelled-out numbers are too ambiguous to report alone ("一个" is often just
            // "a"), but two of them that contradict each other — "three" against "五", "second"
            // against "第三" — are a real difference.
            let ((en_exact, en_index), (zh_exact, zh_index)) = (
                exact_counts(&en, |m| english_approximate(en_text, m)),
                exact_counts(&zh, |m| chinese_approximate(zh_text, m)),
            );
            match small_numbers_contradict(&en_exact, &zh_exact) {
                Some(small) => {
                    // Quoted by their places in the lines.
                    diff = NumberDiff {
                        only_en: small.only_en.iter().map(|&i| en_index[i]).collect(),
                        only_zh: small.only_zh.iter().map(|&j| zh_index[j]).collect(),
                    };
                }
                None => return,
            }
        }
        // A decimal point that became a full stop (`0。01`) is its own finding, with a fix; the
        // numbers it explains are not reported again.
        let decimals = full_stop_decimals(&en, en_text, zh_text, &diff);
        if !decimals.is_empty() {
            for (range, _) in &decimals {
                out.push(full_stop_decimal_finding(target, zh_text, range.clone()));
            }
            let explained_zh = |k: usize| {
                decimals
                    .iter()
                    .any(|(r, _)| r.start <= zh[k].span.start && zh[k].span.end <= r.end)
            };
            let en_left = diff
                .only_en
                .iter()
                .copied()
                .filter(|&k| !decimals.iter().any(|(_, i)| *i == k));
            diff.only_en = en_left.collect();
            diff.only_zh = diff
                .only_zh
                .iter()
                .copied()
                .filter(|&k| !explained_zh(k))
                .collect();
            if diff.is_empty() {
                return;
            }
        }
        // A crossing or a shift moves numbers between pairs; those rules explain it.
        if ctx.alignment().in_finding(pair.index) {
            return;
        }
        if pair.timed_by.is_some() && reflowed_to_neighbours(ctx, pair, &en, &zh, &diff) {
            return;
        }
        // One number reported on one side only: when the other side's one vague number found no
        // partner either ("十八个小时" against "eight hours"), name it as the likely counterpart.
        // Only a plain count is named ("one" and "一" not: they are most often just "a").
        if diff.only_en.len() + diff.only_zh.len() == 1 {
            // The reported number's value: a counterpart differs from it as a slip would, not by
            // orders of magnitude ("两者", both, is no counterpart of "five billion").
            let reported = diff
                .only_en
                .first()
                .and_then(|&i| en[i].values.first())
                .or_else(|| diff.only_zh.first().and_then(|&i| zh[i].values.first()))
                .copied();
            let comparable = |v: Option<&f64>| match (v, reported) {
                (Some(&v), Some(r)) if v > 0.0 && r > 0.0 => {
                    v.max(r) / v.min(r) <= MAX_COUNTERPART_RATIO
                }
                _ => true,
            };
            let unmatched_vague = |ms: &[NumberMention], other: &[NumberMention], en_side: bool| {
                let all_strong: Vec<NumberMention> = ms
                    .iter()
                    .map(|m| NumberMention {
                        strong: true,
                        ..m.clone()
                    })
                    .collect();
                let d = if en_side {
                    compare(&all_strong, other).only_en
                } else {
                    compare(other, &all_strong).only_zh
                };
                let text = if en_side { en_text } else { zh_text };
                let vague: Vec<usize> = d
                    .iter()
                    .copied()
                    .filter(|&i| {
                        !ms[i].strong
                            && ms[i].values.first() != Some(&1.0)
                            && comparable(ms[i].values.first())
                            && is_plain_count(ms[i].text(text))
                    })
                    .collect();
                if vague.len() == 1 { vague } else { Vec::new() }
            };
            if diff.only_en.is_empty() {
                diff.only_en = unmatched_vague(&en, &zh, true).into_iter().collect();
            } else {
                diff.only_zh = unmatched_vague(&zh, &en, false).into_iter().collect();
            }
        }
        // Numbers that differ in their units' systems ("8 feet" against 8米) are quoted with their
        // units: the values alone would read alike.
        let unit_clash = diff.only_en.iter().any(|&i| {
            en[i].unit.is_some_and(|a| {
                diff.only_zh
                    .iter()
                    .any(|&j| zh[j].unit.is_some_and(|b| a.other_system(&b)))
            })
        });
        // A mention wrapped over two lines of a cue is quoted on one: English words joined by a
        // space, Chinese characters by nothing.
        let quote = |items: &[usize], ms: &[NumberMention], text: &str, joint: &str| {
            items
                .iter()
                .map(|&i| {
                    let words = if unit_clash {
                        ms[i].text_with_unit(text)
                    } else {
                        clock_time(text, &ms[i]).unwrap_or(ms[i].text(text))
                    };
                    if words.contains('\n') {
                        let lines: Vec<&str> = words.lines().map(str::trim).collect();
                        format!("`{}`", lines.join(joint))
                    } else {
                        format!("`{words}`")
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let message = match (diff.only_en.is_empty(), diff.only_zh.is_empty()) {
            (false, false) => format!(
                "numbers differ: the English has {} but the Chinese has {} instead",
                quote(&diff.only_en, &en, en_text, " "),
                quote(&diff.only_zh, &zh, zh_text, "")
            ),
            (false, true) => format!(
                "number missing from the translation: the English has {}",
                quote(&diff.only_en, &en, en_text, " ")
            ),
            _ => format!(
                "number not in the original: the Chinese has {}",
                quote(&diff.only_zh, &zh, zh_text, "")
            ),
        };
        let (file, span, label) = match diff.only_zh.first() {
            Some(&i) => (
                target.file,
                Span::new(
                    target.span.start + zh[i].span.start,
                    target.span.start + zh[i].span.end,
                ),
                "no matching number in the original",
            ),
            None => (target.file, target.span, "this translation lacks it"),
        };
        let mut d =
            Diagnostic::new(META.name, META.severity, file, span, message).with_label(label);
        for &i in &diff.only_en {
            d = d.with_related(
                source.file,
                Span::new(
                    source.span.start + en[i].span.start,
                    source.span.start + en[i].span.end,
                ),
                "not in the translation",
            );
        }
        out.push(d.with_help("check which number the speaker meant and make both sides agree"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `A。B` texts found in `zh` for the English `en`, with the English numbers they explain.
    fn found(en: &str, zh: &str) -> Vec<(String, String)> {
        let (e, z) = (english_numbers(en), chinese_numbers(zh));
        let diff = compare(&e, &z);
        full_stop_decimals(&e, en, zh, &diff)
            .into_iter()
            .map(|(r, i)| (zh[r].to_string(), e[i].text(en).to_string()))
            .collect()
    }

    #[test]
    fn only_plain_decimals_are_read_through_a_full_stop() {
        assert!(is_plain_decimal("0.01") && is_plain_decimal("12.5"));
        for text in ["12", ".5", "5.", "1,000.5", "1.2.3", "v1.2a"] {
            assert!(!is_plain_decimal(text), "{text}");
        }
    }

    #[test]
    fn full_stop_decimals_need_the_same_number_in_the_english() {
        assert_eq!(
            found("It took 0.01 seconds.", "用了 0。01 秒。"),
            [("0。01".to_string(), "0.01".to_string())]
        );
        // Each English mention explains one Chinese number; the second stays unexplained.
        assert_eq!(
            found("From 3.5 to 3.6.", "从 3。5 到 3。6，再到 3。6。").len(),
            2
        );
        // A sentence ending between two numbers, and a different decimal, are not read so.
        assert!(
            found(
                "We bought 3. Five stay home.",
                "我们买了 3 个。5 个留在家里。"
            )
            .is_empty()
        );
        assert!(found("We bought 3. 5 stay home.", "我们买了 3。5 个留在家里。").is_empty());
        assert!(found("It is 2.5 metres.", "它长 2。6 米。").is_empty());
    }
}
