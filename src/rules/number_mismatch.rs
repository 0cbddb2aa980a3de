//! `number-mismatch`: the numbers of a translation differ from its original's after normalisation.

use super::{Context, FixKind, Rule, RuleMeta};
use crate::align::numbers::{
    NumberDiff, NumberMention, chinese_numbers, compare, english_numbers, small_numbers_contradict,
};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Pair, Span};

/// See `rules/number-mismatch.toml`.
pub struct NumberMismatch;

static META: RuleMeta = RuleMeta {
    name: "number-mismatch",
    severity: Severity::Warning,
    default_enabled: true,
    fix: FixKind::None,
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
/// look for.
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
    let neighbours: Vec<&Pair> = (k.saturating_sub(reach)..=k + reach)
        .filter(|&j| j != k)
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
        let one = std::slice::from_ref(m);
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
        if !ctx.alignment().numbers_may_differ(pair.index) {
            return;
        }
        let (en_text, zh_text) = (ctx.doc.text(&source), ctx.doc.text(&target));
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
            match small_numbers_contradict(&en, &zh) {
                Some(small) => diff = small,
                None => return,
            }
        }
        // A crossing or a shift moves numbers between pairs; those rules explain it.
        if ctx.alignment().in_finding(pair.index) {
            return;
        }
        if pair.timing.is_some() && reflowed_to_neighbours(ctx, pair, &en, &zh, &diff) {
            return;
        }
        let quote = |items: &[usize], ms: &[NumberMention], text: &str| {
            items
                .iter()
                .map(|&i| format!("`{}`", ms[i].text(text)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let message = match (diff.only_en.is_empty(), diff.only_zh.is_empty()) {
            (false, false) => format!(
                "numbers differ: the English has {} but the Chinese has {} instead",
                quote(&diff.only_en, &en, en_text),
                quote(&diff.only_zh, &zh, zh_text)
            ),
            (false, true) => format!(
                "number missing from the translation: the English has {}",
                quote(&diff.only_en, &en, en_text)
            ),
            _ => format!(
                "number not in the original: the Chinese has {}",
                quote(&diff.only_zh, &zh, zh_text)
            ),
        };
        let (file, span, label) = match diff.only_zh.first() {
            Some(&i) => (
                target.file,
                Span::new(
                    target.span.start + zh[i].span.start,
                    target.span.start + zh[i].span.end,
                ),
                "no matching number in the original".to_string(),
            ),
            None => (
                target.file,
                target.span,
                "this translation lacks it".to_string(),
            ),
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
